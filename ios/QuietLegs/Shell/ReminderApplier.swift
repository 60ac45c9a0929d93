// The iOS twin of android/shell/ReminderApplier.kt: the same shape, the same calls into the core.
// The core decides what to schedule; this only applies its answer to UNUserNotificationCenter.
import Foundation
import QuietLegsCore
import UserNotifications

/// What the platform owns, so the applier can be tested with a fake.
protocol AlarmScheduler {
    func scheduledIds() async -> [String]
    func schedule(_ occurrence: ReminderOccurrence) async throws
    func cancel(_ ids: [String])
}

struct SyncResult: Equatable {
    let added: [String]
    let cancelled: [String]
}

/// Keeps pending notifications equal to the core's answer. iOS keeps 64 pending requests.
final class ReminderApplier {
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
        var profile = try core.profile()
        if profile.timeZone != zoneId {
            profile.timeZone = zoneId
            _ = try core.setProfile(settings: profile)
        }
        return try await sync()
    }

    @discardableResult
    func act(id: String, action: ReminderAction, at: String? = nil) async throws -> SyncResult {
        _ = try core.actOnReminder(id: id, action: action, at: at)
        return try await sync()
    }
}

/// UNUserNotificationCenter behind the protocol.
struct NotificationCenterScheduler: AlarmScheduler {
    let center = UNUserNotificationCenter.current()
    static let category = "quietlegs.reminder"

    func scheduledIds() async -> [String] {
        await center.pendingNotificationRequests().map(\.identifier)
    }

    func schedule(_ o: ReminderOccurrence) async throws {
        let content = UNMutableNotificationContent()
        content.title = o.title
        content.body = o.body
        content.categoryIdentifier = Self.category
        content.sound = .default
        let date = Date(timeIntervalSince1970: TimeInterval(o.fireAtMillis) / 1000)
        // The core resolved DST already: schedule the absolute instant, not a wall-clock time.
        let trigger = UNTimeIntervalNotificationTrigger(timeInterval: max(1, date.timeIntervalSinceNow), repeats: false)
        try await center.add(UNNotificationRequest(identifier: o.id, content: content, trigger: trigger))
    }

    func cancel(_ ids: [String]) {
        center.removePendingNotificationRequests(withIdentifiers: ids)
    }

    /// Done / Snooze / Skip, registered once at launch.
    static func registerCategory() {
        let actions = [
            UNNotificationAction(identifier: "done", title: "Done"),
            UNNotificationAction(identifier: "snooze", title: "Snooze 10 min"),
            UNNotificationAction(identifier: "skip", title: "Skip", options: [.destructive]),
        ]
        let category = UNNotificationCategory(identifier: category, actions: actions, intentIdentifiers: [])
        UNUserNotificationCenter.current().setNotificationCategories([category])
    }
}
