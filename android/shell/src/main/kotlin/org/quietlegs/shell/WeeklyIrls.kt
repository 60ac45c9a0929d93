package org.quietlegs.shell

import org.quietlegs.core.WeeklyIrlsPoint
import org.quietlegs.core.WeeklyIrlsView

/**
 * The weekly IRLS form (SPEC §2.7): ten items 0-4 rating the 7 days up to [weekEnding], asked
 * once a week, apart from the nightly quick rating. The core keeps one rating per ISO week.
 */
data class WeeklyIrlsForm(
    /** The last day of the week rated, `YYYY-MM-DD`; the core refuses a future one. */
    val weekEnding: String,
    /** One answer per item, null while unanswered. */
    val items: List<Int?> = List(IRLS_ITEMS) { null },
) {
    val answered: Int get() = items.count { it != null }

    fun with(item: Int, score: Int?): WeeklyIrlsForm =
        copy(items = items.mapIndexed { i, v -> if (i == item) score else v })

    /**
     * The answered items as the core takes them. A partly answered form is passed as it is, so
     * the core names what is missing ("IRLS items"); nothing is judged here.
     */
    fun scores(): ByteArray = items.filterNotNull().map { it.toByte() }.toByteArray()
}

/** The weekly IRLS on the Log and Report screens: the core's prompt, whether it is due, the trend. */
data class WeeklyIrlsState(
    /** The core's today (the profile's zone): the form's default week ending. */
    val today: String,
    val prompt: String,
    val due: Boolean,
    /** The core's line per rated week, newest first. */
    val weeks: List<String>,
    /**
     * The core's line per stored rating the trend leaves out (another device rated an
     * overlapping week): listed so that none is hidden. Empty unless a sync joined overlaps.
     */
    val setAside: List<String> = emptyList(),
) {
    companion object {
        /** [history]: the core's whole trend (`weeklyIrlsHistory()`); the status carries only its latest ratings. */
        fun from(today: String, v: WeeklyIrlsView?, history: List<WeeklyIrlsPoint>? = null): WeeklyIrlsState = WeeklyIrlsState(
            today = today,
            prompt = v?.prompt.orEmpty(),
            due = v?.due ?: true,
            weeks = (history ?: v?.ratings.orEmpty()).reversed().map { it.label },
            setAside = v?.setAsideLines.orEmpty(),
        )
    }
}
