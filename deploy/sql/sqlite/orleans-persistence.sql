-- Orleans 10.4.2 grain storage on SQLite (Microsoft.Orleans.Persistence.AdoNet).
--
-- Provider invariant: "System.Data.SQLite". Orleans 10.4.2 maps that name to
-- Microsoft.Data.Sqlite (Microsoft.Data.Sqlite.SqliteFactory); the string
-- "Microsoft.Data.Sqlite" is NOT an accepted invariant.
--
-- Parameters bound by 10.4.2 (Microsoft.Data.Sqlite fails on any referenced
-- parameter that is not bound, so each query only uses what its operation binds):
--   read : @GrainIdHash @GrainIdN0 @GrainIdN1 @GrainTypeHash @GrainTypeString
--          @GrainIdExtensionString @ServiceId                -> PayloadBinary, Version
--   write: read set + @GrainStateVersion @PayloadBinary      -> NewGrainStateVersion
--   clear/delete: read set + @GrainStateVersion              -> first column of first row
--
-- Every query is ONE statement with no BEGIN/COMMIT inside it: a busy/lock wait
-- inside an explicit transaction in a query would leave the pooled connection
-- with an open transaction. A single statement runs in SQLite's implicit
-- (autocommit) transaction and is atomic on its own.
--
-- Safe to re-run on a database created by this script (IF NOT EXISTS + upserts).
-- Not meant for an OrleansStorage table created by Orleans' own Sqlite script
-- (that one lacks the WriteApplied column used below).
-- Recommended connection settings (not schema): WAL journal mode, a busy timeout.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainTypeString        TEXT NOT NULL,
    GrainIdExtensionString TEXT NULL,
    ServiceId              TEXT NOT NULL,
    PayloadBinary          BLOB NULL,
    -- Informational only (UTC).
    ModifiedOn             TEXT NOT NULL,
    -- Version of the stored payload (the grain state ETag).
    Version                INTEGER NULL,
    -- 1 if the statement that last touched the row applied its write, 0 if it
    -- was rejected by the version check. Only read back by that same statement
    -- (RETURNING), which makes the single-statement write report conflicts.
    WriteApplied           INTEGER NOT NULL DEFAULT 1
);

-- One row per grain. NULL extension keys are folded to an empty BLOB, which never
-- equals any TEXT value, so NULL and '' extension keys stay distinct.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, IFNULL(GrainIdExtensionString, X''));

