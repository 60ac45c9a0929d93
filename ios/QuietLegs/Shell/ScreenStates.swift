// Twins of android/shell/{TonightState,LabsState,MedicinesState,ReportState,SettingsForm}.kt:
// what each screen shows, built from the core's answers with no rule of their own.
import Foundation
import QuietLegsCore

/// One row of the day; two doses of the same name at the same time are two rows, so rows are
/// told apart by position, not by their text.
struct PlanRow: Equatable {
    let time: String
    let title: String
    let why: String
    let source: String
    let kind: ReminderKind
    let regimenId: String?
}

struct TonightState: Equatable {
    let date: String
    let heading: String
    let iron: String
    let ironWhy: String?
    let flags: [String]
    let ironRegimenId: String?
    let rows: [PlanRow]

    init(plan: DayPlanView) {
        let iron = plan.iron
        rows = plan.items.map { PlanRow(time: span($0.start, $0.end), title: $0.title, why: $0.why, source: $0.citation, kind: $0.kind, regimenId: $0.regimenId) }
        date = plan.date
        heading = "Tonight · bed \(plan.bed.clock)"
        self.iron = iron.summary
        ironWhy = (iron.status == .window || iron.status == .noWindow || iron.status == .held) ? iron.explanation : nil
        flags = iron.flags
        ironRegimenId = iron.status == .window ? rows.first { $0.kind == .iron }?.regimenId : nil
    }
}

struct Sourced: Equatable, Hashable {
    let text: String
    let source: String
}

struct LabRow: Equatable, Identifiable {
    let id: String
    let title: String
    let value: String
    let date: String
}

struct LabsState: Equatable {
    let headline: String
    let reasons: [Sourced]
    let notes: [String]
    let projection: String?
    let chart: ChartView
    let rows: [LabRow]
    let kinds: [LabKind]
    /// How to prepare for the next blood draw (morning, at least 24 h without iron).
    let drawPreparation: String
    /// When ferritin and TSAT are next due, if a recheck is due.
    let recheck: String?
    /// The latest haemoglobin the iron status read (its flag, if low, is among the doctor flags).
    let haemoglobin: String?
    /// The latest IV iron infusion: its date and the core's words for the formulation.
    let lastInfusion: String?
    /// The formulations the infusion form offers, each with its RLS evidence in the core's words.
    let ivChoices: [IvIronChoice]
    /// Doctor flags about iron and blood (haemoglobin, iron needs the doctor), with sources.
    let flags: [Sourced]

    /// The doctor flags the Labs screen repeats beside the iron status; all of them are on Report.
    static let ironFlags: Set<FlagKind> = [.ironOverloadRisk, .ferritinNotRising, .lowHaemoglobin, .ironNeedsDoctor]

    init(core: QuietLegs) throws {
        let status = try core.status(date: nil)
        let iron = status.iron
        kinds = labKinds()
        let names = Dictionary(kinds.map { ($0.analyte, $0.label) }, uniquingKeysWith: { a, _ in a })
        let choices = core.ivIronFormulations()
        ivChoices = choices
        let hbUnit = kinds.first { $0.analyte == .haemoglobin }?.canonicalUnit ?? ""
        haemoglobin = iron.haemoglobin.map { "\(names[.haemoglobin] ?? "Haemoglobin"): \(labValue($0.value, hbUnit)) on \($0.date)" }
        // Said once: the core's notes already name a recent infusion with its recheck.
        lastInfusion = iron.lastInfusionDate.flatMap { date in iron.notes.contains { $0.contains(date) } ? nil : date }.map { date in
            let words = choices.first { $0.value == iron.lastInfusion }?.label ?? "IV iron"
            return "Last IV iron infusion: \(date), \(words)"
        }
        flags = status.flags.filter { Self.ironFlags.contains($0.kind) }.map { Sourced(text: "\($0.title): \($0.facts)", source: $0.citation) }
        headline = iron.headline
        reasons = iron.reasons.map { Sourced(text: $0.text, source: $0.citation) }
        notes = iron.notes
        projection = iron.projectedTargetDate.map { "At the current rise, ferritin would pass \(plainNumber(iron.targetLow)) ng/mL around \($0)." }
        // Said once: the core may already carry the preparation among the notes.
        drawPreparation = iron.notes.contains(iron.drawPreparation) ? "" : iron.drawPreparation
        recheck = iron.recheckDue.map { "Next ferritin and TSAT: around \($0)" }
        chart = try core.ferritinChart()
        rows = try core.labs(analyte: nil).reversed().map {
            LabRow(id: $0.info.id, title: names[$0.analyte] ?? "\($0.analyte)", value: $0.display, date: $0.takenOn)
        }
    }
}

struct RegimenRow: Equatable, Identifiable {
    let id: String
    let name: String
    let schedule: String
    let warnings: [String]
}

struct HabitRow: Equatable, Identifiable {
    let id: String
    let text: String
}

