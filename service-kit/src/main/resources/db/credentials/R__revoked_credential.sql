-- Partner credentials revoked at ingest-service, as learned from partner-credentials: a token whose
-- jti is here is refused. expires_at: when the token lapses anyway (null: unknown, kept for ever).
-- Repeatable and idempotent rather than versioned: it sits beside each service's own versions, and a
-- repeatable migration applies to a database of any version.
CREATE TABLE IF NOT EXISTS revoked_credential (
    id          uuid        PRIMARY KEY,
    partner_id  uuid        NOT NULL,
    revoked_at  timestamptz NOT NULL,
    expires_at  timestamptz
);
