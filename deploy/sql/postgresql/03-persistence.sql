-- Orleans 10.4.2 grain storage (Microsoft.Orleans.Persistence.AdoNet, invariant "Npgsql").
--
-- Parameters bound by 10.4.2 (no @PayloadJson / @PayloadXml any more):
--   read : @GrainIdHash @GrainIdN0 @GrainIdN1 @GrainTypeHash @GrainTypeString
--          @GrainIdExtensionString @ServiceId
--   write: the above + @GrainStateVersion @PayloadBinary   -> column NewGrainStateVersion
--   clear/delete: the read set + @GrainStateVersion         -> first column of the first row
-- Read must return columns PayloadBinary and Version.
--
-- Concurrency contract: write/clear return the new version on success and
-- NULL / the unchanged version / no row on conflict (Orleans then raises
-- InconsistentStateException).
--
-- Safe to re-run. Requires 01-main.sql. Needs PostgreSQL 15+ (NULLS NOT DISTINCT).

BEGIN;

DO $$ BEGIN PERFORM pg_advisory_xact_lock(7345120001); END $$;

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash integer NOT NULL,
    GrainIdN0 bigint NOT NULL,
    GrainIdN1 bigint NOT NULL,
    GrainTypeHash integer NOT NULL,
    GrainTypeString varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId varchar(150) NOT NULL,
    PayloadBinary bytea NULL,
    ModifiedOn timestamp NOT NULL,
    Version integer NULL
);

-- Lookup index: the grain id/type hashes narrow the search, the clear-text
-- columns resolve hash collisions.
CREATE INDEX IF NOT EXISTS IX_OrleansStorage
    ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- At most one row per grain: makes the first (insert) write race-free
-- (two concurrent first writes -> exactly one succeeds).
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString)
    NULLS NOT DISTINCT;

-- Grains that owe follow-ups (Exchange.Grains/FollowUps/Outbox.cs). Every state write notes, in the same
-- transaction, whether the stored state still lists pending follow-ups, under the service and the owner's grain id;
-- the exchange's sweep wakes owners whose note is older than a few seconds (a crash interrupted them).
-- A development database may hold the table from before notes were kept per service: the notes are transient
-- (losing them only delays a sweep), so that shape is dropped and made again.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = 'exchange_follow_up_owners')
        AND NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'exchange_follow_up_owners' AND column_name = 'service_id') THEN
        DROP TABLE exchange_follow_up_owners;
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS exchange_follow_up_owners
(
    service_id text        NOT NULL,
    owner      text        NOT NULL,
    noted_at   timestamptz NOT NULL,
    PRIMARY KEY (service_id, owner)
);

CREATE OR REPLACE FUNCTION exchange_note_follow_ups(_ServiceId varchar, _PayloadBinary bytea)
  RETURNS void AS
$func$
DECLARE
    _state json;
    _owner text;
    _pending json;
BEGIN
    -- Only JSON states carry an outbox (the exchange writes System.Text.Json; a 0x7B byte is '{').
    IF _PayloadBinary IS NULL OR length(_PayloadBinary) = 0 OR get_byte(_PayloadBinary, 0) <> 123 THEN
        RETURN;
    END IF;
    BEGIN
        -- json rather than jsonb: nothing beyond the outbox is taken apart. Neither accepts the escaped NUL that
        -- System.Text.Json writes for a U+0000 in any text, so it is replaced first (only the note reads this copy).
        _state := replace(convert_from(_PayloadBinary, 'UTF8'), '\u0000', '\u0001')::json;
        _owner := _state #>> '{Outbox,Owner}';
        _pending := _state #> '{Outbox,Pending}';
    EXCEPTION WHEN others THEN
        -- The note must never fail the grain's write: a state it cannot read goes unnoted.
        RETURN;
    END;
    IF _owner IS NULL OR _owner = '' THEN
        RETURN;
    END IF;
    IF _pending IS NOT NULL AND json_typeof(_pending) = 'array' AND json_array_length(_pending) > 0 THEN
        INSERT INTO exchange_follow_up_owners (service_id, owner, noted_at) VALUES (_ServiceId, _owner, now())
        ON CONFLICT (service_id, owner) DO UPDATE SET noted_at = EXCLUDED.noted_at;
    ELSE
        DELETE FROM exchange_follow_up_owners WHERE service_id = _ServiceId AND owner = _owner;
    END IF;
