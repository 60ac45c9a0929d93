package org.quietlegs.android

import android.app.AlarmManager
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import java.time.ZoneId
import org.quietlegs.shell.valueOrNull

/**
 * The moments the alarms the OS holds stop matching the core's plan: a reboot drops them all, a
 * clock or zone change moves the day, an app update or a new exact-alarm grant needs them set
 * again. Each case re-asks the core and applies its answer; none decides anything itself.
 */
class SystemEventsReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        // Exported for the system's broadcasts: anything else is not ours to act on.
        if (intent.action !in HANDLED) return
        val graph = context.graph
        val pending = goAsync()
        graph.inBackground {
            try {
                when (intent.action) {
                    Intent.ACTION_BOOT_COMPLETED -> graph.scheduler.forgetAll()
                    Intent.ACTION_MY_PACKAGE_REPLACED,
                    AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED,
                    -> graph.scheduler.cancelAll()
                }
                // The zone as the broadcast states it; the process's default may not have caught up.
                val zone = intent.getStringExtra(Intent.EXTRA_TIMEZONE)?.takeIf { intent.action == Intent.ACTION_TIMEZONE_CHANGED }
                    ?: ZoneId.systemDefault().id
                graph.diary.valueOrNull()?.followTimeZone(zone)
            } finally {
                pending.finish()
            }
        }
    }

    companion object {
        val HANDLED = setOf(
            Intent.ACTION_BOOT_COMPLETED,
            Intent.ACTION_TIME_CHANGED,
            Intent.ACTION_TIMEZONE_CHANGED,
            Intent.ACTION_MY_PACKAGE_REPLACED,
            AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED,
        )
    }
}
