-- Generated practice items (issue 14). An item is a pure function of (family, tier, generator
-- version, seed), so only those are stored: regrade and sync rebuild the item from them.

-- An attempt at a practice item (exercise id `p-` and 12 hex digits) records what built the
-- item; all four are NULL for an attempt at a fixed exercise. The seed is the 64-bit value's
-- bit pattern as a signed INTEGER.
ALTER TABLE attempts ADD COLUMN practice_family TEXT;
ALTER TABLE attempts ADD COLUMN practice_tier INTEGER;
ALTER TABLE attempts ADD COLUMN practice_version INTEGER;
ALTER TABLE attempts ADD COLUMN practice_seed INTEGER;

-- The items issued to each learner, newest last: the latest is the learner's current practice
-- item, and the canonical keys of the last few keep a learner from getting the same question
-- again under another seed. Local to this machine (sync carries attempts, which rebuild items).
CREATE TABLE practice_items (
    learner       INTEGER NOT NULL REFERENCES learners(key) ON DELETE CASCADE,
    issued_at     INTEGER NOT NULL,
    exercise_id   TEXT NOT NULL,
    family        TEXT NOT NULL,
    tier          INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    seed          INTEGER NOT NULL,
    objective_id  TEXT NOT NULL,
    canonical_key TEXT NOT NULL,
    PRIMARY KEY (learner, issued_at, exercise_id)
) WITHOUT ROWID;

CREATE INDEX practice_items_by_exercise ON practice_items(exercise_id);
