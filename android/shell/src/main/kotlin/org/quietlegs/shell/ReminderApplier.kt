package org.quietlegs.shell

import org.quietlegs.core.ProfileChanges
import org.quietlegs.core.QuietLegs
import org.quietlegs.core.ReminderAction
import org.quietlegs.core.ReminderOccurrence

/**
 * What one sync did, for logs and tests; after a reminder action, [note] is the core's words to
 * show when there is more to say ("Already done (here or on another device): …").
 */
data class SyncResult(val added: List<String>, val cancelled: List<String>, val note: String? = null)

/**
 * Keeps the OS's alarms equal to the core's answer. Call [sync] on app start, after any change to
 * the diary, and from the boot, time-set, time-zone-changed and package-replaced receivers.
 *
 * @param cap how many alarms the OS may hold (iOS keeps 64 pending notifications; Android has no
 *   fixed limit, 500 keeps the alarm list modest).
 */
class ReminderApplier(
    private val core: QuietLegs,
    private val scheduler: AlarmScheduler,
    private val cap: UInt = 500u,
) {
    /** Applies the core's add/cancel answer, cancellations first. */
    fun sync(): SyncResult {
        val changes = core.reconcileReminders(scheduler.scheduledIds(), cap)
        changes.cancel.forEach(scheduler::cancel)
        changes.add.forEach { scheduler.schedule(it.toAlarm()) }
        return SyncResult(changes.add.map { it.id }, changes.cancel)
    }

    /** The device moved to another zone: the plan follows the person, then the alarms follow. */
    fun onTimeZoneChanged(zoneId: String): SyncResult {
        // Only the zone is written (updateProfile): a fact saved meanwhile is never replaced.
        if (core.profile().timeZone != zoneId) core.updateProfile(ProfileChanges(timeZone = zoneId))
        return sync()
    }

    /** A notification action (Done / Snooze / Skip) tapped: the core records it, then re-plans. */
    fun act(id: String, action: ReminderAction, at: String? = null): SyncResult {
        val result = core.actOnReminder(id, action, at)
        return sync().copy(note = result.note)
    }
}

/** The action labels a notification shows, in order. */
fun ReminderAction.label(): String = when (this) {
    is ReminderAction.Done -> "Done"
    is ReminderAction.Snooze -> "Snooze ${this.minutes} min"
    is ReminderAction.Skip -> "Skip"
}

/** `done`, `snooze:10`, `skip`: an action as a string that survives the OS's storage. */
fun ReminderAction.code(): String = when (this) {
    is ReminderAction.Done -> "done"
    is ReminderAction.Snooze -> "snooze:${this.minutes}"
    is ReminderAction.Skip -> "skip"
}

/** The action a [code] names, or null for a code this version does not know. */
fun reminderActionOf(code: String): ReminderAction? = when {
    code == "done" -> ReminderAction.Done
    code == "skip" -> ReminderAction.Skip
    code.startsWith("snooze:") -> code.removePrefix("snooze:").toUIntOrNull()?.let { ReminderAction.Snooze(it) }
    else -> null
}

fun ReminderOccurrence.toAlarm() = Alarm(
    id = id,
    fireAtMillis = fireAtMillis,
    title = title,
    body = body,
    actions = actions.map { it.label() },
    kind = kind,
    actionCodes = actions.map { it.code() },
)
