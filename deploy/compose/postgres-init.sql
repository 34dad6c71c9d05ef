-- docker-compose's PostgreSQL: one database per stateful service (transcode-service keeps none);
-- each service's Flyway migrations create its tables at its start.
CREATE DATABASE fanout_ingest OWNER fanout;
CREATE DATABASE fanout_publish OWNER fanout;
CREATE DATABASE fanout_catalog OWNER fanout;
