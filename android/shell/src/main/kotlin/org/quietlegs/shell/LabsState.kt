package org.quietlegs.shell

import org.quietlegs.core.ChartView
import org.quietlegs.core.LabKind
import org.quietlegs.core.QuietLegs
import org.quietlegs.core.labKinds

/** A line with the source it rests on, shown small under it. */
data class Sourced(val text: String, val source: String)

data class LabRow(val id: String, val title: String, val value: String, val date: String)

/** The Labs screen: iron status with its numbers and sources, the ferritin chart, every result. */
data class LabsState(
    val headline: String,
    val reasons: List<Sourced>,
    val notes: List<String>,
    val projection: String?,
    val chart: ChartView,
    /** Newest first. */
    val rows: List<LabRow>,
    /** What the add form offers: each lab with its accepted units. */
    val kinds: List<LabKind>,
    /** How to prepare for the next blood draw (morning, at least 24 h without iron). */
    val drawPreparation: String = "",
    /** When ferritin and TSAT are next due, if a recheck is due. */
    val recheck: String? = null,
) {
    companion object {
        fun from(core: QuietLegs): LabsState {
            val iron = core.status(null).iron
            val kinds = labKinds()
            val names = kinds.associate { it.analyte to it.label }
            return LabsState(
                headline = iron.headline,
                reasons = iron.reasons.map { Sourced(it.text, it.citation) },
                notes = iron.notes,
                projection = iron.projectedTargetDate?.let {
                    "At the current rise, ferritin would pass ${plainNumber(iron.targetLow)} ng/mL around $it."
                },
                chart = core.ferritinChart(),
                rows = core.labs(null).reversed().map {
                    LabRow(it.info.id, names[it.analyte] ?: it.analyte.name, it.display(), it.takenOn)
                },
                kinds = kinds,
                drawPreparation = iron.drawPreparation,
                recheck = iron.recheckDue?.let { "Next ferritin and TSAT: around $it" },
            )
        }
    }
}
