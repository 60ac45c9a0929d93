package org.quietlegs.android

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.provider.Settings
import org.quietlegs.shell.Alarm
import org.quietlegs.shell.AlarmScheduler

/**
 * AlarmManager behind the shell's [AlarmScheduler]. AlarmManager cannot list what it holds, so
 * the ids are kept in private preferences beside it: that list is what the core reconciles
 * against, so it must not claim alarms the OS has dropped on its own (a reboot, a force-stop,
 * a revoked exact-alarm grant): [scheduledIds] leaves those out and the next sync sets them
 * again.
 *
 * Exact alarms when the person allows them. Otherwise a 10-minute window ([INEXACT_WINDOW_MS]):
 * a plain inexact alarm may come up to an hour late (its window is 75 % of the delay, at most
 * one hour), which for a week ahead is always the hour. The Settings screen says which is in force.
 *
 * @param exactAllowedNow the grant check; the default asks AlarmManager (tests may pass a check
 *   that disagrees with the OS, as a revocation between check and call does).
 */
class AndroidAlarmScheduler(
    private val context: Context,
    private val exactAllowedNow: (() -> Boolean)? = null,
) : AlarmScheduler {
    private val alarms = context.getSystemService(AlarmManager::class.java)
    private val held = context.getSharedPreferences("held_alarms", Context.MODE_PRIVATE)

    /** Ids set as exact alarms: the OS drops all of them when the grant is revoked. */
    private val exactIds = context.getSharedPreferences("held_alarms_exact", Context.MODE_PRIVATE)

    /** The boot the held list belongs to: a reboot drops every alarm. */
    private val meta = context.getSharedPreferences("held_alarms_meta", Context.MODE_PRIVATE)

    /** Whether reminders fire on the minute. Below Android 12 exact alarms need no grant. */
    fun exactAllowed(): Boolean = exactAllowedNow?.invoke()
        ?: (Build.VERSION.SDK_INT < Build.VERSION_CODES.S || alarms.canScheduleExactAlarms())

    private fun bootCount(): Int = Settings.Global.getInt(context.contentResolver, Settings.Global.BOOT_COUNT, 0)

    /**
     * The ids the OS still holds. Left out (and forgotten): everything from before a reboot,
     * exact alarms once the grant is gone, and any whose PendingIntent no longer exists (a
     * force-stop removes them with the alarms).
     */
    @Synchronized
    override fun scheduledIds(): List<String> {
        if (meta.getInt(BOOT, -1) != bootCount()) forgetAll()
        val exactGone = !exactAllowed()
        val dropped = held.all.keys.filter { id ->
            (exactGone && exactIds.contains(id)) || pendingFor(id) == null
        }
        dropped.forEach(::forget)
        return held.all.keys.toList()
    }

    @Synchronized
    override fun schedule(alarm: Alarm) {
        val fire = PendingIntent.getBroadcast(
            context, 0, fireIntent(alarm.id).putExtras(alarm),
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        val exact = exactAllowed() && try {
            alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, alarm.fireAtMillis, fire)
            true
        } catch (_: SecurityException) {
            // The grant was revoked between the check and the call: fall back, do not crash.
            false
        }
        if (!exact) {
            try {
                alarms.setWindow(AlarmManager.RTC_WAKEUP, alarm.fireAtMillis, INEXACT_WINDOW_MS, fire)
            } catch (_: IllegalStateException) {
                // AlarmManager's per-app limit (500): not recorded, so the next sync tries again.
                fire.cancel()
                return
            }
        }
        // commit, not apply: the list must be on disk before the process may be killed.
        held.edit().putLong(alarm.id, alarm.fireAtMillis).commit()
        exactIds.edit().apply { if (exact) putBoolean(alarm.id, true) else remove(alarm.id) }.commit()
        meta.edit().putInt(BOOT, bootCount()).commit()
    }

    @Synchronized
    override fun cancel(id: String) {
        pendingFor(id)?.let {
            alarms.cancel(it)
            it.cancel()
        }
        forget(id)
    }

    /** An alarm fired: the OS no longer holds it. */
    @Synchronized
    fun fired(id: String) {
        pendingFor(id)?.cancel()
        forget(id)
    }

    /** After a reboot the OS has dropped every alarm; forget them so the next sync adds all. */
    @Synchronized
    fun forgetAll() {
        held.edit().clear().commit()
        exactIds.edit().clear().commit()
        meta.edit().putInt(BOOT, bootCount()).commit()
    }

    /** Cancels every alarm (the exact-alarm grant changed, or the app was updated). */
    @Synchronized
    fun cancelAll() {
        held.all.keys.toList().forEach(::cancel)
    }

    private fun forget(id: String) {
        held.edit().remove(id).commit()
        exactIds.edit().remove(id).commit()
    }

    private fun pendingFor(id: String): PendingIntent? = PendingIntent.getBroadcast(
        context, 0, fireIntent(id), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE,
    )

    /** One intent per reminder id: PendingIntents are told apart by their data URI, not extras. */
    private fun fireIntent(id: String) = Intent(context, ReminderReceiver::class.java)
        .setData(Uri.fromParts("quietlegs", "reminder/$id", null))

    companion object {
        /** How late an inexact reminder may come: the shortest window Android grants without the exact-alarm permission. */
        const val INEXACT_WINDOW_MS = 10 * 60 * 1000L
        private const val BOOT = "boot_count"
    }
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
