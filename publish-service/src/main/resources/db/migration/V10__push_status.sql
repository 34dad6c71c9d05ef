-- What the targets view shows of each push: why it last changed state (a retry's, an exhaustion's,
-- a failure's reason), and the progress of its current attempt as the runner last reported it.
ALTER TABLE push ADD COLUMN reason text;
ALTER TABLE push ADD COLUMN bytes_sent bigint NOT NULL DEFAULT 0;
ALTER TABLE push ADD COLUMN bitrate_kbps integer NOT NULL DEFAULT 0;
ALTER TABLE push ADD COLUMN progress_at timestamptz;
