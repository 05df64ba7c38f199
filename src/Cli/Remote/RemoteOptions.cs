using System.CommandLine;
using System.CommandLine.Parsing;

namespace SagaBridge.Cli.Remote;

/// <summary>
/// The <c>--url</c> and <c>--key</c> options every remote command shares, and the one place
/// where an unreachable instance becomes a message instead of a stack trace.
/// </summary>
internal sealed class RemoteOptions
{
    /// <summary>Where <c>sagabridge dev</c> listens by default.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071/";

    /// <summary>The environment variable that supplies the key when --key is not given.</summary>
    public const string KeyVariable = "SAGABRIDGE_KEY";

    public Option<Uri> Url { get; } = new("--url")
    {
        Description = "Base URL of the SagaBridge instance (sagabridge dev or a Function App).",
        DefaultValueFactory = _ => new Uri(DefaultUrl),
        CustomParser = ParseUrl,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"API or function key (default: the {KeyVariable} environment variable).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(KeyVariable),
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Key);
    }

    /// <summary>Runs <paramref name="action"/> against the instance the options name.</summary>
    public async Task<int> InvokeAsync(ParseResult parse, Func<RemoteApi, Task<int>> action)
    {
        using var api = new RemoteApi(parse.GetValue(Url)!, parse.GetValue(Key));
        try
        {
            return await action(api);
        }
        catch (HttpRequestException unreachable)
        {
            await Console.Error.WriteLineAsync(
                $"Cannot reach SagaBridge at {api.BaseUrl}: {unreachable.Message}");
            await Console.Error.WriteLineAsync(
                "Start one with 'sagabridge dev', or give its address with --url.");

            return 3;
        }
    }

    private static Uri? ParseUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : DefaultUrl;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        result.AddError($"--url expects an http:// or https:// address; found '{text}'.");

        return null;
    }
}
