using SagaBridge.Activities.Remote;
using SagaBridge.Transactions.Callbacks;

namespace SagaBridge.Tests.Callbacks;

public sealed class StepCallbackTokenTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-key";

    [Theory]
    [InlineData("tx-1", "train", "step", 1)]
    [InlineData("nightly-20260302T0100Z", "a.b_c-d", "compensation", 17)]
    [InlineData("x", "ünïcode step", "step", 2)]
    public void ATokenNamesExactlyTheRunItWasIssuedFor(
        string transaction,
        string step,
        string role,
        int attempt)
    {
        var key = new RemoteWorkKey(transaction, step, role, attempt);

        var token = StepCallbackToken.Sign(key, Key);
        var verified = StepCallbackToken.TryVerify(token, Key, out var read);

        Assert.True(verified);
        Assert.Equal(key, read);
        Assert.Matches("^[A-Za-z0-9._-]+$", token);
    }

    [Fact]
    public void ChangingAnyCharacterOfATokenMakesItInvalid()
    {
        var token = StepCallbackToken.Sign(new RemoteWorkKey("tx-1", "train", "step", 1), Key);

        for (var i = 0; i < token.Length; i++)
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];

            Assert.False(StepCallbackToken.TryVerify(altered, Key, out _), $"position {i}");
        }
    }

    [Fact]
    public void ATokenSignedWithAnotherKeyIsInvalid()
    {
        var token = StepCallbackToken.Sign(new RemoteWorkKey("tx-1", "train", "step", 1), Key);

        Assert.False(StepCallbackToken.TryVerify(token, Key + "-rotated", out _));
    }
}
