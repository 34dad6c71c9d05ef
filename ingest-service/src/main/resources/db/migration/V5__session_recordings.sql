-- A session's recording, as transcode-service announced it (recording.ready): its VOD master
-- playlist and how long it plays. Listed with the stream's sessions.
ALTER TABLE stream_session ADD COLUMN recording_url text;
ALTER TABLE stream_session ADD COLUMN recording_seconds double precision;
