-- Notifications, email preferences and the record of sent emails.

-- +goose Up

-- dedupe_key names the occurrence that caused a notification (say, the
-- comment that mentioned the user), so a job that runs twice notifies once.
CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL
               CHECK (kind IN ('assigned', 'team_assigned', 'customer_reply', 'mention')),
    ticket_id  bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    comment_id bigint REFERENCES comments (id) ON DELETE CASCADE,
    actor_id   bigint REFERENCES users (id) ON DELETE SET NULL,
    dedupe_key text NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz,
    CONSTRAINT notifications_user_id_dedupe_key_key UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_id_id_idx ON notifications (user_id, id DESC);
-- The unread count and the unread list read only this small index.
CREATE INDEX notifications_unread_idx ON notifications (user_id, id DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_ticket_id_idx ON notifications (ticket_id);

-- A user without a row has the defaults: every email on.
CREATE TABLE notification_prefs (
    user_id              bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email_assigned       boolean NOT NULL,
    email_team_assigned  boolean NOT NULL,
    email_customer_reply boolean NOT NULL,
    email_mention        boolean NOT NULL,
    email_ticket_replies boolean NOT NULL,
    updated_at           timestamptz NOT NULL
);

-- sent_emails makes sending idempotent: the email job checks it before
-- sending and records the Message-ID after.
CREATE TABLE sent_emails (
    message_id text PRIMARY KEY,
    sent_at    timestamptz NOT NULL
);

-- +goose Down
DROP TABLE sent_emails;
DROP TABLE notification_prefs;
DROP TABLE notifications;
