-- careerbot curation store, version 1.
-- Every moderator action is a row in `changes`; a guild's curation is the
-- fold of its changes that have not been undone, in id order.

CREATE TABLE changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_name  TEXT    NOT NULL,
    at          INTEGER NOT NULL,          -- unix seconds
    summary     TEXT    NOT NULL,          -- for people: what changed
    op          TEXT    NOT NULL,          -- JSON of curation::Op
    undoes      INTEGER REFERENCES changes(id),
    undone_by   INTEGER REFERENCES changes(id)
);
CREATE INDEX changes_by_guild ON changes (guild_id, id);

-- Questions the bot declined, for the moderators' report. No asker is kept.
CREATE TABLE declined (
    guild_id    INTEGER NOT NULL,
    question    TEXT    NOT NULL,          -- normalised: lower case, single spaces
    shown       TEXT    NOT NULL,          -- as last asked
    count       INTEGER NOT NULL,
    first_at    INTEGER NOT NULL,
    last_at     INTEGER NOT NULL,
    PRIMARY KEY (guild_id, question)
);
CREATE INDEX declined_by_age ON declined (last_at);

-- Thumbs up/down on an answer: one vote per member per answer message.
CREATE TABLE votes (
    guild_id    INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    section     TEXT    NOT NULL,
    user_id     INTEGER NOT NULL,
    vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    at          INTEGER NOT NULL,
    PRIMARY KEY (guild_id, message_id, user_id)
);
CREATE INDEX votes_by_section ON votes (guild_id, section);
