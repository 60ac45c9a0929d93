-- Schema 2: what the person did with a reminder on this device (done, snoozed, skipped).
-- Device-local notification state, not diary content: it is not exported or synced. The
-- diary facts an action produces (a dose taken) are ordinary events.
CREATE TABLE reminder_state (
    occurrence_id TEXT PRIMARY KEY,
    action        TEXT NOT NULL,           -- done | snooze | skip
    acted_at      TEXT NOT NULL,
    snooze_until  TEXT
) STRICT;
