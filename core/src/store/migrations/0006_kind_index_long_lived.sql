-- Schema 6 (issue #13, the import's speed): schema 4's events_by_kind held the kind of every
-- live event, so each intake and dose an import or a day writes made a second index entry of
-- 30-70 bytes; that index alone took an import into an empty diary from under to over 2x a bare
-- bulk insert (docs/PERFORMANCE.md). Its readers look up only the long-lived kinds (IV iron,
-- weekly IRLS) and one regimen item's doses, so:
-- - events_by_kind now holds the kinds whose JSON text sorts at or after the IV iron tag
--   (`iv_iron`, `weekly_irls`; `activity`, `dose` and `intake` sort before it);
-- - events_doses_by_time holds the answer time of each dose, for the oral-iron verdict's range.
-- SQLite reads a partial index only for a query whose WHERE states the index's terms word for
-- word, so every reader repeats them (store::records, LONG_LIVED_KINDS and DOSE_KINDS). The
-- unary `+` keeps SQLite from taking a term as a bound of the index range: each reader's own
-- range is the seek, and the term costs one text comparison per written row. No data changes.
DROP INDEX events_by_kind;
CREATE INDEX events_by_kind ON events (kind)
    WHERE deleted = 0 AND +kind >= '{"type":"iv_iron"';
CREATE INDEX events_doses_by_time ON events (at)
    WHERE deleted = 0 AND +kind >= '{"type":"dose"' AND +kind < '{"type":"dose"~';
