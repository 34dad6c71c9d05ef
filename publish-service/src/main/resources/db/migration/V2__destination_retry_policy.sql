-- A destination's own retry policy; NULL means the service's default (fanout.publish.retry-*).
ALTER TABLE destination ADD COLUMN retry_max_attempts integer;
ALTER TABLE destination ADD COLUMN retry_max_delay_ms bigint;
