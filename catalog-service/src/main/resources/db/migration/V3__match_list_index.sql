-- A list page is answered from the index alone: every filter but the text (sport, status,
-- competition, the start window and the cursor) is checked on the index entries, in start order,
-- and only the rows of the page are then read from the table. With the index's key alone, a page
-- filtered by sport read every match of the partner in the window from the table to keep a few.
-- search_text stays out: it has no length limit, and an index entry must fit in a third of a page.
DROP INDEX match_partner_start;
CREATE INDEX match_partner_start ON match (partner_id, scheduled_start, id) INCLUDE (sport, status, competition);