END
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION WriteToStorage(
    _GrainIdHash integer,
    _GrainIdN0 bigint,
    _GrainIdN1 bigint,
    _GrainTypeHash integer,
    _GrainTypeString varchar,
    _GrainIdExtensionString varchar,
    _ServiceId varchar,
    _GrainStateVersion integer,
    _PayloadBinary bytea)
  RETURNS TABLE(NewGrainStateVersion integer) AS
$func$
DECLARE
    _NewGrainStateVersion integer := _GrainStateVersion;
    RowCountVar integer := 0;
BEGIN
    IF _GrainStateVersion IS NOT NULL THEN
        -- The state was read (or written) before: optimistic update on Version.
        UPDATE OrleansStorage
        SET
            PayloadBinary = _PayloadBinary,
            ModifiedOn = (now() AT TIME ZONE 'utc'),
            Version = Version + 1
        WHERE
            GrainIdHash = _GrainIdHash
            AND GrainTypeHash = _GrainTypeHash
            AND GrainIdN0 = _GrainIdN0
            AND GrainIdN1 = _GrainIdN1
            AND GrainTypeString = _GrainTypeString
            AND GrainIdExtensionString IS NOT DISTINCT FROM _GrainIdExtensionString
            AND ServiceId = _ServiceId
            AND Version = _GrainStateVersion;

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;
        IF RowCountVar > 0 THEN
            _NewGrainStateVersion := _GrainStateVersion + 1;
            PERFORM exchange_note_follow_ups(_ServiceId, _PayloadBinary);
        END IF;
    ELSE
        -- No version known: first write. Succeeds only if no row exists yet.
        INSERT INTO OrleansStorage
        (
            GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
            GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version
        )
        VALUES
        (
            _GrainIdHash, _GrainIdN0, _GrainIdN1, _GrainTypeHash, _GrainTypeString,
            _GrainIdExtensionString, _ServiceId, _PayloadBinary, (now() AT TIME ZONE 'utc'), 1
        )
        ON CONFLICT DO NOTHING;

        GET DIAGNOSTICS RowCountVar = ROW_COUNT;
        IF RowCountVar > 0 THEN
            _NewGrainStateVersion := 1;
            PERFORM exchange_note_follow_ups(_ServiceId, _PayloadBinary);
        END IF;
    END IF;

    RETURN QUERY SELECT _NewGrainStateVersion;
END
$func$ LANGUAGE plpgsql;

INSERT INTO OrleansQuery(QueryKey, QueryText) VALUES
('WriteToStorageKey', $q$
    SELECT NewGrainStateVersion FROM WriteToStorage(
        @GrainIdHash,
        @GrainIdN0,
        @GrainIdN1,
        @GrainTypeHash,
        @GrainTypeString,
        @GrainIdExtensionString,
        @ServiceId,
        @GrainStateVersion,
        @PayloadBinary
    );
$q$),
('ReadFromStorageKey', $q$
    SELECT
        PayloadBinary,
        Version
    FROM
        OrleansStorage
    WHERE
        GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
        AND ServiceId = @ServiceId
    LIMIT 1;
$q$),
-- Keeps the row (payload NULL) and bumps Version; used when DeleteStateOnClear = false.
('ClearStorageKey', $q$
    UPDATE OrleansStorage
    SET
        PayloadBinary = NULL,
        ModifiedOn = (now() AT TIME ZONE 'utc'),
        Version = Version + 1
    WHERE
        GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
        AND ServiceId = @ServiceId
        AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING Version AS NewGrainStateVersion;
$q$),
-- Removes the row; used when DeleteStateOnClear = true.
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
    WHERE
        GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString::varchar
        AND ServiceId = @ServiceId
        AND Version = @GrainStateVersion AND @GrainStateVersion IS NOT NULL
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

COMMIT;
