-- careerbot curation store on PostgreSQL, version 1: the same data as the
-- SQLite store (migrations/0001_init.sql, 0002_picks.sql). Discord ids are
-- u64, stored bit for bit in BIGINT (`as i64` both ways).

-- Each server's latest change number. A change locks its server's row
-- (SELECT ... FOR UPDATE), so changes to one server are serialised across
-- processes and `seq` is gapless per server (a sequence could commit out
-- of order).
CREATE TABLE guild_heads (
    guild_id    BIGINT PRIMARY KEY,
    seq         BIGINT NOT NULL
);

-- Every moderator action, append-only: an undo is a new row naming the
-- change it reverts, and "undone by" is read from it, never written.
CREATE TABLE changes (
    guild_id    BIGINT  NOT NULL,
    seq         BIGINT  NOT NULL,          -- 1, 2, 3... per server
    actor_id    BIGINT  NOT NULL,
    actor_name  TEXT    NOT NULL,
    at          BIGINT  NOT NULL,          -- unix seconds
    summary     TEXT    NOT NULL,          -- for people: what changed
    op          TEXT    NOT NULL,          -- JSON of curation::Op
    undoes      BIGINT,
    PRIMARY KEY (guild_id, seq),
    FOREIGN KEY (guild_id, undoes) REFERENCES changes (guild_id, seq)
);
-- A change is undone at most once.
CREATE UNIQUE INDEX changes_undone_once ON changes (guild_id, undoes) WHERE undoes IS NOT NULL;

CREATE FUNCTION changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the curation change log is append-only';
END
$$;
CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON changes
    FOR EACH STATEMENT EXECUTE FUNCTION changes_append_only();

-- Questions the bot declined, for the moderators' report. No asker is kept.
CREATE TABLE declined (
    guild_id    BIGINT  NOT NULL,
    question    TEXT    NOT NULL,          -- normalised: lower case, single spaces
    shown       TEXT    NOT NULL,          -- as last asked
    count       BIGINT  NOT NULL,
    first_at    BIGINT  NOT NULL,
    last_at     BIGINT  NOT NULL,
    PRIMARY KEY (guild_id, question)
);
CREATE INDEX declined_by_age ON declined (last_at);

-- Link candidates: the section members picked when the bot was unsure.
CREATE TABLE picks (
    guild_id    BIGINT  NOT NULL,
    question    TEXT    NOT NULL,
    shown       TEXT    NOT NULL,
    section     TEXT    NOT NULL,
    count       BIGINT  NOT NULL,
    last_at     BIGINT  NOT NULL,
    PRIMARY KEY (guild_id, question, section)
);
CREATE INDEX picks_by_age ON picks (last_at);

-- Thumbs up/down on an answer: one vote per member per answer message.
CREATE TABLE votes (
    guild_id    BIGINT   NOT NULL,
    message_id  BIGINT   NOT NULL,
    section     TEXT     NOT NULL,
    user_id     BIGINT   NOT NULL,
    vote        SMALLINT NOT NULL CHECK (vote IN (-1, 1)),
    at          BIGINT   NOT NULL,
    PRIMARY KEY (guild_id, message_id, user_id)
);
CREATE INDEX votes_by_section ON votes (guild_id, section);
