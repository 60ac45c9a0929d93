"""The shared scenario fixtures through the Python bindings: the same answers as Rust and Kotlin."""
import datetime
import json
from pathlib import Path

import pytest

import quietlegs_core as ql

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.json"))
STATUS = sorted((Path(__file__).resolve().parents[1] / "scenarios" / "status").glob("*.json"))


class FixedClock(ql.Clock):
    def __init__(self, iso):
        self.ms = int(datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)

    def now_millis(self):
        return self.ms


REGIMEN_KIND = {"iron": ql.RegimenKind.IRON, "vitamin_c": ql.RegimenKind.VITAMIN_C,
                "magnesium": ql.RegimenKind.MAGNESIUM, "medication": ql.RegimenKind.MEDICATION,
                "supplement": ql.RegimenKind.SUPPLEMENT}
INTAKE = {k.name.lower(): k for k in ql.IntakeKind}
ANALYTE = {k.name.lower(): k for k in ql.Analyte}
TRIGGER = {k.name.lower(): k for k in ql.Trigger}
ROUTINE = ["warm_bath", "warm_socks", "movement", "exercise_cutoff"]
BODY_AREA = {k.name.lower(): k for k in ql.BodyArea}
IRON_STATUS = {s: getattr(ql.IronStatus, s.upper()) for s in
               ["no_iron", "rest_day", "already_taken", "window", "no_window", "held"]}


def test_there_are_scenarios():
    assert len(SCENARIOS) >= 5


def flt(v):
    return None if v is None else float(v)


def test_there_are_status_scenarios():
    # An empty folder would otherwise parametrise test_status_scenario into nothing and pass.
    assert STATUS, "tests/scenarios/status holds no fixture"


def regimen_input(r):
    return ql.RegimenInput(kind=REGIMEN_KIND[r["kind"]], name=r["name"], dose_mg=r.get("dose_mg"),
                           times=r["times"], every_n_days=r["every_n_days"],
                           with_vitamin_c=r.get("with_vitamin_c", False),
                           start_date=r.get("start_date"), stop_date=None,
                           start_date_unknown=r.get("start_date_unknown", False))


