package org.quietlegs.android

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Build
import org.quietlegs.shell.Alarm
import org.quietlegs.shell.AlarmScheduler

/**
 * AlarmManager behind the shell's [AlarmScheduler]. AlarmManager cannot list what it holds, so
 * the ids are kept in private preferences beside it: that list is what the core reconciles
 * against. Exact alarms when the person allows them, inexact (possibly some minutes late in
 * Doze) otherwise; the Settings screen says which is in force.
 */
class AndroidAlarmScheduler(private val context: Context) : AlarmScheduler {
    private val alarms = context.getSystemService(AlarmManager::class.java)
    private val held = context.getSharedPreferences("held_alarms", Context.MODE_PRIVATE)

    /** Whether reminders fire on the minute. Below Android 12 exact alarms need no grant. */
    fun exactAllowed(): Boolean = Build.VERSION.SDK_INT < Build.VERSION_CODES.S || alarms.canScheduleExactAlarms()

    @Synchronized
    override fun scheduledIds(): List<String> = held.all.keys.toList()

    @Synchronized
    override fun schedule(alarm: Alarm) {
        val fire = PendingIntent.getBroadcast(
            context, 0, fireIntent(alarm.id).putExtras(alarm),
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        if (exactAllowed()) {
            alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.fireAtMillis, fire)
        } else {
            alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.fireAtMillis, fire)
        }
        // commit, not apply: the list must be on disk before the process may be killed.
        held.edit().putLong(alarm.id, alarm.fireAtMillis).commit()
    }

    @Synchronized
    override fun cancel(id: String) {
        PendingIntent.getBroadcast(
            context, 0, fireIntent(id), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE,
        )?.let {
            alarms.cancel(it)
            it.cancel()
        }
        held.edit().remove(id).commit()
    }

    /** An alarm fired: the OS no longer holds it. */
    @Synchronized
    fun fired(id: String) {
        held.edit().remove(id).commit()
    }

    /** After a reboot the OS has dropped every alarm; forget them so the next sync adds all. */
    @Synchronized
    fun forgetAll() {
        held.edit().clear().commit()
    }

    /** Cancels every alarm (the exact-alarm grant changed, or the app was updated). */
    @Synchronized
    fun cancelAll() {
        scheduledIds().forEach(::cancel)
    }

    /** One intent per reminder id: PendingIntents are told apart by their data URI, not extras. */
    private fun fireIntent(id: String) = Intent(context, ReminderReceiver::class.java)
        .setData(Uri.fromParts("quietlegs", "reminder/$id", null))
}

internal const val EXTRA_ID = "org.quietlegs.reminder.ID"
internal const val EXTRA_TITLE = "org.quietlegs.reminder.TITLE"
internal const val EXTRA_BODY = "org.quietlegs.reminder.BODY"
internal const val EXTRA_KIND = "org.quietlegs.reminder.KIND"
internal const val EXTRA_LABELS = "org.quietlegs.reminder.LABELS"
internal const val EXTRA_CODES = "org.quietlegs.reminder.CODES"
internal const val EXTRA_CODE = "org.quietlegs.reminder.CODE"

private fun Intent.putExtras(a: Alarm): Intent = putExtra(EXTRA_ID, a.id)
    .putExtra(EXTRA_TITLE, a.title)
    .putExtra(EXTRA_BODY, a.body)
    .putExtra(EXTRA_KIND, a.kind.name)
    .putExtra(EXTRA_LABELS, a.actions.toTypedArray())
    .putExtra(EXTRA_CODES, a.actionCodes.toTypedArray())
