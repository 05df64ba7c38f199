using System.CommandLine;
using SagaBridge.Cli.Remote;

namespace SagaBridge.Cli.Commands;

/// <summary><c>sagabridge list</c>: the newest transactions, optionally in one state.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var remote = new RemoteOptions();
        var state = new Option<string?>("--state")
        {
            Description = "Only transactions in this state (Running, Committed, RolledBack, …).",
        };
        var command = new Command("list", "List transactions, newest first.")
        {
            state,
        };
        remote.AddTo(command);
        command.SetAction((parse, cancellation) => remote.InvokeAsync(parse, api => ListAsync(
            api,
            parse.GetValue(state),
            Console.Out,
            Console.Error,
            cancellation)));

        return command;
    }

    public static async Task<int> ListAsync(
        RemoteApi api,
        string? state,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation)
    {
        var path = "api/transactions?top=200"
            + (string.IsNullOrEmpty(state) ? "" : "&state=" + Uri.EscapeDataString(state));
        var answer = await api.GetAsync(path, cancellation);
        if (!answer.IsSuccess)
        {
            return answer.PrintProblem(errors);
        }

        var page = TransactionText.ReadPage(answer.Body);
        if (page is null)
        {
            await errors.WriteLineAsync($"{api.BaseUrl} did not answer with a transaction list.");

            return 3;
        }

        await output.WriteLineAsync(
            $"{"id",-34} {"definition",-20} {"state",-15} {"started",-19}  updated");
        foreach (var item in page.Items)
        {
            var started = TransactionText.Time(item.CreatedAt);
            var updated = TransactionText.Time(item.UpdatedAt);
            await output.WriteLineAsync(
                $"{item.Id,-34} {item.Definition,-20} {item.State,-15} {started,-19}  {updated}");
        }

        if (page.ContinuationToken is not null)
        {
            await output.WriteLineAsync("(more transactions exist; narrow the list with --state)");
        }

        return 0;
    }
}
