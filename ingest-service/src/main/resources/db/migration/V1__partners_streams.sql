-- Partners and their API credentials. A credential is a signed token handed out once; only its id
-- (the token's jti) is kept, so it can be listed and revoked but never shown again.
CREATE TABLE partner (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE api_credential (
    id          uuid        PRIMARY KEY,
    partner_id  uuid        NOT NULL REFERENCES partner (id),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- A partner's stream. The stream key is shown once at creation; only its SHA-256 is stored, and the
-- edge's on_publish looks the stream up by that hash. sequence numbers the stream's lifecycle events.
CREATE TABLE stream (
    id                        uuid        PRIMARY KEY,
    partner_id                uuid        NOT NULL REFERENCES partner (id),
    name                      text        NOT NULL,
    stream_key_hash           bytea       NOT NULL UNIQUE,
    state                     text        NOT NULL,
    sequence                  bigint      NOT NULL,
    reconnect_window_seconds  integer     NOT NULL,
    test                      boolean     NOT NULL,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL
);
CREATE INDEX stream_partner ON stream (partner_id, created_at);

-- One publish of a stream, from the edge's on_publish to its end.
CREATE TABLE stream_session (
    id              uuid        PRIMARY KEY,
    stream_id       uuid        NOT NULL REFERENCES stream (id),
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    end_reason      text,
    client_addr     text,
    edge_client_id  text
);
CREATE UNIQUE INDEX stream_session_open ON stream_session (stream_id) WHERE ended_at IS NULL;
