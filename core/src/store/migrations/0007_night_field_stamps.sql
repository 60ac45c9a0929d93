-- Schema 7: a night's field stamps (model/night_merge.rs), so that a night edited on two devices
-- is joined field by field instead of the newer version erasing the other device's edit (SPEC §4;
-- the reviewers' repro). JSON text as serde writes `Night::changed`; NULL for every night written
-- before, which then reads, exports and merges exactly as before. No data changes.
ALTER TABLE nights ADD COLUMN changed TEXT;
