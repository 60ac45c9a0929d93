// The iOS twin of android/shell/ReminderApplier.kt: the same shape, the same calls into the core.
// The core decides what to schedule; this only applies its answer to UNUserNotificationCenter.
import Foundation
import QuietLegsCore
import UserNotifications

/// What the platform owns, so the applier can be tested with a fake.
protocol AlarmScheduler: Sendable {
    func scheduledIds() async -> [String]
    func schedule(_ occurrence: ReminderOccurrence) async throws
    func cancel(_ ids: [String])
}

/// What one sync did; after a reminder action, `note` is the core's words to show when there is
/// more to say ("Already done (here or on another device): …").
struct SyncResult: Equatable, Sendable {
    let added: [String]
    let cancelled: [String]
    var note: String? = nil
}

/// Keeps pending notifications equal to the core's answer. iOS keeps 64 pending requests.
final class ReminderApplier: @unchecked Sendable {
    private let core: QuietLegs
    private let scheduler: AlarmScheduler
    private let cap: UInt32

    init(core: QuietLegs, scheduler: AlarmScheduler, cap: UInt32 = 64) {
        self.core = core
        self.scheduler = scheduler
        self.cap = cap
    }

    /// Call on launch, on every diary change, on significant time change and zone change.
    @discardableResult
    func sync() async throws -> SyncResult {
        let changes = try core.reconcileReminders(heldIds: await scheduler.scheduledIds(), cap: cap)
        scheduler.cancel(changes.cancel)
        for occurrence in changes.add {
            try await scheduler.schedule(occurrence)
        }
        return SyncResult(added: changes.add.map(\.id), cancelled: changes.cancel)
    }

    @discardableResult
    func onTimeZoneChanged(_ zoneId: String) async throws -> SyncResult {
        // Only the zone is written (updateProfile): a fact saved meanwhile is never replaced.
        if try core.profile().timeZone != zoneId {
            _ = try core.updateProfile(changes: ProfileChanges(timeZone: zoneId))
        }
        return try await sync()
    }

    @discardableResult
    func act(id: String, action: ReminderAction, at: String? = nil) async throws -> SyncResult {
        let result = try core.actOnReminder(id: id, action: action, at: at)
        var synced = try await sync()
        synced.note = result.note
        return synced
    }
}

extension ReminderAction {
    /// The button label, as on Android.
    var label: String {
        switch self {
        case .done: return "Done"
        case .snooze(let minutes): return "Snooze \(minutes) min"
        case .skip: return "Skip"
        }
    }

    /// `done`, `snooze:10`, `skip`: the action as a notification action identifier.
    var code: String {
        switch self {
        case .done: return "done"
        case .snooze(let minutes): return "snooze:\(minutes)"
        case .skip: return "skip"
        }
    }
}

/// The action a code names, or nil for one this version does not know.
func reminderAction(code: String) -> ReminderAction? {
    switch code {
    case "done": return .done
    case "skip": return .skip
    default:
        guard code.hasPrefix("snooze:"), let m = UInt32(code.dropFirst("snooze:".count)) else { return nil }
        return .snooze(minutes: m)
    }
}

/// UNUserNotificationCenter behind the protocol. Each distinct set of the core's actions becomes
/// a category whose action identifiers are the action codes.
///
/// Categories live only as long as the process registered them, while delivered and pending
/// notifications outlive it: the action sets are kept in UserDefaults and registered again on
/// launch (`registerKnownCategories`), so an older notification keeps its Done/Snooze/Skip.
actor NotificationCenterScheduler: AlarmScheduler {
    private let center = UNUserNotificationCenter.current()
    private var categories: [String: UNNotificationCategory] = [:]
    private static let storedKey = "quietlegs.notificationCategories"

    /// Registers every action set seen before (stored as action codes), at launch.
    func registerKnownCategories() {
        let stored = UserDefaults.standard.dictionary(forKey: Self.storedKey) as? [String: [String]] ?? [:]
        for (id, codes) in stored where categories[id] == nil {
            categories[id] = Self.makeCategory(id, codes.compactMap { reminderAction(code: $0) })
        }
        center.setNotificationCategories(Set(categories.values))
    }

    private static func makeCategory(_ id: String, _ actions: [ReminderAction]) -> UNNotificationCategory {
        UNNotificationCategory(
            identifier: id,
            actions: actions.map { a in
                UNNotificationAction(identifier: a.code, title: a.label, options: a == .skip ? [.destructive] : [])
            },
            intentIdentifiers: []
        )
    }

    nonisolated func scheduledIds() async -> [String] {
        await center.pendingNotificationRequests().map(\.identifier)
    }

    func schedule(_ o: ReminderOccurrence) async throws {
        let content = UNMutableNotificationContent()
        content.title = o.title
        content.body = o.body
        content.categoryIdentifier = category(for: o.actions)
        content.sound = .default
        content.interruptionLevel = o.kind == .iron || o.kind == .medicationDose ? .timeSensitive : .active
        // The core resolved DST already: schedule the absolute instant, never a wall-clock time.
        let date = Date(timeIntervalSince1970: TimeInterval(o.fireAtMillis) / 1000)
        let trigger = UNTimeIntervalNotificationTrigger(timeInterval: max(1, date.timeIntervalSinceNow), repeats: false)
        try await center.add(UNNotificationRequest(identifier: o.id, content: content, trigger: trigger))
    }

    nonisolated func cancel(_ ids: [String]) {
        center.removePendingNotificationRequests(withIdentifiers: ids)
    }

    private func category(for actions: [ReminderAction]) -> String {
        let id = (["quietlegs"] + actions.map(\.code)).joined(separator: "|")
        if categories[id] == nil {
            categories[id] = Self.makeCategory(id, actions)
            var stored = UserDefaults.standard.dictionary(forKey: Self.storedKey) as? [String: [String]] ?? [:]
            stored[id] = actions.map(\.code)
            UserDefaults.standard.set(stored, forKey: Self.storedKey)
            // setNotificationCategories replaces the whole set: always pass every category.
            center.setNotificationCategories(Set(categories.values))
        }
        return id
    }
}
