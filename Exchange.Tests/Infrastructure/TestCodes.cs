namespace Exchange.Tests.Infrastructure;

public static class TestCodes
{
    /// <summary>A valid unified social credit code, different on every call, for registering test participants.</summary>
    public static string NewCreditCode() =>
        Grains.Participants.CreditCodeRules.CompleteUnifiedSocialCreditCode("91110108" + Random.Shared.NextInt64(100_000_000, 999_999_999));
}
