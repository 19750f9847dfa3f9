-- The online clusterer's state saved by parts (branch throughput, OnlineClusterer.state_by_parts):
-- the entries that make up most of the state and do not change once made (the open events'
-- members' features, `member:ID`, and the settled events' packed profiles, `event:ID`) each in
-- a row of their own, written once and deleted when they go, and the rest of the state one blob
-- in `clusterer`. `generation` counts the saves, so that a writer tells whether another saved
-- since its last batch without reading the state back. `position` keeps the clusterer's order.
-- The same SQL on PostgreSQL (BLOB is a domain there).
ALTER TABLE clusterer ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;
CREATE TABLE clusterer_shelf (
    entry TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    data BLOB NOT NULL
);
