-- Preflight: the stream's last measured keyframe interval (stream-health), and what each push of a
-- session breaks of its network's documented limits (JSON array of {check, detail}).
ALTER TABLE stream ADD COLUMN keyframe_interval_seconds double precision;
ALTER TABLE push ADD COLUMN preflight text NOT NULL DEFAULT '[]';
