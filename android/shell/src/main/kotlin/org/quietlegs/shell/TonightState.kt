package org.quietlegs.shell

import org.quietlegs.core.DayPlanView
import org.quietlegs.core.IronStatus

/** One row of the Tonight screen. */
data class PlanRow(val time: String, val title: String, val why: String, val source: String)

/** What the Tonight screen shows; built from the core's plan, no rule of its own. */
data class TonightState(
    val heading: String,
    val iron: String,
    val ironWhy: String?,
    val rows: List<PlanRow>,
    val flags: List<String>,
) {
    companion object {
        fun from(plan: DayPlanView): TonightState {
            val iron = plan.iron
            val vitaminC = if (iron.withVitaminC) " with vitamin C" else ""
            val ironLine = when (iron.status) {
                IronStatus.WINDOW -> "Iron$vitaminC ${span(iron.start!!, iron.end)}"
                IronStatus.ALREADY_TAKEN -> "Iron taken at ${iron.start!!.clock()}"
                IronStatus.NO_WINDOW -> "No iron window today"
                IronStatus.REST_DAY, IronStatus.NO_IRON -> iron.explanation.replaceFirstChar { it.uppercase() }
            }
            return TonightState(
                heading = "Tonight · bed ${plan.bed.clock()}",
                iron = ironLine,
                ironWhy = iron.explanation.takeIf { iron.status == IronStatus.WINDOW || iron.status == IronStatus.NO_WINDOW },
                rows = plan.items.map { PlanRow(span(it.start, it.end), it.title, it.why, it.citation) },
                flags = iron.flags,
            )
        }
    }
}