-- Write = insert-or-update with optimistic concurrency, in one statement:
--   version NULL, no row         -> insert Version 1, return 1
--   version NULL, row exists     -> row untouched (flag only), return NULL  => conflict
--   version = stored Version     -> update, Version + 1, return it
--   version <> stored Version    -> row untouched (flag only), return NULL  => conflict
--   version set, row missing     -> no row returned                          => conflict
-- The conflict target must repeat the UX_OrleansStorage_Grain columns exactly
-- (X'''' inside the quoted query text is the empty blob X'').
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', '
    INSERT INTO OrleansStorage
    (
        GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
        GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version, WriteApplied
    )
    SELECT
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @PayloadBinary, strftime(''%Y-%m-%d %H:%M:%f'', ''now''), 1, 1
    WHERE @GrainStateVersion IS NULL
        OR EXISTS
        (
            SELECT 1 FROM OrleansStorage
            WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
                AND ServiceId = @ServiceId AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
                AND GrainTypeString = @GrainTypeString
                AND GrainIdExtensionString IS @GrainIdExtensionString
        )
    ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, IFNULL(GrainIdExtensionString, X''''))
    DO UPDATE SET
        PayloadBinary = CASE WHEN Version = @GrainStateVersion THEN excluded.PayloadBinary ELSE PayloadBinary END,
        ModifiedOn    = CASE WHEN Version = @GrainStateVersion THEN excluded.ModifiedOn ELSE ModifiedOn END,
        WriteApplied  = CASE WHEN Version = @GrainStateVersion THEN 1 ELSE 0 END,
        Version       = CASE WHEN Version = @GrainStateVersion THEN Version + 1 ELSE Version END
    RETURNING CASE WHEN WriteApplied = 1 THEN Version END AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT
        PayloadBinary,
        Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString IS @GrainIdExtensionString
    LIMIT 1;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Clear keeps the row (payload NULL) and bumps Version (DeleteStateOnClear = false).
-- No row returned on a version mismatch => conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ClearStorageKey', '
    UPDATE OrleansStorage
    SET
        PayloadBinary = NULL,
        ModifiedOn = strftime(''%Y-%m-%d %H:%M:%f'', ''now''),
        WriteApplied = 1,
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString IS @GrainIdExtensionString
        AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Delete removes the row (DeleteStateOnClear = true).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND ServiceId = @ServiceId AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString IS @GrainIdExtensionString
        AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Grains that owe follow-ups (Exchange.Grains/FollowUps/Outbox.cs). Every state write notes, in the same
-- statement's transaction (these triggers), whether the stored state still lists pending follow-ups, under the
-- service and the owner's grain id; the exchange's sweep wakes owners whose note is older than a few seconds (a
-- crash interrupted them). States that are not valid JSON, or carry no outbox, are left alone.
CREATE TABLE IF NOT EXISTS exchange_follow_up_owners
(
    service_id TEXT NOT NULL,
    owner      TEXT NOT NULL,
    noted_at   TEXT NOT NULL,
    PRIMARY KEY (service_id, owner)
);

-- The note itself is written in one place: an insert into this view, whose INSTEAD OF trigger replaces the owner's
-- note. The storage triggers below (one for Orleans' insert, one for its update) only hand it the new state.
DROP VIEW IF EXISTS exchange_follow_up_notes;
CREATE VIEW exchange_follow_up_notes (service_id, payload) AS SELECT NULL, NULL WHERE 0;

DROP TRIGGER IF EXISTS exchange_follow_up_note;
CREATE TRIGGER exchange_follow_up_note INSTEAD OF INSERT ON exchange_follow_up_notes
WHEN NEW.payload IS NOT NULL AND json_valid(CAST(NEW.payload AS TEXT))
    AND json_extract(CAST(NEW.payload AS TEXT), '$.Outbox.Owner') IS NOT NULL
BEGIN
    -- Delete, then insert: a conflict clause inside a trigger yields to the firing statement's, and Orleans' write
    -- is an upsert, so an INSERT OR REPLACE here would fail the grain's second write that still owes follow-ups.
    DELETE FROM exchange_follow_up_owners
    WHERE service_id = NEW.service_id AND owner = json_extract(CAST(NEW.payload AS TEXT), '$.Outbox.Owner');
    INSERT INTO exchange_follow_up_owners (service_id, owner, noted_at)
    SELECT NEW.service_id, json_extract(CAST(NEW.payload AS TEXT), '$.Outbox.Owner'), strftime('%Y-%m-%d %H:%M:%f', 'now')
    WHERE COALESCE(json_array_length(CAST(NEW.payload AS TEXT), '$.Outbox.Pending'), 0) > 0;
END;

DROP TRIGGER IF EXISTS exchange_follow_ups_after_insert;
CREATE TRIGGER exchange_follow_ups_after_insert AFTER INSERT ON OrleansStorage
BEGIN
    INSERT INTO exchange_follow_up_notes (service_id, payload) VALUES (NEW.ServiceId, NEW.PayloadBinary);
END;

DROP TRIGGER IF EXISTS exchange_follow_ups_after_update;
CREATE TRIGGER exchange_follow_ups_after_update AFTER UPDATE OF PayloadBinary ON OrleansStorage
BEGIN
    INSERT INTO exchange_follow_up_notes (service_id, payload) VALUES (NEW.ServiceId, NEW.PayloadBinary);
END;
