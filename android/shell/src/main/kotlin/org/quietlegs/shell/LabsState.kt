package org.quietlegs.shell

import org.quietlegs.core.Analyte
import org.quietlegs.core.ChartView
import org.quietlegs.core.FlagKind
import org.quietlegs.core.IvIronChoice
import org.quietlegs.core.LabKind
import org.quietlegs.core.QuietLegs
import org.quietlegs.core.labKinds

/** A line with the source it rests on, shown small under it. */
data class Sourced(val text: String, val source: String)

/** The doctor flags the Labs screen repeats beside the iron status; all of them are on the Report screen. */
private val IRON_FLAGS = setOf(FlagKind.IRON_OVERLOAD_RISK, FlagKind.FERRITIN_NOT_RISING, FlagKind.LOW_HAEMOGLOBIN, FlagKind.IRON_NEEDS_DOCTOR)

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
    /** The latest haemoglobin the iron status read (its flag, if low, is among the doctor flags). */
    val haemoglobin: String? = null,
    /** The latest IV iron infusion: its date and the core's words for the formulation. */
    val lastInfusion: String? = null,
    /** The formulations the infusion form offers, each with its RLS evidence in the core's words. */
    val ivChoices: List<IvIronChoice> = emptyList(),
    /** Doctor flags about iron and blood (haemoglobin, iron needs the doctor), with sources. */
    val flags: List<Sourced> = emptyList(),
) {
    companion object {
        fun from(core: QuietLegs): LabsState {
            val status = core.status(null)
            val iron = status.iron
            val kinds = labKinds()
            val names = kinds.associate { it.analyte to it.label }
            val ivChoices = core.ivIronFormulations()
            val hbUnit = kinds.firstOrNull { it.analyte == Analyte.HAEMOGLOBIN }?.canonicalUnit.orEmpty()
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
                // Said once: the core may already carry the preparation among the notes.
                drawPreparation = iron.drawPreparation.takeIf { it !in iron.notes }.orEmpty(),
                recheck = iron.recheckDue?.let { "Next ferritin and TSAT: around $it" },
                haemoglobin = iron.haemoglobin?.let { "${names[Analyte.HAEMOGLOBIN] ?: "Haemoglobin"}: ${labValue(it.value, hbUnit)} on ${it.date}" },
                // Said once: the core's notes already name a recent infusion with its recheck.
                lastInfusion = iron.lastInfusionDate?.takeIf { date -> iron.notes.none { date in it } }?.let { date ->
                    val words = ivChoices.firstOrNull { it.value == iron.lastInfusion }?.label ?: "IV iron"
                    "Last IV iron infusion: $date, $words"
                },
                ivChoices = ivChoices,
                flags = status.flags.filter { it.kind in IRON_FLAGS }
                    .map { Sourced("${it.title}: ${it.facts}", it.citation) },
            )
        }
    }
}
