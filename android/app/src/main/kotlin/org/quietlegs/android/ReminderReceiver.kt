package org.quietlegs.android

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import org.quietlegs.core.ReminderKind
import org.quietlegs.shell.valueOrNull

/**
 * An alarm fired: show the reminder the core planned (the text came from the core when it was
 * scheduled), then top the alarms up so the OS always holds the next week, not a week that
 * shrinks with every alarm until the app is opened.
 */
class ReminderReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val id = intent.getStringExtra(EXTRA_ID) ?: return
        context.graph.scheduler.fired(id)
        val kind = intent.getStringExtra(EXTRA_KIND)?.let { name -> ReminderKind.entries.firstOrNull { it.name == name } }
            ?: ReminderKind.EVENING_CHECK
        Notifications.post(
            context,
            id,
            intent.getStringExtra(EXTRA_TITLE).orEmpty(),
            intent.getStringExtra(EXTRA_BODY).orEmpty(),
            kind,
            intent.getStringArrayExtra(EXTRA_LABELS) ?: emptyArray(),
            intent.getStringArrayExtra(EXTRA_CODES) ?: emptyArray(),
        )
        val pending = goAsync()
        val graph = context.graph
        graph.inBackground {
            try {
                graph.diary.valueOrNull()?.syncReminders()
            } finally {
                pending.finish()
            }
        }
    }
}
