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


def test_night_with_irls_is_scored_and_read_back(diary):
    saved = diary.log_night(night("2026-11-20", 6, irls_items=[3, 2, 2, 3, 1, 2, 2, 2, 1, 1],
                                  onset="21:30", body_areas=[ql.BodyArea.ARMS, ql.BodyArea.LEGS]))
    assert saved.irls_total == 19
    assert saved.irls_band == ql.IrlsBand.MODERATE
    [back] = diary.nights(None, None)
    assert back.body_areas == [ql.BodyArea.LEGS, ql.BodyArea.ARMS]
    assert back.onset == "21:30"


def test_events_and_labs(diary):
    berlin(diary)
    e = diary.log_event(ql.EventInput(at="2026-11-21T09:10", kind=ql.EventKind.INTAKE(ql.IntakeKind.COFFEE), note=None))
    assert e.at_utc == "2026-11-21T08:10:00Z"
    assert e.at_local == "2026-11-21T09:10:00+01:00"
    assert len(diary.events_on("2026-11-21")) == 1
    d = diary.add_lab(ql.LabInput(analyte=ql.Analyte.VITAMIN_D, value=74.88, unit="nmol/L", taken_on="2026-11-01"))
    assert d.value == pytest.approx(30.0)
    assert d.unit == "ng/mL"


@pytest.mark.parametrize("field,call", [
    ("severity", lambda q: q.log_night(night("2026-11-20", 11))),
    ("IRLS items", lambda q: q.log_night(night("2026-11-20", 1, irls_items=[5] + [0] * 9))),
    ("IRLS items", lambda q: q.log_night(night("2026-11-20", 1, irls_items=[1, 2]))),
    ("night date", lambda q: q.log_night(night("2026-11-30", 2))),
    ("onset", lambda q: q.log_night(night("2026-11-20", 2, onset="25:10"))),
    ("lab value", lambda q: q.add_lab(ql.LabInput(analyte=ql.Analyte.FERRITIN, value=-3.0, unit="ng/mL", taken_on="2026-11-01"))),
    ("lab unit", lambda q: q.add_lab(ql.LabInput(analyte=ql.Analyte.FERRITIN, value=42.0, unit="mg/dL", taken_on="2026-11-01"))),
    ("time zone", lambda q: q.set_profile(ql.ProfileSettings(time_zone="Mars/Olympus", bedtime="23:00", wake_time="07:00",
                                                             breakfast=None, lunch=None, dinner=None, pregnant=False, kidney_disease=False))),
])
def test_bad_input_is_a_typed_error_naming_the_field(diary, field, call):
    with pytest.raises(ql.QuietLegsError.InvalidInput) as e:
        call(diary)
    assert e.value.field == field
    assert diary.nights(None, None) == []
    assert diary.labs(None) == []


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
