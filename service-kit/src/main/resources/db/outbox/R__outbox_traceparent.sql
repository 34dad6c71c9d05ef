-- The trace context of the change an outbox event describes (W3C traceparent), relayed as the
-- event's CloudEvents traceparent extension (header ce_traceparent). Repeatable and idempotent
-- rather than versioned: the outbox's migrations sit beside each service's own versions, and a
-- repeatable migration applies to a database of any version.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS traceparent text;
