-- A partner's destination: where pushes go. The destination's stream key is encrypted (AES-GCM,
-- key_id names the platform key that encrypted it, so keys can be rotated) and never returned.
CREATE TABLE destination (
    id              uuid        PRIMARY KEY,
    partner_id      uuid        NOT NULL,
    name            text        NOT NULL,
    network         text        NOT NULL,
    ingest_url      text        NOT NULL,
    key_ciphertext  bytea       NOT NULL,
    key_id          text        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX destination_partner ON destination (partner_id, created_at);

-- What this service knows of each stream, from stream-lifecycle. last_sequence drops replays.
CREATE TABLE stream (
    id             uuid        PRIMARY KEY,
    partner_id     uuid        NOT NULL,
    state          text        NOT NULL,
    session_id     uuid,
    last_sequence  bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- A simulcast target: one stream sent to one destination.
CREATE TABLE target (
    id              uuid        PRIMARY KEY,
    partner_id      uuid        NOT NULL,
    stream_id       uuid        NOT NULL REFERENCES stream (id),
    destination_id  uuid        NOT NULL REFERENCES destination (id),
    enabled         boolean     NOT NULL,
    created_at      timestamptz NOT NULL,
    UNIQUE (stream_id, destination_id)
);

-- One push per target and stream session.
CREATE TABLE push (
    target_id   uuid        NOT NULL REFERENCES target (id),
    session_id  uuid        NOT NULL,
    state       text        NOT NULL,
    attempt     integer     NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (target_id, session_id)
);
