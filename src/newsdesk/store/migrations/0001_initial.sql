-- Articles with their per-article analysis, as JSON. seq keeps arrival order, which the
-- online event clustering replays.
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    title TEXT,
    source TEXT,
    published TEXT,
    language TEXT,
    ingested_at TEXT NOT NULL,
    article TEXT NOT NULL,
    analysis TEXT NOT NULL
);

-- Event-clustering features of each article (opaque bytes owned by newsdesk.events).
CREATE TABLE features (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    data BLOB NOT NULL
);

-- Current event of each article and the evidence for the decision that put it there.
CREATE TABLE assignments (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    event_id TEXT NOT NULL,
    decision TEXT NOT NULL
);
CREATE INDEX assignments_by_event ON assignments(event_id);

-- Saved state of the online clusterer, so a new ingest continues where the last stopped.
CREATE TABLE clusterer (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state BLOB NOT NULL
);

CREATE TABLE errors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    input TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (input, message)
);
