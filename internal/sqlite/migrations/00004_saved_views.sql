-- Saved views: named searches agents keep in the sidebar.

-- +goose Up

-- scope says who sees a view: its owner only (personal), the members of
-- team_id and admins (team), or all staff (everyone). Only team views have
-- a team. columns is the list of columns to show, as a JSON array. Deleting
-- a team deletes the views shared with it; deleting a user, theirs.
CREATE TABLE saved_views (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    query      TEXT    NOT NULL,
    sort       TEXT    NOT NULL,
    columns    TEXT    NOT NULL,
    scope      TEXT    NOT NULL CHECK (scope IN ('personal', 'team', 'everyone')),
    team_id    INTEGER REFERENCES teams (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((scope = 'team') = (team_id IS NOT NULL))
);
CREATE INDEX saved_views_owner_idx ON saved_views (owner_id);
CREATE INDEX saved_views_team_idx ON saved_views (team_id) WHERE team_id IS NOT NULL;
CREATE INDEX saved_views_everyone_idx ON saved_views (scope) WHERE scope = 'everyone';

-- +goose Down

DROP TABLE saved_views;
