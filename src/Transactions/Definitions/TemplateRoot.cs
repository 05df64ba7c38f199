namespace SagaBridge.Transactions.Definitions;

/// <summary>What a template reads from.</summary>
internal enum TemplateRoot
{
    Input,
    StepOutput,
    StepRemoteId,
    TransactionId,
    TransactionName,
}
