-- The exchange's own tables (ledger, transfers, audit, idempotency) for PostgreSQL. Safe to re-run.
CREATE TABLE IF NOT EXISTS exchange_postings (
    posting_id  text        PRIMARY KEY,
    kind        smallint    NOT NULL,
    transfer_id uuid        NULL,
    memo        text        NOT NULL,
    actor_id    uuid        NOT NULL,
    created_at  timestamptz NOT NULL
);

-- No primary key: lines are only ever read by account in sequence order (the index below) or summed, and
-- every index costs each of the two lines of every ledger step an insertion.
CREATE TABLE IF NOT EXISTS exchange_posting_lines (
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    posting_id  text        NOT NULL,
    account_id  text        NOT NULL,
    bucket      smallint    NOT NULL,
    amount_fen  bigint      NOT NULL CHECK (amount_fen <> 0)
);
CREATE INDEX IF NOT EXISTS ix_exchange_lines_account ON exchange_posting_lines (account_id, seq) INCLUDE (bucket, amount_fen);

-- One row per account that has ever been debited: the optimistic-concurrency fence of its grain.
CREATE TABLE IF NOT EXISTS exchange_account_fences (
    account_id  text        PRIMARY KEY,
    version     bigint      NOT NULL
);

CREATE TABLE IF NOT EXISTS exchange_transfers (
    transfer_id   uuid        PRIMARY KEY,
    payer_account text        NOT NULL,
    payee_account text        NOT NULL,
    amount_fen    bigint      NOT NULL CHECK (amount_fen > 0),
    mode          smallint    NOT NULL,
    status        smallint    NOT NULL,
    request_hash  text        NOT NULL,
    requested_by  uuid        NOT NULL,
    memo          text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    controlled_by text        NULL
);
-- Added after the first release of this table; a no-op where the column exists.
ALTER TABLE exchange_transfers ADD COLUMN IF NOT EXISTS controlled_by text NULL;
-- Only transfers with funds reserved are indexed (status 1): few at any time, and both the account's
-- reservations at activation and the recovery sweep read nothing else.
CREATE INDEX IF NOT EXISTS ix_exchange_transfers_reserved ON exchange_transfers (payer_account) WHERE status = 1;
-- Each account's transfers, newest first, on either side (GET /api/transfers; SqlExchangeStore.Transfers.cs).
CREATE INDEX IF NOT EXISTS ix_exchange_transfers_payer ON exchange_transfers (payer_account, created_at DESC, transfer_id DESC);
CREATE INDEX IF NOT EXISTS ix_exchange_transfers_payee ON exchange_transfers (payee_account, created_at DESC, transfer_id DESC);

