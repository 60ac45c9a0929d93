"""The two phone shells stay thin and the same shape.

There is no Swift toolchain on the CI machines, so the Swift shell cannot be compiled here. What
can be checked is kept checked: every declaration of the tested Kotlin shell has a named Swift twin
(or a stated reason it has none), and neither shell carries a clinical constant of the evidence
table: those reach the screens only through the core.
"""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KOTLIN_SHELL = ROOT / "android" / "shell" / "src" / "main" / "kotlin"
SWIFT_SHELL = ROOT / "ios" / "QuietLegs" / "Shell"
SHELL_SOURCES = [ROOT / "android" / "shell" / "src" / "main", ROOT / "android" / "app" / "src" / "main", ROOT / "ios" / "QuietLegs"]
EVIDENCE = ROOT / "core" / "src" / "rules" / "evidence.rs"

# Kotlin declaration -> its Swift twin, or None with the reason the platform needs none.
TWINS = {
    "Alarm": None,  # Swift schedules the core's ReminderOccurrence directly in a UNNotificationRequest
    "AlarmScheduler": "AlarmScheduler",
    "ChartFrame": "ChartFrame",
    "Px": None,  # CGPoint
    "SystemClock": "SystemClock",
    "Diary": "Diary",
    "parseDecimal": "parseDecimal",
    "parseWhole": "parseWhole",
    "ExportKind": "ExportKind",
    "exportFileName": "exportFileName",
    "clock": "clock",
    "span": "span",
    "plainNumber": "plainNumber",
    "labValue": "labValue",
    "display": "display",
    "Sourced": "Sourced",
    "LabRow": "LabRow",
    "LabsState": "LabsState",
    "RegimenRow": "RegimenRow",
    "HabitRow": "HabitRow",
    "MedicinesState": "MedicinesState",
    "MedicineAnswer": "MedicineAnswer",
    "lookUpMedicine": "lookUpMedicine",
    "IRLS_ITEMS": "irlsItems",
    "NightForm": "NightForm",
    "Problem": "Problem",
    "Outcome": None,  # Swift's Result<T, Problem>
    "attempt": "attempt",
    "then": None,  # Result.flatMap
    "valueOrNull": "value",
    "toProblem": "problem",
    "SyncResult": "SyncResult",
    "ReminderApplier": "ReminderApplier",
    "label": "label",
    "code": "code",
    "reminderActionOf": "reminderAction",
    "toAlarm": None,  # see Alarm
    "FlagRow": "FlagRow",
    "ReportState": "ReportState",
    "SettingsForm": "SettingsForm",
    "PlanRow": "PlanRow",
    "TonightState": "TonightState",
}

KOTLIN_DECL = re.compile(
    r"^(?:(?:data|sealed|enum|inline|internal|open|abstract)\s+)*"
    r"(?:class|interface|object|fun|const val|val)\s+(?:<[^>]*>\s*)?(?:[\w.<>?, ]+?\.)?(\w+)",
    re.M,
)
SWIFT_DECL = re.compile(r"\b(?:struct|class|actor|protocol|enum|func|var|let)\s+(\w+)")


def kotlin_declarations():
    names = set()
    for f in KOTLIN_SHELL.rglob("*.kt"):
        names.update(KOTLIN_DECL.findall(f.read_text()))
    return names


def swift_declarations():
    names = set()
    for f in SWIFT_SHELL.rglob("*.swift"):
        names.update(SWIFT_DECL.findall(f.read_text()))
    return names


def test_every_kotlin_shell_declaration_has_a_swift_twin_or_a_reason():
    kotlin = kotlin_declarations()
    assert "ReminderApplier" in kotlin and "Diary" in kotlin, "the Kotlin declarations were not found"
    unlisted = sorted(kotlin - TWINS.keys())
    assert not unlisted, f"new Kotlin shell declarations without a Swift twin in TWINS: {unlisted}"
    swift = swift_declarations()
    missing = sorted(f"{k} -> {s}" for k, s in TWINS.items() if s is not None and k in kotlin and s not in swift)
    assert not missing, f"Swift twins missing from ios/QuietLegs/Shell: {missing}"


def clinical_constants():
    """(value, unit) of every evidence entry in a clinical unit, e.g. (250, 'mg')."""
    entry = re.compile(r'^\s+[A-Z0-9_]+ = \(([0-9.]+), "([^"]+)"', re.M)
    clinical = {"ng/mL", "%", "mg", "h", "min", "µg/L", "nmol/L", "g/dL", "mL/min/1.73m2"}
    out = set()
    for value, unit in entry.findall(EVIDENCE.read_text()):
        if unit in clinical:
            v = float(value)
            out.add((str(int(v)) if v.is_integer() else value, unit))
    return out


def test_no_clinical_constant_is_written_into_a_shell():
    constants = clinical_constants()
    assert ("250", "mg") in constants and ("75", "ng/mL") in constants, "the evidence table was not parsed"
    found = []
    for base in SHELL_SOURCES:
        for f in list(base.rglob("*.kt")) + list(base.rglob("*.swift")):
            text = f.read_text()
            for value, unit in constants:
                if re.search(rf"(?<![\d.]){re.escape(value)}\s?{re.escape(unit)}(?![\w/])", text):
                    found.append(f"{f.relative_to(ROOT)}: {value} {unit}")
    assert not found, f"clinical constants belong in core/src/rules/evidence.rs, not in a shell: {found}"
