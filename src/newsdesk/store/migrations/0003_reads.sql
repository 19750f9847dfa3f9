-- What reads need, kept by the writer so that listing, searching and showing an event never
-- analyse. Numbered 0003 so that another branch's 0002 can land before it.

-- One row per event: the events list. Membership columns (members_key .. first_seq) are
-- rewritten in the transaction of every batch that moves an article into or out of the event,
-- the summary columns (title .. conflicts) come from the event's dossier when the writer builds
-- it (summarised_key says from which membership, NULL when from the headings only).
CREATE TABLE event_digests (
    event_id TEXT PRIMARY KEY,
    members_key TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    articles INTEGER NOT NULL,
    sources TEXT NOT NULL,
    languages TEXT NOT NULL,
    first_seq INTEGER NOT NULL,
    title TEXT,
    date TEXT,
    places TEXT NOT NULL DEFAULT '[]',
    entities TEXT NOT NULL DEFAULT '[]',
    names TEXT NOT NULL DEFAULT '',
    agreements INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    contradictions INTEGER NOT NULL DEFAULT 0,  -- the conflicts of kind contradiction: the event's badge
    summarised_key TEXT
);
CREATE INDEX event_digests_newest ON event_digests(date DESC, articles DESC, event_id DESC);
CREATE INDEX event_digests_largest ON event_digests(articles DESC, date, event_id);
CREATE INDEX event_digests_pending ON event_digests(event_id) WHERE summarised_key IS NOT members_key;

-- Each event's dossier (newsdesk.dossier/1 of that event alone, zlib-compressed JSON), built by
-- the writer when the event's articles change (members_key says for which articles) or when
-- newsdesk was upgraded (built_by: the version that built it, empty once its analyses change).
CREATE TABLE event_dossiers (
    event_id TEXT PRIMARY KEY,
    members_key TEXT NOT NULL,
    document BLOB NOT NULL,
    built_at TEXT NOT NULL,
    built_by TEXT NOT NULL
);

-- Each article's event by the article's seq: what a search hit (an FTS rowid) is turned into,
-- through a small table rather than the wide articles table.
CREATE TABLE article_events (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL
);
INSERT INTO article_events SELECT a.seq, s.event_id FROM assignments s JOIN articles a ON a.id = s.article_id;

-- Full-text search over the articles' titles, text and outlet (rowid = articles.seq).
CREATE VIRTUAL TABLE article_search USING fts5(title, text, source, content='', tokenize='unicode61 remove_diacritics 2');
INSERT INTO article_search (rowid, title, text, source)
    SELECT seq, coalesce(title, ''), coalesce(json_extract(article, '$.text'), ''), coalesce(source, '') FROM articles
