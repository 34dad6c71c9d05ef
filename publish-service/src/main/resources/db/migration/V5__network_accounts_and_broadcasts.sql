-- Destinations on networks with an API: the account id (YouTube: none, Facebook: the page, X: the
-- source) and its token (refresh or access token), encrypted like stream keys under key_id. Their
-- ingest URL and key come from the network per broadcast (YouTube, Facebook), so both may be NULL.
ALTER TABLE destination ADD COLUMN account_id text;
ALTER TABLE destination ADD COLUMN token_ciphertext bytea;
ALTER TABLE destination ALTER COLUMN ingest_url DROP NOT NULL;
ALTER TABLE destination ALTER COLUMN key_ciphertext DROP NOT NULL;

-- The stream's title, for the networks' broadcasts.
ALTER TABLE stream ADD COLUMN title text;

-- The network's broadcast of one push session, kept for the session's retries and ended once.
CREATE TABLE network_broadcast (
    target_id       uuid        NOT NULL,
    session_id      uuid        NOT NULL,
    broadcast_id    text        NOT NULL,
    ingest_url      text        NOT NULL,
    key_ciphertext  bytea       NOT NULL,
    key_id          text        NOT NULL,
    stream_ref      text,
    created_at      timestamptz NOT NULL,
    live_at         timestamptz,
    ended_at        timestamptz,
    PRIMARY KEY (target_id, session_id)
);
