-- Link candidates: when the bot was unsure and asked "is it one of these?",
-- which section members picked for which question. /kb report lists them so
-- moderators can link the question to the section (one row per question and
-- section, counted).
CREATE TABLE picks (
    guild_id    INTEGER NOT NULL,
    question    TEXT    NOT NULL,          -- normalised: lower case, single spaces
    shown       TEXT    NOT NULL,          -- as last asked
    section     TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    last_at     INTEGER NOT NULL,
    PRIMARY KEY (guild_id, question, section)
);
