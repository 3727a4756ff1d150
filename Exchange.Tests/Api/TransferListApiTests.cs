using System.Net;
using Exchange.Api.Ledger;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Api;

/// <summary>GET /api/transfers: a participant's own transfers, paid or received, newest first; nobody else's.</summary>
[Collection(ApiCollection.Name)]
public sealed class TransferListApiTests(ApiFactory api)
{
    [Fact]
    public async Task TheCallersTransfers_AreListedOnBothSides_Paged_AndFilteredBySideAndStatus()
    {
        var (me, other) = (await api.RegisterAsync("Investor"), await api.RegisterAsync("Investor"));
        await api.DepositAsync(me, 100m);
        await api.DepositAsync(other, 100m);
        using var mine = await api.ClientForAsync(me);
        using var theirs = await api.ClientForAsync(other);
        var sent = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            var response = await mine.PostCommandAsync("/api/transfers", new { payee = other.ToString(), amount = (decimal)i, mode = "immediate" }, api.NewKey());
            sent.Add((await response.ReadAsync<TransferResponse>()).TransferId);
        }
        var held = await (await mine.PostCommandAsync("/api/transfers", new { payee = other.ToString(), amount = 4m, mode = "hold" }, api.NewKey())).ReadAsync<TransferResponse>();
        var receivedResponse = await theirs.PostCommandAsync("/api/transfers", new { payee = me.ToString(), amount = 5m, mode = "immediate" }, api.NewKey());
        var received = await receivedResponse.ReadAsync<TransferResponse>();

        var all = new List<TransferResponse>();
        string? after = null;
        do
        {
            var page = await (await mine.GetAsync("/api/transfers?limit=2" + (after is null ? "" : "&after=" + after))).ReadAsync<TransferPageResponse>();
            Assert.InRange(page.Items.Count, 1, 2);
            all.AddRange(page.Items);
            after = page.NextCursor;
        }
        while (after is not null && all.Count < 20);
        Assert.Equal([received.TransferId, held.TransferId, .. Enumerable.Reverse(sent)], all.Select(t => t.TransferId));

        var paid = await (await mine.GetAsync("/api/transfers?as=payer")).ReadAsync<TransferPageResponse>();
        Assert.Equal(4, paid.Items.Count);
        var receivedOnly = await (await mine.GetAsync("/api/transfers?as=payee")).ReadAsync<TransferPageResponse>();
        Assert.Equal(received.TransferId, Assert.Single(receivedOnly.Items).TransferId);
        var holding = await (await mine.GetAsync("/api/transfers?status=fundsReserved")).ReadAsync<TransferPageResponse>();
        Assert.Equal(held.TransferId, Assert.Single(holding.Items).TransferId);
        // The payee sees the held transfer among its own, too.
        Assert.Contains((await (await theirs.GetAsync("/api/transfers?as=payee")).ReadAsync<TransferPageResponse>()).Items, t => t.TransferId == held.TransferId);
    }

    [Fact]
    public async Task AnotherParticipantsTransfers_AreForbidden_ButStaffMayListThem()
    {
        var (me, other) = (await api.RegisterAsync("Investor"), await api.RegisterAsync("Investor"));
        await api.DepositAsync(other, 10m);
        using var theirs = await api.ClientForAsync(other);
        await theirs.PostCommandAsync("/api/transfers", new { payee = me.ToString(), amount = 1m, mode = "immediate" }, api.NewKey());
        using var stranger = await api.ClientForAsync(await api.RegisterAsync("Investor"));

        await (await stranger.GetAsync($"/api/transfers?participant={other}")).AssertProblemAsync(403, "forbidden");
        Assert.Empty((await (await stranger.GetAsync("/api/transfers")).ReadAsync<TransferPageResponse>()).Items);
        using var op = await api.OperatorAsync();
        Assert.Single((await (await op.GetAsync($"/api/transfers?participant={other}")).ReadAsync<TransferPageResponse>()).Items);
    }

    [Theory]
    [InlineData("as=owner", "as")]
    [InlineData("status=paid", "status")]
    [InlineData("after=yesterday", "after")]
    [InlineData("limit=0", "limit")]
    public async Task AQueryValueOutsideWhatTheListTakes_IsA400NamingIt(string query, string field)
    {
        using var client = await api.ClientForAsync(await api.RegisterAsync("Investor"));
        var problem = await (await client.GetAsync("/api/transfers?" + query)).AssertProblemAsync(400, "invalid-input");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
