"""The generated Python bindings against the real library: the same behaviour the Kotlin suite checks."""
import pytest

import quietlegs_core as ql

NOW_MS = 1_795_262_400_000  # 2026-11-21T12:00:00Z


class FixedClock(ql.Clock):
    def now_millis(self):
        return NOW_MS


@pytest.fixture
def diary(tmp_path):
    return ql.QuietLegs.open_with_clock(str(tmp_path / "diary.db"), FixedClock())


def night(date, severity, **kw):
    args = dict(night_date=date, quick_severity=severity, irls_items=None, onset=None,
                body_areas=[], sleep_hours=None, awakenings=None, triggers=[], relief=[], notes=None)
    args.update(kw)
    return ql.NightInput(**args)


def berlin(diary):
    diary.set_profile(ql.ProfileSettings(time_zone="Europe/Berlin", bedtime="23:00", wake_time="07:00",
                                         breakfast=None, lunch=None, dinner=None,
                                         pregnant=False, kidney_disease=False))


def test_a_night_takes_no_irls_and_the_weekly_irls_is_scored(diary):
    # The IRLS rates the past week (SPEC §2.7): refused on a night, nothing written.
    with pytest.raises(ql.QuietLegsError.InvalidInput) as e:
        diary.log_night(night("2026-11-20", 6, irls_items=[3, 2, 2, 3, 1, 2, 2, 2, 1, 1]))
    assert e.value.field == "IRLS items"
    assert diary.nights(None, None) == []
    saved = diary.log_night(night("2026-11-20", 6, onset="21:30",
                                  body_areas=[ql.BodyArea.ARMS, ql.BodyArea.LEGS]))
    assert saved.irls_total is None
    [back] = diary.nights(None, None)
    assert back.body_areas == [ql.BodyArea.LEGS, ql.BodyArea.ARMS]
    assert back.onset == "21:30"
    diary.log_weekly_irls(bytes([3, 2, 2, 3, 1, 2, 2, 2, 1, 1]), "2026-11-20")
    [week] = diary.status(None).weekly_irls.ratings
    assert (week.week_ending, week.total, week.band) == ("2026-11-20", 19, ql.IrlsBand.MODERATE)
    # A rating whose 7 days overlap it is refused, naming the week ending.
    with pytest.raises(ql.QuietLegsError.InvalidInput) as e:
        diary.log_weekly_irls(bytes([1] * 10), "2026-11-15")
    assert e.value.field == "week ending"


def test_events_and_labs(diary):
    berlin(diary)
    e = diary.log_event(ql.EventInput(at="2026-11-21T09:10", kind=ql.EventKind.INTAKE(ql.IntakeKind.COFFEE), note=None))
    assert e.at_utc == "2026-11-21T08:10:00Z"
    assert e.at_local == "2026-11-21T09:10:00+01:00"
    assert len(diary.events_on("2026-11-21")) == 1
    d = diary.add_lab(ql.LabInput(analyte=ql.Analyte.VITAMIN_D, value=74.88, unit="nmol/L", taken_on="2026-11-01"))
    assert d.value == pytest.approx(30.0)
    assert d.unit == "ng/mL"


def profile(**kw):
    args = dict(time_zone="Europe/Berlin", bedtime="23:00", wake_time="07:00", breakfast="08:00", lunch=None,
                dinner="19:00", pregnant=False, kidney_disease=False)
    args.update(kw)
    return ql.ProfileSettings(**args)


def another_profile(**kw):
    """Every field different from profile()'s, so a refused change that wrote any part shows."""
    args = dict(time_zone="Asia/Tokyo", bedtime="22:30", wake_time="06:30", breakfast="07:15", lunch="12:00",
                dinner="18:45", pregnant=True, kidney_disease=True)
    args.update(kw)
    return ql.ProfileSettings(**args)


def intake(at, what=ql.IntakeKind.COFFEE, note=None):
    return ql.EventInput(at=at, kind=ql.EventKind.INTAKE(what), note=note)


@pytest.fixture
def full_diary(diary):
    """A diary with something of every kind, so a refused call has something to damage."""
    diary.set_profile(profile())
    diary.log_night(night("2026-11-19", 4, notes="walked"))
    diary.add_lab(ql.LabInput(analyte=ql.Analyte.FERRITIN, value=42.0, unit="ng/mL", taken_on="2026-11-01"))
    iron = diary.add_regimen(ql.RegimenInput(kind=ql.RegimenKind.IRON, name="Iron", dose_mg=65.0, times=[],
                                             every_n_days=2, with_vitamin_c=False, start_date="2026-11-01",
                                             stop_date=None))
    diary.add_habit(ql.IntakeKind.TEA, "15:00")
    diary.log_event(intake("2026-11-21T09:10"))
    diary.log_event(ql.EventInput(at="2026-11-21T10:30", kind=ql.EventKind.DOSE(iron.info.id), note=None))
    return diary


def whole_diary(q, tmp_path):
    """The whole diary as its export: every record of every kind, byte for byte (the clock is fixed)."""
    out = tmp_path / f"snapshot-{len(list(tmp_path.iterdir()))}.json"
    q.export_json(str(out), None)
    return out.read_bytes()


