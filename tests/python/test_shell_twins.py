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
EVIDENCE = ROOT / "core" / "src" / "evidence.rs"

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
    "RegimenStart": "RegimenStart",
    "regimenStart": "regimenStart",
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
    "WeeklyIrlsForm": "WeeklyIrlsForm",
    "WeeklyIrlsState": "WeeklyIrlsState",
    "IRON_FLAGS": "ironFlags",
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
    # File-private helpers: Swift does the same inline.
    "HHMM": None,  # Swift reads HH:MM at fixed positions of the core's text (TimePoint.clock)
    "toggled": None,  # Swift's Set is toggled in place by NightForm
    "toAnswer": None,  # built inline in lookUpMedicine
    "enteredUnitDiffers": None,  # compared inline in LabEntry.display
    "words": "words",
}

# A top-level Kotlin declaration: at the start of a line (members and locals are indented), after
# any annotations and modifiers; extension receivers (`fun TimePoint.clock()`) are skipped.
KOTLIN_DECL = re.compile(
    r"^(?:@\w+(?:\([^)\n]*\))?\s+)*"
    r"(?:(?:public|private|internal|protected|data|sealed|enum|inline|value|open|abstract|annotation|"
    r"suspend|operator|infix|tailrec|external|const|lateinit|expect|actual)\s+)*"
    r"(?:fun\s+interface|class|interface|object|fun|val|var|typealias)\s+"
    r"(?:<[^>]*>\s*)?(?:[\w.<>?, ]+?\.)?(\w+)",
    re.M,
)
# A Swift twin is a real declaration: a type, a function or a type alias anywhere; a constant or
# variable only at the top level (column 0) or `static`; a computed property (`var name: T {`).
# A local `let x = ...` inside a function body is not a twin.
SWIFT_TYPE_OR_FUNC = re.compile(r"\b(?:struct|class|actor|protocol|enum|func|typealias)\s+(\w+)")
SWIFT_TOP_LEVEL = re.compile(r"^(?:(?:public|internal|private|fileprivate)\s+)?(?:let|var)\s+(\w+)", re.M)
SWIFT_STATIC = re.compile(r"\bstatic\s+(?:let|var)\s+(\w+)")
SWIFT_COMPUTED = re.compile(r"\bvar\s+(\w+)\s*:\s*[^={\n]+\{\s*(?:$|[^}\s])", re.M)


def kotlin_names(text):
    return set(KOTLIN_DECL.findall(text))


def swift_names(text):
    names = set(SWIFT_TYPE_OR_FUNC.findall(text))
    for pattern in (SWIFT_TOP_LEVEL, SWIFT_STATIC, SWIFT_COMPUTED):
        names.update(pattern.findall(text))
    return names


def kotlin_declarations():
    names = set()
    for f in KOTLIN_SHELL.rglob("*.kt"):
        names.update(kotlin_names(f.read_text()))
    return names


def swift_declarations():
    names = set()
    for f in SWIFT_SHELL.rglob("*.swift"):
        names.update(swift_names(f.read_text()))
    return names


def test_the_kotlin_reader_finds_every_kind_of_top_level_declaration():
    text = """
var counter = 0
@JvmInline value class Millis(val v: Long)
suspend fun sync() {}
typealias Rows = List<String>
private const val LIMIT = 3
internal data object Empty
fun interface Listener { fun on() }
fun <T> List<T>.second(): T = this[1]
class Box {
    val inner = 1
    fun member() { val local = 2 }
}
"""
    assert kotlin_names(text) == {"counter", "Millis", "sync", "Rows", "LIMIT", "Empty", "Listener", "second", "Box"}


def test_the_swift_reader_counts_only_real_declarations():
    text = """
let irlsItems = 10
struct Form {
    let stored: Int
    static let shared = Form(stored: 1)
    var clock: String {
        let local = "x"
        return local
    }
    func save() -> Int {
        let result = 2
        var scratch = 3
        return result + scratch
    }
}
enum Kind { case a }
typealias Rows = [String]
"""
    names = swift_names(text)
    assert {"irlsItems", "Form", "shared", "clock", "save", "Kind", "Rows"} <= names
    assert not names & {"local", "result", "scratch"}, names


def test_every_kotlin_shell_declaration_has_a_swift_twin_or_a_reason():
    kotlin = kotlin_declarations()
    assert "ReminderApplier" in kotlin and "Diary" in kotlin, "the Kotlin declarations were not found"
    unlisted = sorted(kotlin - TWINS.keys())
    assert not unlisted, f"new Kotlin shell declarations without a Swift twin in TWINS: {unlisted}"
    swift = swift_declarations()
    missing = sorted(f"{k} -> {s}" for k, s in TWINS.items() if s is not None and k in kotlin and s not in swift)
    assert not missing, f"Swift twins missing from ios/QuietLegs/Shell: {missing}"


