-- PostgreSQL variant of ../0004_jobs.sql: BYTEA for the posted content.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    inputs INTEGER NOT NULL,
    processed INTEGER NOT NULL DEFAULT 0,
    added TEXT NOT NULL DEFAULT '[]',
    duplicates INTEGER NOT NULL DEFAULT 0,
    errors TEXT NOT NULL DEFAULT '[]',
    message TEXT,
    created TEXT NOT NULL,
    finished TEXT
);
CREATE INDEX jobs_by_seq ON jobs(seq);

CREATE TABLE job_inputs (
    job_id TEXT NOT NULL REFERENCES jobs(id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    content BYTEA NOT NULL,
    PRIMARY KEY (job_id, number)
)
