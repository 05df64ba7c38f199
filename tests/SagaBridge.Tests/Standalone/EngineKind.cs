namespace SagaBridge.Tests.Standalone;

public enum EngineKind
{
    AzureStorage,
    InMemory,
}
