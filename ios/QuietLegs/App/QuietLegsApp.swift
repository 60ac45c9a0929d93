import BackgroundTasks
import QuietLegsCore
import SwiftUI
import UserNotifications

@main
struct QuietLegsApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView()
                .environment(delegate.model)
        }
        .onChange(of: scenePhase) { _, phase in
            // Back in the foreground: the zone may have changed and notification settings with it.
            if phase == .active { Task { await delegate.model.followDevice() } }
            // iOS holds 64 pending notifications, about a week: ask to be woken to top them up.
            if phase == .background { AppDelegate.scheduleRefresh() }
        }
    }
}

/// Owns the one model and answers notification buttons, even when the app was not running.
@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    let model = AppModel()

    func application(_ application: UIApplication, didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil) -> Bool {
        UNUserNotificationCenter.current().delegate = self
        NotificationCenter.default.addObserver(forName: UIApplication.significantTimeChangeNotification, object: nil, queue: .main) { [model] _ in
            // Midnight, a clock change or a zone change: re-plan in the zone the phone is in now.
            Task { await model.followDevice() }
        }
        BGTaskScheduler.shared.register(forTaskWithIdentifier: Self.refreshTask, using: nil) { [model] task in
            // Woken in the background: re-plan and top the pending notifications up, then ask again.
            Self.scheduleRefresh()
            let work = Task { @MainActor in
                await model.followDevice()
                task.setTaskCompleted(success: true)
            }
            task.expirationHandler = { work.cancel() }
        }
        Task { await model.followDevice() }
        return true
    }

    /// The background refresh that keeps reminders coming when the app is not opened for a week.
    /// Listed in Info.plist (BGTaskSchedulerPermittedIdentifiers, project.yml).
    nonisolated static let refreshTask = "org.quietlegs.ios.refresh"

    nonisolated static func scheduleRefresh() {
        let request = BGAppRefreshTaskRequest(identifier: refreshTask)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 12 * 3600)
        try? BGTaskScheduler.shared.submit(request)
    }

    /// Done / Snooze / Skip: the action identifier is the core's action code.
    func userNotificationCenter(_ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse) async {
        let id = response.notification.request.identifier
        let code = response.actionIdentifier
        guard code != UNNotificationDefaultActionIdentifier, code != UNNotificationDismissActionIdentifier else { return }
        await model.actOnReminder(id: id, code: code)
    }

    /// Show reminders while the app is open, too.
    func userNotificationCenter(_ center: UNUserNotificationCenter, willPresent notification: UNNotification) async -> UNNotificationPresentationOptions {
        [.banner, .sound, .list]
    }
}
