-- Attempt signatures stored in the order they arrive instead of in attempt-id order. Keyed by the
-- random attempt id, every imported signature landed on a random page of a table that grows to
-- about 220 bytes a row: at a million attempts that table outgrew SQLite's page cache, and a
-- bulk import rewrote the same pages to the WAL again and again. As a rowid table the rows are
-- appended; only the narrow unique index on attempt_id takes random inserts. Same columns, same
-- lookups (by attempt_id, through that index), same rows.
CREATE TABLE attempt_signatures_by_arrival (
    attempt_id      TEXT NOT NULL UNIQUE,
    signature       BLOB,
    chain_previous  BLOB,
    chain_signature BLOB
);
INSERT INTO attempt_signatures_by_arrival (attempt_id, signature, chain_previous, chain_signature)
    SELECT attempt_id, signature, chain_previous, chain_signature FROM attempt_signatures ORDER BY attempt_id;
DROP TABLE attempt_signatures;
ALTER TABLE attempt_signatures_by_arrival RENAME TO attempt_signatures;
