import QuietLegsCore
import SwiftUI
import UserNotifications

/// Settings: the day the plan is built on, the habits iron works around, and how reminders arrive.
struct SettingsView: View {
    @Environment(AppModel.self) private var model
    @State private var habitKind: IntakeKind = .coffee
    @State private var habitTime = ""

    var body: some View {
        @Bindable var model = model
        // Field names and routine switches in the core's words (the ones its errors name).
        let l = model.settingsLabels
        Form {
            if let form = Binding($model.settings) {
                Section {
                    TextField("\(l.bedtime) (HH:MM)", text: form.bedtime)
                    TextField("\(l.wakeTime) (HH:MM)", text: form.wakeTime)
                    TextField("\(l.breakfast) (HH:MM, optional)", text: form.breakfast)
                    TextField("\(l.lunch) (HH:MM, optional)", text: form.lunch)
                    TextField("\(l.dinner) (HH:MM, optional)", text: form.dinner)
                    LabeledContent("Time zone", value: "\(form.wrappedValue.timeZone) (follows your phone)")
                } header: {
                    Text("Your day")
                } footer: {
                    Text("A bedtime after midnight (e.g. 00:30) belongs to the evening before. Leave a meal empty if you do not eat it at a fixed time.")
                }
                .keyboardType(.numbersAndPunctuation)
                Section {
                    Toggle(l.pregnant, isOn: form.pregnant)
                    if form.wrappedValue.pregnant || !form.wrappedValue.dueDate.isEmpty {
                        TextField(l.dueDate, text: form.dueDate)
                    }
                    Toggle(l.kidneyDisease, isOn: form.kidneyDisease)
                    Toggle(l.dialysis, isOn: form.dialysis)
                    Toggle(l.malabsorption, isOn: form.malabsorption)
                    Toggle(l.haemochromatosis, isOn: form.haemochromatosis)
                    Toggle(l.thalassaemia, isOn: form.thalassaemia)
                    Toggle(l.regularTransfusions, isOn: form.regularTransfusions)
                    TextField(l.birthDate, text: form.birthDate)
                    Picker(l.sex, selection: form.sex) {
                        Text(l.sexNotGiven).tag(Sex?.none)
                        Text(l.female).tag(Sex?.some(.female))
                        Text(l.male).tag(Sex?.some(.male))
                    }
                    Button("Save") { Task { await model.saveSettings() } }
                } header: {
                    Text("About you")
                } footer: {
                    Text("These only decide which points the app suggests you discuss with your doctor.")
                }
                Section {
                    Toggle(l.routineWarmBath, isOn: form.routine.warmBath)
                    Toggle(l.routineWarmSocks, isOn: form.routine.warmSocks)
                    Toggle(l.routineMovement, isOn: form.routine.movement)
                    Toggle(l.routineExerciseCutoff, isOn: form.routine.exerciseCutoff)
                    Button("Save") { Task { await model.saveSettings() } }
                } header: {
                    Text("Bedtime routine (optional)")
                } footer: {
                    Text("Off unless you choose them: none of these is tested in trials. Each reminder says why.")
                }
            }
            Section {
                Loaded(state: model.medicines) { m in
                    ForEach(m.habits) { h in
                        Text(h.text).swipeActions {
                            Button("Remove", role: .destructive) {
                                Task {
                                    await model.delete(h.id)
                                    await model.loadMedicines()
                                }
                            }
                        }
                    }
                }
                Picker("Habit", selection: $habitKind) {
                    ForEach(model.options.intakes, id: \.value) { Text($0.label).tag($0.value) }
                }
                HStack {
                    TextField("Usual time (HH:MM)", text: $habitTime).keyboardType(.numbersAndPunctuation)
                    Button("Add") { Task { if await model.addHabit(habitKind, at: habitTime) { habitTime = "" } } }
                }
            } header: {
                Text("Habits")
            } footer: {
                Text("Your usual coffee, tea, milk and meals: the iron planner keeps the window clear of them.")
            }
            Section("Reminders") {
                if model.notificationsAllowed {
                    Text("Notifications are on. iOS keeps the next 64; QuietLegs tops them up each time you open it.")
                        .foregroundStyle(.secondary)
                } else if model.notificationStatus == .notDetermined {
                    Text("Notifications are off, so reminders cannot be shown.")
                    // Not asked yet: iOS's own prompt, not a trip to Settings.
                    Button("Turn on notifications") { Task { await model.askForNotifications() } }
                } else if model.notificationStatus != nil {
                    Text("Notifications are off, so reminders cannot be shown.")
                    Button("Open Settings") {
                        if let url = URL(string: UIApplication.openNotificationSettingsURLString) { UIApplication.shared.open(url) }
                    }
                }
            }
            Section("About QuietLegs") {
                Text("Open-source companion for Restless Legs Syndrome. It gives general information from cited sources; it never diagnoses or doses, and every flag says to discuss it with your doctor.")
                Text("Core \(model.version). Your diary stays on this phone unless you export it.").foregroundStyle(.secondary)
            }
        }
        .task {
            await model.loadSettings()
            await model.loadMedicines()
        }
    }
}
