using Exchange.WebConsole.Client;

namespace Exchange.WebConsole.Session;

/// <summary>
/// Who is signed in to this browser tab's circuit: the bearer token the API minted and the participant it names.
/// What the participant may see is the API's to decide; the console only hides what it would refuse anyway.
/// </summary>
public sealed class ConsoleSession
{
    public string? AccessToken { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public Participant? Participant { get; private set; }

    public bool IsSignedIn => AccessToken is not null && Participant is not null;

    public bool IsOperator => Has("Operator");

    /// <summary>The operator and the regulator see everything.</summary>
    public bool IsStaff => Has("Operator") || Has("Regulator");

    public event Action? Changed;

    public void SignIn(string accessToken, DateTimeOffset expiresAt, Participant participant)
    {
        AccessToken = accessToken;
        ExpiresAt = expiresAt;
        Participant = participant;
        Changed?.Invoke();
    }

    /// <summary>The token alone, before the participant it names has been read with it.</summary>
    public void UseToken(string accessToken, DateTimeOffset expiresAt)
    {
        AccessToken = accessToken;
        ExpiresAt = expiresAt;
    }

    public void SignOut()
    {
        AccessToken = null;
        Participant = null;
        Changed?.Invoke();
    }

    private bool Has(string role) => Participant?.Roles.Contains(role, StringComparer.OrdinalIgnoreCase) == true;
}
