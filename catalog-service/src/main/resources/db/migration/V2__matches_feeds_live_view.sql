-- Partners' matches. participants and plan are JSON arrays ([{name, role}], [{destinationId,
-- titleTemplate}]); search_text is what the list's text filter looks in (title, competition, stage,
-- venue, participants), lowercased. version grows with every change and is on every catalog event.
CREATE TABLE match (
    id               uuid        PRIMARY KEY,
    partner_id       uuid        NOT NULL,
    sport            text        NOT NULL,
    competition      text        NOT NULL,
    stage            text,
    title            text        NOT NULL,
    participants     jsonb       NOT NULL,
    venue            text,
    scheduled_start  timestamptz NOT NULL,
    scheduled_end    timestamptz,
    status           text        NOT NULL,
    late             boolean     NOT NULL,
    stream_id        uuid,
    plan             jsonb       NOT NULL,
    version          bigint      NOT NULL,
    provider         text,
    fixture_id       text,
    live_at          timestamptz,
    ended_at         timestamptz,
    cancel_reason    text,
    search_text      text        NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
-- Lists are per partner in start order (the cursor is scheduled_start, id).
CREATE INDEX match_partner_start ON match (partner_id, scheduled_start, id);
CREATE INDEX match_stream ON match (stream_id) WHERE stream_id IS NOT NULL;
-- The late sweep looks only at scheduled matches not yet flagged.
CREATE INDEX match_late_due ON match (scheduled_start) WHERE status = 'SCHEDULED' AND NOT late;

-- The providers each partner lets feed its catalog.
CREATE TABLE feed (
    partner_id     uuid        NOT NULL,
    provider       text        NOT NULL,
    authorised_at  timestamptz NOT NULL,
    PRIMARY KEY (partner_id, provider)
);

-- Which match an upstream fixture made, the provider version applied last and what that version
-- said (the base of the merge with the partner's own edits).
CREATE TABLE fixture_link (
    partner_id        uuid   NOT NULL,
    provider          text   NOT NULL,
    fixture_id        text   NOT NULL,
    match_id          uuid   REFERENCES match (id),
    provider_version  bigint NOT NULL,
    feed_fields       jsonb,
    PRIMARY KEY (partner_id, provider, fixture_id)
);

-- Destinations as publish-service announces them (no URL, key or token ever reaches this service).
CREATE TABLE destination (
    id          uuid        PRIMARY KEY,
    partner_id  uuid        NOT NULL,
    name        text        NOT NULL,
    network     text        NOT NULL,
    created_at  timestamptz NOT NULL
);

-- Each target's push as push-status last told it.
CREATE TABLE push_status (
    target_id       uuid        PRIMARY KEY,
    partner_id      uuid        NOT NULL,
    stream_id       uuid        NOT NULL,
    session_id      uuid,
    destination_id  uuid        NOT NULL,
    network         text        NOT NULL,
    state           text,
    attempt         integer,
    reason          text,
    next_try_at     timestamptz,
    preflight       jsonb       NOT NULL,
    since           timestamptz,
    last_event_at   timestamptz NOT NULL
);
CREATE INDEX push_status_stream ON push_status (stream_id);

-- The stream's last health measurement and when its state began.
ALTER TABLE stream_status ADD COLUMN health jsonb;
ALTER TABLE stream_status ADD COLUMN health_at timestamptz;

-- Each stream's rendition ladder (the player) as renditions last told it.
CREATE TABLE ladder (
    stream_id   uuid        PRIMARY KEY,
    partner_id  uuid        NOT NULL,
    session_id  uuid        NOT NULL,
    state       text        NOT NULL,
    player_url  text,
    rungs       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL
);
