namespace SagaBridge.Transactions.Definitions;

/// <summary>
/// A template referenced something the running transaction does not have (a missing input
/// field, a missing output member, a step without a result). The definition was valid; the data
/// was not, so retrying with the same data fails the same way.
/// </summary>
public sealed class TemplateResolutionException : Exception
{
    public TemplateResolutionException()
    {
        Template = string.Empty;
    }

    public TemplateResolutionException(string message)
        : base(message)
    {
        Template = string.Empty;
    }

    public TemplateResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Template = string.Empty;
    }

    /// <summary>Creates the exception for one template.</summary>
    /// <param name="template">The template as written, braces included.</param>
    /// <param name="message">Where the template was and which part of it is missing.</param>
    /// <param name="inner">The error that made the template fail, if any.</param>
    public TemplateResolutionException(string template, string message, Exception? inner = null)
        : base(message, inner)
    {
        Template = template;
    }

    /// <summary>The template as written, braces included, for example <c>{{input.x}}</c>.</summary>
    public string Template { get; }
}
