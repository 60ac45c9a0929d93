import QuietLegsCore
import SwiftUI

/// Labs: where iron stands and why (with sources), the ferritin chart, adding a result as typed.
struct LabsView: View {
    @Environment(AppModel.self) private var model
    @State private var analyte: Analyte = .ferritin
    @State private var unit = "ng/mL"
    @State private var value = ""
    @State private var date = AppModel.isoDay(Date())

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
