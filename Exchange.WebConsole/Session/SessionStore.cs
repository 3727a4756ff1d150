using Exchange.WebConsole.Client;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace Exchange.WebConsole.Session;

/// <summary>
/// Keeps the sign-in in the tab's sessionStorage (encrypted by ASP.NET Core data protection), so that a reload, such
/// as the one a language switch makes, does not sign the user out. Closing the tab forgets it.
/// </summary>
public sealed class SessionStore(ProtectedSessionStorage storage, ConsoleSession session, ExchangeApiClient api, ConsoleOptions options)
{
    private const string Key = "exchange-console-session";

    public bool Restored { get; private set; }

    private SignInTicket? _offered;

    /// <summary>Signs in with a development token the API mints for <paramref name="participantId"/> (the embedded default).</summary>
    public async Task SignInAsync(Guid participantId)
    {
        var token = await api.MintDevTokenAsync(participantId);
        await SignInWithAsync(token.AccessToken, token.ExpiresAt);
    }

    /// <summary>
    /// The page load's OpenID Connect sign-in (<see cref="OidcSignIn"/>), which <see cref="RestoreAsync"/> takes up in
    /// preference to a stored one: it is the latest the authority issued.
    /// </summary>
    public void Offer(SignInTicket? ticket) => _offered = ticket;

    private async Task SignInWithAsync(string accessToken, DateTimeOffset expiresAt)
    {
        session.UseToken(accessToken, expiresAt);
        var me = await api.GetMeAsync();
        session.SignIn(accessToken, expiresAt, me.Participant);
        await storage.SetAsync(Key, new Stored(accessToken, expiresAt));
    }

    public async Task SignOutAsync()
    {
        session.SignOut();
        await storage.DeleteAsync(Key);
    }

    /// <summary>Forgets the stored token the API refused, so that a reload does not offer it again.</summary>
    public Task ForgetAsync() => storage.DeleteAsync(Key).AsTask();

    /// <summary>Signs the circuit in again from the stored token, if one is stored and still accepted.</summary>
    public async Task RestoreAsync()
    {
        if (Restored)
        {
            return;
        }
        try
        {
            if (_offered is { } ticket)
            {
                await SignInWithAsync(ticket.AccessToken, ticket.ExpiresAt);
                return;
            }
            if (options.UsesOpenIdConnect)
            {
                // The console's sign-in cookie decides: signed out in one tab (or expired) is signed out in all.
                await storage.DeleteAsync(Key);
                return;
            }
            var stored = await storage.GetAsync<Stored>(Key);
            if (stored is { Success: true, Value: { } value })
            {
                session.UseToken(value.AccessToken, value.ExpiresAt);
                var me = await api.GetMeAsync();
                session.SignIn(value.AccessToken, value.ExpiresAt, me.Participant);
            }
        }
        catch (Exception ex) when (ex is ApiProblemException or System.Security.Cryptography.CryptographicException)
        {
            // A token the API no longer accepts, or one protected by keys this server no longer has: sign in afresh.
            session.SignOut();
            await storage.DeleteAsync(Key);
        }
        finally
        {
            Restored = true;
        }
    }

    private sealed record Stored(string AccessToken, DateTimeOffset ExpiresAt);
}
