-- The version of each per-article stage that made the stored analysis, as JSON
-- {stage: version} (see newsdesk.stages). NULL: analysed before versions were recorded, or
-- marked for reanalysis. `newsdesk reanalyze --stale` re-runs the articles whose versions differ.
ALTER TABLE articles ADD COLUMN stage_versions TEXT;

-- The article as it was read, before any stage filled in its language, date or genre, without
-- its text (the text is the stored article's): what a reanalysis starts from.
ALTER TABLE articles ADD COLUMN read_as TEXT;

-- A row here while a reanalysis has changed event features that the clustering has not replayed.
CREATE TABLE recluster_pending (id INTEGER PRIMARY KEY CHECK (id = 1))
