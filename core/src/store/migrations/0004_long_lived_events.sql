-- Schema 4 (clinical-iron): the iron status and the weekly IRLS read a few long-lived event
-- kinds (IV iron infusions, weekly IRLS ratings) whatever their age. The kind is stored as
-- serde's JSON with its "type" tag first, so an index on the text finds one type by a prefix
-- range without scanning every intake and dose of the diary. No data changes.
CREATE INDEX events_by_kind ON events (kind) WHERE deleted = 0;
