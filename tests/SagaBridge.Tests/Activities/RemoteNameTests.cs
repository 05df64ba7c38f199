using System.Text.RegularExpressions;
using CsCheck;
using SagaBridge.Activities.AzureMl;
using SagaBridge.Activities.Dataflow;
using SagaBridge.Activities.Remote;
using SagaBridge.Activities.Workflows;

namespace SagaBridge.Tests.Activities;

public sealed partial class RemoteNameTests
{
    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.String[0, 300],
        Gen.Const(string.Empty),
        Gen.Const("123 Étape/Ω--__..  "));

    private static readonly Gen<RemoteWorkKey> Keys =
        Gen.Select(AnyText, AnyText, Gen.OneOf(Gen.Const("step"), Gen.Const("compensation")),
                Gen.Int[1, 1000])
            .Select(parts => new RemoteWorkKey(parts.Item1, parts.Item2, parts.Item3, parts.Item4));

    [Fact]
    public void AnyKeyGivesAValidWorkflowLabelValue()
    {
        Keys.Sample(key =>
        {
            var label = WorkflowExecutionLabel.For(key).Value;

            Assert.Matches(LabelValue(), label);
            Assert.Matches(LabelValue(), WorkflowExecutionLabel.StepValue(key.StepId));
        });
    }

    [Fact]
    public void AnyKeyAndPrefixGiveAValidDataflowJobName()
    {
        Gen.Select(Keys, AnyText).Sample((key, prefix) =>
        {
            var name = DataflowJobName.For(key, prefix).Value;

            Assert.Matches(DataflowName(), name);
        });
    }

    [Fact]
    public void AnyKeyGivesAValidAzureMlJobName()
    {
        Keys.Sample(key => Assert.Matches(ArmJobName(), AzureMlJobName.For(key).Value));
    }

    [Fact]
    public void SameKeyAlwaysGivesTheSameNames()
    {
        Keys.Sample(key =>
        {
            var again = key with { TransactionId = new string(key.TransactionId.AsSpan()) };

            Assert.Equal(WorkflowExecutionLabel.For(key), WorkflowExecutionLabel.For(again));
            Assert.Equal(DataflowJobName.For(key, "p"), DataflowJobName.For(again, "p"));
            Assert.Equal(AzureMlJobName.For(key), AzureMlJobName.For(again));
        });
    }

    [Fact]
    public void AnotherAttemptOrRoleGetsAnotherName()
    {
        Keys.Sample(key =>
        {
            var nextAttempt = key with { Attempt = key.Attempt + 1 };
            var otherRole = key with { Role = key.Role == "step" ? "compensation" : "step" };

            Assert.NotEqual(
                WorkflowExecutionLabel.For(key),
                WorkflowExecutionLabel.For(nextAttempt));
            Assert.NotEqual(DataflowJobName.For(key, "p"), DataflowJobName.For(nextAttempt, "p"));
            Assert.NotEqual(AzureMlJobName.For(key), AzureMlJobName.For(nextAttempt));
            Assert.NotEqual(DataflowJobName.For(key, "p"), DataflowJobName.For(otherRole, "p"));
        });
    }

    [Fact]
    public void IdsThatOnlyShiftASeparatorGiveDifferentNames()
    {
        var first = new RemoteWorkKey("a-b", "c", "step", 1);
        var second = new RemoteWorkKey("a", "b-c", "step", 1);

        Assert.NotEqual(AzureMlJobName.For(first), AzureMlJobName.For(second));
    }

    [Fact]
    public void ReadablePartsComeFromTheStepIdOrPrefix()
    {
        var key = new RemoteWorkKey("tx", "Train Model", "step", 1);

        Assert.StartsWith("train-model-", WorkflowExecutionLabel.For(key).Value);
        Assert.StartsWith("train-model-", AzureMlJobName.For(key).Value);
        Assert.StartsWith("nightly-", DataflowJobName.For(key, "7 Nightly!").Value);
        Assert.StartsWith("sagabridge-", DataflowJobName.For(key, "42").Value);
    }

    [GeneratedRegex("^[a-z0-9_-]{0,63}$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[a-z]([-a-z0-9]{0,1022}[a-z0-9])?$")]
    private static partial Regex DataflowName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,254}$")]
    private static partial Regex ArmJobName();
}
