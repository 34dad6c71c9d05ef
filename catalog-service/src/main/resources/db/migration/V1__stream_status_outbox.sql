-- The current status of each stream, from stream-lifecycle (matches will refer to it).
-- last_sequence drops replays and older events that arrive late.
CREATE TABLE stream_status (
    stream_id      uuid        PRIMARY KEY,
    partner_id     uuid        NOT NULL,
    state          text        NOT NULL,
    session_id     uuid,
    last_sequence  bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Transactional outbox for catalog-events (used once matches are built).
CREATE TABLE outbox (
    id            bigserial   PRIMARY KEY,
    topic         text        NOT NULL,
    message_key   text        NOT NULL,
    ce_id         uuid        NOT NULL UNIQUE,
    ce_type       text        NOT NULL,
    ce_time       timestamptz NOT NULL,
    payload       bytea       NOT NULL,
    published_at  timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;
