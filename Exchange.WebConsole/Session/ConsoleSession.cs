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

    /// <summary>
    /// The API refused the session's token (it expired, or the authority no longer accepts it): the sign-in ended
    /// without the user asking, and the sign-in page says so. Cleared by the next sign-in.
    /// </summary>
    public bool Expired { get; private set; }

    public bool IsOperator => Has("Operator");

    /// <summary>The operator and the regulator see everything.</summary>
    public bool IsStaff => Has("Operator") || Has("Regulator");

    public event Action? Changed;

    public void SignIn(string accessToken, DateTimeOffset expiresAt, Participant participant)
    {
        AccessToken = accessToken;
        ExpiresAt = expiresAt;
        Participant = participant;
        Expired = false;
        Changed?.Invoke();
    }

    /// <summary>The token alone, before the participant it names has been read with it.</summary>
    public void UseToken(string accessToken, DateTimeOffset expiresAt)
    {
        AccessToken = accessToken;
        ExpiresAt = expiresAt;
    }

    /// <summary>The API answered 401 to a call with <paramref name="accessToken"/>; a token the session no longer holds changes nothing.</summary>
    public void Expire(string accessToken)
    {
        if (AccessToken != accessToken)
        {
            return;
        }
        AccessToken = null;
        Participant = null;
        Expired = true;
        Changed?.Invoke();
    }

    public void SignOut()
    {
        AccessToken = null;
        Participant = null;
        Changed?.Invoke();
    }

    private bool Has(string role) => Participant?.Roles.Contains(role, StringComparer.OrdinalIgnoreCase) == true;
}
