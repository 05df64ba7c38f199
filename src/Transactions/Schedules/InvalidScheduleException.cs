namespace SagaBridge.Transactions.Schedules;

/// <summary>
/// The schedules file cannot be used; <see cref="Problems"/> names every bad field.
/// </summary>
public sealed class InvalidScheduleException : Exception
{
    public InvalidScheduleException()
        : this(["the schedules file is invalid"])
    {
    }

    public InvalidScheduleException(string message)
        : this([message])
    {
    }

    public InvalidScheduleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public InvalidScheduleException(IReadOnlyList<string> problems)
        : base("Invalid schedules: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem, starting with the JSON path it is about.</summary>
    public IReadOnlyList<string> Problems { get; }
}
