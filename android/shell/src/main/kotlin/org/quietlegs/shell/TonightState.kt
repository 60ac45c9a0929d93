package org.quietlegs.shell

import org.quietlegs.core.DayPlanView
import org.quietlegs.core.IronStatus
import org.quietlegs.core.ReminderKind

/** One row of the Tonight screen; [regimenId] is set on a dose the person can mark as taken. */
data class PlanRow(
    val time: String,
    val title: String,
    val why: String,
    val source: String,
    val kind: ReminderKind,
    val regimenId: String?,
)

/** What the Tonight screen shows; built from the core's plan, no rule of its own. */
data class TonightState(
    val date: String,
    val heading: String,
    val iron: String,
    val ironWhy: String?,
    /** "Discuss with your doctor" notes on iron (e.g. a proton-pump inhibitor). */
    val flags: List<String>,
    /** The iron dose can be marked taken from the headline. */
    val ironRegimenId: String?,
    val rows: List<PlanRow>,
) {
    companion object {
        fun from(plan: DayPlanView): TonightState {
            val iron = plan.iron
            val rows = plan.items.map {
                PlanRow(span(it.start, it.end), it.title, it.why, it.citation, it.kind, it.regimenId)
            }
            return TonightState(
                date = plan.date,
                heading = "Tonight · bed ${plan.bed.clock()}",
                iron = iron.summary,
                ironWhy = iron.explanation.takeIf {
                    iron.status == IronStatus.WINDOW || iron.status == IronStatus.NO_WINDOW || iron.status == IronStatus.HELD
                },
                flags = iron.flags,
                ironRegimenId = rows.firstOrNull { it.kind == ReminderKind.IRON && iron.status == IronStatus.WINDOW }?.regimenId,
                rows = rows,
            )
        }
    }
}
