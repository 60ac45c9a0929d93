import QuietLegsCore
import SwiftUI
import UniformTypeIdentifiers

/// Report & export: what the doctor's report will say, sharing it, and the diary as a file the
/// person owns (plain or encrypted), which merges back on any device without loss.
struct ReportView: View {
    @Environment(AppModel.self) private var model
    @State private var reportURL: URL?
    @State private var exporting: ExportedFile?
    @State private var askPassphrase = false
    @State private var passphrase = ""
    @State private var passphraseAgain = ""
    @State private var importing = false
    @State private var importPassphrase = ""

    var body: some View {
        @Bindable var model = model
        List {
            Loaded(state: model.report) { r in
                Section("Points to discuss") {
                    if r.flags.isEmpty { Text("No flags raised by your diary.").foregroundStyle(.secondary) }
                    ForEach(r.flags, id: \.self) { f in
                        VStack(alignment: .leading, spacing: 4) {
                            Text(f.title).font(.headline).foregroundStyle(.red)
                            SourcedText(text: f.facts, source: f.source).font(.footnote)
                        }
                    }
                    if let a = r.augmentation {
                        if let t = r.augmentationTitle { Text(t).font(.headline) }
                        Text(a)
                    }
                }
                Section("Severity") {
                    Picker("Scale", selection: Binding(get: { model.severityScale }, set: { s in Task { await model.loadSeverity(s) } })) {
                        // The charts and their labels are the core's: nightly quick rating, weekly IRLS.
                        ForEach(model.options.severityCharts, id: \.label) { c in Text(c.label).tag(c.scale) }
                    }
                    .pickerStyle(.segmented)
                    if let c = model.severity { CoreChartView(chart: c) }
                    ForEach(r.trends, id: \.self) { Text($0).font(.footnote).foregroundStyle(.secondary) }
                }
                if let trend = r.weeklyIrlsTrend {
                    Section("Weekly IRLS") {
                        Text(trend)
                        ForEach(r.weeklyIrls, id: \.self) { Text($0).font(.footnote).foregroundStyle(.secondary) }
                    }
                }
                if !r.triggers.isEmpty { Section("Triggers") { ForEach(r.triggers, id: \.self) { Text($0) } } }
                if !r.adherence.isEmpty { Section("Doses taken") { ForEach(r.adherence, id: \.self) { Text($0) } } }
            }
            Section {
                if let url = reportURL {
                    ShareLink(item: url) { Label("Share the report", systemImage: "square.and.arrow.up") }
                }
                Button("Save the report as a file") { Task { await export(.report) } }
            } header: {
                Text("For your doctor")
            } footer: {
                Text("One page with charts, your flags and their sources. Information to discuss, not a diagnosis.")
            }
            Section {
                Button("Export") { Task { await export(.diary) } }
                Button("Export encrypted (for cloud drives and mail)") { askPassphrase = true }
                Button("Import a diary file") { importing = true }
                Button("Bedtime routine for your calendar") { Task { await export(.calendar) } }
            } header: {
                Text("Your diary as a file")
            } footer: {
                Text("Everything, deletions included. Import it on another phone or computer: newer entries win, nothing is duplicated.")
            }
        }
        .task {
            await model.loadReport()
            reportURL = await model.exportFile(.report, folder: "share")
        }
        .fileExporter(isPresented: Binding(get: { exporting != nil }, set: { if !$0 { exporting = nil } }),
                      document: exporting, contentType: exporting?.type ?? .data, defaultFilename: exporting?.name) { result in
            if case .failure(let e) = result { model.problem = Problem(message: "The file could not be saved there (\(e.localizedDescription)).") }
            else { model.message = "Saved" }
        }
        .fileImporter(isPresented: $importing, allowedContentTypes: [.json, .data]) { result in
            if case .success(let url) = result { Task { await model.importFrom(url) } }
        }
        .alert("Choose a passphrase", isPresented: $askPassphrase) {
            SecureField("Passphrase", text: $passphrase)
            SecureField("Passphrase again", text: $passphraseAgain)
            Button("Export") {
                let p = passphrase
                passphrase = ""
                passphraseAgain = ""
                Task { await export(.encryptedDiary, passphrase: p) }
            }
            .disabled(passphrase.isEmpty || passphrase != passphraseAgain)
            Button("Cancel", role: .cancel) {
                passphrase = ""
                passphraseAgain = ""
            }
        } message: {
            Text("Anyone with this file and passphrase can read your diary. Without the passphrase the file cannot be opened, by you either.")
        }
        .alert("This file is encrypted", isPresented: $model.importNeedsPassphrase) {
            SecureField("Passphrase", text: $importPassphrase)
            Button("Import") {
                let p = importPassphrase
                importPassphrase = ""
                Task { await model.importPending(passphrase: p) }
            }
            Button("Cancel", role: .cancel) { model.cancelImport() }
        } message: {
            Text("Enter the passphrase it was exported with.")
        }
    }

    private func export(_ kind: ExportKind, passphrase: String? = nil) async {
        guard let url = await model.exportFile(kind, passphrase: passphrase), let data = try? Data(contentsOf: url) else { return }
        try? FileManager.default.removeItem(at: url)
        exporting = ExportedFile(data: data, name: url.lastPathComponent, type: kind.contentType)
    }
}

/// An export's bytes for `fileExporter`; the core already wrote and checked them.
struct ExportedFile: FileDocument {
    static var readableContentTypes: [UTType] { [.json, .html, .data] }
    let data: Data
    let name: String
    let type: UTType

    init(data: Data, name: String, type: UTType) {
        self.data = data
        self.name = name
        self.type = type
    }

    init(configuration: ReadConfiguration) throws {
        data = configuration.file.regularFileContents ?? Data()
        name = configuration.file.filename ?? "quietlegs"
        type = .data
    }

    func fileWrapper(configuration: WriteConfiguration) throws -> FileWrapper { FileWrapper(regularFileWithContents: data) }
}

private extension ExportKind {
    var contentType: UTType {
        switch self {
        case .diary: return .json
        case .encryptedDiary: return .data
        case .report: return .html
        case .calendar: return UTType("public.calendar-event") ?? .data
        }
    }
}
