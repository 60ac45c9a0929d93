// Twin of android/shell/NightForm.kt.
import Foundation
import QuietLegsCore

/// How many items the IRLS has; `logOptions().irlsTopics` names them.
let irlsItems = 10

/// The Log screen's state. One tap on the quick rating and Save is a whole entry; everything
/// else is optional. Text stays text until `toInput()`, so a half-typed number is never lost.
struct NightForm: Equatable {
    var nightDate: String
    var quickSeverity: Int32? = nil
    var irls: [Int32?] = Array(repeating: nil, count: irlsItems)
    var onset = ""
    var bodyAreas: Set<BodyArea> = []
    var sleepHours = ""
    var awakenings = ""
    var triggers: Set<Trigger> = []
    var relief: [ReliefKind: ReliefEffect] = [:]
    var notes = ""
    var existingId: String? = nil

    var irlsAnswered: Int { irls.compactMap { $0 }.count }

    /// The core's input. Ranges, the future-date rule and "a rating is required" are the core's;
    /// a partly answered IRLS is passed as answered so the core names what is missing.
    func toInput() -> Result<NightInput, Problem> {
        parseDecimal("hours slept", sleepHours).flatMap { hours in
            parseWhole("awakenings", awakenings).map { wakes in
                NightInput(
                    nightDate: nightDate,
                    quickSeverity: quickSeverity,
                    irlsItems: irlsAnswered == 0 ? nil : irls.compactMap { $0 },
                    onset: onset.trimmingCharacters(in: .whitespaces).nilIfEmpty,
                    bodyAreas: logOptions().bodyAreas.map(\.value).filter(bodyAreas.contains),
                    sleepHours: hours,
                    awakenings: wakes,
                    triggers: logOptions().triggers.map(\.value).filter(triggers.contains),
                    relief: logOptions().reliefKinds.map(\.value).compactMap { k in relief[k].map { Relief(kind: k, effect: $0) } },
                    notes: notes.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
                )
            }
        }
    }
}

extension NightForm {
    /// The form for editing a stored night.
    init(entry n: NightEntry) {
        self.init(
            nightDate: n.nightDate,
            quickSeverity: n.quickSeverity,
            irls: n.irlsItems.map { $0.map(Optional.some) } ?? Array(repeating: nil, count: irlsItems),
            onset: n.onset ?? "",
            bodyAreas: Set(n.bodyAreas),
            sleepHours: n.sleepHours.map(plainNumber) ?? "",
            awakenings: n.awakenings.map { String($0) } ?? "",
            triggers: Set(n.triggers),
            relief: Dictionary(n.relief.map { ($0.kind, $0.effect) }, uniquingKeysWith: { _, last in last }),
            notes: n.notes ?? "",
            existingId: n.info.id
        )
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
