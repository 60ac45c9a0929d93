package org.quietlegs.shell

import org.quietlegs.core.Direction
import org.quietlegs.core.SeverityScale
import org.quietlegs.core.StatusReport
import org.quietlegs.core.WeeklyIrlsPoint
import org.quietlegs.core.logOptions

/** A doctor flag with the facts that raised it and its source. */
data class FlagRow(val title: String, val facts: String, val source: String)

/** The Report & export screen: what the printed report will say, before sharing it. */
data class ReportState(
    val flags: List<FlagRow>,
    val augmentation: String?,
    val trends: List<String>,
    val triggers: List<String>,
    val adherence: List<String>,
    /** The weekly IRLS trend: the core's line per rated week, oldest first. */
    val weeklyIrls: List<String> = emptyList(),
    /** The weekly IRLS trend in the core's words (latest, band, change); its prompt before any rating. */
    val weeklyIrlsTrend: String? = null,
    /** The augmentation verdict as a heading in the core's words ("… incomplete, cannot judge yet"). */
    val augmentationTitle: String? = null,
) {
    companion object {
        /** [weeklyHistory]: the core's whole weekly IRLS trend (`weeklyIrlsHistory()`); the status carries only its latest ratings. */
        fun from(s: StatusReport, weeklyHistory: List<WeeklyIrlsPoint>? = null): ReportState {
            val options = logOptions()
            val triggerNames = options.triggers.associate { it.value to it.label }
            return ReportState(
                flags = s.flags.map { FlagRow(it.title, it.facts, it.citation) },
                augmentation = s.augmentation.message.takeIf { s.augmentation.applicable },
                augmentationTitle = s.augmentation.title.takeIf { s.augmentation.applicable },
                trends = s.trends.map { t ->
                    val scale = if (t.scale == SeverityScale.QUICK) {
                        "Quick rating (0-${options.quickMax})"
                    } else {
                        "IRLS logged with nights, older entries (0-${options.irlsTotalMax})"
                    }
                    val nights = if (t.thisWeekNights == 1u) "night" else "nights"
                    val now = t.thisWeekMean?.let { "${plainNumber(it)} this week (${t.thisWeekNights} $nights)" } ?: "no nights this week"
                    val before = t.lastWeekMean?.let { "${plainNumber(it)} last week" } ?: "none last week"
                    "$scale: $now, $before · ${t.direction.words()}"
                },
                triggers = s.triggers.map { c ->
                    "${triggerNames[c.trigger] ?: c.trigger.name}: ${plainNumber(c.withMean)} with (${c.withNights} nights), " +
                        "${plainNumber(c.withoutMean)} without (${c.withoutNights} nights)"
                },
                adherence = s.adherence.map { "${it.name}: ${it.taken7}/${it.expected7} this week, ${it.taken30}/${it.expected30} in 30 days" },
                weeklyIrls = (weeklyHistory ?: s.weeklyIrls?.ratings.orEmpty()).map { it.label },
                weeklyIrlsTrend = s.weeklyIrls?.trendLine?.takeIf { it.isNotBlank() },
            )
        }
    }
}

private fun Direction.words(): String = when (this) {
    Direction.BETTER -> "better"
    Direction.WORSE -> "worse"
    Direction.STEADY -> "steady"
    Direction.UNKNOWN -> "too few nights to compare"
}
