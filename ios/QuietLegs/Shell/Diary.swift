// Twin of android/shell/Diary.kt: the screens' one door to the core.
import Foundation
import QuietLegsCore

/// The device's clock, for production; previews and tests pass one they control.
final class SystemClock: Clock, @unchecked Sendable {
    func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// Reads go straight through; every write is followed by a reminder sync, so the pending
/// notifications always match the diary. An actor: core calls (SQLite transactions) run off
/// the main thread, one at a time.
actor Diary {
    let core: QuietLegs
    private let reminders: ReminderApplier
    private let clock: Clock

    /// Set when the last sync after a write failed; the write itself was kept.
    private(set) var syncProblem: Problem?

    init(core: QuietLegs, reminders: ReminderApplier, clock: Clock = SystemClock()) {
        self.core = core
        self.reminders = reminders
        self.clock = clock
    }

    private func now() -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(clock.nowMillis()) / 1000)
        return ISO8601DateFormatter().string(from: date)
    }

    private func write<T>(_ body: () throws -> T) async -> Result<T, Problem> {
        let r = attempt(body)
        if case .success = r { await syncReminders() }
        return r
    }

    /// Re-applies the core's reminder answer; on launch and after every write.
    @discardableResult
    func syncReminders() async -> Result<SyncResult, Problem> {
        let r: Result<SyncResult, Problem>
        do { r = .success(try await reminders.sync()) } catch { r = .failure(problem(of: error)) }
        if case .failure(let p) = r { syncProblem = p } else { syncProblem = nil }
        return r
    }

    /// The device is in `zoneId` (launch, a zone change): the plan and the notifications follow.
    @discardableResult
    func followTimeZone(_ zoneId: String) async -> Result<SyncResult, Problem> {
        do { return .success(try await reminders.onTimeZoneChanged(zoneId)) } catch { return .failure(problem(of: error)) }
    }

    /// A notification button: the core records it and the notifications follow.
    func actOnReminder(id: String, code: String) async -> Result<SyncResult, Problem> {
        guard let action = reminderAction(code: code) else {
            return .failure(Problem(message: "This reminder button is not known to this version of QuietLegs."))
        }
        do { return .success(try await reminders.act(id: id, action: action)) } catch { return .failure(problem(of: error)) }
    }

    // MARK: Tonight
    func tonight(date: String? = nil) -> Result<TonightState, Problem> { attempt { TonightState(plan: try core.plan(date: date)) } }

    func checkIntake(_ kind: IntakeKind, at: String? = nil) -> Result<IntakeCheckView, Problem> {
        attempt { try core.checkIntakeKind(intake: kind, at: at) }
    }

    func logIntake(_ kind: IntakeKind, at: String? = nil) async -> Result<EventEntry, Problem> {
        let input = EventInput(at: at ?? now(), kind: .intake(what: kind), note: nil)
        return await write { try core.logEvent(event: input) }
    }

    func logDose(regimenId: String, at: String? = nil) async -> Result<EventEntry, Problem> {
        let input = EventInput(at: at ?? now(), kind: .dose(regimenId: regimenId), note: nil)
        return await write { try core.logEvent(event: input) }
    }

    // MARK: Log
    func newNightForm() -> Result<NightForm, Problem> {
        attempt {
            let date = try core.nightToLog()
            return try core.nights(from: date, to: date).first.map(NightForm.init(entry:)) ?? NightForm(nightDate: date)
        }
    }

    func openNight(_ date: String) -> Result<NightForm, Problem> {
        attempt { try core.nights(from: date, to: date).first.map(NightForm.init(entry:)) ?? NightForm(nightDate: date) }
    }

    func logNight(_ form: NightForm) async -> Result<NightEntry, Problem> {
        switch form.toInput() {
        case .failure(let p): return .failure(p)
        case .success(let input): return await write { try core.logNight(night: input) }
        }
    }

    func recentNights(from: String) -> Result<[NightEntry], Problem> { attempt { try core.nights(from: from, to: nil).reversed() } }

    /// The weekly IRLS: the core's prompt, whether it is due, and the rated weeks (its trend).
    func weeklyIrls() -> Result<WeeklyIrlsState, Problem> {
        attempt {
            let s = try core.status(date: nil)
            return WeeklyIrlsState(today: s.date, view: s.weeklyIrls, history: try core.weeklyIrlsHistory())
        }
    }

    /// Records the week's IRLS through the core (one rating per ISO week; the same week again replaces it).
    func logWeeklyIrls(_ form: WeeklyIrlsForm) async -> Result<EventEntry, Problem> {
        let weekEnding = form.weekEnding.trimmingCharacters(in: .whitespaces).nilIfEmpty
        return await write { try core.logWeeklyIrls(items: form.scores, weekEnding: weekEnding) }
    }

    // MARK: Labs
    func labs() -> Result<LabsState, Problem> { attempt { try LabsState(core: core) } }

    /// Records an IV iron infusion a clinic gave (`at`: `YYYY-MM-DDTHH:MM` local, or RFC 3339);
    /// the core ends the oral-iron verdict and sets the recheck from it.
    func logIvIron(_ formulation: IvIronFormulation, at: String) async -> Result<EventEntry, Problem> {
        let input = EventInput(at: at.trimmingCharacters(in: .whitespaces), kind: .ivIron(formulation: formulation), note: nil)
        return await write { try core.logEvent(event: input) }
    }

    /// Adds a lab as typed: `42`, `42.5` or `42,5` in one of the analyte's units.
    func addLab(_ analyte: Analyte, valueText: String, unit: String, takenOn: String) async -> Result<LabEntry, Problem> {
        switch parseDecimal("lab value", valueText) {
        case .failure(let p): return .failure(p)
        case .success(nil): return .failure(Problem(message: "Check the lab value: enter the number from the lab sheet.", field: "lab value"))
        case .success(let v?):
            return await write { try core.addLab(lab: LabInput(analyte: analyte, value: v, unit: unit, takenOn: takenOn)) }
        }
    }

    // MARK: Medicines
    func medicines() -> Result<MedicinesState, Problem> {
        attempt { MedicinesState(regimen: try core.regimen(), habits: try core.habits()) }
    }

    func addRegimen(_ input: RegimenInput) async -> Result<RegimenEntry, Problem> { await write { try core.addRegimen(item: input) } }

    func addHabit(_ kind: IntakeKind, at: String) async -> Result<HabitEntry, Problem> { await write { try core.addHabit(intake: kind, at: at) } }

    // MARK: Settings
    func settings() -> Result<SettingsForm, Problem> { attempt { SettingsForm(profile: try core.profile()) } }

    /// Saves only the fields changed on the form; the core compares them with what it was filled from.
    func saveSettings(_ form: SettingsForm) async -> Result<ProfileSettings, Problem> {
        await write { try core.saveProfileForm(loaded: form.stored, edited: form.settings) }
    }

    /// Deletes any record; the deletion travels to other devices as a tombstone.
    func delete(id: String) async -> Result<Void, Problem> { await write { try core.delete(id: id) } }

    // MARK: Report & export
    func report() -> Result<ReportState, Problem> { attempt { ReportState(status: try core.status(date: nil), weeklyHistory: try core.weeklyIrlsHistory()) } }

    /// The Report screen's chart for a scale: the core picks the data (nightly quick ratings, or
    /// the weekly IRLS ratings).
    func reportChart(_ scale: SeverityScale) -> Result<ChartView, Problem> {
        attempt { try core.reportChart(scale: scale) }
    }

    func severityChart(_ scale: SeverityScale, days: UInt32 = 90) -> Result<ChartView, Problem> {
        attempt { try core.severityChart(scale: scale, days: days) }
    }

    func exportJson(path: String, passphrase: String?) -> Result<ExportSummary, Problem> {
        attempt { try core.exportJson(path: path, passphrase: passphrase.flatMap { $0.isEmpty ? nil : $0 }) }
    }

    func exportReport(path: String) -> Result<ExportSummary, Problem> { attempt { try core.exportReport(path: path, date: nil) } }

    func exportCalendar(path: String, days: UInt32 = 30) -> Result<ExportSummary, Problem> {
        attempt { try core.exportCalendar(path: path, from: nil, days: days) }
    }

    /// Merges an export into the diary; the reminders follow whatever it changed.
    func importFile(path: String, passphrase: String?) async -> Result<MergeReport, Problem> {
        await write { try core.importFile(path: path, passphrase: passphrase.flatMap { $0.isEmpty ? nil : $0 }) }
    }

    private func problem(of error: Error) -> Problem {
        (error as? QuietLegsError)?.problem ?? Problem(message: "Reminders could not be updated: \(error.localizedDescription)")
    }
}
