package org.quietlegs.android

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import org.quietlegs.core.ReminderKind

/** An alarm fired: show the reminder the core planned. The text came from the core when it was scheduled. */
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
    }
}
