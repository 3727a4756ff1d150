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
