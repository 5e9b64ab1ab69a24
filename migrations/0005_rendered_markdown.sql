-- Post bodies and case descriptions rendered to HTML once, when written (Sources/GoodNews/Content/
-- RenderedMarkdown.swift), so no read renders Markdown. NULL: not rendered yet; `serve` and `migrate`
-- render such rows (those written before this migration) right after migrating.
-- Not indexed for search: the Markdown columns are.

ALTER TABLE posts ADD COLUMN body_html TEXT;
ALTER TABLE cases ADD COLUMN description_html TEXT;
