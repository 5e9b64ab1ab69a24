-- Actions (supporters speaking out for a case) and the running tallies read instead of them.
--
-- Privacy: nothing here, or anywhere in the database, identifies a supporter: no client address,
-- no name, no e-mail. `source` is a campaign label ("write-for-rights-2019"), not a person.
--
-- The tallies are maintained by TRIGGERS on actions, not by application code, so that they
-- cannot drift from the actions whatever writes them (API, import, a hand-run sqlite3 session):
-- the action and its tally change in the same statement, hence the same transaction.
-- Actions are append-only: an UPDATE is refused; a DELETE (a manual correction) is subtracted.
-- Unknown country is '' in case_tallies_by_country (NULL in actions): a primary-key column
-- should not be NULL, and '' can never be a country code.

CREATE TABLE actions (
    id         INTEGER PRIMARY KEY,
    -- RESTRICT: a case with recorded actions cannot be deleted (the API answers 409: close it).
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE RESTRICT,
    kind       TEXT    NOT NULL CHECK (kind IN ('letter', 'email', 'petition', 'social', 'call', 'event', 'other')),
    count      INTEGER NOT NULL DEFAULT 1 CHECK (count BETWEEN 1 AND 10000000),
    country    TEXT    CHECK (country GLOB '[A-Z][A-Z]'),
    source     TEXT    CHECK (length(source) BETWEEN 1 AND 200),
    created_at INTEGER NOT NULL
) STRICT;

-- Covering indexes (every column a tally needs, not `source`): the ranged tallies
-- (from/to, group_by=day) read only index pages, in time order.
--   WHERE created_at >= ? AND created_at < ?                 group_by day|kind|country|case|campaign
--   WHERE case_id = ? AND created_at >= ? AND created_at < ? the same for one case; also serves
--                                                            the RESTRICT check on case deletion
CREATE INDEX actions_by_time ON actions (created_at, case_id, kind, country, count);
CREATE INDEX actions_by_case_time ON actions (case_id, created_at, kind, country, count);

-- One row per case, created with the case, so a read never needs an outer join.
-- updated_at is the created_at of the case's latest action, NULL while it has none.
CREATE TABLE case_tallies (
    case_id    INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    total      INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
    updated_at INTEGER
) STRICT;

-- A row exists only while its total is above zero.
CREATE TABLE case_tallies_by_kind (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind    TEXT    NOT NULL CHECK (kind IN ('letter', 'email', 'petition', 'social', 'call', 'event', 'other')),
    total   INTEGER NOT NULL CHECK (total > 0),
    PRIMARY KEY (case_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE case_tallies_by_country (
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    country TEXT    NOT NULL CHECK (country = '' OR country GLOB '[A-Z][A-Z]'),
    total   INTEGER NOT NULL CHECK (total > 0),
    PRIMARY KEY (case_id, country)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER cases_tally_after_insert AFTER INSERT ON cases BEGIN
    INSERT INTO case_tallies (case_id, total, updated_at) VALUES (new.id, 0, NULL);
END;

-- Cases created before this migration (none on a fresh database).
INSERT INTO case_tallies (case_id, total, updated_at) SELECT id, 0, NULL FROM cases;

CREATE TRIGGER actions_tally_after_insert AFTER INSERT ON actions BEGIN
    INSERT INTO case_tallies (case_id, total, updated_at)
    VALUES (new.case_id, new.count, new.created_at)
    ON CONFLICT (case_id) DO UPDATE
        SET total = total + excluded.total,
            updated_at = max(coalesce(updated_at, excluded.updated_at), excluded.updated_at);
    INSERT INTO case_tallies_by_kind (case_id, kind, total)
    VALUES (new.case_id, new.kind, new.count)
    ON CONFLICT (case_id, kind) DO UPDATE SET total = total + excluded.total;
    INSERT INTO case_tallies_by_country (case_id, country, total)
    VALUES (new.case_id, coalesce(new.country, ''), new.count)
    ON CONFLICT (case_id, country) DO UPDATE SET total = total + excluded.total;
END;

CREATE TRIGGER actions_tally_after_delete AFTER DELETE ON actions BEGIN
    UPDATE case_tallies
    SET total = total - old.count,
        updated_at = (SELECT max(created_at) FROM actions WHERE case_id = old.case_id)
    WHERE case_id = old.case_id;
    DELETE FROM case_tallies_by_kind
    WHERE case_id = old.case_id AND kind = old.kind AND total = old.count;
    UPDATE case_tallies_by_kind SET total = total - old.count
    WHERE case_id = old.case_id AND kind = old.kind;
    DELETE FROM case_tallies_by_country
    WHERE case_id = old.case_id AND country = coalesce(old.country, '') AND total = old.count;
    UPDATE case_tallies_by_country SET total = total - old.count
    WHERE case_id = old.case_id AND country = coalesce(old.country, '');
END;

CREATE TRIGGER actions_are_append_only BEFORE UPDATE ON actions BEGIN
    SELECT RAISE(ABORT, 'actions are append-only: delete the action and insert a corrected one');
END;
