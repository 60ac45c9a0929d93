package org.quietlegs.shell

import org.quietlegs.core.HabitEntry
import org.quietlegs.core.MedicineEffect
import org.quietlegs.core.MedicineInfo
import org.quietlegs.core.RegimenEntry
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
                regimen = regimen.map { RegimenRow(it.info.id, it.name, it.schedule, it.warnings) },
                habits = habits.map { HabitRow(it.info.id, "${intakeNames[it.intake] ?: it.intake.name} at ${it.at}") },
            )
        }
    }
}

/** One answer of "check a medicine", most important first: what it does to RLS and its source. */
data class MedicineAnswer(val title: String, val advice: String, val source: String, val warning: Boolean)

/** Looks a medicine up by generic or brand name, tolerating case, accents and one typo. */
fun lookUpMedicine(name: String): List<MedicineAnswer> =
    if (name.isBlank()) emptyList() else checkMedicine(name).map(MedicineInfo::toAnswer)

private fun MedicineInfo.toAnswer() = MedicineAnswer(
    title = if (matched.equals(generic, ignoreCase = true)) "$generic · $classLabel" else "$matched → $generic · $classLabel",
    advice = details,
    source = citation,
    warning = effect == MedicineEffect.WORSENS_RLS,
)
