import QuietLegsCore
import SwiftUI

/// Tonight: the iron window, "about to have…" checks, and the day's routine with its reasons.
struct TonightView: View {
    @Environment(AppModel.self) private var model
    let onLogNight: () -> Void

    /// Intakes that change iron timing: the ones worth checking first.
    private let checkable: Set<IntakeKind> = [.coffee, .tea, .dairyCalcium, .meal, .antacid]

    var body: some View {
        List {
            Loaded(state: model.tonight) { t in
                Section(t.heading) {
                    Text(t.iron).font(.title3.weight(.semibold))
                    if let why = t.ironWhy { Text(why).font(.callout).foregroundStyle(.secondary) }
                    if let id = t.ironRegimenId {
                        Button("I took my iron") { Task { await model.logDoseNow(id) } }.buttonStyle(.borderedProminent)
                    }
                }
                if !t.flags.isEmpty {
                    Section("Discuss with your doctor") { ForEach(t.flags, id: \.self) { Text($0) } }
                }
                Section {
                    ScrollView(.horizontal, showsIndicators: false) {
                        HStack {
                            ForEach(model.options.intakes.filter { checkable.contains($0.value) }, id: \.value) { c in
                                Button(c.label) { Task { await model.check(c.value) } }.buttonStyle(.bordered)
                            }
                        }
                    }
                    if let ic = model.intakeCheck {
                        Text(ic.check.message).foregroundStyle(ic.check.conflict ? Color.red : Color.primary)
                        if let ok = ic.check.earliestOk { Text("Earliest time without a conflict: \(ok.clock)") }
                        Button("I'm having it now") { Task { await model.logIntakeNow(ic.kind) } }
                    }
                } header: {
                    Text("About to have something?")
                } footer: {
                    Text("Check it against today's iron dose first.")
                }
                Section("The day") {
                    ForEach(Array(t.rows.enumerated()), id: \.offset) { _, row in
                        HStack(alignment: .top, spacing: 12) {
                            Text(row.time).font(.subheadline.monospacedDigit()).frame(width: 96, alignment: .leading)
                            VStack(alignment: .leading, spacing: 4) {
                                Text(row.title).font(.subheadline.weight(.semibold))
                                SourcedText(text: row.why, source: row.source).font(.footnote)
                                if let id = row.regimenId, row.kind == .medicationDose {
                                    Button("Taken") { Task { await model.logDoseNow(id) } }.buttonStyle(.borderless)
                                }
                            }
                        }
                    }
                }
                Button("Log tonight's symptoms", action: onLogNight)
            }
        }
        .task { await model.loadTonight() }
        .refreshable { await model.loadTonight() }
    }
}
