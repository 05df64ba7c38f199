using System.CommandLine;
using System.Text.Json.Nodes;
using SagaBridge.Cli.Remote;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge cancel &lt;id&gt;</c>: asks a running transaction to stop its remote work and
/// roll back. It returns once the request is accepted; <c>watch</c> follows the roll back.
/// </summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var remote = new RemoteOptions();
        var id = new Argument<string>("id") { Description = "The transaction id." };
        var reason = new Option<string?>("--reason")
        {
            Description = "Why, for the transaction's record.",
        };
        var command = new Command(
            "cancel",
            "Cancel a running transaction: its remote work is stopped and completed steps undone.")
        {
            id,
            reason,
        };
        remote.AddTo(command);
        command.SetAction((parse, cancellation) => remote.InvokeAsync(parse, api => CancelAsync(
            api,
            parse.GetValue(id)!,
            parse.GetValue(reason),
            Console.Out,
            Console.Error,
            cancellation)));

        return command;
    }

    public static async Task<int> CancelAsync(
        RemoteApi api,
        string id,
        string? reason,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation)
    {
        var body = reason is null ? null : new JsonObject { ["reason"] = reason };
        var answer = await api.PostAsync(
            RemoteApi.TransactionPath(id) + "/cancel",
            body,
            cancellation);
        if (!answer.IsSuccess)
        {
            return answer.PrintProblem(errors);
        }

        await output.WriteLineAsync(
            $"Cancel requested for {id}; follow the roll back with 'sagabridge watch {id}'.");

        return 0;
    }
}
