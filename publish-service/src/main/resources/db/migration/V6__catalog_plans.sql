-- A target created from a catalog match's destination plan names the match; NULL: added through the API.
ALTER TABLE target ADD COLUMN match_event_id text;

-- The latest destination plan of each catalogued match (from catalog-events), kept until the stream
-- it names is known here, so that a plan arriving before the stream's stream.created is not lost.
CREATE TABLE catalog_plan (
    event_id         text        PRIMARY KEY,
    partner_id       uuid        NOT NULL,
    stream_id        uuid,
    destination_ids  text        NOT NULL,
    version          bigint      NOT NULL,
    cancelled        boolean     NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX catalog_plan_stream ON catalog_plan (stream_id);
