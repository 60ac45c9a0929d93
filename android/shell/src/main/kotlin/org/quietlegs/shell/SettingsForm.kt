package org.quietlegs.shell

import org.quietlegs.core.ProfileSettings
import org.quietlegs.core.Routine
import org.quietlegs.core.Sex

/**
 * The Settings screen's state. The time zone is not a field: it follows the device
 * ([ReminderApplier.onTimeZoneChanged]) and is shown read-only. Blank meal times and dates mean
 * "none"; the core checks every time's and date's format and names the field that is wrong.
 *
 * Saving goes through the core's `saveProfileForm(stored, edited)`, which writes only the fields
 * changed on the screen: a fact this screen did not touch (a due date or dialysis set on another
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
    /** The profile the form was made from: the core saves only what differs from it. */
    val stored: ProfileSettings,
) {
    /** The form as the core's settings: [stored] with the form's fields; a blank meal or date is none. */
    fun toSettings(): ProfileSettings = stored.copy(
        timeZone = timeZone,
        bedtime = bedtime.trim(),
        wakeTime = wakeTime.trim(),
        breakfast = breakfast.trim().ifEmpty { null },
        lunch = lunch.trim().ifEmpty { null },
        dinner = dinner.trim().ifEmpty { null },
        pregnant = pregnant,
        kidneyDisease = kidneyDisease,
        malabsorption = malabsorption,
        dueDate = dueDate.trim().ifEmpty { null },
        dialysis = dialysis,
        birthDate = birthDate.trim().ifEmpty { null },
        haemochromatosis = haemochromatosis,
        thalassaemia = thalassaemia,
        regularTransfusions = regularTransfusions,
        sex = sex,
        routine = routine,
    )

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
