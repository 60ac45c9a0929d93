// Twin of android/shell/Outcome.kt: the core's typed errors in words a patient can act on.
import Foundation
import QuietLegsCore

/// A failed call as the person reads it: one sentence, and the field to correct when known.
struct Problem: Error, Equatable {
    let message: String
    var field: String? = nil
}

/// Runs one core call; its typed errors become a `Problem`. Never a crash.
func attempt<T>(_ body: () throws -> T) -> Result<T, Problem> {
    do {
        return .success(try body())
    } catch let e as QuietLegsError {
        return .failure(e.problem)
    } catch {
        // A Rust panic caught at the boundary arrives as a generic error: the call failed whole.
        return .failure(Problem(message: "Something went wrong inside QuietLegs (\(error.localizedDescription)). Nothing was changed."))
    }
}

extension Result {
    var value: Success? { if case .success(let v) = self { return v } else { return nil } }
}

extension QuietLegsError {
    /// Each case says whether anything changed.
    var problem: Problem {
        switch self {
        case .InvalidInput(let field, let reason):
            return Problem(message: "Check the \(field): \(reason).", field: field)
        case .NotFound(let what, _):
            return Problem(message: "That \(what) is no longer in the diary (it may have been deleted on another device).")
        case .NewerDatabase(let found, let supported):
            return Problem(message: "This diary was written by a newer QuietLegs (schema \(found); this app reads up to \(supported)). Update the app. Your diary was left untouched.")
        case .NotAQuietLegsDatabase(let reason):
            return Problem(message: "The diary file is not a QuietLegs diary and was left untouched: \(reason).")
        case .Storage(let reason):
            return Problem(message: "The diary could not be saved (\(reason)). Nothing was changed.")
        case .InvalidFile(let reason):
            return Problem(message: "This file cannot be imported: \(reason). Nothing was changed.")
        case .WrongPassphrase:
            return Problem(message: "Wrong passphrase, or the file is damaged. Nothing was changed.", field: "passphrase")
        case .Io(let reason):
            return Problem(message: "The file could not be read or written: \(reason).")
        case .Busy:
            return Problem(message: "The diary is busy in another app or window. Nothing was changed; try again in a moment.")
        case .Damaged(_, let reason):
            return Problem(message: "The diary file is damaged (\(reason)) and was not written to. Rescue copies what can still be read into a new diary.")
        case .ReadOnly(_, let reason):
            return Problem(message: "The diary cannot be written (\(reason)). Nothing was changed.")
        case .FileTooLarge(_, let size, _):
            return Problem(message: "This file is too large to be a QuietLegs export (\(size) bytes). It was not read.")
        case .EncryptionFailed(let reason):
            return Problem(message: "The file could not be encrypted (\(reason)). Nothing was written.")
        }
    }
}

/// A number as a person types it: blank is "not given"; otherwise the core reads it
/// (`readDecimal`): a decimal comma before one or two digits is a decimal mark, and "1,000"
/// (maybe a thousands separator) is refused, never read as 1. Ranges are the core's to judge.
func parseDecimal(_ field: String, _ text: String) -> Result<Double?, Problem> {
    if text.trimmingCharacters(in: .whitespaces).isEmpty { return .success(nil) }
    return attempt { try readDecimal(field: field, text: text) }.map { Optional($0) }
}

/// When a regimen item was started, as the form gives it: a date (or blank), or "I don't know".
struct RegimenStart: Equatable {
    let date: String?
    let unknown: Bool
}

/// The start a regimen form passes to the core. For a dopaminergic RLS drug (`asksStartDate`) a
/// date or "I don't know (long ago)" is required: the augmentation screen compares symptoms now
/// with the weeks when the drug first worked, and a start the app made up would let the diary
/// pass for them. Other items may leave it blank (today). The date itself is the core's to check.
func regimenStart(kind: RegimenKind, name: String, dateText: String, unknown: Bool) -> Result<RegimenStart, Problem> {
    if unknown { return .success(RegimenStart(date: nil, unknown: true)) }
    let t = dateText.trimmingCharacters(in: .whitespaces)
    let date: String? = t.isEmpty ? nil : t
    let medicine = kind == .medication || kind == .supplement
    if date == nil && medicine && asksStartDate(name: name) {
        let n = name.trimmingCharacters(in: .whitespaces)
        return .failure(Problem(
            message: "When did you start \(n)? Enter the date (YYYY-MM-DD), or choose \"I don't know (long ago)\": the augmentation screen compares your symptoms now with when it first worked.",
            field: "start date"
        ))
    }
    return .success(RegimenStart(date: date, unknown: false))
}

func parseWhole(_ field: String, _ text: String) -> Result<Int32?, Problem> {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.isEmpty { return .success(nil) }
    guard let v = Int32(t) else {
        return .failure(Problem(message: "Check the \(field): \"\(text)\" is not a whole number.", field: field))
    }
    return .success(v)
}
