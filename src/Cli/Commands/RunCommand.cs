using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SagaBridge.Cli.Remote;

namespace SagaBridge.Cli.Commands;

/// <summary>
/// <c>sagabridge run &lt;definition&gt;</c>: starts a transaction of a definition the instance
/// has loaded. With <c>--id</c>, running the command again meets the same transaction instead
/// of starting a second one.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var remote = new RemoteOptions();
        var definition = new Argument<string>("definition")
        {
            Description = "The name of a definition the instance has loaded.",
        };
        var input = new Option<string?>("--input")
        {
            Description = "The transaction's input: JSON, or @path to a JSON file.",
        };
        var id = new Option<string?>("--id")
        {
            Description = "Transaction id to use (makes a repeated run start nothing new).",
        };
        var wait = new Option<bool>("--wait")
        {
            Description = "Follow it like 'watch' until it ends; exit 0 only when it committed.",
        };
        var command = new Command("run", "Start a transaction of a loaded definition.")
        {
            definition,
            input,
            id,
            wait,
        };
        remote.AddTo(command);
        command.SetAction((parse, cancellation) => remote.InvokeAsync(parse, api => RunAsync(
            api,
            new RunRequest(
                parse.GetValue(definition)!,
                parse.GetValue(input),
                parse.GetValue(id),
                parse.GetValue(wait)),
            WatchCommand.PollInterval,
            Console.Out,
            Console.Error,
            cancellation)));

        return command;
    }

    public static async Task<int> RunAsync(
        RemoteApi api,
        RunRequest request,
        TimeSpan pollInterval,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);

        var body = new JsonObject();
        if (request.Id is not null)
        {
            body["id"] = request.Id;
        }

        if (request.Input is not null)
        {
            if (!TryReadInput(request.Input, out var input, out var problem))
            {
                await errors.WriteLineAsync($"--input: {problem}");

                return 2;
            }

            body["input"] = input;
        }

        var answer = await api.PostAsync(
            $"api/definitions/{Uri.EscapeDataString(request.Definition)}/transactions",
            body,
            cancellation);
        if (!answer.IsSuccess || TransactionText.Read(answer.Body) is not { } view)
        {
            return answer.PrintProblem(errors);
        }

        await output.WriteLineAsync(answer.Status == 200
            ? $"{view.Id} already exists and has ended as {view.State}."
            : $"Started {view.Id} ({view.Definition}).");
        if (!request.Wait)
        {
            await output.WriteLineAsync($"Follow it with 'sagabridge watch {view.Id}'.");

            return 0;
        }

        return await WatchCommand.WatchAsync(
            api,
            view.Id,
            pollInterval,
            output,
            errors,
            cancellation);
    }

    private static bool TryReadInput(string text, out JsonNode? input, out string problem)
    {
        input = null;
        problem = "";
        try
        {
            var json = text.StartsWith('@') ? File.ReadAllText(text[1..]) : text;
            input = JsonNode.Parse(json);

            return true;
        }
        catch (Exception failure) when (failure is JsonException or IOException
            or UnauthorizedAccessException)
        {
            problem = failure is JsonException
                ? $"not valid JSON ({failure.Message})"
                : $"cannot read {text[1..]} ({failure.Message})";

            return false;
        }
    }
}
