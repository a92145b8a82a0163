-- The initial schema. Dates are INTEGER milliseconds since 1970 UTC; UUIDs are TEXT in the
-- canonical upper-case form; booleans are INTEGER 0/1. Append-only: change the schema in 0002+.

-- Learners and devices have a UUID that travels with synced data and a small local integer
-- key that the big attempts table stores instead, keeping its rows and indexes compact.
CREATE TABLE learners (
    key          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    handle       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);

CREATE TABLE devices (
    key INTEGER PRIMARY KEY,
    id  TEXT NOT NULL UNIQUE
);

CREATE TABLE objectives (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    p_init      REAL NOT NULL,
    p_learn     REAL NOT NULL,
    p_slip      REAL NOT NULL,
    p_guess     REAL NOT NULL,
    mastered_at REAL NOT NULL
);

CREATE TABLE exercises (
    id               TEXT PRIMARY KEY NOT NULL,
    title            TEXT NOT NULL,
    prompt           TEXT NOT NULL,
    position         INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    reveal_key_after INTEGER
);

CREATE TABLE exercise_parts (
    exercise_id TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    prompt      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('expression', 'implicit', 'number', 'numbers',
                                              'numberSet', 'criticalPoints', 'choice', 'manual')),
    key_json    TEXT NOT NULL,
    hints_json  TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (exercise_id, label)
) WITHOUT ROWID;

CREATE TABLE part_objectives (
    exercise_id  TEXT NOT NULL,
    part_label   TEXT NOT NULL,
    objective_id TEXT NOT NULL REFERENCES objectives(id),
    position     INTEGER NOT NULL,
    weight       REAL NOT NULL,
    PRIMARY KEY (exercise_id, part_label, objective_id),
    FOREIGN KEY (exercise_id, part_label) REFERENCES exercise_parts(exercise_id, label) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE INDEX part_objectives_by_objective ON part_objectives(objective_id);

-- Attempts are clustered by learner and time (WITHOUT ROWID, keyed that way), so one learner's
-- history is one contiguous range: the product's most frequent read. exercise_id is deliberately
-- not a foreign key, so re-importing a course that drops an exercise keeps the learners' history.
CREATE TABLE attempts (
    id             TEXT NOT NULL UNIQUE,
    learner        INTEGER NOT NULL REFERENCES learners(key),
    exercise_id    TEXT NOT NULL,
    part           TEXT NOT NULL,
    answer         TEXT NOT NULL,
    submitted_at   INTEGER NOT NULL,
    device         INTEGER NOT NULL REFERENCES devices(key),
    grader_version TEXT NOT NULL,
    verdict        TEXT NOT NULL CHECK (verdict IN ('correct', 'incorrect', 'syntax-error', 'pending-review')),
    score          REAL NOT NULL,
    feedback       TEXT NOT NULL,
    mistake        TEXT,
    needs_regrade  INTEGER NOT NULL DEFAULT 0 CHECK (needs_regrade IN (0, 1)),
    -- One learner's attempts in time order (progress, mastery replay, sync export).
    PRIMARY KEY (learner, submitted_at, id)
) WITHOUT ROWID;

-- One exercise's attempts in time order. Keyed by time within the exercise, so new attempts
-- land at the end of their exercise's range: bulk inserts stay fast.
CREATE INDEX attempts_by_exercise ON attempts(exercise_id, submitted_at);
-- Attempts waiting for an instructor: a partial index, so it costs nothing for graded attempts.
CREATE INDEX attempts_pending_review ON attempts(submitted_at) WHERE verdict = 'pending-review';
-- Attempts to regrade after a key changed; also partial.
CREATE INDEX attempts_needing_regrade ON attempts(exercise_id) WHERE needs_regrade = 1;

CREATE TABLE mastery (
    learner      INTEGER NOT NULL REFERENCES learners(key) ON DELETE CASCADE,
    objective_id TEXT NOT NULL,
    p_known      REAL NOT NULL,
    observations INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (learner, objective_id)
) WITHOUT ROWID;

-- One objective's mastery across learners (instructor reports).
CREATE INDEX mastery_by_objective ON mastery(objective_id, learner);

CREATE TABLE reviews (
    attempt_id TEXT PRIMARY KEY NOT NULL REFERENCES attempts(id),
    reviewer   TEXT NOT NULL,
    accepted   INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    comment    TEXT NOT NULL,
    decided_at INTEGER NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_watermarks (
    peer       TEXT PRIMARY KEY NOT NULL,
    watermark  TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