CREATE TABLE IF NOT EXISTS exchange_audit (
    entry_id   text        PRIMARY KEY,
    seq        bigint      GENERATED ALWAYS AS IDENTITY,
    object_id  text        NOT NULL,
    action     text        NOT NULL,
    actor_id   uuid        NOT NULL,
    at         timestamptz NOT NULL,
    details    text        NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_audit_object ON exchange_audit (object_id, seq);

CREATE TABLE IF NOT EXISTS exchange_idempotency (
    scope         text        NOT NULL,
    key           text        NOT NULL,
    request_hash  text        NOT NULL,
    status_code   integer     NOT NULL,
    response_body text        NOT NULL,
    location      text        NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);

-- Patent navigation: one searchable row per listing, written by the listing grain on every change.
-- Lists are stored space-separated with a leading and trailing space, so "starts a token" is LIKE '% X%'.
CREATE TABLE IF NOT EXISTS exchange_listing_index (
    listing_id          uuid        PRIMARY KEY,
    status              smallint    NOT NULL,
    agency_id           uuid        NOT NULL,
    owner_ids           text        NOT NULL,
    application_numbers text        NOT NULL,
    ipc_classes         text        NOT NULL,
    search_text         text        NOT NULL,
    license_type        smallint    NULL,
    asking_price_fen    bigint      NULL,
    expires_on          date        NOT NULL,
    created_at          timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_listing_index_newest ON exchange_listing_index (created_at DESC, listing_id DESC);

-- Completed deals, for market data (count and median price per IPC subclass and period).
CREATE TABLE IF NOT EXISTS exchange_deals (
    deal_id            uuid        PRIMARY KEY,
    kind               smallint    NOT NULL,
    application_number text        NOT NULL,
    ipc_subclass       text        NOT NULL,
    price_fen          bigint      NOT NULL,
    completed_at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_deals_subclass ON exchange_deals (ipc_subclass, completed_at);

-- Grains whose deadlines run on reminders. Where reminders live in memory (the embedded SQLite mode) a start-up
-- sweep wakes these grains so that they register their reminders again.
CREATE TABLE IF NOT EXISTS exchange_wakeups (
    grain_kind text NOT NULL,
    grain_key  text NOT NULL,
    PRIMARY KEY (grain_kind, grain_key)
);

-- Licence record filing (备案): due within three months of the licence taking effect (2023 Regulations Art. 15).
CREATE TABLE IF NOT EXISTS exchange_license_filings (
    license_id uuid PRIMARY KEY,
    deadline   date NOT NULL,
    filed_on   date NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_license_filings_open ON exchange_license_filings (deadline) WHERE filed_on IS NULL;

-- Grains that owe follow-ups: written by the grain storage's write function (03-persistence.sql, which also
-- creates it); created here too so that the exchange's store can read it on a database without Orleans' tables.
CREATE TABLE IF NOT EXISTS exchange_follow_up_owners (
    service_id text        NOT NULL,
    owner      text        NOT NULL,
    noted_at   timestamptz NOT NULL,
    PRIMARY KEY (service_id, owner)
);

-- Closed offers moved out of their listing's live state (Exchange.Grains/Listings/ListingRules.cs): still readable.
CREATE TABLE IF NOT EXISTS exchange_archived_offers (
    offer_id    uuid        PRIMARY KEY,
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    listing_id  uuid        NOT NULL,
    bidder_id   uuid        NOT NULL,
    offer       text        NOT NULL,
    archived_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_exchange_archived_offers_listing ON exchange_archived_offers (listing_id, seq);

-- The lists of each kind of object, and whom each object concerns (Exchange.Grains/Lists): kept by the
-- objects' follow-ups; seq orders a list newest first and is the cursor of its pages.
CREATE TABLE IF NOT EXISTS exchange_directory (
    seq        bigserial   PRIMARY KEY,
    kind       text        NOT NULL,
    object_id  text        NOT NULL,
    status     text        NOT NULL,
    title      text        NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (kind, object_id)
);
CREATE INDEX IF NOT EXISTS ix_exchange_directory_kind ON exchange_directory (kind, seq);

CREATE TABLE IF NOT EXISTS exchange_directory_parties (
    kind      text    NOT NULL,
    object_id text    NOT NULL,
    party     text    NOT NULL,
    relation  text    NOT NULL,
    lasting   boolean NOT NULL,
    PRIMARY KEY (kind, object_id, party, relation)
);
CREATE INDEX IF NOT EXISTS ix_exchange_directory_parties_party ON exchange_directory_parties (party, kind, relation);

-- Ledger snapshots (balances, totals) --------------------------------------------------------------------------
-- Each account's running balance, written in the same transaction as every posting, so that reading a balance
-- (an account grain's activation) and the trial balance cost the same at any history length.
-- An account's snapshot may be spread over a few rows, its shards (BalanceDelta.cs): shard 0 belongs to the
-- account's own grain and holds the fence version, which advances by one with every posting the account commits
-- (so the versions sum to the number of postings); credits to an account from other accounts' postings go to the
-- shard of the group-commit loop that wrote them, so that concurrent batches crediting one payee never wait for each
-- other's row lock. A balance is the sum of the account's rows.
-- Every posting updates two or more of these rows: half of each page is left free, so that an update can stay on
-- its page (a HOT update, no new index entry) and the old versions are pruned in place.
CREATE TABLE IF NOT EXISTS exchange_account_balances (
    account_id    text     NOT NULL,
    shard         smallint NOT NULL,
    available_fen bigint   NOT NULL,
    reserved_fen  bigint   NOT NULL,
    version       bigint   NOT NULL CHECK (version >= 0),
    PRIMARY KEY (account_id, shard)
) WITH (fillfactor = 50);

-- One-time steps that must not run again at every start (they read the whole history).
CREATE TABLE IF NOT EXISTS exchange_schema_steps (
    step       text        PRIMARY KEY,
    applied_at timestamptz NOT NULL
);

-- Existing databases: the snapshot is backfilled once from the lines, and the fence versions from
-- exchange_account_fences (no longer written: the version lives on shard 0). The advisory lock makes concurrent
-- starts take turns; the step row makes later starts skip the pass over the history. Stop silos of the earlier
-- version before the first start of this one: a posting they wrote after the backfill would be missing from the
-- snapshot (GET /api/ledger/trial-balance/verification names any account that differs from its lines).
DO $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('exchange_account_balances backfill'));
    IF NOT EXISTS (SELECT 1 FROM exchange_schema_steps WHERE step = 'account-balances-backfill') THEN
        INSERT INTO exchange_account_balances (account_id, shard, available_fen, reserved_fen, version)
        SELECT l.account_id, 0,
               COALESCE(SUM(l.amount_fen) FILTER (WHERE l.bucket = 0), 0),
               COALESCE(SUM(l.amount_fen) FILTER (WHERE l.bucket = 1), 0),
               COALESCE((SELECT f.version FROM exchange_account_fences f WHERE f.account_id = l.account_id), 0)
        FROM exchange_posting_lines l
        GROUP BY l.account_id
        ON CONFLICT (account_id, shard) DO NOTHING;
        INSERT INTO exchange_schema_steps (step, applied_at) VALUES ('account-balances-backfill', now());
    END IF;
END
$$;

-- Idempotency records expire after the configured retention (IdempotencyExpiryService) and are purged oldest
-- first. Rows arrive in time order, so a BRIN index finds the expired ones for almost nothing per insert (a B-tree
-- would add an index entry to every command).
CREATE INDEX IF NOT EXISTS ix_exchange_idempotency_created ON exchange_idempotency USING brin (created_at) WITH (autosummarize = on);
-- A ledger command's record is inserted with the money (no response yet) and completed moments later with the
-- response body, which makes the row several times longer: room on its page lets that update stay there (HOT)
-- instead of moving the row and adding a second primary-key entry. Applies to pages written from now on.
ALTER TABLE exchange_idempotency SET (fillfactor = 40);
