namespace SagaBridge.Standalone.Azurite;

/// <summary>An exclusive lock between processes, held as an open file.</summary>
internal sealed class FileLock : IAsyncDisposable
{
    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    public static async Task<FileLock> AcquireAsync(
        string path,
        TimeSpan timeout,
        CancellationToken cancellation)
    {
        var giveUpAt = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var stream = new FileStream(
                    path,
                    FileMode.OpenOrCreate,
                    FileAccess.ReadWrite,
                    FileShare.None,
                    bufferSize: 1,
                    FileOptions.DeleteOnClose);

                return new FileLock(stream);
            }
            catch (IOException) when (DateTime.UtcNow < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
            }
        }
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
