using System.Globalization;

namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// Splits strings into literal text and <c>{{…}}</c> templates. <c>${{…}}</c> is left alone as
/// literal text, because Azure ML pipeline jobs use that form for their own bindings.
/// </summary>
internal static class TemplateText
{
    private const string Open = "{{";
    private const string Close = "}}";

    /// <summary>Whether the string has at least one template (it may still be malformed).</summary>
    public static bool MayContainTemplates(string text) =>
        text.Contains(Open, StringComparison.Ordinal);

    /// <summary>Parses a string; on failure, <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(
        string text,
        out IReadOnlyList<TemplatePart> parts,
        out string? error)
    {
        var found = new List<TemplatePart>();
        parts = found;
        error = null;
        var literalStart = 0;
        var position = 0;
        while ((position = text.IndexOf(Open, position, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf(Close, position + Open.Length, StringComparison.Ordinal);
            if (position > 0 && text[position - 1] == '$')
            {
                position = close < 0 ? text.Length : close + Close.Length;
                continue;
            }

            if (close < 0)
            {
                error = $"'{{{{' at character {position + 1} is never closed by '}}}}'";
                return false;
            }

            var written = text[position..(close + Close.Length)];
            var expression = text[(position + Open.Length)..close].Trim();
            if (!TryParseExpression(written, expression, out var reference, out error))
            {
                return false;
            }

            if (position > literalStart)
            {
                found.Add(new TemplatePart(text[literalStart..position], null));
            }

            found.Add(new TemplatePart(null, reference));
            position = close + Close.Length;
            literalStart = position;
        }

        if (literalStart < text.Length)
        {
            found.Add(new TemplatePart(text[literalStart..], null));
        }

        return true;
    }

    /// <summary>The template when the string is exactly one template, else null.</summary>
    public static TemplateReference? AsExactTemplate(string text) =>
        TryParse(text, out var parts, out _) && parts is [{ Reference: { } only }]
            ? only
            : null;

    private static bool TryParseExpression(
        string written,
        string expression,
        out TemplateReference? reference,
        out string? error)
    {
        reference = null;
        if (expression.Length == 0)
        {
            error = $"{written} is empty; expected input.…, steps.<id>.output.…, "
                + "steps.<id>.remoteId, transaction.id or transaction.name";
            return false;
        }

        if (!TryParsePath(expression, out var root, out var path))
        {
            error = $"{written} is not a template: expected names separated by dots, with "
                + "optional [index], for example {{steps.train.output.items[0]}}";
            return false;
        }

        error = null;
        switch (root)
        {
            case "input":
                reference = new TemplateReference(written, TemplateRoot.Input, null, path);
                return true;

            case "transaction":
                return TryTransaction(written, path, out reference, out error);

            case "steps":
                return TrySteps(written, path, out reference, out error);

            default:
                error = $"{written} starts with '{root}'; expected input, steps or transaction";
                return false;
        }
    }

    private static bool TryTransaction(
        string written,
        List<TemplatePathSegment> path,
        out TemplateReference? reference,
        out string? error)
    {
        reference = null;
        error = null;
        var root = path switch
        {
            [{ Name: "id" }] => TemplateRoot.TransactionId,
            [{ Name: "name" }] => TemplateRoot.TransactionName,
            _ => (TemplateRoot?)null,
        };
        if (root is null)
        {
            error = $"{written} names nothing; expected transaction.id or transaction.name";
            return false;
        }

        reference = new TemplateReference(written, root.Value, null, []);
        return true;
    }

    private static bool TrySteps(
        string written,
        List<TemplatePathSegment> path,
        out TemplateReference? reference,
        out string? error)
    {
        reference = null;
        error = null;
        if (path is [{ Name: { } stepId }, { Name: "remoteId" }])
        {
            reference = new TemplateReference(written, TemplateRoot.StepRemoteId, stepId, []);
            return true;
        }

        if (path is [{ Name: { } id }, { Name: "output" }, ..])
        {
            reference = new TemplateReference(written, TemplateRoot.StepOutput, id, path[2..]);
            return true;
        }

        error = $"{written} names nothing; expected steps.<id>.output, steps.<id>.output.<path> "
            + "or steps.<id>.remoteId";
        return false;
    }

    // Limitation: an output member whose name has other characters (a dot, a space) cannot be
    // addressed; a quoted form such as ['a.b'] in this grammar would fix that.

    /// <summary>
    /// Reads <c>root(.name|[index])*</c>; names are letters, digits, '_' and '-'.
    /// </summary>
    private static bool TryParsePath(
        string expression,
        out string root,
        out List<TemplatePathSegment> path)
    {
        path = [];
        var position = 0;
        root = ReadName(expression, ref position);
        if (root.Length == 0)
        {
            return false;
        }

        while (position < expression.Length)
        {
            var marker = expression[position++];
            if (marker == '.')
            {
                var name = ReadName(expression, ref position);
                if (name.Length == 0)
                {
                    return false;
                }

                path.Add(new TemplatePathSegment(name, 0));
            }
            else if (marker == '[')
            {
                var start = position;
                while (position < expression.Length && char.IsAsciiDigit(expression[position]))
                {
                    position++;
                }

                var digits = expression[start..position];
                if (digits.Length is 0 or > 9 || position >= expression.Length
                    || expression[position++] != ']')
                {
                    return false;
                }

                var index = int.Parse(digits, CultureInfo.InvariantCulture);
                path.Add(new TemplatePathSegment(null, index));
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static string ReadName(string expression, ref int position)
    {
        var start = position;
        while (position < expression.Length
            && (char.IsAsciiLetterOrDigit(expression[position])
                || expression[position] is '_' or '-'))
        {
            position++;
        }

        return expression[start..position];
    }
}
