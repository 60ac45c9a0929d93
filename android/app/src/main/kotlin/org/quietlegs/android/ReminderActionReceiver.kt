package org.quietlegs.android

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import org.quietlegs.shell.valueOrNull

/**
 * Done / Snooze / Skip tapped on a notification. The core records it (Done logs the real dose
 * or bath at this moment, so the day re-plans) and the alarms follow its answer. When the core
 * has more to say (the reminder was already done, here or on another device), its words replace
 * the notification; otherwise the notification goes.
 */
class ReminderActionReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val id = intent.getStringExtra(EXTRA_ID) ?: return
        val code = intent.getStringExtra(EXTRA_CODE) ?: return
        val pending = goAsync()
        val graph = context.graph
        graph.inBackground {
            try {
                val note = graph.diary.valueOrNull()?.actOnReminder(id, code)?.valueOrNull()?.note
                if (note != null) Notifications.note(context, id, note) else Notifications.dismiss(context, id)
            } finally {
                pending.finish()
            }
        }
    }
}
