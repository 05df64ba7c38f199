namespace SagaBridge.Emulators.Http;

/// <summary>A request body the real API would reject as malformed (400 INVALID_ARGUMENT).</summary>
internal sealed class WireFormatException(string message) : Exception(message);
