-- +goose Up

-- Emails are stored lower-cased by the service; the unique index on
-- lower(email) also refuses a second address differing only in case.
-- text_pattern_ops lets the same index serve equality and the prefix
-- search of the user list, whatever the database's collation.
CREATE TABLE users (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email               text NOT NULL,
    name                text NOT NULL,
    role                text NOT NULL CHECK (role IN ('admin', 'agent', 'customer')),
    active              boolean NOT NULL DEFAULT true,
    time_zone           text NOT NULL DEFAULT '',
    password_hash       text NOT NULL DEFAULT '',
    password_changed_at timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email) text_pattern_ops);
CREATE INDEX users_name_lower_idx ON users (lower(name) text_pattern_ops);
CREATE INDEX users_role_id_idx ON users (role, id);

CREATE TABLE teams (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX teams_name_lower_key ON teams (lower(name));

CREATE TABLE team_members (
    team_id bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_id_idx ON team_members (user_id, team_id);

-- The id is the ticket number people see. priority_rank is generated from
-- priority, so the sort key can never drift from the value shown. tags is
-- the ticket's sorted tag list as read back; ticket_tags holds the same
-- tags one per row for filtering.
CREATE TABLE tickets (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject           text NOT NULL,
    status            text NOT NULL
                      CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    priority          text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    priority_rank     smallint NOT NULL GENERATED ALWAYS AS (
                          CASE priority
                              WHEN 'low' THEN 1 WHEN 'normal' THEN 2
                              WHEN 'high' THEN 3 WHEN 'urgent' THEN 4
                          END) STORED,
    type              text NOT NULL CHECK (type IN ('question', 'incident', 'problem', 'task')),
    requester_id      bigint NOT NULL REFERENCES users (id),
    assignee_id       bigint REFERENCES users (id),
    team_id           bigint REFERENCES teams (id) ON DELETE SET NULL,
    tags              text[] NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    solved_at         timestamptz,
    first_response_at timestamptz
);
-- One index per sort, and one per filter led by the filtered column and
-- followed by the default sort key, so that lists never scan the table and
-- the default order is read straight off an index.
CREATE INDEX tickets_updated_at_id_idx ON tickets (updated_at, id);
CREATE INDEX tickets_created_at_id_idx ON tickets (created_at, id);
CREATE INDEX tickets_priority_rank_id_idx ON tickets (priority_rank, id);
CREATE INDEX tickets_status_updated_at_id_idx ON tickets (status, updated_at, id);
CREATE INDEX tickets_priority_updated_at_id_idx ON tickets (priority, updated_at, id);
CREATE INDEX tickets_type_updated_at_id_idx ON tickets (type, updated_at, id);
CREATE INDEX tickets_assignee_id_updated_at_id_idx ON tickets (assignee_id, updated_at, id);
CREATE INDEX tickets_team_id_updated_at_id_idx ON tickets (team_id, updated_at, id);
CREATE INDEX tickets_requester_id_updated_at_id_idx ON tickets (requester_id, updated_at, id);

CREATE TABLE ticket_tags (
    ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag       text NOT NULL,
    PRIMARY KEY (tag, ticket_id)
);
CREATE INDEX ticket_tags_ticket_id_idx ON ticket_tags (ticket_id);

CREATE TABLE comments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id  bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    author_id  bigint NOT NULL REFERENCES users (id),
    body       text NOT NULL,
    body_html  text NOT NULL DEFAULT '',
    internal   boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    edited_at  timestamptz
);
CREATE INDEX comments_ticket_id_id_idx ON comments (ticket_id, id);

CREATE TABLE comment_revisions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    comment_id bigint NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    body       text NOT NULL,
    editor_id  bigint NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL
);
CREATE INDEX comment_revisions_comment_id_id_idx ON comment_revisions (comment_id, id);

CREATE TABLE sessions (
    id           text PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    ip           text NOT NULL DEFAULT '',
    user_agent   text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_id_created_at_idx ON sessions (user_id, created_at);

CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    session_id text NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL,
    prefix       text NOT NULL,
    token_hash   text NOT NULL CONSTRAINT api_tokens_token_hash_key UNIQUE,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_id_created_at_idx ON api_tokens (user_id, created_at);

CREATE TABLE password_resets (
    token_hash text PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);

-- The audit log has no foreign key to users: it must outlive them.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    actor_id    bigint,
    action      text NOT NULL,
    target_type text NOT NULL DEFAULT '',
    target_id   text NOT NULL DEFAULT '',
    before      jsonb,
    after       jsonb,
    ip          text NOT NULL DEFAULT '',
    request_id  text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_actor_id_id_idx ON audit_log (actor_id, id);
CREATE INDEX audit_log_target_id_idx ON audit_log (target_type, target_id, id);
CREATE INDEX audit_log_action_id_idx ON audit_log (action, id);

-- The audit log is append-only even for code (or people) holding the
-- application's credentials: rows can be inserted, never changed.
-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only'
        USING ERRCODE = 'restrict_violation';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION audit_log_append_only();
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