def open_scenario(sc, tmp_path):
    q = ql.QuietLegs.open_with_clock(str(tmp_path / "s.db"), FixedClock(sc["now"]))
    p = sc["profile"]
    q.set_profile(ql.ProfileSettings(time_zone=p["time_zone"], bedtime=p["bedtime"], wake_time=p["wake_time"],
                                     breakfast=p.get("breakfast"), lunch=p.get("lunch"), dinner=p.get("dinner"),
                                     pregnant=p.get("pregnant", False), kidney_disease=p.get("kidney_disease", False),
                                     malabsorption=p.get("malabsorption", False), due_date=p.get("due_date"),
                                     dialysis=p.get("dialysis", False), birth_date=p.get("birth_date"),
                                     haemochromatosis=p.get("haemochromatosis", False),
                                     thalassaemia=p.get("thalassaemia", False),
                                     regular_transfusions=p.get("regular_transfusions", False),
                                     sex=getattr(ql.Sex, p["sex"].upper()) if "sex" in p else None,
                                     routine=ql.Routine(**{k: k in p["routine"] for k in ROUTINE})
                                     if "routine" in p else None))
    for r in sc["regimen"]:
        entry = q.add_regimen(regimen_input(r))
        # "doses_logged_through": a dose at 09:00 on every dose day up to that date (SPEC 2.1).
        if "doses_logged_through" in r:
            day = datetime.date.fromisoformat(r["start_date"])
            end = datetime.date.fromisoformat(r["doses_logged_through"])
            while day <= end:
                q.log_event(ql.EventInput(at=f"{day}T09:00", kind=ql.EventKind.DOSE(entry.info.id), note=None))
                day += datetime.timedelta(days=r.get("every_n_days", 1))
    for h in sc.get("habits", []):
        q.add_habit(INTAKE[h["intake"]], h["at"])
    for e in sc.get("events", []):
        q.log_event(ql.EventInput(at=e["at"], kind=ql.EventKind.INTAKE(INTAKE[e["intake"]]), note=None))
    for lab in sc.get("labs", []):
        q.add_lab(ql.LabInput(analyte=ANALYTE[lab["analyte"]], value=float(lab["value"]), unit=lab["unit"],
                              taken_on=lab["taken_on"]))
    # IV iron infusions and weekly IRLS ratings (the same keys the Rust and Kotlin suites read).
    for e in sc.get("iv_iron", []):
        q.log_event(ql.EventInput(at=e["at"], kind=ql.EventKind.IV_IRON(
            getattr(ql.IvIronFormulation, e["formulation"].upper())), note=None))
    for w in sc.get("weekly_irls", []):
        q.log_weekly_irls(bytes(w["items"]), w["week_ending"])
    if "augmentation_answers" in sc:
        a = sc["augmentation_answers"]
        q.set_augmentation_answers(ql.AugmentationAnswers(
            usual_onset=a.get("usual_onset"), severity_when_it_worked=a.get("severity_when_it_worked"),
            spread_beyond_legs_before=a.get("spread_beyond_legs_before"),
            relief_hours_at_start=flt(a.get("relief_hours_at_start")), relief_hours_now=flt(a.get("relief_hours_now")),
            dose_increases=a.get("dose_increases"), answered_on=None))
    for n in sc.get("nights", []):
        q.log_night(ql.NightInput(night_date=n["night_date"], quick_severity=n["quick_severity"], irls_items=None,
                                  onset=n.get("onset"), body_areas=[BODY_AREA[b] for b in n.get("body_areas", [])],
                                  sleep_hours=None, awakenings=None,
                                  triggers=[TRIGGER[t] for t in n.get("triggers", [])], relief=[], notes=None))
    return q


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path, tmp_path):
    sc = json.loads(path.read_text())
    q = open_scenario(sc, tmp_path)
    x = sc["expect"]
    plan = q.plan(sc["date"])
    iron = plan.iron
    assert iron.status == IRON_STATUS[x["iron_status"]], iron
    if "iron_start" in x:
        assert iron.start.local == x["iron_start"]
    if "iron_end" in x:
        assert iron.end.local == x["iron_end"]
    assert x["explanation_contains"] in iron.explanation
    if "iron_reminder_contains" in x:
        why = [i.why for i in plan.items if i.kind == ql.ReminderKind.IRON]
        assert any(x["iron_reminder_contains"] in w for w in why), (why, x)
    if "with_vitamin_c" in x:
        assert iron.with_vitamin_c == x["with_vitamin_c"]
    if "bed" in x:
        assert plan.bed.local == x["bed"]
    if "flags_contain" in x:
        assert any(x["flags_contain"] in f for f in iron.flags), iron.flags
    for c in x["checks"]:
        r = q.check_intake(c["what"], c.get("at"))
        assert r.conflict == c["conflict"], (c, r)
        if "earliest_ok" in c:
            # None: a prescribed medicine is never moved; iron moves instead.
            if c["earliest_ok"] is None:
                assert r.earliest_ok is None, (c, r)
            else:
                assert r.earliest_ok.local == c["earliest_ok"]
        if "iron_ok" in c:
            assert r.iron_ok.local == c["iron_ok"], (c, r)
        if "message_contains" in c:
            assert c["message_contains"] in r.message, (c, r.message)
    for c in x.get("refused_checks", []):
        with pytest.raises(ql.QuietLegsError.InvalidInput) as e:
            q.check_intake(c["what"], c.get("at"))
        assert e.value.field == c["field"]
        assert c["contains"] in e.value.reason, e.value.reason
    for r in x.get("refused_regimen", []):
        before = len(q.regimen())
        with pytest.raises(ql.QuietLegsError.InvalidInput) as e:
            q.add_regimen(regimen_input(r))
        assert e.value.field == r["field"]
        assert r["contains"] in e.value.reason, e.value.reason
        assert len(q.regimen()) == before
    for w in x.get("regimen_warnings", []):
        [item] = [e for e in q.regimen() if e.name == w["name"]]
        assert any(w["contains"] in g for g in item.warnings), item.warnings
    for m in x.get("medicine_checks", []):
        [info] = q.check_medicine_for_profile(m["name"])
        if "generic" in m:
            assert info.generic == m["generic"], (m, info.generic)
        assert m["contains"] in info.details, (m, info.details)
        if "excludes" in m:
            assert m["excludes"] not in info.details, (m, info.details)


