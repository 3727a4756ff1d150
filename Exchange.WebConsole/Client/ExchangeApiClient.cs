using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Exchange.WebConsole.Session;

namespace Exchange.WebConsole.Client;

/// <summary>
/// The console's typed client of the REST API: every call is one of <see cref="ApiRoutes"/>, carries the signed-in
/// participant's bearer token, and every command its action's Idempotency-Key. A refusal becomes an
/// <see cref="ApiProblemException"/> with the API's ProblemDetails. A command that could not be confirmed (no answer,
/// or <c>503 follow-ups-pending</c>) is sent again with the same key, as the API asks.
/// </summary>
public sealed partial class ExchangeApiClient(HttpClient http, ApiAddress address, ConsoleSession session)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int CommandAttempts = 3;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<DevToken> MintDevTokenAsync(Guid participantId, CancellationToken cancel = default) =>
        await SendAsync<DevToken>(ApiRoutes.MintDevToken, [], null, new { participantId }, key: null, anonymous: true, cancel);

    public Task<Me> GetMeAsync(CancellationToken cancel = default) => GetAsync<Me>(ApiRoutes.GetMe, [], null, cancel);

    /// <param name="bearer">Another token than the session's: the sign-in page lists who may sign in with the operator's.</param>
    public Task<ListPage> ListParticipantsAsync(string? status, long? after, int limit, string? bearer = null, CancellationToken cancel = default) =>
        SendAsync<ListPage>(ApiRoutes.ListParticipants, [], Query(("status", status), ("after", Number(after)), ("limit", Number(limit))), null, null, anonymous: false, cancel, bearer);

    public Task<Participant> GetParticipantAsync(Guid participantId, CancellationToken cancel = default) =>
        GetAsync<Participant>(ApiRoutes.GetParticipant, [participantId.ToString()], null, cancel);

    public Task<Participant> DecideKycAsync(Guid participantId, string decision, string? reason, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Participant>(ApiRoutes.DecideKyc, [participantId.ToString()], null, new { decision, reason }, key, anonymous: false, cancel);

    public Task<Account> GetAccountAsync(Guid participantId, CancellationToken cancel = default) =>
        GetAsync<Account>(ApiRoutes.GetAccount, [participantId.ToString()], null, cancel);

    public Task<Statement> GetStatementAsync(Guid participantId, long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<Statement>(ApiRoutes.GetStatement, [participantId.ToString()], Query(("after", Number(after)), ("limit", Number(limit))), cancel);

    public Task<Account> DepositAsync(Guid participantId, decimal amount, string? memo, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Account>(ApiRoutes.RecordDeposit, [participantId.ToString()], null, new { amount, memo }, key, anonymous: false, cancel);

    public Task<Account> WithdrawAsync(Guid participantId, decimal amount, string? memo, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Account>(ApiRoutes.Withdraw, [participantId.ToString()], null, new { amount, memo }, key, anonymous: false, cancel);

    public Task<ListPage> ListPatentsAsync(Guid? participant, string? relation, string? status, long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<ListPage>(ApiRoutes.ListPatents, [], Query(("participant", participant?.ToString()), ("as", relation), ("status", status), ("after", Number(after)), ("limit", Number(limit))), cancel);

    /// <summary>The operator's queue: patents whose registration awaits confirmation against the patent office's record (staff see all).</summary>
    public Task<ListPage> ListRegistrationsToConfirmAsync(long? after, int limit, CancellationToken cancel = default) =>
        GetAsync<ListPage>(ApiRoutes.ListPatents, [], Query(("registration", "awaitingConfirmation"), ("after", Number(after)), ("limit", Number(limit))), cancel);

    public Task<Patent> ConfirmPatentRegistrationAsync(string applicationNumber, string? officeRecord, CommandKey key, CancellationToken cancel = default) =>
        SendAsync<Patent>(ApiRoutes.ConfirmPatentRegistration, [applicationNumber], null, new { officeRecord }, key, anonymous: false, cancel);

    public Task<Patent> GetPatentAsync(string applicationNumber, CancellationToken cancel = default) =>
        GetAsync<Patent>(ApiRoutes.GetPatent, [applicationNumber], null, cancel);

    public Task<ListingSearch> SearchListingsAsync(ListingQuery query, string? after, int limit, CancellationToken cancel = default) =>
        GetAsync<ListingSearch>(ApiRoutes.SearchListings, [], Query(("ipc", query.Ipc), ("keyword", query.Keyword), ("licenseType", query.LicenseType),
            ("minPrice", Number(query.MinPrice)), ("maxPrice", Number(query.MaxPrice)), ("after", after), ("limit", Number(limit))), cancel);

    private Task<T> GetAsync<T>(ApiRoute route, IReadOnlyList<string> path, IReadOnlyDictionary<string, string?>? query, CancellationToken cancel) =>
        SendAsync<T>(route, path, query, body: null, key: null, anonymous: false, cancel);

    private async Task<T> SendAsync<T>(ApiRoute route, IReadOnlyList<string> path, IReadOnlyDictionary<string, string?>? query, object? body, CommandKey? key, bool anonymous, CancellationToken cancel, string? bearer = null)
    {
        var uri = new Uri(address.BaseAddress, route.Resolve(path, query));
        var json = body is null ? null : JsonSerializer.Serialize(body, Json);
        if (route.Keyed && key is null)
        {
            throw new ArgumentNullException(nameof(key), $"{route.OperationId} is a command: it is sent with its action's Idempotency-Key.");
        }
        var idempotencyKey = route.Keyed ? key!.For(json ?? "") : null;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), uri);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }
            if (idempotencyKey is not null)
            {
                request.Headers.Add(IdempotencyHeader, idempotencyKey);
            }
            var sessionToken = anonymous || bearer is not null ? null : session.AccessToken;
            if (!anonymous && (bearer ?? sessionToken) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancel);
            }
            catch (HttpRequestException) when (attempt < CommandAttempts && idempotencyKey is not null)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancel);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new ApiProblemException(ApiProblem.Unreachable(ex.Message));
            }
            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    var result = await response.Content.ReadFromJsonAsync<T>(Json, cancel)
                        ?? throw new ApiProblemException(ApiProblem.Unreachable($"{route.OperationId} answered without a body."));
                    key?.Completed();
                    return result;
                }
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && idempotencyKey is not null && attempt < CommandAttempts)
                {
                    // The change is recorded; the same key confirms it once its follow-ups are carried out.
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    await Task.Delay(wait > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : wait, cancel);
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.Unauthorized && sessionToken is not null)
                {
                    // The session's token expired (or is no longer accepted): the circuit is signed out, and the layout
                    // takes the user to the sign-in page. The caller still gets the refusal, so nothing waits on an answer.
                    session.Expire(sessionToken);
                }
                throw new ApiProblemException(await ReadProblemAsync(response, cancel));
            }
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        var status = (int)response.StatusCode;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ProblemBody>(Json, cancel);
            if (body is not null)
            {
                return new ApiProblem(status, body.Type ?? "about:blank", body.Title ?? response.ReasonPhrase ?? status.ToString(), body.Detail,
                    body.Errors ?? new Dictionary<string, string[]>());
            }
        }
        catch (JsonException)
        {
            // Not ProblemDetails (a proxy's page): the status is all there is to say.
        }
        return new ApiProblem(status, "about:blank", response.ReasonPhrase ?? status.ToString(), null, new Dictionary<string, string[]>());
    }

    private static Dictionary<string, string?> Query(params (string Name, string? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private static string? Number(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record ProblemBody(string? Type, string? Title, int? Status, string? Detail, Dictionary<string, string[]>? Errors);
}
