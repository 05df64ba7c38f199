using System.CommandLine;
using SagaBridge.Cli.Remote;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge status &lt;id&gt;</c>: one transaction's state, steps and compensations.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var remote = new RemoteOptions();
        var id = new Argument<string>("id") { Description = "The transaction id." };
        var command = new Command(
            "status",
            "Show a transaction's state, its steps and its compensation path.")
        {
            id,
        };
        remote.AddTo(command);
        command.SetAction((parse, cancellation) => remote.InvokeAsync(parse, api => StatusAsync(
            api,
            parse.GetValue(id)!,
            Console.Out,
            Console.Error,
            cancellation)));

        return command;
    }

    public static async Task<int> StatusAsync(
        RemoteApi api,
        string id,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation)
    {
        var answer = await api.GetAsync(RemoteApi.TransactionPath(id), cancellation);
        if (!answer.IsSuccess)
        {
            return answer.PrintProblem(errors);
        }

        if (TransactionText.Read(answer.Body) is not { } view)
        {
            await errors.WriteLineAsync($"{api.BaseUrl} did not answer with a transaction.");

            return 3;
        }

        TransactionText.PrintStatus(view, output);

        return 0;
    }
}
