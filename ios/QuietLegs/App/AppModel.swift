// Twin of android/app/.../DiaryViewModel.kt: every screen's state; the core decides, this keeps answers.
import Foundation
import Observation
import QuietLegsCore
import UserNotifications

@MainActor
@Observable
final class AppModel {
    /// The diary, or why it could not be opened (a newer or foreign file is refused, never replaced).
    let diary: Diary?
    let openProblem: Problem?
    let options = logOptions()
    /// The Settings screen's field names and routine switches, in the core's words.
    let settingsLabels = settingsLabels()
    let version = coreVersion()

    var tonight: Result<TonightState, Problem>?
    var intakeCheck: (kind: IntakeKind, check: IntakeCheckView)?
    var nightForm: NightForm?
    var recentNights: [NightEntry] = []
    var weeklyIrls: Result<WeeklyIrlsState, Problem>?
    var weeklyForm: WeeklyIrlsForm?
    var labs: Result<LabsState, Problem>?
    var medicines: Result<MedicinesState, Problem>?
    var medicineAnswers: [MedicineAnswer] = []
    var report: Result<ReportState, Problem>?
    var severityScale: SeverityScale = .quick
    var severity: ChartView?
    var settings: SettingsForm?
    /// The notification grant as iOS reports it; nil until read, so nothing acts on a guess.
    var notificationStatus: UNAuthorizationStatus?
    var notificationsAllowed: Bool {
        notificationStatus == .authorized || notificationStatus == .provisional || notificationStatus == .ephemeral
    }

    /// The last thing that went wrong or right, for the banner.
    var problem: Problem?
    var message: String?

    init() {
        do {
            let url = try Self.diaryURL()
            let core = try QuietLegs.open(path: url.path)
            let scheduler = NotificationCenterScheduler()
            // Before any notification is answered: older notifications keep their buttons.
            Task { await scheduler.registerKnownCategories() }
            let applier = ReminderApplier(core: core, scheduler: scheduler)
            diary = Diary(core: core, reminders: applier)
            openProblem = nil
        } catch let e as QuietLegsError {
            diary = nil
            openProblem = e.problem
        } catch {
            diary = nil
            openProblem = Problem(message: "The diary folder could not be prepared: \(error.localizedDescription)")
        }
    }

