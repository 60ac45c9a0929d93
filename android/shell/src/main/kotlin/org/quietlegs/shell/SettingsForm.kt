package org.quietlegs.shell

import org.quietlegs.core.ProfileChanges
import org.quietlegs.core.ProfileSettings
import org.quietlegs.core.Routine
import org.quietlegs.core.Sex

/**
 * The Settings screen's state. The time zone is not a field: it follows the device
 * ([ReminderApplier.onTimeZoneChanged]) and is shown read-only. Blank meal times and dates mean
 * "none"; the core checks every time's and date's format and names the field that is wrong.
 *
 * Saving sends only what changed since the form was opened ([stored]), through the core's
 * `updateProfile`: a fact this screen did not touch (a due date or dialysis set on another
 * device or in the CLI meanwhile) is never overwritten with the form's copy.
 */
data class SettingsForm(
    val timeZone: String,
    val bedtime: String,
    val wakeTime: String,
    val breakfast: String,
    val lunch: String,
    val dinner: String,
    val pregnant: Boolean,
    val kidneyDisease: Boolean,
    val malabsorption: Boolean,
    /** Due date of a pregnancy, `YYYY-MM-DD`; blank for none (advice ends 6 weeks after it). */
    val dueDate: String = "",
    val dialysis: Boolean = false,
    /** Date of birth, `YYYY-MM-DD`; blank for none (under 18: no iron advice). */
    val birthDate: String = "",
    val haemochromatosis: Boolean = false,
    val thalassaemia: Boolean = false,
    val regularTransfusions: Boolean = false,
    /** For the haemoglobin cut-off; null when not given. */
    val sex: Sex? = null,
    /** The opt-in bedtime routine (none of it tested in trials). */
    val routine: Routine = Routine(warmBath = false, warmSocks = false, movement = false, exerciseCutoff = false),
    /** The profile the form was made from; null sends every field. */
    val stored: ProfileSettings? = null,
) {
    /** Only the fields changed since [stored]; a blank meal or date clears it. */
    fun toChanges(): ProfileChanges {
        val was = stored?.let(::of)
        fun <T> changed(now: T, before: (SettingsForm) -> T): T? = now.takeIf { was == null || before(was) != now }
        val sexChanged = was == null || was.sex != sex
        return ProfileChanges(
            timeZone = changed(timeZone) { it.timeZone },
            bedtime = changed(bedtime.trim()) { it.bedtime.trim() },
            wakeTime = changed(wakeTime.trim()) { it.wakeTime.trim() },
            breakfast = changed(breakfast.trim()) { it.breakfast.trim() },
            lunch = changed(lunch.trim()) { it.lunch.trim() },
            dinner = changed(dinner.trim()) { it.dinner.trim() },
            pregnant = changed(pregnant) { it.pregnant },
            kidneyDisease = changed(kidneyDisease) { it.kidneyDisease },
            malabsorption = changed(malabsorption) { it.malabsorption },
            dueDate = changed(dueDate.trim()) { it.dueDate.trim() },
            dialysis = changed(dialysis) { it.dialysis },
            birthDate = changed(birthDate.trim()) { it.birthDate.trim() },
            haemochromatosis = changed(haemochromatosis) { it.haemochromatosis },
            thalassaemia = changed(thalassaemia) { it.thalassaemia },
            regularTransfusions = changed(regularTransfusions) { it.regularTransfusions },
            sex = if (sexChanged) sex else null,
            clearSex = sexChanged && sex == null,
            routine = changed(routine) { it.routine },
        )
    }

    companion object {
        fun of(p: ProfileSettings) = SettingsForm(
            timeZone = p.timeZone,
            bedtime = p.bedtime,
            wakeTime = p.wakeTime,
            breakfast = p.breakfast.orEmpty(),
            lunch = p.lunch.orEmpty(),
            dinner = p.dinner.orEmpty(),
            pregnant = p.pregnant,
            kidneyDisease = p.kidneyDisease,
            malabsorption = p.malabsorption,
            dueDate = p.dueDate.orEmpty(),
            dialysis = p.dialysis,
            birthDate = p.birthDate.orEmpty(),
            haemochromatosis = p.haemochromatosis,
            thalassaemia = p.thalassaemia,
            regularTransfusions = p.regularTransfusions,
            sex = p.sex,
            routine = p.routine ?: Routine(warmBath = false, warmSocks = false, movement = false, exerciseCutoff = false),
            stored = p,
        )
    }
}
