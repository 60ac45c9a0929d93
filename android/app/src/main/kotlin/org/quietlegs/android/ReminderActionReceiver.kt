package org.quietlegs.android

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import org.quietlegs.shell.valueOrNull

/**
 * Done / Snooze / Skip tapped on a notification. The core records it (Done logs the real dose
 * or bath at this moment, so the day re-plans) and the alarms follow its answer.
 */
class ReminderActionReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val id = intent.getStringExtra(EXTRA_ID) ?: return
        val code = intent.getStringExtra(EXTRA_CODE) ?: return
        val pending = goAsync()
        val graph = context.graph
        graph.inBackground {
            try {
                graph.diary.valueOrNull()?.actOnReminder(id, code)
                Notifications.dismiss(context, id)
            } finally {
                pending.finish()
            }
        }
    }
}
