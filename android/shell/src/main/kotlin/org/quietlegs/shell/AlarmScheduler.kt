package org.quietlegs.shell

import org.quietlegs.core.ReminderKind

/**
 * One alarm as the OS holds it. The id is the core's stable occurrence id; [actions] are the
 * button labels and [actionCodes] the same actions as [actionCode] strings, which survive
 * being stored in a PendingIntent or a notification's user info.
 */
data class Alarm(
    val id: String,
    val fireAtMillis: Long,
    val title: String,
    val body: String,
    val actions: List<String>,
    val kind: ReminderKind,
    val actionCodes: List<String>,
)

/**
 * What the platform owns: AlarmManager on Android, UNUserNotificationCenter on iOS. The shell
 * never decides what to schedule; it only applies the core's answer through this interface.
 */
interface AlarmScheduler {
    /** Ids of the alarms the OS currently holds for this app. */
    fun scheduledIds(): List<String>
    fun schedule(alarm: Alarm)
    fun cancel(id: String)
}