struct MedicinesState: Equatable {
    let regimen: [RegimenRow]
    let habits: [HabitRow]

    init(regimen: [RegimenEntry], habits: [HabitEntry]) {
        let names = Dictionary(logOptions().intakes.map { ($0.value, $0.label) }, uniquingKeysWith: { a, _ in a })
        self.regimen = regimen.map { RegimenRow(id: $0.info.id, name: $0.name, schedule: $0.schedule, warnings: $0.sameMedicine.map { $0.message } + $0.warnings) }
        self.habits = habits.map { HabitRow(id: $0.info.id, text: "\(names[$0.intake] ?? "\($0.intake)") at \($0.at)") }
    }
}

/// One answer of "check a medicine", every line in the core's words: the effect on RLS with its
/// evidence strength, the AASM 2025 stance as a treatment (apart from efficacy), the advice, a
/// safer alternative where a source names one, the iron timing, and the source.
struct MedicineAnswer: Equatable, Hashable {
    let title: String
    let advice: String
    let source: String
    let warning: Bool
    /// "Effect on RLS: can make it worse (evidence: moderate)".
    var effect = ""
    /// The core's line: "As an RLS treatment: AASM 2025: suggests against standard use (conditional)."; nil when it is no RLS treatment.
    var stance: String? = nil
    /// The core's line naming a safer alternative to ask the prescriber about: "Alternative to ask about: …".
    var alternative: String? = nil
    /// The iron-timing rule, numbers from the evidence table.
    var ironTiming: String? = nil
}

/// Looks a medicine up by generic or brand name, tolerating case, accents and one typo. With the
/// diary's `core`, the answer follows its profile (the core's pregnancy caveat for RLS
/// treatments, SPEC §2.6); without one, or if the diary cannot be read, the catalog answers alone.
func lookUpMedicine(_ name: String, core: QuietLegs? = nil) -> [MedicineAnswer] {
    guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
    let infos = (try? core?.checkMedicineForProfile(name: name)) ?? checkMedicine(name: name)
    return infos.map { m in
        MedicineAnswer(
            title: m.described,
            advice: m.advice,
            source: m.citation,
            warning: m.effect == .worsensRls,
            effect: m.effectLine,
            stance: m.aasmStanceLine,
            alternative: m.alternativeLine,
            ironTiming: m.ironTiming
        )
    }
}

struct FlagRow: Equatable, Hashable {
    let title: String
    let facts: String
    let source: String
}

struct ReportState: Equatable {
    let flags: [FlagRow]
    let augmentation: String?
    let trends: [String]
    let triggers: [String]
    let adherence: [String]
    /// The weekly IRLS trend: the core's line per rated week, oldest first.
    let weeklyIrls: [String]
    /// The weekly IRLS trend in the core's words (latest, band, change); its prompt before any rating.
    let weeklyIrlsTrend: String?
    /// The augmentation verdict as a heading in the core's words ("… incomplete, cannot judge yet").
    let augmentationTitle: String?

    /// `weeklyHistory`: the core's whole weekly IRLS trend (`weeklyIrlsHistory()`); the status carries only its latest ratings.
    init(status s: StatusReport, weeklyHistory: [WeeklyIrlsPoint]? = nil) {
        let options = logOptions()
        let triggerNames = Dictionary(options.triggers.map { ($0.value, $0.label) }, uniquingKeysWith: { a, _ in a })
        flags = s.flags.map { FlagRow(title: $0.title, facts: $0.facts, source: $0.citation) }
        augmentation = s.augmentation.applicable ? s.augmentation.message : nil
        augmentationTitle = s.augmentation.applicable ? s.augmentation.title : nil
        trends = s.trends.map { t in
            let scale = t.scale == .quick ? "Quick rating (0-\(options.quickMax))" : "IRLS logged with nights, older entries (0-\(options.irlsTotalMax))"
            let nights = t.thisWeekNights == 1 ? "night" : "nights"
            let now = t.thisWeekMean.map { "\(plainNumber($0)) this week (\(t.thisWeekNights) \(nights))" } ?? "no nights this week"
            let before = t.lastWeekMean.map { "\(plainNumber($0)) last week" } ?? "none last week"
            return "\(scale): \(now), \(before) · \(t.direction.words)"
        }
        triggers = s.triggers.map { c in
            "\(triggerNames[c.trigger] ?? "\(c.trigger)"): \(plainNumber(c.withMean)) with (\(c.withNights) nights), \(plainNumber(c.withoutMean)) without (\(c.withoutNights) nights)"
        }
        adherence = s.adherence.map { "\($0.name): \($0.taken7)/\($0.expected7) this week, \($0.taken30)/\($0.expected30) in 30 days" }
        weeklyIrls = (weeklyHistory ?? s.weeklyIrls?.ratings ?? []).map(\.label)
        let trend = s.weeklyIrls?.trendLine ?? ""
        weeklyIrlsTrend = trend.isEmpty ? nil : trend
    }
}

