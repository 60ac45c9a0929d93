package org.quietlegs.shell

import org.quietlegs.core.BodyArea
import org.quietlegs.core.NightEntry
import org.quietlegs.core.NightInput
import org.quietlegs.core.Relief
import org.quietlegs.core.ReliefEffect
import org.quietlegs.core.ReliefKind
import org.quietlegs.core.Trigger

/** How many items the IRLS has; the core's `logOptions().irlsTopics` names them. */
const val IRLS_ITEMS = 10

/**
 * The Log screen's state: what the person has tapped or typed so far. A night in under 30
 * seconds is one tap on the quick rating and Save; every other field is optional, the full IRLS
 * included. Text fields stay text until [toInput], so a half-typed number is never lost.
 */
data class NightForm(
    val nightDate: String,
    val quickSeverity: Int? = null,
    /** One answer per IRLS item, null while unanswered. */
    val irls: List<Int?> = List(IRLS_ITEMS) { null },
    val onset: String = "",
    val bodyAreas: Set<BodyArea> = emptySet(),
    val sleepHours: String = "",
    val awakenings: String = "",
    val triggers: Set<Trigger> = emptySet(),
    val relief: Map<ReliefKind, ReliefEffect> = emptyMap(),
    val notes: String = "",
    /** Set when editing a night already in the diary. */
    val existingId: String? = null,
) {
    val irlsAnswered: Int get() = irls.count { it != null }

    fun withIrls(item: Int, score: Int?): NightForm =
        copy(irls = irls.mapIndexed { i, v -> if (i == item) score else v })

    fun toggle(area: BodyArea) = copy(bodyAreas = bodyAreas.toggled(area))
    fun toggle(trigger: Trigger) = copy(triggers = triggers.toggled(trigger))

    /** Sets how much a relief helped; null removes it. */
    fun withRelief(kind: ReliefKind, effect: ReliefEffect?) =
        copy(relief = if (effect == null) relief - kind else relief + (kind to effect))

    /**
     * The core's input. Only the reading of typed digits happens here; ranges, the future-date
     * rule and "a rating is required" are the core's, and come back as its error.
     * A partly answered IRLS is passed as answered so the core names what is missing.
     */
    fun toInput(): Outcome<NightInput> =
        parseDecimal("hours slept", sleepHours).then { hours ->
            parseWhole("awakenings", awakenings).then { wakes ->
                Outcome.Done(
                    NightInput(
                        nightDate = nightDate,
                        quickSeverity = quickSeverity,
                        irlsItems = if (irlsAnswered == 0) null else irls.filterNotNull(),
                        onset = onset.trim().ifEmpty { null },
                        bodyAreas = bodyAreas.sortedBy { it.ordinal },
                        sleepHours = hours,
                        awakenings = wakes,
                        triggers = triggers.sortedBy { it.ordinal },
                        relief = relief.entries.sortedBy { it.key.ordinal }.map { Relief(it.key, it.value) },
                        notes = notes.trim().ifEmpty { null },
                    ),
                )
            }
        }

    companion object {
        /** The form for editing a stored night. */
        fun of(n: NightEntry) = NightForm(
            nightDate = n.nightDate,
            quickSeverity = n.quickSeverity,
            irls = n.irlsItems ?: List(IRLS_ITEMS) { null },
            onset = n.onset.orEmpty(),
            bodyAreas = n.bodyAreas.toSet(),
            sleepHours = n.sleepHours?.let(::plainNumber).orEmpty(),
            awakenings = n.awakenings?.toString().orEmpty(),
            triggers = n.triggers.toSet(),
            relief = n.relief.associate { it.kind to it.effect },
            notes = n.notes.orEmpty(),
            existingId = n.info.id,
        )
    }
}

private fun <T> Set<T>.toggled(v: T): Set<T> = if (v in this) this - v else this + v
