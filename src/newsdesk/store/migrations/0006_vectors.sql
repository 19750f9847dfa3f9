-- The sentence vectors of each article's texts (opaque bytes owned by newsdesk.vectors: float32,
-- looked up by text), made once by the `vectors` stage and read when a dossier is rebuilt. An
-- article without a row (analysed before this migration) has its texts encoded on demand until
-- `newsdesk reanalyze --stale` adds them. The same SQL on PostgreSQL (BLOB is a domain there).
CREATE TABLE vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    data BLOB NOT NULL
)
