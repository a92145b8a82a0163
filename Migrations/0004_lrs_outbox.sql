-- Sync through a Learning Record Store (xAPI). Credentials are never stored here.

-- Per endpoint, every statement this machine has to send or knows the LRS holds: the exact
-- bytes queued (so a retry resends identical bytes) and what became of them.
CREATE TABLE lrs_outbox (
    endpoint     TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    body         BLOB NOT NULL,
    -- pending: not yet accepted; accepted: the LRS answered 200/204 or the statement was pulled
    -- from it; conflict: 409 (the LRS holds other content under this id); rejected: 400 alone.
    state        TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'conflict', 'rejected')),
    detail       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (endpoint, statement_id)
) WITHOUT ROWID;

CREATE INDEX lrs_outbox_by_state ON lrs_outbox(endpoint, state, seq);

-- Per endpoint: the pull cursor and a one-line summary of the last push and pull.
CREATE TABLE lrs_endpoints (
    endpoint    TEXT PRIMARY KEY NOT NULL,
    pull_cursor TEXT,
    last_push   TEXT NOT NULL DEFAULT '',
    last_pull   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
