-- Rendition relays (renditions): the smaller pictures transcode-service relays for a stream's
-- session, read by pushes to destinations that take fewer lines than the live picture.
CREATE TABLE rendition (
    stream_id   uuid        NOT NULL,
    session_id  uuid        NOT NULL,
    rung        text        NOT NULL,
    width       integer     NOT NULL,
    height      integer     NOT NULL,
    relay_url   text        NOT NULL,
    ready_at    timestamptz NOT NULL,
    PRIMARY KEY (stream_id, session_id, rung)
);

-- The live picture as last measured (stream-health; NULL until the session's first measurement),
-- and a counter bumped whenever what the stream's pushes could read changes (a rendition came or
-- went, the picture changed), so that the instance running them notices.
ALTER TABLE stream ADD COLUMN source_width integer;
ALTER TABLE stream ADD COLUMN source_height integer;
ALTER TABLE stream ADD COLUMN sources_version bigint NOT NULL DEFAULT 0;

-- The most lines a destination takes (NULL: its network's documented limit, if any).
ALTER TABLE destination ADD COLUMN max_video_height integer;
