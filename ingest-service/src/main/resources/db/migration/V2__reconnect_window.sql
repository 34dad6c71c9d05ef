-- The reconnect window is durable: an interrupted stream keeps its deadline here, and a sweep ends
-- the streams whose deadline has passed, whether or not the service restarted in between.
ALTER TABLE stream ADD COLUMN reconnect_deadline timestamptz;
CREATE INDEX stream_interrupted ON stream (reconnect_deadline) WHERE state = 'INTERRUPTED';
