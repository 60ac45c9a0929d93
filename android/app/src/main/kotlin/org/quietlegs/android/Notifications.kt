package org.quietlegs.android

import android.Manifest
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import org.quietlegs.core.ReminderKind

/** Three channels, so a person can silence the routine and keep the iron reminders. */
object Notifications {
    private const val IRON = "iron"
    private const val ROUTINE = "routine"
    private const val DIARY = "diary"

    fun createChannels(context: Context) {
        val nm = context.getSystemService(NotificationManager::class.java)
        nm.createNotificationChannels(
            listOf(
                channel(context, IRON, R.string.channel_iron, R.string.channel_iron_description, NotificationManager.IMPORTANCE_HIGH),
                channel(context, ROUTINE, R.string.channel_routine, R.string.channel_routine_description, NotificationManager.IMPORTANCE_DEFAULT),
                channel(context, DIARY, R.string.channel_diary, R.string.channel_diary_description, NotificationManager.IMPORTANCE_DEFAULT),
            ),
        )
    }

    private fun channel(context: Context, id: String, name: Int, description: Int, importance: Int) =
        NotificationChannel(id, context.getString(name), importance).apply {
            this.description = context.getString(description)
        }

    fun channelFor(kind: ReminderKind): String = when (kind) {
        ReminderKind.IRON, ReminderKind.VITAMIN_C, ReminderKind.MEDICATION_DOSE -> IRON
        ReminderKind.MAGNESIUM, ReminderKind.WARM_SOCKS, ReminderKind.EXERCISE_CUTOFF,
        ReminderKind.EVENING_CHECK, ReminderKind.WARM_BATH, ReminderKind.MOVEMENT -> ROUTINE
        ReminderKind.MORNING_DIARY, ReminderKind.LAB_RECHECK -> DIARY
    }

    fun allowed(context: Context): Boolean =
        (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU ||
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED) &&
            NotificationManagerCompat.from(context).areNotificationsEnabled()

    /** Posts a fired reminder with the core's actions as buttons. Tagged by the reminder id. */
    fun post(context: Context, id: String, title: String, body: String, kind: ReminderKind, labels: Array<String>, codes: Array<String>) {
        if (!allowed(context)) return
        val open = PendingIntent.getActivity(
            context, 0, Intent(context, MainActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP),
            PendingIntent.FLAG_IMMUTABLE,
        )
        val builder = NotificationCompat.Builder(context, channelFor(kind))
            .setSmallIcon(R.drawable.ic_notification)
            .setContentTitle(title)
            .setContentText(body)
            .setStyle(NotificationCompat.BigTextStyle().bigText(body))
            .setCategory(NotificationCompat.CATEGORY_REMINDER)
            .setContentIntent(open)
            .setAutoCancel(true)
        labels.zip(codes).forEach { (label, code) ->
            val act = Intent(context, ReminderActionReceiver::class.java)
                .setData(Uri.fromParts("quietlegs", "action/$id/$code", null))
                .putExtra(EXTRA_ID, id)
                .putExtra(EXTRA_CODE, code)
            builder.addAction(0, label, PendingIntent.getBroadcast(context, 0, act, PendingIntent.FLAG_IMMUTABLE))
        }
        try {
            NotificationManagerCompat.from(context).notify(id, 0, builder.build())
        } catch (_: SecurityException) {
            // The permission was revoked between the check and the post: nothing to show.
        }
    }

    fun dismiss(context: Context, id: String) = NotificationManagerCompat.from(context).cancel(id, 0)

    /** Replaces the reminder [id]'s notification with the core's [text], without buttons. */
    fun note(context: Context, id: String, text: String) {
        if (!allowed(context)) return
        val builder = NotificationCompat.Builder(context, DIARY)
            .setSmallIcon(R.drawable.ic_notification)
            .setContentTitle(context.getString(R.string.app_name))
            .setContentText(text)
            .setStyle(NotificationCompat.BigTextStyle().bigText(text))
            .setAutoCancel(true)
        try {
            NotificationManagerCompat.from(context).notify(id, 0, builder.build())
        } catch (_: SecurityException) {
            // The permission was revoked between the check and the post: nothing to show.
        }
    }
}
