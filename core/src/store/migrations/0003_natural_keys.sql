-- Schema 3: records that are one thing by nature (one night per night date, one profile).
--
-- Two devices that each logged the same night keep both rows: reads show the current one of
-- each night date (newest modified_at, then device id, then tombstone, then id; see
-- store::records::current_sql), so duplicates made before this version are folded on every
-- device the same way, and the other row stays in the diary and its exports as history of that
-- night, exactly as typed. Rewriting it (into a tombstone) would make the result depend on the
-- order devices synced in. This index makes "is there a newer row of this date" one seek.
CREATE INDEX nights_by_key ON nights (night_date, modified_at, device_id, deleted, id);

-- Acting on a reminder is idempotent: the event a "done" logged is remembered with the state,
-- written in the same transaction, so a second "done" finds it instead of logging another.
ALTER TABLE reminder_state ADD COLUMN event_id TEXT;
