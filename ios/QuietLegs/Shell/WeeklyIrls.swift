// Twin of android/shell/WeeklyIrls.kt.
import Foundation
import QuietLegsCore

/// The weekly IRLS form (SPEC §2.7): ten items 0-4 rating the 7 days up to `weekEnding`, asked
/// once a week, apart from the nightly quick rating. The core keeps one rating per ISO week.
struct WeeklyIrlsForm: Equatable {
    /// The last day of the week rated, `YYYY-MM-DD`; the core refuses a future one.
    var weekEnding: String
    /// One answer per item, nil while unanswered.
    var items: [Int32?] = Array(repeating: nil, count: irlsItems)

    var answered: Int { items.compactMap { $0 }.count }

    /// The answered items as the core takes them. A partly answered form is passed as it is, so
    /// the core names what is missing ("IRLS items"); nothing is judged here.
    var scores: Data { Data(items.compactMap { $0 }.map { UInt8(clamping: $0) }) }
}

/// The weekly IRLS on the Log and Report screens: the core's prompt, whether it is due, the trend.
struct WeeklyIrlsState: Equatable {
    /// The core's today (the profile's zone): the form's default week ending.
    let today: String
    let prompt: String
    let due: Bool
    /// The core's line per rated week, newest first.
    let weeks: [String]
    /// The core's line per stored rating the trend leaves out (another device rated an
    /// overlapping week): listed so that none is hidden. Empty unless a sync joined overlaps.
    let setAside: [String]

    /// `history`: the core's whole trend (`weeklyIrlsHistory()`); the status carries only its latest ratings.
    init(today: String, view v: WeeklyIrlsView?, history: [WeeklyIrlsPoint]? = nil) {
        self.today = today
        prompt = v?.prompt ?? ""
        due = v?.due ?? true
        weeks = (history ?? v?.ratings ?? []).reversed().map(\.label)
        setAside = v?.setAsideLines ?? []
    }
}
