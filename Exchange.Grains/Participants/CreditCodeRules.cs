using Exchange.Grains.Common;

namespace Exchange.Grains.Participants;

/// <summary>
/// Identity numbers of domestic participants. Organisations carry an 18-character unified social credit code
/// (GB 32100-2015: check character = 31 − Σ(code value × weight) mod 31 over a 31-character alphabet without
/// I, O, Z, S, V); individuals an 18-character resident identity number (GB 11643-1999, ISO 7064 MOD 11-2).
/// Foreign participants carry their home registration number, which the exchange can only check for shape.
/// </summary>
public static class CreditCodeRules
{
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] ResidentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string ResidentIdCheck = "10X98765432";

    public const int DomesticCodeLength = 18;
    public const int MaxForeignCodeLength = 64;

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static bool IsValidUnifiedSocialCreditCode(string code)
    {
        if (code.Length != DomesticCodeLength)
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = UsccAlphabet.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }
            sum += value * UsccWeights[i];
        }
        var check = (31 - sum % 31) % 31;
        return code[17] == UsccAlphabet[check];
    }

    public static bool IsValidResidentId(string code)
    {
        if (code.Length != DomesticCodeLength)
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return false;
            }
            sum += (code[i] - '0') * ResidentIdWeights[i];
        }
        return code[17] == ResidentIdCheck[sum % 11];
    }

    /// <summary>Completes the first 17 characters of a unified social credit code with its check character.</summary>
    public static string CompleteUnifiedSocialCreditCode(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += UsccAlphabet.IndexOf(first17[i], StringComparison.Ordinal) * UsccWeights[i];
        }
        return first17 + UsccAlphabet[(31 - sum % 31) % 31];
    }

    /// <summary>Completes the first 17 digits of a resident identity number with its check character.</summary>
    public static string CompleteResidentId(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * ResidentIdWeights[i];
        }
        return first17 + ResidentIdCheck[sum % 11];
    }

    /// <summary>Checks the code for the participant's kind and residence; returns it normalized.</summary>
    public static string Validate(string? code, ParticipantKind kind, bool isDomestic)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException(DomainErrors.InvalidInput, "A credit code or identity number is required.", "creditCode");
        }
        var normalized = Normalize(code);
        if (!isDomestic)
        {
            if (normalized.Length > MaxForeignCodeLength || !normalized.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                throw new DomainException(DomainErrors.InvalidInput, $"A foreign registration number has 1–{MaxForeignCodeLength} letters, digits or hyphens.", "creditCode");
            }
            return normalized;
        }
        var valid = kind == ParticipantKind.Individual ? IsValidResidentId(normalized) : IsValidUnifiedSocialCreditCode(normalized);
        if (!valid)
        {
            var what = kind == ParticipantKind.Individual ? "resident identity number" : "unified social credit code";
            throw new DomainException(DomainErrors.InvalidInput, $"'{normalized}' is not a valid {what}: wrong length, character or check character.", "creditCode");
        }
        return normalized;
    }
}
