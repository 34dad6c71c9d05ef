-- The broadcast title a catalog match's plan gives each of its destinations (the match's title
-- template rendered by catalog-service); a network's broadcast for a target the plan created is
-- opened with it instead of the stream's name.
CREATE TABLE catalog_plan_title (
    event_id        text NOT NULL,
    destination_id  uuid NOT NULL,
    title           text NOT NULL,
    PRIMARY KEY (event_id, destination_id)
);
