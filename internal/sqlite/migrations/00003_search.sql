-- Full-text search over tickets.
--
-- ticket_docs is the text a ticket is found by: its subject, its public
-- conversation (the description and public replies) and its internal notes,
-- each column the comment bodies joined by a newline in comment order.
-- ticket_fts indexes that view as FTS5 external content: the index holds
-- only the tokens, and snippets read the text back through the view.
-- Internal notes have their own column so a customer's search can leave
-- them out of matching, ranking and snippets alike.
--
-- Triggers keep the index equal to the view in the same transaction as
-- every change: before a change they remove the ticket's old document
-- (FTS5 needs the old text to remove it), after it they add the new one.
-- A bulk loader that writes the index itself puts a row in search_bulk for
-- the length of its transaction, which turns the triggers off.

-- +goose Up

CREATE VIEW ticket_docs AS
SELECT t.id AS id,
       t.subject AS subject,
       coalesce((SELECT group_concat(body, char(10)) FROM
           (SELECT body FROM comments WHERE ticket_id = t.id AND internal = 0 ORDER BY id)), '') AS public,
       coalesce((SELECT group_concat(body, char(10)) FROM
           (SELECT body FROM comments WHERE ticket_id = t.id AND internal = 1 ORDER BY id)), '') AS internal
FROM tickets t;

CREATE VIRTUAL TABLE ticket_fts USING fts5(
    subject, public, internal,
    content = 'ticket_docs', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE search_bulk (on_ INTEGER NOT NULL);

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_ticket_ai AFTER INSERT ON tickets
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (rowid, subject, public, internal)
    SELECT id, subject, public, internal FROM ticket_docs WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_ticket_bu BEFORE UPDATE OF subject ON tickets
WHEN NEW.subject IS NOT OLD.subject AND NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (ticket_fts, rowid, subject, public, internal)
    SELECT 'delete', id, subject, public, internal FROM ticket_docs WHERE id = OLD.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_ticket_au AFTER UPDATE OF subject ON tickets
WHEN NEW.subject IS NOT OLD.subject AND NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (rowid, subject, public, internal)
    SELECT id, subject, public, internal FROM ticket_docs WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_ticket_bd BEFORE DELETE ON tickets
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (ticket_fts, rowid, subject, public, internal)
    SELECT 'delete', id, subject, public, internal FROM ticket_docs WHERE id = OLD.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_comment_bi BEFORE INSERT ON comments
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (ticket_fts, rowid, subject, public, internal)
    SELECT 'delete', id, subject, public, internal FROM ticket_docs WHERE id = NEW.ticket_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_comment_ai AFTER INSERT ON comments
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (rowid, subject, public, internal)
    SELECT id, subject, public, internal FROM ticket_docs WHERE id = NEW.ticket_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_comment_bu BEFORE UPDATE OF body, internal, ticket_id ON comments
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (ticket_fts, rowid, subject, public, internal)
    SELECT 'delete', id, subject, public, internal FROM ticket_docs
    WHERE id IN (OLD.ticket_id, NEW.ticket_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_comment_au AFTER UPDATE OF body, internal, ticket_id ON comments
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (rowid, subject, public, internal)
    SELECT id, subject, public, internal FROM ticket_docs
    WHERE id IN (OLD.ticket_id, NEW.ticket_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_comment_bd BEFORE DELETE ON comments
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (ticket_fts, rowid, subject, public, internal)
    SELECT 'delete', id, subject, public, internal FROM ticket_docs WHERE id = OLD.ticket_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER ticket_fts_comment_ad AFTER DELETE ON comments
WHEN NOT EXISTS (SELECT 1 FROM search_bulk)
BEGIN
    INSERT INTO ticket_fts (rowid, subject, public, internal)
    SELECT id, subject, public, internal FROM ticket_docs WHERE id = OLD.ticket_id;
END;
-- +goose StatementEnd

-- Index the tickets that exist already.
INSERT INTO ticket_fts (ticket_fts) VALUES ('rebuild');

-- +goose Down

DROP TRIGGER ticket_fts_comment_ad;
DROP TRIGGER ticket_fts_comment_bd;
DROP TRIGGER ticket_fts_comment_au;
DROP TRIGGER ticket_fts_comment_bu;
DROP TRIGGER ticket_fts_comment_ai;
DROP TRIGGER ticket_fts_comment_bi;
DROP TRIGGER ticket_fts_ticket_bd;
DROP TRIGGER ticket_fts_ticket_au;
DROP TRIGGER ticket_fts_ticket_bu;
DROP TRIGGER ticket_fts_ticket_ai;
DROP TABLE search_bulk;
DROP TABLE ticket_fts;
DROP VIEW ticket_docs;
