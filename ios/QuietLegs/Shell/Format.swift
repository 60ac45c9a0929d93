// Twin of android/shell/Format.kt: formatting only; every time was resolved by the core.
import Foundation
import QuietLegsCore

extension TimePoint {
    /// `11:10`: the local clock time, read from the core's RFC 3339 text (never recomputed).
    var clock: String {
        // "2026-11-21T11:10:00+01:00": the hour and minute sit at fixed positions.
        let chars = Array(local)
        guard chars.count >= 16 else { return local }
        return String(chars[11..<16])
    }
}

func span(_ start: TimePoint, _ end: TimePoint?) -> String {
    guard let end else { return start.clock }
    return "\(start.clock)–\(end.clock)"
}

/// `7.5`, `8`: at most one decimal, no trailing `.0`.
func plainNumber(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded(.down) ? String(Int64(rounded)) : String(rounded)
}

func labValue(_ value: Double, _ unit: String) -> String { "\(plainNumber(value)) \(unit)" }

extension LabEntry {
    /// `42 ng/mL`, and what was typed when it was another unit: `42 ng/mL (entered 42 µg/L)`.
    var display: String {
        let stored = labValue(value, unit)
        return enteredUnit.trimmingCharacters(in: .whitespaces) == unit ? stored : "\(stored) (entered \(labValue(enteredValue, enteredUnit)))"
    }
}