# Words that name what a constant is about; a bare number on a code line that names its subject is
# that constant written into a shell, unit or not ("if (ferritin < 75)").
SUBJECTS = ["ferritin", "tsat", "haemoglobin", "hemoglobin", "vitamin", "egfr", "irls", "iron", "magnesium",
            "augmentation", "thyroid", "quinolone", "tetracycline", "bisphosphonate", "levodopa", "bath", "socks",
            "sleephours", "onset", "dose", "exercise", "movement", "food", "coffee", "tea", "dairy"]
# Shell lines whose number equals a clinical constant's but is not it, each with its reason.
NOT_CLINICAL = {
    "const val IRLS_ITEMS = 10": "the IRLS has ten questions: the form's shape, not the mild-band limit",
    "let irlsItems = 10": "the same, in Swift",
}
CLINICAL_UNITS = {"ng/mL", "%", "mg", "h", "min", "µg/L", "nmol/L", "g/dL", "mL/min/1.73m2", "days", "nights",
                  "months", "points"}


def clinical_constants():
    """(key, value, unit, subjects) of every evidence entry that is not a product choice."""
    entry = re.compile(r'^\s+([A-Z0-9_]+) = \(([0-9.]+), "([^"]*)", (\w+)', re.M)
    out = []
    for key, value, unit, source in entry.findall(EVIDENCE.read_text()):
        if source == "Product":
            continue
        v = float(value)
        spelled = str(int(v)) if v.is_integer() else value
        compact = key.lower().replace("_", "")
        subjects = [w for w in SUBJECTS if w in compact]
        if "haemoglobin" in subjects:
            subjects.append("hemoglobin")
        out.append((key, spelled, unit, subjects))
    return out


def code_lines(text):
    """(line number, code) without comments: prose may mention a number."""
    for i, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(("//", "/*", "*")):
            continue
        yield i, re.split(r"\s//", line)[0]


def constants_in(text, constants):
    """The clinical constants written in `text`: a value followed by its unit, or a bare value on a
    code line that names the constant's subject."""
    found = []
    for i, line in code_lines(text):
        if line.strip() in NOT_CLINICAL:
            continue
        compact = line.lower().replace("_", "")
        for key, value, unit, subjects in constants:
            # 75, 75.0, 120L, 64u, 2.5f: a literal of that value in either language.
            number = rf"(?<![\w.]){re.escape(value)}(?:\.0+)?(?:[LuUfFd]|[uU]L)?(?!\w|\.\d)"
            if unit in CLINICAL_UNITS and re.search(rf"{number}\s?{re.escape(unit)}(?![\w/])", line):
                found.append((i, key))
            elif re.search(number, line) and any(s in compact for s in subjects):
                found.append((i, key))
    return found


def test_the_constant_finder_finds_them_with_or_without_a_unit():
    constants = clinical_constants()
    keys = {k for k, *_ in constants}
    assert {"VITAMIN_C_WITH_IRON_MG", "FERRITIN_SUPPLEMENT_AT_OR_BELOW", "IRON_APART_FROM_THYROID_MIN"} <= keys
    assert not any(k.startswith("IOS_PENDING") for k in keys), "product choices are not clinical"
    assert constants_in('Text("take 250 mg of vitamin C")', constants)
    assert constants_in("if (ferritin < 75) warn()", constants)
    assert constants_in("val ironGap = Duration.ofMinutes(240)", constants)
    assert constants_in("let labs = entries.filter { $0.tsat < 20 }", constants)
    assert constants_in("private val ironAfterCoffee = 120L", constants)
    assert constants_in("if (ferritin <= 75.0) warn()", constants)
    assert not constants_in("Modifier.height(200.dp)", constants)
    assert not constants_in("// ferritin below 75 is discussed in the core", constants)
    assert not constants_in("val ferritin = rows.take(3)", constants)


def test_no_clinical_constant_is_written_into_a_shell():
    constants = clinical_constants()
    found = []
    for base in SHELL_SOURCES:
        for f in list(base.rglob("*.kt")) + list(base.rglob("*.swift")):
            for line, key in constants_in(f.read_text(), constants):
                found.append(f"{f.relative_to(ROOT)}:{line}: {key}")
    assert not found, f"clinical constants belong in core/src/evidence.rs, not in a shell: {found}"
