-- Full-text search: FTS5 indexes over posts and cases, external content (the text is stored once,
-- in posts and cases), kept in sync by triggers in the pattern of sqlite.org/fts5.html §4.4.3.
--
-- unicode61 with remove_diacritics 2 folds accents both when indexing and when querying,
-- so "quinones" finds "Quiñones".
-- Column weights are applied at query time, not stored here:
--   posts_fts: bm25(posts_fts, 10.0, 4.0, 1.0)       title, summary, body
--   cases_fts: bm25(cases_fts, 10.0, 4.0, 1.0, 2.0)  name, summary, description, campaign
-- best as `AND rank MATCH 'bm25(10.0, 4.0, 1.0)' ... ORDER BY rank`, which lets FTS5 sort by itself
-- and compute snippet() only for the rows returned (README.md, "Search").
-- A 'delete' must repeat exactly the values indexed, so the update triggers fire only when an
-- indexed column (or the id) changes, and always pass old.* then new.*.

CREATE VIRTUAL TABLE posts_fts USING fts5 (
    title, summary, body,
    content = 'posts', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER posts_fts_after_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, title, summary, body)
    VALUES (new.id, new.title, new.summary, new.body);
END;

CREATE TRIGGER posts_fts_after_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, summary, body)
    VALUES ('delete', old.id, old.title, old.summary, old.body);
END;

CREATE TRIGGER posts_fts_after_update AFTER UPDATE OF id, title, summary, body ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, summary, body)
    VALUES ('delete', old.id, old.title, old.summary, old.body);
    INSERT INTO posts_fts (rowid, title, summary, body)
    VALUES (new.id, new.title, new.summary, new.body);
END;

CREATE VIRTUAL TABLE cases_fts USING fts5 (
    name, summary, description, campaign,
    content = 'cases', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER cases_fts_after_insert AFTER INSERT ON cases BEGIN
    INSERT INTO cases_fts (rowid, name, summary, description, campaign)
    VALUES (new.id, new.name, new.summary, new.description, new.campaign);
END;

CREATE TRIGGER cases_fts_after_delete AFTER DELETE ON cases BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, name, summary, description, campaign)
    VALUES ('delete', old.id, old.name, old.summary, old.description, old.campaign);
END;

CREATE TRIGGER cases_fts_after_update AFTER UPDATE OF id, name, summary, description, campaign ON cases BEGIN
    INSERT INTO cases_fts (cases_fts, rowid, name, summary, description, campaign)
    VALUES ('delete', old.id, old.name, old.summary, old.description, old.campaign);
    INSERT INTO cases_fts (rowid, name, summary, description, campaign)
    VALUES (new.id, new.name, new.summary, new.description, new.campaign);
END;

-- Index whatever content 0001 may already hold (nothing on a fresh database; cheap then).
INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');
INSERT INTO cases_fts (cases_fts) VALUES ('rebuild');
