import QuietLegsCore
import SwiftUI
import UserNotifications

/// Five tabs and Settings; a diary that could not be opened shows only why.
struct RootView: View {
    @Environment(AppModel.self) private var model
    @State private var tab = 0
    @State private var showSettings = false

    var body: some View {
        if let problem = model.openProblem {
            DiaryUnavailableView(problem: problem)
        } else {
            TabView(selection: $tab) {
                screen(TonightView(onLogNight: { tab = 1 }), title: "Tonight").tabItem { Label("Tonight", systemImage: "moon.stars") }.tag(0)
                screen(LogView(), title: "Log").tabItem { Label("Log", systemImage: "square.and.pencil") }.tag(1)
                screen(LabsView(), title: "Labs").tabItem { Label("Labs", systemImage: "testtube.2") }.tag(2)
                screen(MedicinesView(), title: "Medicines").tabItem { Label("Medicines", systemImage: "pills") }.tag(3)
                screen(ReportView(), title: "Report").tabItem { Label("Report", systemImage: "doc.text") }.tag(4)
            }
            .sheet(isPresented: $showSettings) {
                NavigationStack {
                    SettingsView()
                        .navigationTitle("Settings")
                        .toolbar { ToolbarItem(placement: .confirmationAction) { Button("Done") { showSettings = false } } }
                }
            }
            .task {
                // Ask only while iOS would still show its prompt: read the real status first.
                await model.refreshNotificationStatus()
                if model.notificationStatus == .notDetermined { await model.askForNotifications() }
            }
            .onChange(of: tab) { model.problem = nil }
        }
    }

    private func screen(_ content: some View, title: String) -> some View {
        NavigationStack {
            content
                .navigationTitle(title)
                .toolbar {
                    ToolbarItem(placement: .topBarTrailing) {
                        Button { showSettings = true } label: { Image(systemName: "gearshape") }
                            .accessibilityLabel("Settings")
                    }
                }
                .safeAreaInset(edge: .bottom) { Banner() }
        }
    }
}

/// The last problem or confirmation, in one line above the tab bar.
struct Banner: View {
    @Environment(AppModel.self) private var model

    var body: some View {
        if let p = model.problem {
            Text(p.message).bannerStyle(.red)
        } else if let m = model.message {
            Text(m).bannerStyle(.green)
                .task {
                    try? await Task.sleep(for: .seconds(4))
                    if model.message == m { model.message = nil }
                }
        }
    }
}

private extension View {
    func bannerStyle(_ tint: Color) -> some View {
        font(.callout)
            .padding(12)
            .frame(maxWidth: .infinity, alignment: .leading)
            .background(tint.opacity(0.15), in: RoundedRectangle(cornerRadius: 12))
            .padding(.horizontal)
            .padding(.bottom, 4)
    }
}

struct DiaryUnavailableView: View {
    let problem: Problem

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Text("Your diary could not be opened").font(.title2.bold())
            Text(problem.message)
            Text("QuietLegs never deletes a diary to start again. If you updated from a newer version, install it again; if you have an export file, a fresh install can import it.")
                .foregroundStyle(.secondary)
        }
        .padding()
    }
}

/// A line of advice with its source underneath: every number in the app shows where it came from.
struct SourcedText: View {
    let text: String
    let source: String

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            Text(text)
            Text("Source: \(source)").font(.caption).foregroundStyle(.secondary)
        }
    }
}

/// A screen's state: a spinner while loading, the problem if it failed, else the content.
struct Loaded<T, Content: View>: View {
    let state: Result<T, Problem>?
    @ViewBuilder let content: (T) -> Content

    var body: some View {
        switch state {
        case .none: ProgressView().frame(maxWidth: .infinity)
        case .some(.failure(let p)): Text(p.message).foregroundStyle(.red)
        case .some(.success(let v)): content(v)
        }
    }
}
