using System.Net;
using System.Text;
using SagaBridge.Emulators;

namespace SagaBridge.Tests.Emulators;

public sealed class EmulatorServerTests
{
    [Fact]
    public async Task ServerAnnouncesItsAddressAndAnswersUntilCancelled()
    {
        var output = new AnnouncementWriter();
        using var stop = new CancellationTokenSource();

        var running = EmulatorServer.RunAsync(0, output, stop.Token);
        var line = await output.FirstLine.WaitAsync(TimeSpan.FromSeconds(20));
        var baseUrl = new Uri(line["Emulators listening on ".Length..]);
        var answer = await new CloudCall(baseUrl).GetAsync("_emulator/records");
        await stop.CancelAsync();
        await running;

        Assert.Matches(@"^Emulators listening on http://127\.0\.0\.1:\d+/$", line);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task StartingOnAPortInUseFails()
    {
        await using var first = await CloudEmulator.StartAsync();

        var second = () => CloudEmulator.StartAsync(first.BaseUrl.Port);

        await Assert.ThrowsAnyAsync<IOException>(second);
    }

    private sealed class AnnouncementWriter : TextWriter
    {
        private readonly StringBuilder line = new();
        private readonly TaskCompletionSource<string> first =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => first.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (line)
            {
                if (value == '\n')
                {
                    first.TrySetResult(line.ToString().TrimEnd('\r'));
                    return;
                }

                line.Append(value);
            }
        }
    }
}
