-- Transactional outbox of service-kit's OutboxRepository / OutboxRelay, shipped with that code so
-- every service that keeps state has the same table (Flyway location db/outbox). An event is written
-- in the same transaction as the change it describes and relayed to Kafka afterwards (at least
-- once, in id order).
CREATE TABLE outbox (
    id            bigserial   PRIMARY KEY,
    topic         text        NOT NULL,
    message_key   text        NOT NULL,
    ce_id         uuid        NOT NULL UNIQUE,
    ce_type       text        NOT NULL,
    ce_time       timestamptz NOT NULL,
    payload       bytea       NOT NULL,
    published_at  timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;
