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
