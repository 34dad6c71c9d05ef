-- A credential's expiry, kept so that it can be listed and so that a revocation can say when the
-- token would have lapsed anyway (other services forget a revocation after that). Credentials
-- issued before this column existed have none.
ALTER TABLE api_credential ADD COLUMN expires_at timestamptz;
