-- The rest of the stream object partners expect: a maximum continuous duration per session, a
-- free-form passthrough, and soft deletion (a deleted stream's key hash is replaced, so it can never
-- authorise again, while its sessions stay for the record).
ALTER TABLE stream ADD COLUMN max_duration_seconds integer NOT NULL DEFAULT 43200;
ALTER TABLE stream ADD COLUMN passthrough text;
ALTER TABLE stream ADD COLUMN deleted_at timestamptz;
CREATE INDEX stream_partner_state ON stream (partner_id, state, created_at, id) WHERE deleted_at IS NULL;

-- What the edge measured of a session: bytes received (bytes_before_publisher holds what earlier
-- publishers of a resumed session sent) and the highest bitrate a health probe saw.
ALTER TABLE stream_session ADD COLUMN bytes_in bigint NOT NULL DEFAULT 0;
ALTER TABLE stream_session ADD COLUMN bytes_before_publisher bigint NOT NULL DEFAULT 0;
ALTER TABLE stream_session ADD COLUMN peak_bitrate_kbps bigint NOT NULL DEFAULT 0;
CREATE INDEX stream_session_stream ON stream_session (stream_id, started_at);
