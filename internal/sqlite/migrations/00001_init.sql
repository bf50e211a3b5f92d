-- Triage's initial SQLite schema.
--
-- Times are INTEGER unix microseconds UTC (NULL when absent), booleans are
-- INTEGER 0/1. Ids that people see or link to (users, teams, tickets, API
-- tokens) use AUTOINCREMENT so a deleted row's id is never handed out again,
-- the way a PostgreSQL identity column behaves.

-- +goose Up

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The store lower-cases emails, so the plain unique index is
    -- case-insensitive.
    email               TEXT    NOT NULL CHECK (email = lower(email)),
    name                TEXT    NOT NULL,
    -- name_lower is the name lower-cased by the store (Unicode-aware,
    -- unlike SQLite's lower() and LIKE), for case-insensitive search.
    name_lower          TEXT    NOT NULL,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'agent', 'customer')),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    time_zone           TEXT    NOT NULL DEFAULT '',
    password_hash       TEXT    NOT NULL DEFAULT '',
    password_changed_at INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_role_id_idx ON users (role, id);

CREATE TABLE teams (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    -- name_lower is the name lower-cased by the store (Unicode-aware, unlike
    -- SQLite's lower() and NOCASE), so names are unique case-insensitively.
    name_lower  TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX teams_name_key ON teams (name_lower);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;
-- The agent visibility rule looks up a user's teams on every ticket list.
CREATE INDEX team_members_user_idx ON team_members (user_id, team_id);

CREATE TABLE tickets (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    subject           TEXT    NOT NULL,
    status            TEXT    NOT NULL
        CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    priority          TEXT    NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    -- priority_rank orders priorities (low=1 ... urgent=4). SQLite derives
    -- it from priority, so it can never drift from it.
    priority_rank     INTEGER NOT NULL GENERATED ALWAYS AS (
        CASE priority WHEN 'low' THEN 1 WHEN 'normal' THEN 2 WHEN 'high' THEN 3 ELSE 4 END
    ) STORED,
    type              TEXT    NOT NULL CHECK (type IN ('question', 'incident', 'problem', 'task')),
    requester_id      INTEGER NOT NULL REFERENCES users (id),
    assignee_id       INTEGER REFERENCES users (id),
    team_id           INTEGER REFERENCES teams (id) ON DELETE SET NULL,
    -- tags is the sorted tag list as a JSON array, so a ticket reads in one
    -- row; ticket_tags holds the same tags for filtering.
    tags              TEXT    NOT NULL DEFAULT '[]',
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    solved_at         INTEGER,
    first_response_at INTEGER
);
-- One index per sort, and one (filter, updated_at, id) index per filter so a
-- filtered list in the default order reads the index in order and stops at
-- the page size.
CREATE INDEX tickets_updated_idx   ON tickets (updated_at, id);
CREATE INDEX tickets_created_idx   ON tickets (created_at, id);
CREATE INDEX tickets_prank_idx     ON tickets (priority_rank, id);
CREATE INDEX tickets_status_idx    ON tickets (status, updated_at, id);
CREATE INDEX tickets_priority_idx  ON tickets (priority, updated_at, id);
CREATE INDEX tickets_type_idx      ON tickets (type, updated_at, id);
CREATE INDEX tickets_assignee_idx  ON tickets (assignee_id, updated_at, id);
CREATE INDEX tickets_team_idx      ON tickets (team_id, updated_at, id);
CREATE INDEX tickets_requester_idx ON tickets (requester_id, updated_at, id);

-- ticket_tags carries a copy of its ticket's updated_at, so that a tag
-- filter in the default order walks (tag, updated_at) in order instead of
-- sorting every ticket with the tag. The trigger below keeps the copy equal.
CREATE TABLE ticket_tags (
    tag        TEXT    NOT NULL,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tag, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_updated_idx ON ticket_tags (tag, updated_at, ticket_id);
CREATE INDEX ticket_tags_ticket_idx ON ticket_tags (ticket_id);

-- +goose StatementBegin
CREATE TRIGGER tickets_updated_at_to_tags AFTER UPDATE OF updated_at ON tickets
WHEN NEW.updated_at IS NOT OLD.updated_at
BEGIN
    UPDATE ticket_tags SET updated_at = NEW.updated_at WHERE ticket_id = NEW.id;
END;
-- +goose StatementEnd

CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users (id),
    body       TEXT    NOT NULL,
    body_html  TEXT    NOT NULL DEFAULT '',
    internal   INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1)),
    created_at INTEGER NOT NULL,
    edited_at  INTEGER
);
CREATE INDEX comments_ticket_idx ON comments (ticket_id, id);

CREATE TABLE comment_revisions (
    id         INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    editor_id  INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX comment_revisions_comment_idx ON comment_revisions (comment_id, id);

CREATE TABLE sessions (
    id           TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    ip           TEXT    NOT NULL DEFAULT '',
    user_agent   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at);

CREATE TABLE refresh_tokens (
    token_hash TEXT    PRIMARY KEY,
    session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at   INTEGER,
    revoked_at   INTEGER
);
CREATE UNIQUE INDEX api_tokens_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at);

CREATE TABLE password_resets (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- audit_log has no foreign keys: the record outlives the users it names.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    actor_id    INTEGER,
    action      TEXT    NOT NULL,
    target_type TEXT    NOT NULL DEFAULT '',
    target_id   TEXT    NOT NULL DEFAULT '',
    before      TEXT CHECK (before IS NULL OR json_valid(before)),
    after       TEXT CHECK (after IS NULL OR json_valid(after)),
    ip          TEXT    NOT NULL DEFAULT '',
    request_id  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_actor_idx  ON audit_log (actor_id, id);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down

DROP TABLE audit_log;
DROP TABLE password_resets;
DROP TABLE api_tokens;
DROP TABLE refresh_tokens;
DROP TABLE sessions;
DROP TABLE comment_revisions;
DROP TABLE comments;
DROP TABLE ticket_tags;
DROP TABLE tickets;
DROP TABLE team_members;
DROP TABLE teams;
DROP TABLE users;
