-- Orleans 10.4.2 ADO.NET providers (invariant "Npgsql"): shared query catalogue.
--
-- Orleans reads every operational query from OrleansQuery at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery") and binds parameters by
-- name (@DeploymentId, @GrainIdHash, ...). Query keys, parameter names and
-- result column names are a contract with the 10.4.2 binaries: do not rename.
--
-- Safe to re-run: every object is created idempotently and queries are upserted.
-- Apply in order: 01-main, 02-clustering, 03-persistence, 04-reminders.

BEGIN;

-- Serialise concurrent schema applications (e.g. parallel test runs).
DO $$ BEGIN PERFORM pg_advisory_xact_lock(7345120001); END $$;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);

COMMIT;
