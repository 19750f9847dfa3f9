-- Full-text search by event rather than by article. A search answers with events, and a common
-- word is in nearly every article: matching articles and turning each into its event cost one
-- lookup per matching article (100k articles: 200 ms for the commonest words). Here the index
-- holds each event's articles in chunks of a few (``reads.ARTICLES_A_CHUNK``, in arrival order),
-- so a word matches at most a chunk per few articles of each event. The writer rewrites an
-- event's chunks that changed in the transaction of the batch that changed its articles (an
-- article joining an event rewrites its last chunk only).

-- Which event each chunk belongs to and which articles it holds (their seqs, comma-separated).
CREATE TABLE event_search_chunks (
    chunk INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    seqs TEXT NOT NULL
);
CREATE INDEX event_search_chunks_by_event ON event_search_chunks(event_id);

-- The chunks' titles, texts and outlets (rowid = chunk). It keeps its content (unlike the
-- per-article index it replaces): a chunk rewritten is deleted by rowid, which SQLite before
-- 3.43 can only do in a table that keeps what it indexed.
CREATE VIRTUAL TABLE event_search USING fts5(title, text, source, tokenize='unicode61 remove_diacritics 2');
DROP TABLE article_search