BAD_INPUT = [
    ("severity", lambda q: q.log_night(night("2026-11-20", 11))),
    ("IRLS items", lambda q: q.log_night(night("2026-11-20", 1, irls_items=[5] + [0] * 9))),
    ("IRLS items", lambda q: q.log_night(night("2026-11-20", 1, irls_items=[1, 2]))),
    ("night date", lambda q: q.log_night(night("2026-11-30", 2))),
    ("night date", lambda q: q.log_night(night("20-11-2026", 2))),
    ("onset", lambda q: q.log_night(night("2026-11-19", 2, onset="25:10"))),
    ("lab value", lambda q: q.add_lab(ql.LabInput(analyte=ql.Analyte.FERRITIN, value=-3.0, unit="ng/mL", taken_on="2026-11-01"))),
    ("lab unit", lambda q: q.add_lab(ql.LabInput(analyte=ql.Analyte.FERRITIN, value=42.0, unit="mg/dL", taken_on="2026-11-01"))),
    # The profile: every field that is parsed.
    ("time zone", lambda q: q.set_profile(another_profile(time_zone="Mars/Olympus"))),
    ("time zone", lambda q: q.set_profile(another_profile(time_zone=""))),
    ("bedtime", lambda q: q.set_profile(another_profile(bedtime="23:60"))),
    ("wake time", lambda q: q.set_profile(another_profile(wake_time="7am"))),
    ("breakfast", lambda q: q.set_profile(another_profile(breakfast="24:00"))),
    ("lunch", lambda q: q.set_profile(another_profile(lunch="noon"))),
    ("dinner", lambda q: q.set_profile(another_profile(dinner="19:0x"))),
    # Events: the time, the note.
    ("time", lambda q: q.log_event(intake("yesterday"))),
    ("time", lambda q: q.log_event(intake("2026-11-21T25:00"))),
    ("time", lambda q: q.log_event(intake("2026-11-23T09:00"))),
    ("note", lambda q: q.log_event(intake("2026-11-21T11:00", note="x" * 4001))),
]


@pytest.mark.parametrize("field,call", BAD_INPUT, ids=[f"{i}-{f}" for i, (f, _) in enumerate(BAD_INPUT)])
def test_bad_input_is_a_typed_error_naming_the_field_and_the_diary_is_unchanged(full_diary, tmp_path, field, call):
    before = whole_diary(full_diary, tmp_path)
    with pytest.raises(ql.QuietLegsError.InvalidInput) as e:
        call(full_diary)
    assert e.value.field == field
    assert whole_diary(full_diary, tmp_path) == before


def test_a_dose_of_an_unknown_regimen_item_is_not_found_and_the_diary_is_unchanged(full_diary, tmp_path):
    before = whole_diary(full_diary, tmp_path)
    with pytest.raises(ql.QuietLegsError.NotFound):
        full_diary.log_event(ql.EventInput(at="2026-11-21T09:00", kind=ql.EventKind.DOSE("no-such-id"), note=None))
    assert whole_diary(full_diary, tmp_path) == before


def test_a_diary_from_a_newer_app_is_refused_as_newer_database_and_left_as_it_was(tmp_path):
    path = tmp_path / "newer.db"
    q = ql.QuietLegs.open_with_clock(str(path), FixedClock())
    q.log_night(night("2026-11-19", 4))
    del q
    import gc
    import sqlite3
    gc.collect()
    with sqlite3.connect(path) as c:
        supported = c.execute("PRAGMA user_version").fetchone()[0]
        c.execute(f"PRAGMA user_version = {supported + 1}")
    c.close()
    before = path.read_bytes()
    with pytest.raises(ql.QuietLegsError.NewerDatabase) as e:
        ql.QuietLegs.open(str(path))
    assert (e.value.found, e.value.supported) == (supported + 1, supported)
    assert path.read_bytes() == before


def test_tombstoned_record_disappears(diary):
    n = diary.log_night(night("2026-11-19", 4))
    diary.log_night(night("2026-11-20", 5))
    diary.delete(n.info.id)
    assert [x.night_date for x in diary.nights(None, None)] == ["2026-11-20"]
    with pytest.raises(ql.QuietLegsError.NotFound):
        diary.delete(n.info.id)


def test_a_file_that_is_not_a_diary_is_refused_and_kept(tmp_path):
    f = tmp_path / "notes.db"
    f.write_text("shopping list\n" * 100)
    before = f.read_bytes()
    with pytest.raises(ql.QuietLegsError.NotAQuietLegsDatabase):
        ql.QuietLegs.open(str(f))
    assert f.read_bytes() == before


def test_a_damaged_diary_is_refused_before_a_write_and_its_rest_can_be_rescued(tmp_path):
    p = tmp_path / "d.db"
    d = ql.QuietLegs.open_with_clock(str(p), FixedClock())
    for day in range(1, 29):
        d.log_night(night(f"2026-10-{day:02d}", 5, notes="x" * 900))
    del d
    data = bytearray(p.read_bytes())
    data[-4096 + 8:-4096 + 2008] = b"\xa5" * 2000
    p.write_bytes(bytes(data))
    q = ql.QuietLegs.open_with_clock(str(p), FixedClock())
    with pytest.raises(ql.QuietLegsError.Damaged) as e:
        q.log_night(night("2026-11-20", 3))
    assert "d.db" in str(e.value)
    assert p.read_bytes() == bytes(data)
    saved = q.rescue(str(tmp_path / "saved.db"))
    assert saved.copied > 0
    assert 0 < len(ql.QuietLegs.open_with_clock(saved.path, FixedClock()).nights(None, None)) <= 28


def test_an_import_larger_than_any_export_is_refused_unread(diary, tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(600 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(ql.QuietLegsError.FileTooLarge) as e:
        diary.import_file(str(big), None)
    assert e.value.size == 600 * 1024 * 1024
