-- Saved views: named searches agents keep in the sidebar.

-- +goose Up

-- scope says who sees a view: its owner only (personal), the members of
-- team_id and admins (team), or all staff (everyone). Only team views have
-- a team. Deleting a team deletes the views shared with it; deleting a
-- user, theirs.
CREATE TABLE saved_views (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text NOT NULL,
    query      text NOT NULL,
    sort       text NOT NULL,
    columns    text[] NOT NULL,
    scope      text NOT NULL CHECK (scope IN ('personal', 'team', 'everyone')),
    team_id    bigint REFERENCES teams (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT saved_views_team_id_check CHECK ((scope = 'team') = (team_id IS NOT NULL))
);
CREATE INDEX saved_views_owner_id_idx ON saved_views (owner_id);
CREATE INDEX saved_views_team_id_idx ON saved_views (team_id) WHERE team_id IS NOT NULL;
CREATE INDEX saved_views_everyone_idx ON saved_views (scope) WHERE scope = 'everyone';

-- +goose Down
DROP TABLE saved_views;
