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
        Task { await model.followDevice() }
        return true
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
