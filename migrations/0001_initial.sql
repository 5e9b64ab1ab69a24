-- Content: posts, cases, their tags and the links between them.
--
-- Conventions (see README.md): times are INTEGER unix seconds in UTC; slugs are checked against
-- [a-z0-9]+(-[a-z0-9]+)*, 1-120 characters, not all digits (an all-digit slug would read as an id);
-- country codes are two upper-case ASCII letters. The length limits (API.md's, and README.md's for
-- what API.md leaves open) are a backstop for the domain's validation, which must report them as
-- 422 before SQLite ever sees the row.
-- Foreign keys act only on connections that set PRAGMA foreign_keys=ON (every one must).
-- Never use INSERT OR REPLACE on these tables: the replaced row's links would cascade away.

-- AUTOINCREMENT so that the id of a deleted post or case is never handed to a new one:
-- ids appear in URLs, caches and cursors.
CREATE TABLE posts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    slug          TEXT    NOT NULL UNIQUE CONSTRAINT slug_format CHECK (
                      length(slug) BETWEEN 1 AND 120
                      AND slug NOT GLOB '*[^a-z0-9-]*'
                      AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'
                      AND slug GLOB '*[^0-9]*'),
    title         TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    summary       TEXT    NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
    body          TEXT    NOT NULL DEFAULT '' CHECK (length(body) <= 200000),
    status        TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    -- NULL only for a draft not yet given a date; a future time on a published post = scheduled.
    -- Bounded to years 0001-9999 so that every stored value renders as RFC 3339.
    published_at  INTEGER CHECK (published_at BETWEEN -62135596800 AND 253402300799),
    image_url     TEXT    CONSTRAINT image_url_format CHECK (length(image_url) BETWEEN 1 AND 2048
                                 AND (image_url GLOB 'https://?*' OR image_url GLOB 'http://?*')),
    image_caption TEXT    CHECK (length(image_caption) <= 1000),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    CHECK (status = 'draft' OR published_at IS NOT NULL),
    CHECK (image_caption IS NULL OR image_url IS NOT NULL)
) STRICT;

-- The public feed, and the admin's status=draft|published lists:
--   WHERE status = ? AND (published_at, id) < (?, ?) [AND published_at >= ?]
--   ORDER BY published_at DESC, id DESC
-- is a backward walk of this index with no sort. Give it ONE upper bound: "now", `to` and the
-- cursor folded into the row value (README.md, "Feed"); with two, SQLite ranges on either.
CREATE INDEX posts_by_status_published ON posts (status, published_at, id);
-- The admin's status=all list walks this one (undated drafts last: `published_at IS NULL AND id < ?`).
CREATE INDEX posts_by_published ON posts (published_at, id);

CREATE TABLE cases (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT    NOT NULL UNIQUE CONSTRAINT slug_format CHECK (
                    length(slug) BETWEEN 1 AND 120
                    AND slug NOT GLOB '*[^a-z0-9-]*'
                    AND slug NOT GLOB '-*' AND slug NOT GLOB '*-' AND slug NOT GLOB '*--*'
                    AND slug GLOB '*[^0-9]*'),
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    country     TEXT    NOT NULL CHECK (country GLOB '[A-Z][A-Z]'),
    summary     TEXT    NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
    description TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 200000),
    status      TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'resolved', 'closed')),
    outcome     TEXT    CHECK (length(outcome) BETWEEN 1 AND 1000),
    -- Matched and grouped exactly (binary collation): the domain trims it, nothing more.
    campaign    TEXT    CHECK (length(campaign) BETWEEN 1 AND 200),
    action_goal INTEGER CHECK (action_goal > 0),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

-- Newest first, keyset on (created_at, id): one index per equality filter so that each filter
-- is an index walk in list order; a second filter is tested on the rows walked.
CREATE INDEX cases_by_created ON cases (created_at, id);
CREATE INDEX cases_by_status ON cases (status, created_at, id);
CREATE INDEX cases_by_country ON cases (country, created_at, id);
CREATE INDEX cases_by_campaign ON cases (campaign, created_at, id);

-- Tags are kept as text in the link tables (no tags table: nothing else describes a tag).
-- The primary key keeps the order the tags were given in (and reads a page's tags without a sort);
-- the unique index forbids a tag twice and answers "has tag X" during the feed walk.
CREATE TABLE post_tags (
    post_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    tag      TEXT    NOT NULL CHECK (length(tag) BETWEEN 1 AND 50),
    PRIMARY KEY (post_id, position)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX post_tags_by_tag ON post_tags (tag, post_id);

CREATE TABLE case_tags (
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    tag      TEXT    NOT NULL CHECK (length(tag) BETWEEN 1 AND 50),
    PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX case_tags_by_tag ON case_tags (tag, case_id);

-- Deleting either side drops the link: the API blocks deleting a case only when it has actions.
CREATE TABLE post_cases (
    post_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, position)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX post_cases_by_case ON post_cases (case_id, post_id);