ADVICE = {a.name.lower(): a for a in ql.IronAdvice}
FLAG = {f.name.lower(): f for f in ql.FlagKind}


@pytest.mark.parametrize("path", STATUS, ids=[p.stem for p in STATUS])
def test_status_scenario(path, tmp_path):
    sc = json.loads(path.read_text())
    q = open_scenario(sc, tmp_path)
    x = sc["expect"]
    st = q.status(sc["date"])
    assert st.iron.advice == ADVICE[x["advice"]]
    assert x["headline_contains"] in st.iron.headline
    assert st.iron.projected_target_date == x["projected_target_date"]
    assert [f.kind for f in st.flags] == [FLAG[k] for k in x["flags"]]
    assert st.augmentation.applicable == x["augmentation_applicable"]
    for want in x.get("notes_contain", []):
        assert any(want in n for n in st.iron.notes), (want, st.iron.notes)
    for unwanted in x.get("notes_exclude", []):
        assert not any(unwanted in n for n in st.iron.notes), (unwanted, st.iron.notes)
    if x.get("plan_excludes"):
        kinds = {k.name.lower() for k in (i.kind for i in q.plan(sc["date"]).items)}
        assert kinds and not kinds & set(x["plan_excludes"]), kinds
    if "augmentation_flagged" in x:
        assert st.augmentation.flagged == x["augmentation_flagged"], st.augmentation
    for want in x.get("augmentation_message_contains", []):
        assert want in st.augmentation.message, (want, st.augmentation.message)
    if "augmentation_verdict" in x:
        assert st.augmentation.verdict.name.lower() == x["augmentation_verdict"], st.augmentation
    for unwanted in x.get("augmentation_message_excludes", []):
        assert unwanted not in st.augmentation.message, (unwanted, st.augmentation.message)
    for want in x.get("augmentation_missing_contains", []):
        assert any(want in m for m in st.augmentation.missing), (want, st.augmentation.missing)
    if "slope_results" in x:
        assert st.iron.slope_results == x["slope_results"]
    if "slope_since" in x:
        assert st.iron.slope_since == x["slope_since"]
    for w in x.get("refused_weekly_irls", []):
        before = [p.label for p in q.weekly_irls_history()]
        with pytest.raises(ql.QuietLegsError.InvalidInput) as e:
            q.log_weekly_irls(bytes(w["items"]), w["week_ending"])
        assert e.value.field == w["field"]
        assert [p.label for p in q.weekly_irls_history()] == before
    if "regimen_warning_for" in x:
        [item] = [r for r in q.regimen() if r.name == x["regimen_warning_for"]]
        assert item.warnings


def test_catalog_and_screener_through_python():
    [m] = ql.check_medicine("Tylenol PM")
    assert m.generic == "diphenhydramine"
    assert m.effect == ql.MedicineEffect.WORSENS_RLS
    [t] = ql.check_medicine("difenhydramine")
    assert t.match_kind == ql.MatchKind.TYPO
    # The effect follows the AASM 2025 stance (fresh review of #15); the newest class arrives.
    [c] = ql.check_medicine("cabergoline")
    assert c.aasm_stance == ql.AasmStance.STRONG_AGAINST
    assert c.effect_heading == "used for RLS, but AASM 2025 recommends against it"
    assert "recommends against" in c.effect_line
    [p] = ql.check_medicine("piribedil")
    assert p._class == ql.DrugClass.UNGRADED_DOPAMINE_AGONIST
    assert p.aasm_stance is None
    r = ql.screen_rls(ql.ScreenAnswers(urge_to_move=True, worse_at_rest=True, relieved_by_movement=False,
                                       worse_in_evening=True, not_explained_by_other_condition=True))
    assert not r.consistent_with_rls
    assert r.missing == ["relief by movement"]
