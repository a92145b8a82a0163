-- Learner merges (`course-admin learners merge`) as signed instructor acts that travel in
-- bundles. A merge moves the merged learner's attempts to the kept learner but never changes
-- what a device signed: each moved attempt remembers the learner id its signature covers
-- (attempt_origins), and bundles carry it under that id with its signature untouched.

-- One row per merged learner. signer and signature are the instructor's key and Ed25519
-- signature; both NULL only for a merge made before merges were signed (kept here, never sent).
-- The merged_* columns keep the merged learner as it was, for the learners section of the
-- bundles that carry its attempts (NULL while this machine has never seen that learner).
CREATE TABLE learner_merges (
    merged_id         TEXT PRIMARY KEY NOT NULL,
    kept_id           TEXT NOT NULL,
    merged_at         INTEGER NOT NULL,
    signer            BLOB,
    signature         BLOB,
    merged_handle     TEXT,
    merged_name       TEXT,
    merged_created_at INTEGER
) WITHOUT ROWID;

CREATE INDEX learner_merges_by_kept ON learner_merges(kept_id);

-- The learner a moved attempt was made (and signed) for, when a merge moved it to another.
CREATE TABLE attempt_origins (
    attempt_id TEXT PRIMARY KEY NOT NULL,
    learner_id TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX attempt_origins_by_learner ON attempt_origins(learner_id);

-- Merges made before: the settings that aliased a merged learner's id become unsigned merges.
INSERT OR IGNORE INTO learner_merges (merged_id, kept_id, merged_at)
    SELECT substr(key, 16), value, 0 FROM settings WHERE key LIKE 'learners.alias.%';
DELETE FROM settings WHERE key LIKE 'learners.alias.%';
