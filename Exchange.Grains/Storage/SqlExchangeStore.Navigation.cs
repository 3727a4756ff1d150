using System.Data.Common;
using System.Text;
using Exchange.Grains.Licenses;
using Exchange.Grains.Listings;
using Exchange.Grains.Navigation;

namespace Exchange.Grains.Storage;

/// <summary>Patent navigation and market data on the SQL store.</summary>
public sealed partial class SqlExchangeStore
{
    public async Task SetWakeupAsync(string grainKind, string grainKey, bool wake, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null, wake
            ? "INSERT INTO exchange_wakeups (grain_kind, grain_key) VALUES (@kind, @key) ON CONFLICT (grain_kind, grain_key) DO NOTHING"
            : "DELETE FROM exchange_wakeups WHERE grain_kind = @kind AND grain_key = @key");
        Add(command, "kind", grainKind);
        Add(command, "key", grainKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ReadWakeupsAsync(string grainKind, string afterKey, int limit, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT grain_key FROM exchange_wakeups WHERE grain_kind = @kind AND grain_key > @after ORDER BY grain_key LIMIT @limit");
        Add(command, "kind", grainKind);
        Add(command, "after", afterKey);
        Add(command, "limit", limit);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }

    public async Task<IReadOnlyList<string>> ReadUnfinishedFollowUpOwnersAsync(string serviceId, TimeSpan quietFor, string afterOwner, int limit, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null, _dialect == SqlDialect.PostgreSql
            ? "SELECT owner FROM exchange_follow_up_owners WHERE service_id = @service AND noted_at <= now() - make_interval(secs => @quiet) AND owner > @after ORDER BY owner LIMIT @limit"
            : "SELECT owner FROM exchange_follow_up_owners WHERE service_id = @service AND noted_at <= strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || @quiet || ' seconds') AND owner > @after ORDER BY owner LIMIT @limit");
        Add(command, "service", serviceId);
        Add(command, "quiet", quietFor.TotalSeconds);
        Add(command, "after", afterOwner);
        Add(command, "limit", limit);
        var owners = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners.Add(reader.GetString(0));
        }
        return owners;
    }

    private static readonly System.Text.Json.JsonSerializerOptions ArchiveJson = new();

    public async Task ArchiveOfferAsync(ArchivedOffer offer, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "INSERT INTO exchange_archived_offers (offer_id, listing_id, bidder_id, offer, archived_at) VALUES (@offer, @listing, @bidder, @json, @at) " +
            "ON CONFLICT (offer_id) DO NOTHING");
        Add(command, "offer", offer.Offer.OfferId);
        Add(command, "listing", offer.ListingId);
        Add(command, "bidder", offer.Offer.BidderId);
        Add(command, "json", System.Text.Json.JsonSerializer.Serialize(offer.Offer, ArchiveJson));
        Add(command, "at", offer.ArchivedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ArchivedOfferPage> ReadArchivedOffersAsync(Guid listingId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT seq, offer, archived_at FROM exchange_archived_offers WHERE listing_id = @listing AND seq > @after ORDER BY seq LIMIT @limit");
        Add(command, "listing", listingId);
        Add(command, "after", afterSequence);
        Add(command, "limit", limit + 1);
        var rows = new List<(long Sequence, ArchivedOffer Offer)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var snapshot = System.Text.Json.JsonSerializer.Deserialize<OfferSnapshot>(reader.GetString(1), ArchiveJson)!;
                rows.Add((Convert.ToInt64(reader.GetValue(0)), new ArchivedOffer(listingId, snapshot, ReadTimestamp(reader, 2))));
            }
        }
        return Paging.Page(rows, limit, r => r.Sequence, (page, next) => new ArchivedOfferPage(page.Select(r => r.Offer).ToArray(), next));
    }

    public async Task SetFilingAsync(Guid licenseId, DateOnly deadline, DateOnly? filedOn, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "INSERT INTO exchange_license_filings (license_id, deadline, filed_on) VALUES (@id, @deadline, @filed) " +
            "ON CONFLICT (license_id) DO UPDATE SET filed_on = excluded.filed_on");
        Add(command, "id", licenseId);
        Add(command, "deadline", deadline);
        AddTyped(command, "filed", filedOn, System.Data.DbType.Date);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OverdueFiling>> ReadOverdueFilingsAsync(DateOnly today, OverdueFiling? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT license_id, deadline FROM exchange_license_filings WHERE filed_on IS NULL AND deadline < @today" +
            (after is null ? "" : " AND (deadline > @after_deadline OR (deadline = @after_deadline AND license_id > @after_id))") +
            " ORDER BY deadline, license_id LIMIT @limit");
        Add(command, "today", today);
        if (after is not null)
        {
            Add(command, "after_deadline", after.Deadline);
            Add(command, "after_id", after.LicenseId);
        }
        Add(command, "limit", limit);
        var rows = new List<OverdueFiling>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OverdueFiling(reader.GetGuid(0), ReadDate(reader, 1)));
        }
        return rows;
    }

    public async Task UpsertListingIndexAsync(ListingIndexEntry entry, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "INSERT INTO exchange_listing_index (listing_id, status, agency_id, owner_ids, application_numbers, ipc_classes, search_text, license_type, asking_price_fen, expires_on, created_at) " +
            "VALUES (@id, @status, @agency, @owners, @numbers, @ipc, @text, @type, @price, @expires, @created) " +
            "ON CONFLICT (listing_id) DO UPDATE SET status = excluded.status, owner_ids = excluded.owner_ids, expires_on = excluded.expires_on");
        Add(command, "id", entry.ListingId);
        Add(command, "status", (short)entry.Status);
        Add(command, "agency", entry.AgencyId);
        Add(command, "owners", Tokens(entry.OwnerIds.Select(o => o.ToString("N"))));
        Add(command, "numbers", Tokens(entry.ApplicationNumbers));
        Add(command, "ipc", Tokens(entry.IpcClasses.Select(ListingIndexEntry.NormalizeIpc)));
        Add(command, "text", entry.Text);
        AddTyped(command, "type", entry.LicenseType is { } type ? (short)type : null, System.Data.DbType.Int16);
        AddTyped(command, "price", entry.AskingPriceFen, System.Data.DbType.Int64);
        Add(command, "expires", entry.ExpiresOn);
        Add(command, "created", entry.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ListingSearchPage> SearchListingsAsync(ListingQuery query, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        var sql = new StringBuilder(
            "SELECT listing_id, status, agency_id, owner_ids, application_numbers, ipc_classes, search_text, license_type, asking_price_fen, expires_on, created_at " +
            "FROM exchange_listing_index WHERE 1 = 1");
        // Only the filters given become SQL, so every parameter has a value and a type.
        if (query.Status is { } status)
        {
            sql.Append(" AND status = @status");
            Add(command, "status", (short)status);
        }
        if (query.IpcPrefix is { } ipc)
        {
            sql.Append(" AND ipc_classes LIKE @ipc ESCAPE '\\'");
            Add(command, "ipc", "% " + EscapeLike(ListingIndexEntry.NormalizeIpc(ipc)) + "%");
        }
        if (query.Keyword is { } keyword)
        {
            sql.Append(" AND search_text LIKE @keyword ESCAPE '\\'");
            Add(command, "keyword", "%" + EscapeLike(keyword.ToLowerInvariant()) + "%");
        }
        if (query.LicenseType is { } type)
        {
            sql.Append(" AND license_type = @type");
            Add(command, "type", (short)type);
        }
        if (query.MinPriceFen is { } min)
        {
            sql.Append(" AND asking_price_fen >= @min");
            Add(command, "min", min);
        }
        if (query.MaxPriceFen is { } max)
        {
            sql.Append(" AND asking_price_fen <= @max");
            Add(command, "max", max);
        }
        if (query.OwnerId is { } owner)
        {
            sql.Append(" AND owner_ids LIKE @owner");
            Add(command, "owner", "% " + owner.ToString("N") + " %");
        }
        if (query.After is { } after)
        {
            sql.Append(" AND (created_at < @after_at OR (created_at = @after_at AND listing_id < @after_id))");
            Add(command, "after_at", after.CreatedAt);
            Add(command, "after_id", after.ListingId);
        }
        sql.Append(" ORDER BY created_at DESC, listing_id DESC LIMIT @limit");
        Add(command, "limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var rows = new List<ListingIndexEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new ListingIndexEntry(
                    reader.GetGuid(0),
                    (ListingStatus)Convert.ToInt16(reader.GetValue(1)),
                    reader.GetGuid(2),
                    Split(reader.GetString(3)).Select(o => Guid.ParseExact(o, "N")).ToArray(),
                    Split(reader.GetString(4)),
                    Split(reader.GetString(5)),
                    reader.GetString(6),
                    reader.IsDBNull(7) ? null : (LicenseType)Convert.ToInt16(reader.GetValue(7)),
                    reader.IsDBNull(8) ? null : Convert.ToInt64(reader.GetValue(8)),
                    ReadDate(reader, 9),
                    ReadTimestamp(reader, 10)));
            }
        }
        return rows.Count > query.Limit
            ? new ListingSearchPage(rows[..query.Limit], new ListingCursor(rows[query.Limit - 1].CreatedAt, rows[query.Limit - 1].ListingId))
            : new ListingSearchPage(rows, null);
    }

    public async Task RecordDealAsync(DealRecord deal, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "INSERT INTO exchange_deals (deal_id, kind, application_number, ipc_subclass, price_fen, completed_at) " +
            "VALUES (@id, @kind, @number, @ipc, @price, @at) ON CONFLICT (deal_id) DO NOTHING");
        Add(command, "id", deal.DealId);
        Add(command, "kind", (short)deal.Kind);
        Add(command, "number", deal.ApplicationNumber);
        Add(command, "ipc", deal.IpcSubclass);
        Add(command, "price", deal.PriceFen);
        Add(command, "at", deal.CompletedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DealRecord>> ReadDealsAsync(string? ipcPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var lease = await OpenAsync(cancellationToken);
        await using var command = Command(lease.Connection, null,
            "SELECT deal_id, kind, application_number, ipc_subclass, price_fen, completed_at FROM exchange_deals WHERE completed_at >= @from AND completed_at < @to" +
            (ipcPrefix is null ? "" : " AND ipc_subclass LIKE @ipc ESCAPE '\\'"));
        Add(command, "from", from);
        Add(command, "to", to);
        if (ipcPrefix is not null)
        {
            Add(command, "ipc", EscapeLike(ipcPrefix) + "%");
        }
        var deals = new List<DealRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deals.Add(new DealRecord(reader.GetGuid(0), (DealKind)Convert.ToInt16(reader.GetValue(1)), reader.GetString(2), reader.GetString(3),
                Convert.ToInt64(reader.GetValue(4)), ReadTimestamp(reader, 5)));
        }
        return deals;
    }

    /// <summary>A date column: PostgreSQL returns a DateOnly, SQLite the ISO text it stored.</summary>
    private static DateOnly ReadDate(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) is DateOnly date ? date : DateOnly.Parse(reader.GetString(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static string Tokens(IEnumerable<string> values) => " " + string.Join(' ', values) + " ";

    private static string[] Split(string tokens) => tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static void AddTyped(DbCommand command, string name, object? value, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
