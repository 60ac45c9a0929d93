import QuietLegsCore
import SwiftUI

/// Medicines: look any medicine up for what it does to RLS, and keep the regimen the iron planner
/// works around. Warnings say to talk to the prescriber, never to stop.
struct MedicinesView: View {
    @Environment(AppModel.self) private var model
    @State private var query = ""
    @State private var kind: RegimenKind = .iron
    @State private var name = ""
    @State private var dose = ""
    @State private var times = ""
    @State private var everyOtherDay = false
    @State private var vitaminC = true
    @State private var started = ""
    @State private var startUnknown = false

    var body: some View {
        List {
            Section("Check a medicine") {
                TextField("Name or brand, e.g. Tylenol PM", text: $query)
                    .onChange(of: query) { model.lookUp(query) }
                if !query.trimmingCharacters(in: .whitespaces).isEmpty && model.medicineAnswers.isEmpty {
                    Text("Not in QuietLegs' list. Ask your pharmacist whether it affects RLS.").font(.footnote).foregroundStyle(.secondary)
                }
                ForEach(model.medicineAnswers, id: \.self) { a in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(a.title).font(.subheadline.weight(.semibold)).foregroundStyle(a.warning ? Color.red : Color.primary)
                        // Efficacy and harm first, the guideline's stance as a treatment apart from it.
                        if !a.effect.isEmpty { Text(a.effect).font(.footnote.weight(.semibold)) }
                        if let st = a.stance { Text(st).font(.footnote.weight(.semibold)) }
                        SourcedText(text: a.advice, source: a.source).font(.footnote)
                        if let alt = a.alternative { Text(alt).font(.footnote) }
                        if let t = a.ironTiming { Text(t).font(.footnote).foregroundStyle(.secondary) }
                    }
                }
            }
            Section("Your regimen") {
                Loaded(state: model.medicines) { m in
                    if m.regimen.isEmpty { Text("Nothing yet. Add your iron and any medicines so the plan can time them.").foregroundStyle(.secondary) }
                    ForEach(m.regimen) { r in
                        VStack(alignment: .leading, spacing: 4) {
                            Text(r.name).font(.headline)
                            Text(r.schedule).font(.subheadline)
                            ForEach(r.warnings, id: \.self) { Text($0).font(.footnote).foregroundStyle(.red) }
                        }
                        .swipeActions {
                            Button("Remove", role: .destructive) {
                                Task {
                                    await model.delete(r.id)
                                    await model.loadMedicines()
                                }
                            }
                        }
                    }
                }
            }
            Section("Add to your regimen") {
                Picker("Kind", selection: $kind) {
                    ForEach(model.options.regimenKinds, id: \.value) { Text($0.label).tag($0.value) }
                }
                TextField(kind == .iron ? "Name (e.g. ferrous sulfate)" : "Name or brand", text: $name)
                TextField("Dose, mg (optional)", text: $dose).keyboardType(.decimalPad)
                if kind == .iron {
                    Text("No fixed time: QuietLegs plans the best window each day around your meals, drinks and medicines.")
                        .font(.footnote).foregroundStyle(.secondary)
                    Toggle(model.options.vitaminCWithIron, isOn: $vitaminC)
                } else {
                    TextField("Times, e.g. 06:30 or 08:00, 20:00", text: $times).keyboardType(.numbersAndPunctuation)
                    // A dopaminergic RLS drug needs its start (or "I don't know"): the augmentation
                    // screen compares symptoms now with the weeks when it first worked.
                    let asks = asksStartDate(name: name)
                    TextField(asks ? "Started on, YYYY-MM-DD (needed for this medicine)" : "Started on, YYYY-MM-DD (optional)", text: $started)
                        .keyboardType(.numbersAndPunctuation)
                        .disabled(asks && startUnknown)
                    if asks { Toggle("I don't know (long ago)", isOn: $startUnknown) }
                }
                Picker("How often", selection: $everyOtherDay) {
                    Text("Every day").tag(false)
                    Text("Alternate days").tag(true)
                }
                .pickerStyle(.segmented)
                Text("Daily or alternate days: follow what your doctor advised.").font(.footnote).foregroundStyle(.secondary)
                Button("Add") { Task { await add() } }
            }
        }
        .task { await model.loadMedicines() }
    }

    private func add() async {
        let iron = kind == .iron
        let start = regimenStart(kind: kind, name: name, dateText: iron ? "" : started,
                                 unknown: !iron && asksStartDate(name: name) && startUnknown)
        switch (parseDecimal("dose", dose), start) {
        case (.failure(let p), _), (_, .failure(let p)): model.problem = p
        case (.success(let mg), .success(let s)):
            let input = RegimenInput(
                kind: kind,
                name: name.isEmpty && iron ? "Iron" : name,
                doseMg: mg,
                times: iron ? [] : times.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                everyNDays: everyOtherDay ? 2 : 1,
                withVitaminC: iron && vitaminC,
                startDate: s.date,
                stopDate: nil,
                startDateUnknown: s.unknown
            )
            if await model.addRegimen(input) {
                name = ""
                dose = ""
                times = ""
                started = ""
                startUnknown = false
            }
        }
    }
}
