-- Notifications, email preferences and the record of sent emails.

-- +goose Up

-- dedupe_key names the occurrence that caused a notification (say, the
-- comment that mentioned the user), so a job that runs twice notifies once.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL
        CHECK (kind IN ('assigned', 'team_assigned', 'customer_reply', 'mention')),
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    comment_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
    actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    dedupe_key TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);
CREATE UNIQUE INDEX notifications_dedupe_key ON notifications (user_id, dedupe_key);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
-- The unread count and the unread list read only this small index.
CREATE INDEX notifications_unread_idx ON notifications (user_id, id DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_ticket_idx ON notifications (ticket_id);

-- A user without a row has the defaults: every email on.
CREATE TABLE notification_prefs (
    user_id              INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    email_assigned       INTEGER NOT NULL CHECK (email_assigned IN (0, 1)),
    email_team_assigned  INTEGER NOT NULL CHECK (email_team_assigned IN (0, 1)),
    email_customer_reply INTEGER NOT NULL CHECK (email_customer_reply IN (0, 1)),
    email_mention        INTEGER NOT NULL CHECK (email_mention IN (0, 1)),
    email_ticket_replies INTEGER NOT NULL CHECK (email_ticket_replies IN (0, 1)),
    updated_at           INTEGER NOT NULL
);

-- sent_emails makes sending idempotent: the email job checks it before
-- sending and records the Message-ID after.
CREATE TABLE sent_emails (
    message_id TEXT    PRIMARY KEY,
    sent_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- +goose Down

DROP TABLE sent_emails;
DROP TABLE notification_prefs;
DROP TABLE notifications;
