package org.quietlegs.shell

import org.quietlegs.core.HabitEntry
import org.quietlegs.core.MedicineEffect
import org.quietlegs.core.MedicineInfo
import org.quietlegs.core.RegimenEntry
import org.quietlegs.core.QuietLegs
import org.quietlegs.core.checkMedicine
import org.quietlegs.core.logOptions

data class RegimenRow(val id: String, val name: String, val schedule: String, val warnings: List<String>)

data class HabitRow(val id: String, val text: String)

/** The Medicines screen: the regimen with its warnings, and the habitual intakes iron works around. */
data class MedicinesState(val regimen: List<RegimenRow>, val habits: List<HabitRow>) {
    companion object {
        fun from(regimen: List<RegimenEntry>, habits: List<HabitEntry>): MedicinesState {
            val intakeNames = logOptions().intakes.associate { it.value to it.label }
            return MedicinesState(
                regimen = regimen.map { RegimenRow(it.info.id, it.name, it.schedule, it.sameMedicine.map { s -> s.message } + it.warnings) },
                habits = habits.map { HabitRow(it.info.id, "${intakeNames[it.intake] ?: it.intake.name} at ${it.at}") },
            )
        }
    }
}

/**
 * One answer of "check a medicine", most important first, every line in the core's words: the
 * effect on RLS with its evidence strength, the AASM 2025 stance as a treatment (apart from
 * efficacy), the advice, a safer alternative where a source names one, the iron timing, and the
 * source.
 */
data class MedicineAnswer(
    val title: String,
    val advice: String,
    val source: String,
    val warning: Boolean,
    /** "Effect on RLS: can make it worse (evidence: moderate)". */
    val effect: String = "",
    /** The core's line: "As an RLS treatment: AASM 2025: suggests against standard use (conditional)."; null when it is no RLS treatment. */
    val stance: String? = null,
    /** The core's line naming a safer alternative to ask the prescriber about: "Alternative to ask about: …". */
    val alternative: String? = null,
    /** The iron-timing rule, numbers from the evidence table. */
    val ironTiming: String? = null,
)

/**
 * Looks a medicine up by generic or brand name, tolerating case, accents and one typo. With the
 * diary's [core], the answer follows its profile (the core's pregnancy caveat for RLS
 * treatments, SPEC §2.6); without one, or if the diary cannot be read, the catalog answers alone.
 */
fun lookUpMedicine(name: String, core: QuietLegs? = null): List<MedicineAnswer> =
    if (name.isBlank()) emptyList()
    else (core?.let { runCatching { it.checkMedicineForProfile(name) }.getOrNull() } ?: checkMedicine(name))
        .map(MedicineInfo::toAnswer)

private fun MedicineInfo.toAnswer() = MedicineAnswer(
    // The core's words: "Tylenol PM (diphenhydramine, a sedating antihistamine)".
    title = described,
    advice = advice,
    source = citation,
    warning = effect == MedicineEffect.WORSENS_RLS,
    effect = effectLine,
    stance = aasmStanceLine,
    alternative = alternativeLine,
    ironTiming = ironTiming,
)
