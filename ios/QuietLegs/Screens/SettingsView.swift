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
        Form {
            if let form = Binding($model.settings) {
                Section {
                    TextField("Bedtime (HH:MM)", text: form.bedtime)
                    TextField("Wake time (HH:MM)", text: form.wakeTime)
                    TextField("Breakfast (HH:MM, optional)", text: form.breakfast)
                    TextField("Lunch (HH:MM, optional)", text: form.lunch)
                    TextField("Dinner (HH:MM, optional)", text: form.dinner)
                    LabeledContent("Time zone", value: "\(form.wrappedValue.timeZone) (follows your phone)")
                } header: {
                    Text("Your day")
                } footer: {
                    Text("A bedtime after midnight (e.g. 00:30) belongs to the evening before. Leave a meal empty if you do not eat it at a fixed time.")
                }
                .keyboardType(.numbersAndPunctuation)
                Section {
                    Toggle("Pregnant", isOn: form.pregnant)
                    if form.wrappedValue.pregnant || !form.wrappedValue.dueDate.isEmpty {
                        TextField("Due date (YYYY-MM-DD)", text: form.dueDate)
                    }
                    Toggle("Kidney disease", isOn: form.kidneyDisease)
                    Toggle("On dialysis", isOn: form.dialysis)
                    Toggle("Coeliac disease or IBD", isOn: form.malabsorption)
                    Toggle("Haemochromatosis", isOn: form.haemochromatosis)
                    Toggle("Thalassaemia", isOn: form.thalassaemia)
                    Toggle("Regular blood transfusions", isOn: form.regularTransfusions)
                    TextField("Date of birth (YYYY-MM-DD, optional)", text: form.birthDate)
                    Picker("Sex (for the haemoglobin cut-off)", selection: form.sex) {
                        Text("Not given").tag(Sex?.none)
                        Text("Female").tag(Sex?.some(.female))
                        Text("Male").tag(Sex?.some(.male))
                    }
                    Button("Save") { Task { await model.saveSettings() } }
                } header: {
                    Text("About you")
                } footer: {
                    Text("These only decide which points the app suggests you discuss with your doctor.")
                }
                Section {
                    Toggle("Warm bath before bed", isOn: form.routine.warmBath)
                    Toggle("Warm socks in the evening", isOn: form.routine.warmSocks)
                    Toggle("A short walk or stretch before bed", isOn: form.routine.movement)
                    Toggle("Last call for vigorous exercise", isOn: form.routine.exerciseCutoff)
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
