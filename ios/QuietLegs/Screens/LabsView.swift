import QuietLegsCore
import SwiftUI

/// Labs: where iron stands and why (with sources), the ferritin chart, adding a result as typed.
struct LabsView: View {
    @Environment(AppModel.self) private var model
    @State private var analyte: Analyte = .ferritin
    @State private var unit = "ng/mL"
    @State private var value = ""
    @State private var date = AppModel.isoDay(Date())
    @State private var infusionOpen = false
    @State private var formulation: IvIronFormulation?
    @State private var infusionDate = AppModel.isoDay(Date())
    @State private var infusionTime = "09:00"

    var body: some View {
        List {
            Loaded(state: model.labs) { s in
                Section("Iron") {
                    Text(s.headline).font(.headline)
                    ForEach(s.reasons, id: \.self) { SourcedText(text: $0.text, source: $0.source) }
                    ForEach(s.notes, id: \.self) { Text($0).font(.footnote).foregroundStyle(.secondary) }
                    if let p = s.projection { Text(p).font(.footnote).foregroundStyle(.secondary) }
                    if let r = s.recheck { Text(r).font(.footnote).foregroundStyle(.secondary) }
                    if !s.drawPreparation.isEmpty { Text(s.drawPreparation).font(.footnote).foregroundStyle(.secondary) }
                    if let hb = s.haemoglobin { Text(hb) }
                    if let inf = s.lastInfusion { Text(inf) }
                }
                if !s.flags.isEmpty {
                    Section("Discuss with your doctor") {
                        ForEach(s.flags, id: \.self) { SourcedText(text: $0.text, source: $0.source).foregroundStyle(.red) }
                    }
                }
                Section { CoreChartView(chart: s.chart) }
                Section("Add a result") {
                    Picker("Lab", selection: $analyte) {
                        ForEach(s.kinds, id: \.analyte) { Text($0.label).tag($0.analyte) }
                    }
                    .onChange(of: analyte) { unit = s.kinds.first { $0.analyte == analyte }?.units.first ?? "" }
                    HStack {
                        TextField("Value", text: $value).keyboardType(.decimalPad)
                        Picker("Unit", selection: $unit) {
                            ForEach(s.kinds.first { $0.analyte == analyte }?.units ?? [], id: \.self) { Text($0).tag($0) }
                        }
                        .labelsHidden()
                    }
                    TextField("Date on the lab sheet (YYYY-MM-DD)", text: $date)
                    Button("Add") {
                        Task { if await model.addLab(analyte, value: value, unit: unit, date: date) { value = "" } }
                    }
                }
                // An IV iron infusion the clinic gave: the formulation (with its RLS evidence, the
                // core's words) and when; the core ends the oral-iron verdict and sets the recheck.
                Section("IV iron infusion") {
                    DisclosureGroup("Record an IV iron infusion", isExpanded: $infusionOpen) {
                        Picker("Formulation", selection: $formulation) {
                            ForEach(s.ivChoices, id: \.value) { Text($0.label).tag(Optional($0.value)) }
                        }
                        .pickerStyle(.inline)
                        TextField("Date (YYYY-MM-DD)", text: $infusionDate)
                        TextField("Time (HH:MM)", text: $infusionTime).keyboardType(.numbersAndPunctuation)
                        Button("Save the infusion") {
                            guard let f = formulation ?? s.ivChoices.first?.value else { return }
                            let at = "\(infusionDate.trimmingCharacters(in: .whitespaces))T\(infusionTime.trimmingCharacters(in: .whitespaces))"
                            Task { if await model.logIvIron(f, at: at) { infusionOpen = false } }
                        }
                    }
                }
                Section("Results") {
                    ForEach(s.rows) { r in
                        VStack(alignment: .leading) {
                            Text("\(r.title): \(r.value)")
                            Text(r.date).font(.footnote).foregroundStyle(.secondary)
                        }
                        .swipeActions {
                            Button("Delete", role: .destructive) {
                                Task {
                                    await model.delete(r.id)
                                    await model.loadLabs()
                                }
                            }
                        }
                    }
                }
            }
        }
        .task { await model.loadLabs() }
    }
}
