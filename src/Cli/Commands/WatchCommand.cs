using System.CommandLine;
using System.Globalization;
using SagaBridge.Cli.Remote;
using SagaBridge.Transactions.Saga;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge watch &lt;id&gt;</c>: prints each change of the transaction's and its steps'
/// states until it ends; exit code 0 when it committed, 1 when it ended otherwise.
/// </summary>
internal static class WatchCommand
{
    /// <summary>How often watch asks: livelier than the API's 2 s hint, for a terminal.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var remote = new RemoteOptions();
        var id = new Argument<string>("id") { Description = "The transaction id." };
        var command = new Command(
            "watch",
            "Print a transaction's step state changes until it ends (exit 0 committed, 1 not, "
            + "2 refused, 3 unreachable).")
        {
            id,
        };
        remote.AddTo(command);
        command.SetAction((parse, cancellation) => remote.InvokeAsync(parse, api => WatchAsync(
            api,
            parse.GetValue(id)!,
            PollInterval,
            Console.Out,
            Console.Error,
            cancellation)));

        return command;
    }

    public static async Task<int> WatchAsync(
        RemoteApi api,
        string id,
        TimeSpan interval,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastState = "";
        while (true)
        {
            var answer = await api.GetAsync(RemoteApi.TransactionPath(id), cancellation);
            if (!answer.IsSuccess)
            {
                return answer.PrintProblem(errors);
            }

            var view = TransactionText.Read(answer.Body);
            if (view is null)
            {
                await errors.WriteLineAsync($"{api.BaseUrl} did not answer with a transaction.");

                return 3;
            }

            if (view.State != lastState)
            {
                await output.WriteLineAsync($"{Clock()}  {TransactionText.Headline(view)}");
                lastState = view.State;
            }

            foreach (var step in view.Steps)
            {
                var line = TransactionText.StepLine(step);
                if (!seen.TryGetValue(step.Id, out var previous) || previous != line)
                {
                    seen[step.Id] = line;
                    await output.WriteLineAsync($"{Clock()}    {line}");
                }
            }

            if (view.Finished)
            {
                return view.State == nameof(TransactionState.Committed) ? 0 : 1;
            }

            await Task.Delay(interval, cancellation);
        }
    }

    private static string Clock() =>
        DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
