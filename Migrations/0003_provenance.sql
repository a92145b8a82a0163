-- Provenance: who may speak for whom in a sync bundle. Public keys are the 32 raw bytes of an
-- Ed25519 key; private keys never enter the database (they live in files beside it).

-- Which devices a learner has enrolled. A learner's first device enrols itself (enrolled_by =
-- device_id); every later one is enrolled by a device already enrolled for that learner, whose
-- signature over the enrolment travels with it so every machine can check it.
CREATE TABLE device_enrolments (
    learner_id  TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    public_key  BLOB NOT NULL,
    enrolled_at INTEGER NOT NULL,
    enrolled_by TEXT NOT NULL,
    signature   BLOB NOT NULL,
    PRIMARY KEY (learner_id, device_id)
) WITHOUT ROWID;

-- The originating device's signature of each attempt's submission. NULL marks an attempt
-- imported unsigned with --trust-unsigned: it is relayed unsigned, never signed here.
CREATE TABLE attempt_signatures (
    attempt_id TEXT PRIMARY KEY NOT NULL,
    signature  BLOB
) WITHOUT ROWID;

-- The instructor's signature of the review decision whose canonical SHA-256 is review_digest.
-- A decision changed here no longer matches its digest and is signed afresh on export.
CREATE TABLE review_signatures (
    attempt_id    TEXT PRIMARY KEY NOT NULL,
    review_digest BLOB NOT NULL,
    signer        BLOB,
    signature     BLOB
) WITHOUT ROWID;

-- The instructors the course content names, and the keys it revokes (from Seeds/course.yaml).
CREATE TABLE instructor_keys (
    public_key BLOB PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE revoked_keys (
    public_key BLOB PRIMARY KEY NOT NULL,
    revoked_at INTEGER NOT NULL
) WITHOUT ROWID;
