-- What the platform makes of a stream's media: its ladder (STANDARD, PASSTHROUGH_ONLY, NONE) and
-- whether each session is kept as a recording. Carried to transcode-service in stream.started/resumed.
ALTER TABLE stream ADD COLUMN ladder text NOT NULL DEFAULT 'STANDARD';
ALTER TABLE stream ADD COLUMN record boolean NOT NULL DEFAULT false;
