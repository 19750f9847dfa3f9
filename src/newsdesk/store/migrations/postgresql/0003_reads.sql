-- PostgreSQL variant of ../0003_reads.sql (see there for what each table is for): the full-text
-- index is a tsvector column with a GIN index instead of an FTS5 table, and SQLite's instr(),
-- which the entity filter of the events list uses, is defined here.

CREATE TABLE event_digests (
    event_id TEXT PRIMARY KEY,
    members_key TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    articles INTEGER NOT NULL,
    sources TEXT NOT NULL,
    languages TEXT NOT NULL,
    first_seq BIGINT NOT NULL,
    title TEXT,
    date TEXT,
    places TEXT NOT NULL DEFAULT '[]',
    entities TEXT NOT NULL DEFAULT '[]',
    names TEXT NOT NULL DEFAULT '',
    agreements INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    contradictions INTEGER NOT NULL DEFAULT 0,
    summarised_key TEXT
);
-- NULLS LAST: the order the list asks for, and SQLite's for a descending column
CREATE INDEX event_digests_newest ON event_digests(date DESC NULLS LAST, articles DESC, event_id DESC);
CREATE INDEX event_digests_largest ON event_digests(articles DESC, date, event_id);
CREATE INDEX event_digests_pending ON event_digests(event_id) WHERE summarised_key IS DISTINCT FROM members_key;

CREATE TABLE event_dossiers (
    event_id TEXT PRIMARY KEY,
    members_key TEXT NOT NULL,
    document BLOB NOT NULL,
    built_at TEXT NOT NULL,
    built_by TEXT NOT NULL
);

CREATE TABLE article_events (
    seq BIGINT PRIMARY KEY,
    event_id TEXT NOT NULL
);
INSERT INTO article_events SELECT a.seq, s.event_id FROM assignments s JOIN articles a ON a.id = s.article_id;

-- Each article's title, text and outlet as words ('simple': lower-cased, no stemming) without
-- accents, like FTS5's unicode61 tokenizer with remove_diacritics.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TABLE article_search (
    seq BIGINT PRIMARY KEY,
    document TSVECTOR NOT NULL
);
-- the words out of line: a search reads the matching rows' seq only (the GIN index answers a
-- word without reading the words back), so the table itself stays a few bytes a row
ALTER TABLE article_search ALTER COLUMN document SET STORAGE EXTERNAL;
CREATE INDEX article_search_words ON article_search USING GIN (document);
INSERT INTO article_search
    SELECT seq, to_tsvector('simple', unaccent(coalesce(title, ''))) || to_tsvector('simple', unaccent(coalesce(article::json ->> 'text', '')))
        || to_tsvector('simple', unaccent(coalesce(source, ''))) FROM articles;

CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE
    AS 'SELECT strpos(haystack, needle)'
