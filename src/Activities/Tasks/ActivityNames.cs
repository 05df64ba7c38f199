namespace SagaBridge.Activities.Tasks;

/// <summary>The names orchestrators call activities by; identical in every host.</summary>
public static class ActivityNames
{
    public const string StartRemoteWork = nameof(StartRemoteWorkActivity);

    public const string ReadRemoteWork = nameof(ReadRemoteWorkActivity);

    public const string StopRemoteWork = nameof(StopRemoteWorkActivity);
}
