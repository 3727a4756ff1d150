-- The exchange's own tables (ledger, transfers, audit, idempotency) for the embedded SQLite file. Safe to re-run.
CREATE TABLE IF NOT EXISTS exchange_postings (
    posting_id  TEXT    PRIMARY KEY,
    kind        INTEGER NOT NULL,
    transfer_id BLOB    NULL,
    memo        TEXT    NOT NULL,
    actor_id    BLOB    NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE TABLE IF NOT EXISTS exchange_posting_lines (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    posting_id  TEXT    NOT NULL,
    account_id  TEXT    NOT NULL,
    bucket      INTEGER NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen <> 0)
);
CREATE INDEX IF NOT EXISTS ix_exchange_lines_account ON exchange_posting_lines (account_id, seq, bucket, amount_fen);

CREATE TABLE IF NOT EXISTS exchange_account_fences (
    account_id  TEXT    PRIMARY KEY,
    version     INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS exchange_transfers (
    transfer_id   BLOB    PRIMARY KEY,
    payer_account TEXT    NOT NULL,
    payee_account TEXT    NOT NULL,
    amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
    mode          INTEGER NOT NULL,
    status        INTEGER NOT NULL,
    request_hash  TEXT    NOT NULL,
    requested_by  BLOB    NOT NULL,
    memo          TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    controlled_by TEXT    NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_transfers_reserved ON exchange_transfers (payer_account) WHERE status = 1;
-- Each account's transfers, newest first, on either side (GET /api/transfers; SqlExchangeStore.Transfers.cs).
CREATE INDEX IF NOT EXISTS ix_exchange_transfers_payer ON exchange_transfers (payer_account, created_at DESC, transfer_id DESC);
CREATE INDEX IF NOT EXISTS ix_exchange_transfers_payee ON exchange_transfers (payee_account, created_at DESC, transfer_id DESC);
CREATE INDEX IF NOT EXISTS ix_exchange_transfers_stalled ON exchange_transfers (updated_at) WHERE status = 1 AND mode = 0;

CREATE TABLE IF NOT EXISTS exchange_audit (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id   TEXT    NOT NULL UNIQUE,
    object_id  TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    actor_id   BLOB    NOT NULL,
    at         TEXT    NOT NULL,
    details    TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_audit_object ON exchange_audit (object_id, seq);

CREATE TABLE IF NOT EXISTS exchange_idempotency (
    scope         TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    request_hash  TEXT    NOT NULL,
    status_code   INTEGER NOT NULL,
    response_body TEXT    NOT NULL,
    location      TEXT    NULL,
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE IF NOT EXISTS exchange_listing_index (
    listing_id          BLOB    PRIMARY KEY,
    status              INTEGER NOT NULL,
    agency_id           BLOB    NOT NULL,
    owner_ids           TEXT    NOT NULL,
    application_numbers TEXT    NOT NULL,
    ipc_classes         TEXT    NOT NULL,
    search_text         TEXT    NOT NULL,
    license_type        INTEGER NULL,
    asking_price_fen    INTEGER NULL,
    expires_on          TEXT    NOT NULL,
    created_at          TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_listing_index_newest ON exchange_listing_index (created_at DESC, listing_id DESC);

CREATE TABLE IF NOT EXISTS exchange_deals (
    deal_id            BLOB    PRIMARY KEY,
    kind               INTEGER NOT NULL,
    application_number TEXT    NOT NULL,
    ipc_subclass       TEXT    NOT NULL,
    price_fen          INTEGER NOT NULL,
    completed_at       TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_deals_subclass ON exchange_deals (ipc_subclass, completed_at);

CREATE TABLE IF NOT EXISTS exchange_wakeups (
    grain_kind TEXT NOT NULL,
    grain_key  TEXT NOT NULL,
    PRIMARY KEY (grain_kind, grain_key)
);

CREATE TABLE IF NOT EXISTS exchange_license_filings (
    license_id BLOB PRIMARY KEY,
    deadline   TEXT NOT NULL,
    filed_on   TEXT NULL
);

-- Grains that owe follow-ups: written by the grain storage's triggers (orleans-persistence.sql, which also
-- creates it); created here too so that the exchange's store can read it from a file without Orleans' tables.
CREATE TABLE IF NOT EXISTS exchange_follow_up_owners (
    service_id TEXT NOT NULL,
    owner      TEXT NOT NULL,
    noted_at   TEXT NOT NULL,
    PRIMARY KEY (service_id, owner)
);

-- Closed offers moved out of their listing's live state (Exchange.Grains/Listings/ListingRules.cs): still readable.
CREATE TABLE IF NOT EXISTS exchange_archived_offers (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    offer_id    BLOB    NOT NULL UNIQUE,
    listing_id  BLOB    NOT NULL,
    bidder_id   BLOB    NOT NULL,
    offer       TEXT    NOT NULL,
    archived_at TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_archived_offers_listing ON exchange_archived_offers (listing_id, seq);

-- The lists of each kind of object, and whom each object concerns (Exchange.Grains/Lists): kept by the
-- objects' follow-ups; seq orders a list newest first and is the cursor of its pages.
CREATE TABLE IF NOT EXISTS exchange_directory (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL,
    object_id  TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    UNIQUE (kind, object_id)
);
CREATE INDEX IF NOT EXISTS ix_exchange_directory_kind ON exchange_directory (kind, seq);

CREATE TABLE IF NOT EXISTS exchange_directory_parties (
    kind      TEXT    NOT NULL,
    object_id TEXT    NOT NULL,
    party     TEXT    NOT NULL,
    relation  TEXT    NOT NULL,
    lasting   INTEGER NOT NULL,
    PRIMARY KEY (kind, object_id, party, relation)
);
CREATE INDEX IF NOT EXISTS ix_exchange_directory_parties_party ON exchange_directory_parties (party, kind, relation);

-- Ledger snapshots (balances, totals) --------------------------------------------------------------------------
-- Each account's running balance, written in the same transaction as every posting (see the PostgreSQL script
-- for shards and versions; with one writer, SQLite keeps every account on shard 0).
CREATE TABLE IF NOT EXISTS exchange_account_balances (
    account_id    TEXT    NOT NULL,
    shard         INTEGER NOT NULL,
    available_fen INTEGER NOT NULL,
    reserved_fen  INTEGER NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 0),
    PRIMARY KEY (account_id, shard)
);

CREATE TABLE IF NOT EXISTS exchange_schema_steps (
    step       TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
);

-- Existing files: backfilled once from the lines (and the fence versions from exchange_account_fences, no longer
-- written). The step row makes every later start skip the pass over the history: the NOT EXISTS is a constant
-- that SQLite evaluates before it reads a line. One process owns the file, so nothing writes in between.
INSERT INTO exchange_account_balances (account_id, shard, available_fen, reserved_fen, version)
SELECT l.account_id, 0,
       COALESCE(SUM(CASE WHEN l.bucket = 0 THEN l.amount_fen END), 0),
       COALESCE(SUM(CASE WHEN l.bucket = 1 THEN l.amount_fen END), 0),
       COALESCE((SELECT f.version FROM exchange_account_fences f WHERE f.account_id = l.account_id), 0)
FROM exchange_posting_lines l
WHERE NOT EXISTS (SELECT 1 FROM exchange_schema_steps WHERE step = 'account-balances-backfill')
GROUP BY l.account_id
ON CONFLICT (account_id, shard) DO NOTHING;
INSERT OR IGNORE INTO exchange_schema_steps (step, applied_at) VALUES ('account-balances-backfill', datetime('now'));

-- Idempotency records are purged oldest first once they pass their retention (IdempotencyExpiryService).
CREATE INDEX IF NOT EXISTS ix_exchange_idempotency_created ON exchange_idempotency (created_at);