    /// Application Support/QuietLegs/quietlegs.db, protected until the first unlock after boot (so
    /// a notification button can still record a dose while the phone is locked), never in iCloud backup.
    private static func diaryURL() throws -> URL {
        let fm = FileManager.default
        var dir = try fm.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
            .appendingPathComponent("QuietLegs", isDirectory: true)
        try fm.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.protectionKey: FileProtectionType.completeUntilFirstUserAuthentication])
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try dir.setResourceValues(values)
        return dir.appendingPathComponent("quietlegs.db")
    }

    // MARK: Plumbing
    private func show<T>(_ r: Result<T, Problem>, said: (T) -> String, then: () async -> Void = {}) async {
        switch r {
        case .success(let v):
            message = said(v)
            await then()
        case .failure(let p):
            problem = p
        }
        // Read first, then test: the same meaning, and a form tree-sitter-swift parses.
        let syncProblem = await diary?.syncProblem
        if let p = syncProblem { problem = Problem(message: "Reminders could not be updated: \(p.message)") }
    }

    /// Launch, foreground, a significant time change: the plan follows the phone's zone.
    func followDevice() async {
        guard let diary else { return }
        await refreshNotificationStatus()
        if case .failure(let p) = await diary.followTimeZone(TimeZone.current.identifier) { problem = p }
    }

    func refreshNotificationStatus() async {
        notificationStatus = await UNUserNotificationCenter.current().notificationSettings().authorizationStatus
    }

    /// The system prompt, which iOS shows only while the status is `.notDetermined`.
    func askForNotifications() async {
        _ = try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound, .badge])
        await refreshNotificationStatus()
        if notificationsAllowed { await diary?.syncReminders() }
    }

    func actOnReminder(id: String, code: String) async {
        guard let diary else { return }
        switch await diary.actOnReminder(id: id, code: code) {
        case .success(let r): if let note = r.note { message = note } // the core's words, e.g. already done elsewhere
        case .failure(let p): problem = p
        }
        await loadTonight()
    }

    // MARK: Tonight
    func loadTonight() async { tonight = await diary?.tonight() }

    func check(_ kind: IntakeKind) async {
        guard let diary else { return }
        switch await diary.checkIntake(kind) {
        case .success(let c): intakeCheck = (kind, c)
        case .failure(let p): problem = p
        }
    }

    func logIntakeNow(_ kind: IntakeKind) async {
        guard let diary else { return }
        problem = nil
        await show(await diary.logIntake(kind), said: { $0.warnings.first ?? "Logged" }) {
            self.intakeCheck = nil
            await self.loadTonight()
        }
    }

    func logDoseNow(_ regimenId: String) async {
        guard let diary else { return }
        problem = nil
        await show(await diary.logDose(regimenId: regimenId), said: { _ in "Marked as taken" }) { await self.loadTonight() }
    }

    // MARK: Log
    func loadLog() async {
        guard let diary else { return }
        switch await diary.newNightForm() {
        case .success(let f): nightForm = f
        case .failure(let p): problem = p
        }
        await loadRecentNights()
        await loadWeeklyIrls()
    }

    /// The weekly IRLS: the core's prompt and trend; the form starts on the core's today.
    func loadWeeklyIrls() async {
        weeklyIrls = await diary?.weeklyIrls()
        if weeklyForm == nil, let w = weeklyIrls?.value { weeklyForm = WeeklyIrlsForm(weekEnding: w.today) }
    }

    func saveWeeklyIrls() async {
        guard let diary, let form = weeklyForm else { return }
        problem = nil
        await show(await diary.logWeeklyIrls(form), said: { _ in "Weekly IRLS saved" }) {
            self.weeklyForm = nil
            await self.loadWeeklyIrls()
        }
    }

    private func loadRecentNights() async {
        let from = Calendar.current.date(byAdding: .day, value: -14, to: Date()) ?? Date()
        recentNights = (await diary?.recentNights(from: Self.isoDay(from)))?.value ?? []
    }

    func openNight(_ date: String) async {
        nightForm = (await diary?.openNight(date))?.value ?? NightForm(nightDate: date)
    }

    func saveNight() async {
        guard let diary, let form = nightForm else { return }
        problem = nil
        await show(await diary.logNight(form), said: { $0.warnings.first ?? "Night of \($0.nightDate) saved" }) {
            await self.openNight(form.nightDate)
            await self.loadRecentNights()
        }
    }

    /// The night before or after, as the date arrows move.
    func shiftNight(by days: Int) async {
        guard let form = nightForm, let d = Self.day(form.nightDate),
              let moved = Calendar(identifier: .gregorian).date(byAdding: .day, value: days, to: d) else { return }
        await openNight(Self.isoDay(moved))
    }

    // MARK: Labs
    func loadLabs() async { labs = await diary?.labs() }

    /// Returns whether it was saved, so the form clears only then.
    func addLab(_ analyte: Analyte, value: String, unit: String, date: String) async -> Bool {
        guard let diary else { return false }
        problem = nil
        let r = await diary.addLab(analyte, valueText: value, unit: unit, takenOn: date)
        await show(r, said: { _ in "Lab result saved" }) { await self.loadLabs() }
        return r.value != nil
    }

    /// An IV iron infusion the clinic gave; returns whether it was saved, so the form closes only then.
    func logIvIron(_ formulation: IvIronFormulation, at: String) async -> Bool {
        guard let diary else { return false }
        problem = nil
        let r = await diary.logIvIron(formulation, at: at)
        await show(r, said: { _ in "IV iron infusion saved" }) { await self.loadLabs() }
        return r.value != nil
    }

    func delete(_ id: String) async {
        guard let diary else { return }
        await show(await diary.delete(id: id), said: { _ in "Deleted" })
    }

    // MARK: Medicines
    func loadMedicines() async { medicines = await diary?.medicines() }

    func lookUp(_ name: String) { medicineAnswers = lookUpMedicine(name, core: diary?.core) }

    func addRegimen(_ input: RegimenInput) async -> Bool {
        guard let diary else { return false }
        problem = nil
        let r = await diary.addRegimen(input)
        // A second entry of the same medicine (a double-dose risk) is said first.
        await show(r, said: { $0.sameMedicine.first?.message ?? $0.warnings.first ?? "\($0.name) added" }) { await self.loadMedicines() }
        return r.value != nil
    }

    func addHabit(_ kind: IntakeKind, at: String) async -> Bool {
        guard let diary else { return false }
        problem = nil
        let r = await diary.addHabit(kind, at: at)
        await show(r, said: { _ in "Habit added" }) { await self.loadMedicines() }
        return r.value != nil
    }

    // MARK: Report & export
    func loadReport() async {
        report = await diary?.report()
        await loadSeverity(severityScale)
    }

    func loadSeverity(_ scale: SeverityScale) async {
        severityScale = scale
        severity = (await diary?.reportChart(scale))?.value
    }

    /// Writes an export into a temporary folder (atomically, by the core) for `fileExporter`.
    /// `folder` keeps the report for the share sheet ("share") apart from one being saved
    /// ("export"), which is removed once read: the two never share a file.
    func exportFile(_ kind: ExportKind, passphrase: String? = nil, folder: String = "export") async -> URL? {
        guard let diary else { return nil }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(folder, isDirectory: true)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(exportFileName(kind, date: Self.isoDay(Date())))
        let r: Result<ExportSummary, Problem>
        switch kind {
        case .diary, .encryptedDiary: r = await diary.exportJson(path: url.path, passphrase: passphrase)
        case .report: r = await diary.exportReport(path: url.path)
        case .calendar: r = await diary.exportCalendar(path: url.path)
        }
        switch r {
        case .success: return url
        case .failure(let p):
            problem = p
            return nil
        }
    }

    /// A file picked for import, kept until imported so a passphrase can follow.
    var pendingImport: URL?
    var importNeedsPassphrase = false

    func importFrom(_ picked: URL) async {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("incoming-import")
        let scoped = picked.startAccessingSecurityScopedResource()
        defer { if scoped { picked.stopAccessingSecurityScopedResource() } }
        do {
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: picked, to: copy)
        } catch {
            problem = Problem(message: "That file could not be read.")
            return
        }
        pendingImport = copy
        await importPending(passphrase: nil)
    }

    func importPending(passphrase: String?) async {
        guard let diary, let file = pendingImport else { return }
        switch await diary.importFile(path: file.path, passphrase: passphrase) {
        case .success(let m):
            cancelImport()
            message = "Imported: \(m.added) new, \(m.updated) updated, \(m.unchanged) unchanged, \(m.skipped) older kept"
            await loadReport()
        case .failure(let p) where p.field == "passphrase":
            // Encrypted, or a wrong passphrase: ask, and keep the file for the next try.
            importNeedsPassphrase = true
            if passphrase != nil { problem = p }
        case .failure(let p):
            cancelImport()
            problem = p
        }
    }

    func cancelImport() {
        if let f = pendingImport { try? FileManager.default.removeItem(at: f) }
        pendingImport = nil
        importNeedsPassphrase = false
    }

    // MARK: Settings
    func loadSettings() async {
        guard let diary else { return }
        switch await diary.settings() {
        case .success(let s): settings = s
        case .failure(let p): problem = p
        }
    }

    func saveSettings() async {
        guard let diary, var form = settings else { return }
        form.timeZone = TimeZone.current.identifier
        problem = nil
        await show(await diary.saveSettings(form), said: { _ in "Settings saved" }) { await self.loadSettings() }
    }

    // MARK: Dates as the core writes them
    static func isoDay(_ date: Date) -> String {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    static func day(_ text: String) -> Date? {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f.date(from: text)
    }
}
