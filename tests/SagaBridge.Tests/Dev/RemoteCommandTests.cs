using SagaBridge.Cli.Commands;
using SagaBridge.Cli.Remote;

namespace SagaBridge.Tests.Dev;

public sealed class RemoteCommandTests(DevHostFixture dev)
    : IClassFixture<DevHostFixture>, IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly RemoteApi api = new(dev.Host.BaseUrl, key: null);

    private readonly StringWriter output = new();

    private readonly StringWriter errors = new();

    public void Dispose()
    {
        api.Dispose();
        output.Dispose();
        errors.Dispose();
    }

    [Fact]
    public async Task RunWithWaitPrintsTheStepsAsTheyChangeAndExitsZeroWhenCommitted()
    {
        var id = DevHostFixture.NewId("run");

        var exit = await RunCommand.RunAsync(
            api, new RunRequest("pipeline", null, id, Wait: true), Poll, output, errors, default);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains($"Started {id}", text);
        Assert.Contains("Committed", text);
        Assert.Matches(@"(?m)^\S+\s+b\s+Succeeded", text);
        Assert.Empty(errors.ToString());
    }

    [Fact]
    public async Task WatchExitsOneAndShowsTheCompensationWhenTheTransactionRollsBack()
    {
        var id = DevHostFixture.NewId("rollback");
        await RunCommand.RunAsync(
            api, new RunRequest("failing", null, id, false), Poll, output, errors, default);

        var exit = await WatchCommand.WatchAsync(api, id, Poll, output, errors, default);

        Assert.Equal(1, exit);
        var text = output.ToString();
        Assert.Contains("RolledBack", text);
        Assert.Matches(@"(?m)^\S+\s+x\s+Compensated", text);
        Assert.Contains("y broke", text);
    }

    [Fact]
    public async Task StatusPrintsTheStepTableOfATransaction()
    {
        var id = await dev.Http.StartAsync(DevHostFixture.Pipeline);
        await dev.Http.WaitForEndAsync(id);

        var exit = await StatusCommand.StatusAsync(api, id, output, errors, default);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n');
        Assert.StartsWith($"{id}  pipeline v1  Committed", lines[0]);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("a ", StringComparison.Ordinal)
            && l.Contains("Succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownIdPrintsTheProblemAndExitsTwo()
    {
        var exit = await StatusCommand.StatusAsync(api, "no-such-id", output, errors, default);

        Assert.Equal(2, exit);
        Assert.Equal("404: No transaction has id 'no-such-id'.", errors.ToString().Trim());
    }

    [Fact]
    public async Task InvalidInputPrintsOnePathAndMessageLinePerProblemAndExitsTwo()
    {
        var exit = await RunCommand.RunAsync(
            api,
            new RunRequest("typed", """{"rows":"many"}""", null, false),
            Poll,
            output,
            errors,
            default);

        Assert.Equal(2, exit);
        var lines = errors.ToString().Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("$.input.dataset: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("$.input.rows: ", StringComparison.Ordinal));
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task MalformedInputIsRefusedBeforeAnythingIsSent()
    {
        var exit = await RunCommand.RunAsync(
            api, new RunRequest("pipeline", "{oops", null, false), Poll, output, errors, default);

        Assert.Equal(2, exit);
        Assert.StartsWith("--input: not valid JSON", errors.ToString());
    }

    [Fact]
    public async Task CancelReportsTheRequestAndARolledBackTransactionIsListedUnderItsState()
    {
        var held = await dev.Http.StartAsync(DevHostFixture.Held);
        var failed = await dev.Http.StartAsync(DevHostFixture.Failing);
        await dev.Http.WaitForStepAsync(held, "wait", "Running");
        await dev.Http.WaitForEndAsync(failed);

        var cancelled = await CancelCommand.CancelAsync(
            api, held, "no longer needed", output, errors, default);
        var listed = await ListCommand.ListAsync(api, "RolledBack", output, errors, default);

        Assert.Equal(0, cancelled);
        Assert.Equal(0, listed);
        var lines = output.ToString().Split('\n');
        Assert.StartsWith($"Cancel requested for {held}", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(failed, StringComparison.Ordinal)
            && l.Contains("RolledBack", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith(held, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CancellingAnEndedTransactionPrintsWhyAndExitsTwo()
    {
        var id = await dev.Http.StartAsync(DevHostFixture.Pipeline);
        await dev.Http.WaitForEndAsync(id);

        var exit = await CancelCommand.CancelAsync(api, id, null, output, errors, default);

        Assert.Equal(2, exit);
        Assert.Equal(
            $"410: Transaction '{id}' has already ended as Committed.",
            errors.ToString().Trim());
    }
}
