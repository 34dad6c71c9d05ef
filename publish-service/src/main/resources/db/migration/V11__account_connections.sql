-- A partner connecting a network account through the network's consent page (OAuth 2.0
-- authorization code with PKCE). Only the state's SHA-256 is kept, so the table cannot complete a
-- flow; the PKCE verifier and an X source's stream key are encrypted like destinations' credentials.
-- A connection that succeeds creates a destination and names it.
CREATE TABLE account_connection (
    id                  uuid PRIMARY KEY,
    partner_id          uuid        NOT NULL,
    network             text        NOT NULL,
    name                text        NOT NULL,
    account_id          text,
    ingest_url          text,
    key_ciphertext      bytea,
    max_video_height    integer,
    state_hash          bytea       NOT NULL UNIQUE,
    verifier_ciphertext bytea       NOT NULL,
    key_id              text        NOT NULL,
    status              text        NOT NULL,
    reason              text,
    destination_id      uuid,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    finished_at         timestamptz
);

CREATE INDEX account_connection_by_partner ON account_connection (partner_id, created_at);
