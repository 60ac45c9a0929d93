package org.quietlegs.shell

import org.quietlegs.core.ProfileSettings

/**
 * The Settings screen's state. The time zone is not a field: it follows the device
 * ([ReminderApplier.onTimeZoneChanged]) and is shown read-only. Blank meal times mean "no
 * fixed meal"; the core checks every time's format and names the field that is wrong.
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
) {
    fun toSettings() = ProfileSettings(
        timeZone = timeZone,
        bedtime = bedtime.trim(),
        wakeTime = wakeTime.trim(),
        breakfast = breakfast.trim().ifEmpty { null },
        lunch = lunch.trim().ifEmpty { null },
        dinner = dinner.trim().ifEmpty { null },
        pregnant = pregnant,
        kidneyDisease = kidneyDisease,
        malabsorption = malabsorption,
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
        )
    }
}
