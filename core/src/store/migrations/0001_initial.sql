-- QuietLegs schema 1. Every record table carries the sync columns:
-- id (UUID), created_at / modified_at (RFC 3339 UTC, millisecond precision, so text order is
-- time order), deleted (tombstone), device_id (last writer; breaks modified_at ties).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE profile (
    id          TEXT PRIMARY KEY,
    doc         TEXT NOT NULL,            -- JSON, see model::Profile
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    device_id   TEXT NOT NULL
) STRICT;

CREATE TABLE nights (
    id             TEXT PRIMARY KEY,
    night_date     TEXT NOT NULL,          -- YYYY-MM-DD, the evening the night began
    quick_severity INTEGER,
    irls_items     TEXT,                   -- JSON array of ten 0-4 scores
    onset          TEXT,                   -- HH:MM local
    body_areas     TEXT NOT NULL,          -- JSON array
    sleep_hours    REAL,
    awakenings     INTEGER,
    triggers       TEXT NOT NULL,          -- JSON array
    relief         TEXT NOT NULL,          -- JSON array of {kind, effect}
    notes          TEXT,
    created_at     TEXT NOT NULL,
    modified_at    TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    device_id      TEXT NOT NULL
) STRICT;
CREATE INDEX nights_by_date ON nights (night_date) WHERE deleted = 0;

CREATE TABLE events (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,             -- RFC 3339 UTC
    kind        TEXT NOT NULL,             -- JSON, see model::EventKind
    note        TEXT,
    warnings    TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    device_id   TEXT NOT NULL
) STRICT;
CREATE INDEX events_by_time ON events (at) WHERE deleted = 0;

CREATE TABLE labs (
    id            TEXT PRIMARY KEY,
    analyte       TEXT NOT NULL,
    value         REAL NOT NULL,           -- canonical unit of the analyte
    entered_value REAL NOT NULL,
    entered_unit  TEXT NOT NULL,
    taken_on      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    modified_at   TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    device_id     TEXT NOT NULL
) STRICT;
CREATE INDEX labs_by_analyte ON labs (analyte, taken_on) WHERE deleted = 0;

CREATE TABLE regimen (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    dose_mg        REAL,
    times          TEXT NOT NULL,          -- JSON array of HH:MM
    every_n_days   INTEGER NOT NULL,
    with_vitamin_c INTEGER NOT NULL,
    start_date     TEXT NOT NULL,
    stop_date      TEXT,
    created_at     TEXT NOT NULL,
    modified_at    TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0,
    device_id      TEXT NOT NULL
) STRICT;

CREATE TABLE habits (
    id          TEXT PRIMARY KEY,
    intake      TEXT NOT NULL,
    at          TEXT NOT NULL,             -- HH:MM local
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    device_id   TEXT NOT NULL
) STRICT;
