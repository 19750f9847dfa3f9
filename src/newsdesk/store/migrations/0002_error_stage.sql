-- The per-article stage that failed on an input (NULL: the input was rejected before any stage).
ALTER TABLE errors ADD COLUMN stage TEXT
