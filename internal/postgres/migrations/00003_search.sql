-- Full-text search over tickets.
--
-- ticket_search holds two tsvectors per ticket: public (the subject and the
-- public conversation: description and public replies) and everything
-- (public plus internal notes). Staff searches match everything through
-- its GIN index; a customer's search matches public only, so internal-note
-- text never matches, ranks or shows for them. Weights: subject A,
-- conversation B, internal notes C. The triage_search configuration is
-- 'simple' (no stemming) with accents removed (unaccent, a trusted
-- extension), which matches what SQLite's unicode61 tokenizer does.
--
-- Triggers refresh a ticket's row in the same transaction as every change
-- to its subject or comments. A bulk loader sets triage.search_bulk to on
-- for its transaction (SET LOCAL), which turns the triggers off, and calls
-- triage_search_refresh with the ids it loaded before it commits.

-- +goose Up

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION triage_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION triage_search
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

CREATE TABLE ticket_search (
    ticket_id  bigint PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
    public     tsvector NOT NULL,
    everything tsvector NOT NULL
);
-- fastupdate off: with it on, new entries wait in a pending list (up to
-- 4 MB) that every search reads from end to end until a vacuum merges
-- it, which cost 12 ms on a search that found three tickets.
CREATE INDEX ticket_search_everything_idx ON ticket_search USING gin (everything) WITH (fastupdate = off);

-- +goose StatementBegin
-- triage_search_refresh rebuilds the search rows of the tickets ids. Each
-- part is cut at 300,000 characters: a tsvector holds at most 1 MB. The
-- characters < > & become spaces first: PostgreSQL's parser would read
-- <tags> and &entities; as markup and drop the words inside them.
CREATE FUNCTION triage_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO ticket_search (ticket_id, public, everything)
    SELECT d.id, d.pub, d.pub || d.note
    FROM (
        SELECT t.id,
               setweight(to_tsvector('triage_search', translate(t.subject, '<>&', '   ')), 'A') ||
               setweight(to_tsvector('triage_search', translate(left(coalesce(
                   (SELECT string_agg(c.body, E'\n' ORDER BY c.id) FROM comments c
                    WHERE c.ticket_id = t.id AND NOT c.internal), ''), 300000), '<>&', '   ')), 'B') AS pub,
               setweight(to_tsvector('triage_search', translate(left(coalesce(
                   (SELECT string_agg(c.body, E'\n' ORDER BY c.id) FROM comments c
                    WHERE c.ticket_id = t.id AND c.internal), ''), 300000), '<>&', '   ')), 'C') AS note
        FROM tickets t
        WHERE t.id = ANY (ids)
    ) d
    ON CONFLICT (ticket_id) DO UPDATE
        SET public = EXCLUDED.public, everything = EXCLUDED.everything;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- triage_search_vector is the weighted tsvector of one piece of text.
CREATE FUNCTION triage_search_vector(body text, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('triage_search', translate(left(body, 300000), '<>&', '   ')), weight)
$$;
-- +goose StatementEnd

-- +goose StatementBegin
-- triage_search_trigger keeps ticket_search in step. The two common
-- writes read nothing but the row they change, so that concurrent
-- SERIALIZABLE transactions on different tickets do not conflict through
-- shared index pages: a new ticket inserts its row from its subject, and a
-- new comment appends its words to its ticket's row (stopping short of a
-- tsvector's 1 MB). Rarer changes (a new subject, an edited, moved or
-- deleted comment) rebuild the row from the tables.
CREATE FUNCTION triage_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v tsvector;
BEGIN
    IF coalesce(current_setting('triage.search_bulk', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'tickets' AND TG_OP = 'INSERT' THEN
        v := triage_search_vector(NEW.subject, 'A');
        INSERT INTO ticket_search (ticket_id, public, everything) VALUES (NEW.id, v, v);
    ELSIF TG_TABLE_NAME = 'tickets' THEN
        PERFORM triage_search_refresh(ARRAY[NEW.id]);
    ELSIF TG_OP = 'INSERT' THEN
        v := triage_search_vector(NEW.body, (CASE WHEN NEW.internal THEN 'C' ELSE 'B' END)::"char");
        UPDATE ticket_search SET
            public = CASE WHEN NEW.internal OR pg_column_size(public) + pg_column_size(v) > 1000000
                          THEN public ELSE public || v END,
            everything = CASE WHEN pg_column_size(everything) + pg_column_size(v) > 1000000
                              THEN everything ELSE everything || v END
        WHERE ticket_id = NEW.ticket_id;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM triage_search_refresh(ARRAY[OLD.ticket_id]);
    ELSE
        PERFORM triage_search_refresh(ARRAY[OLD.ticket_id, NEW.ticket_id]);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER ticket_search_tickets_ai AFTER INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION triage_search_trigger();
CREATE TRIGGER ticket_search_tickets_au AFTER UPDATE OF subject ON tickets
    FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject)
    EXECUTE FUNCTION triage_search_trigger();
CREATE TRIGGER ticket_search_comments_aid AFTER INSERT OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION triage_search_trigger();
CREATE TRIGGER ticket_search_comments_au AFTER UPDATE OF body, internal, ticket_id ON comments
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.internal IS DISTINCT FROM NEW.internal
                       OR OLD.ticket_id IS DISTINCT FROM NEW.ticket_id)
    EXECUTE FUNCTION triage_search_trigger();

-- Index the tickets that exist already.
SELECT triage_search_refresh(array_agg(id)) FROM tickets;

-- +goose Down

DROP TRIGGER ticket_search_comments_au ON comments;
DROP TRIGGER ticket_search_comments_aid ON comments;
DROP TRIGGER ticket_search_tickets_au ON tickets;
DROP TRIGGER ticket_search_tickets_ai ON tickets;
DROP FUNCTION triage_search_trigger();
DROP FUNCTION triage_search_vector(text, "char");
DROP FUNCTION triage_search_refresh(bigint[]);
DROP TABLE ticket_search;
DROP TEXT SEARCH CONFIGURATION triage_search;
