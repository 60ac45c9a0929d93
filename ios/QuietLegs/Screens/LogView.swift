import QuietLegsCore
import SwiftUI

/// Log a night in under 30 seconds: the quick rating and Save; details folded away. The IRLS is a
/// weekly instrument (SPEC §2.7): it has its own entry, once a week, never asked per night.
struct LogView: View {
    @Environment(AppModel.self) private var model
    @State private var details = false

    var body: some View {
        @Bindable var model = model
        List {
            if let form = Binding($model.nightForm) {
                let o = model.options
                Section {
                    HStack {
                        Button { Task { await model.shiftNight(by: -1) } } label: { Image(systemName: "chevron.left") }
                            .accessibilityLabel("Night before")
                        Spacer()
                        Text("Night of \(form.wrappedValue.nightDate)" + (form.wrappedValue.existingId != nil ? " (editing)" : "")).font(.headline)
                        Spacer()
                        Button { Task { await model.shiftNight(by: 1) } } label: { Image(systemName: "chevron.right") }
                            .accessibilityLabel("Night after")
                    }
                    .buttonStyle(.borderless)
                }
                Section("How bad were the symptoms? (0 none – \(o.quickMax) worst)") {
                    ScoreRow(max: o.quickMax, value: form.quickSeverity)
                    Button("Save") { Task { await model.saveNight() } }.buttonStyle(.borderedProminent).frame(maxWidth: .infinity)
                }
                DisclosureGroup("More details (optional)", isExpanded: $details) {
                    TextField("Symptoms began (HH:MM)", text: form.onset).keyboardType(.numbersAndPunctuation)
                    ChoiceRow(title: "Where", choices: o.bodyAreas.map { ($0.value, $0.label) }, selected: form.bodyAreas)
                    TextField("Hours slept", text: form.sleepHours).keyboardType(.decimalPad)
                    TextField("Awakenings", text: form.awakenings).keyboardType(.numberPad)
                    ChoiceRow(title: "Possible triggers today", choices: o.triggers.map { ($0.value, $0.label) }, selected: form.triggers)
                    ForEach(o.reliefKinds, id: \.value) { k in
                        // Binding has no dictionary subscript: read and write the one entry by hand.
                        Picker(k.label, selection: Binding<ReliefEffect?>(
                            get: { form.wrappedValue.relief[k.value] },
                            set: { form.wrappedValue.relief[k.value] = $0 }
                        )) {
                            Text("Not tried").tag(ReliefEffect?.none)
                            ForEach(o.reliefEffects, id: \.value) { e in Text(e.label).tag(Optional(e.value)) }
                        }
                    }
                    TextField("Notes", text: form.notes, axis: .vertical).lineLimit(2...6)
                    Button("Save") { Task { await model.saveNight() } }
                }
            }
            WeeklyIrlsSection()
            Section("Recent nights") {
                ForEach(model.recentNights, id: \.info.id) { n in
                    Button { Task { await model.openNight(n.nightDate) } } label: { NightRow(night: n) }
                }
            }
        }
        .task { await model.loadLog() }
    }
}

/// 0…max as tappable numbers; tapping the chosen one clears it.
private struct ScoreRow: View {
    let max: Int32
    @Binding var value: Int32?

    var body: some View {
        ScrollView(.horizontal, showsIndicators: false) {
            HStack(spacing: 6) {
                ForEach(0...Int(max), id: \.self) { v in
                    let chosen = value == Int32(v)
                    Button("\(v)") { value = chosen ? nil : Int32(v) }
                        .buttonStyle(.bordered)
                        .tint(chosen ? .accentColor : .secondary)
                        .accessibilityAddTraits(chosen ? .isSelected : [])
                }
            }
        }
    }
}

/// Multiple choice as toggles.
private struct ChoiceRow<V: Hashable>: View {
    let title: String
    let choices: [(V, String)]
    @Binding var selected: Set<V>

    var body: some View {
        VStack(alignment: .leading) {
            Text(title).font(.subheadline)
            ScrollView(.horizontal, showsIndicators: false) {
                HStack {
                    ForEach(choices, id: \.0) { value, label in
                        let on = selected.contains(value)
                        Button(label) { if on { selected.remove(value) } else { selected.insert(value) } }
                            .buttonStyle(.bordered)
                            .tint(on ? .accentColor : .secondary)
                    }
                }
            }
        }
    }
}

private struct NightRow: View {
    let night: NightEntry

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            Text(night.nightDate).font(.subheadline.weight(.semibold))
            let parts = [
                night.quickSeverity.map { "rated \($0)/10" },
                night.irlsTotal.map { "IRLS \($0)" },
                night.sleepHours.map { "slept \(plainNumber($0)) h" },
                night.onset.map { "began \($0)" },
            ].compactMap { $0 }
            Text(parts.joined(separator: " · ")).font(.footnote).foregroundStyle(.secondary)
            ForEach(night.warnings, id: \.self) { Text($0).font(.footnote).foregroundStyle(.red) }
        }
    }
}

/// The weekly IRLS: the core's prompt, ten items 0-4, the week ending date (the core's today by
/// default), saved through the core's weekly call; the rated weeks below are its trend.
/// Twin of the Android LogScreen's WeeklyIrls.
private struct WeeklyIrlsSection: View {
    @Environment(AppModel.self) private var model
    @State private var open = false

    var body: some View {
        @Bindable var model = model
        Loaded(state: model.weeklyIrls) { w in
            Section("Weekly IRLS" + (w.due ? " (due)" : "")) {
                Text(w.prompt).font(.footnote).foregroundStyle(.secondary)
                if let form = Binding($model.weeklyForm) {
                    let o = model.options
                    DisclosureGroup("Rate this week (\(form.wrappedValue.answered) of \(o.irlsTopics.count) answered)", isExpanded: $open) {
                        TextField("Week ending (YYYY-MM-DD)", text: form.weekEnding)
                        Text("Short topics only; your clinician has the full wording.").font(.footnote).foregroundStyle(.secondary)
                        ForEach(Array(o.irlsTopics.enumerated()), id: \.offset) { i, topic in
                            VStack(alignment: .leading) {
                                Text("\(i + 1). \(topic)")
                                ScoreRow(max: o.irlsItemMax, value: form.items[i])
                            }
                        }
                        Button("Save the weekly IRLS") { Task { await model.saveWeeklyIrls() } }
                    }
                }
                ForEach(w.weeks, id: \.self) { Text($0).font(.footnote) }
                // Ratings a sync set aside from the trend: listed in the core's words, never hidden.
                ForEach(w.setAside, id: \.self) { Text($0).font(.footnote).foregroundStyle(.secondary) }
            }
        }
    }
}