private extension Direction {
    var words: String {
        switch self {
        case .better: return "better"
        case .worse: return "worse"
        case .steady: return "steady"
        case .unknown: return "too few nights to compare"
        }
    }
}

/// The Settings screen's state. The time zone follows the device and is shown read-only. Blank
/// meal times and dates mean "none"; the core checks their format and names the field.
///
/// Saving goes through the core's `saveProfileForm(loaded:edited:)`, which writes only the fields
/// changed on the screen: a fact this screen did not touch (a due date or dialysis set on another
/// device or in the CLI meanwhile) is never overwritten with the form's copy.
struct SettingsForm: Equatable {
    var timeZone: String
    var bedtime: String
    var wakeTime: String
    var breakfast: String
    var lunch: String
    var dinner: String
    var pregnant: Bool
    var kidneyDisease: Bool
    var malabsorption: Bool
    /// Due date of a pregnancy, `YYYY-MM-DD`; blank for none (advice ends 6 weeks after it).
    var dueDate: String
    var dialysis: Bool
    /// Date of birth, `YYYY-MM-DD`; blank for none (under 18: no iron advice).
    var birthDate: String
    var haemochromatosis: Bool
    var thalassaemia: Bool
    var regularTransfusions: Bool
    /// For the haemoglobin cut-off; nil when not given.
    var sex: Sex?
    /// The opt-in bedtime routine (none of it tested in trials).
    var routine: Routine
    /// The profile the form was made from.
    let stored: ProfileSettings

    init(profile p: ProfileSettings) {
        timeZone = p.timeZone
        bedtime = p.bedtime
        wakeTime = p.wakeTime
        breakfast = p.breakfast ?? ""
        lunch = p.lunch ?? ""
        dinner = p.dinner ?? ""
        pregnant = p.pregnant
        kidneyDisease = p.kidneyDisease
        malabsorption = p.malabsorption
        dueDate = p.dueDate ?? ""
        dialysis = p.dialysis
        birthDate = p.birthDate ?? ""
        haemochromatosis = p.haemochromatosis
        thalassaemia = p.thalassaemia
        regularTransfusions = p.regularTransfusions
        sex = p.sex
        routine = p.routine ?? Routine(warmBath: false, warmSocks: false, movement: false, exerciseCutoff: false)
        stored = p
    }

    /// The form as the core's settings: `stored` with the form's fields; a blank meal or date is none.
    var settings: ProfileSettings {
        func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces) }
        var p = stored
        p.timeZone = timeZone
        p.bedtime = trimmed(bedtime)
        p.wakeTime = trimmed(wakeTime)
        p.breakfast = trimmed(breakfast).nilIfEmpty
        p.lunch = trimmed(lunch).nilIfEmpty
        p.dinner = trimmed(dinner).nilIfEmpty
        p.pregnant = pregnant
        p.kidneyDisease = kidneyDisease
        p.malabsorption = malabsorption
        p.dueDate = trimmed(dueDate).nilIfEmpty
        p.dialysis = dialysis
        p.birthDate = trimmed(birthDate).nilIfEmpty
        p.haemochromatosis = haemochromatosis
        p.thalassaemia = thalassaemia
        p.regularTransfusions = regularTransfusions
        p.sex = sex
        p.routine = routine
        return p
    }
}

/// Scales the core's unit-square chart to a canvas; the core chose the axis and every position.
struct ChartFrame {
    let width: Double
    let height: Double
    var left = 40.0, top = 12.0, right = 12.0, bottom = 24.0

    func x(_ unit: Double) -> Double { left + unit * (width - left - right) }
    /// Unit-square 0 is the bottom of the plot; canvas y grows downwards.
    func y(_ unit: Double) -> Double { top + (1 - unit) * (height - top - bottom) }
    func line(_ chart: ChartView) -> [CGPoint] { chart.points.map { CGPoint(x: x($0.x), y: y($0.y)) } }
    func band(_ chart: ChartView) -> (top: Double, bottom: Double)? { chart.band.map { (y($0.highY), y($0.lowY)) } }
    /// The labelled threshold lines (ferritin 75 and 100 ng/mL) as (canvas y, label).
    func lines(_ chart: ChartView) -> [(y: Double, label: String)] { chart.lines.map { (y($0.y), $0.label) } }
}

/// What Report & export can write, with the name a file exporter suggests.
enum ExportKind: CaseIterable {
    case diary, encryptedDiary, report, calendar

    var suffix: String {
        switch self {
        case .diary: return ".json"
        case .encryptedDiary: return ".age"
        case .report: return "-report.html"
        case .calendar: return "-routine.ics"
        }
    }
}

/// `quietlegs-2026-11-25.json`: dated, so exports from different days never overwrite each other.
func exportFileName(_ kind: ExportKind, date: String) -> String { "quietlegs-\(date)\(kind.suffix)" }
