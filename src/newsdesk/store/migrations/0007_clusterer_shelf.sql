-- The online clusterer's state saved by parts (branch throughput): the settled events' packed
-- profiles (events/shelf.py), which make up most of the state of a long run and no longer
-- change, each in a row of their own, written when an event settles and deleted when it comes
-- back to life, and the rest of the state stays one blob in `clusterer`. `generation` counts the
-- saves, so that a writer tells whether another saved since its last batch without reading the
-- state back. `position` keeps the clusterer's own order of its settled events. The same SQL
-- on PostgreSQL (BLOB is a domain there).
ALTER TABLE clusterer ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
CREATE TABLE clusterer_shelf (
    event_id TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    data BLOB NOT NULL
);
