-- Go-live latency: when the stream's current session started (its stream.started), when each push
-- was first planned in its session, and when it first broadcast.
ALTER TABLE stream ADD COLUMN session_started_at timestamptz;
ALTER TABLE push ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE push ADD COLUMN first_broadcast_at timestamptz;
