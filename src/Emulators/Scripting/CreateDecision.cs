namespace SagaBridge.Emulators.Scripting;

/// <summary>How one newly created object behaves, decided when it is created.</summary>
internal sealed record CreateDecision(EmulatorScript Script, bool Fails, bool LoseAnswer);
