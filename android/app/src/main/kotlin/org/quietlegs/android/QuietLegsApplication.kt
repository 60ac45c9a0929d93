package org.quietlegs.android

import android.app.Application
import android.content.Context
import java.io.File
import java.time.ZoneId
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import org.quietlegs.core.Clock
import org.quietlegs.core.QuietLegs
import org.quietlegs.shell.Diary
import org.quietlegs.shell.Outcome
import org.quietlegs.shell.ReminderApplier
import org.quietlegs.shell.SystemClock
import org.quietlegs.shell.attempt
import org.quietlegs.shell.valueOrNull

/**
 * How many alarms QuietLegs hands AlarmManager at once. AlarmManager refuses an app's 500th
 * alarm with IllegalStateException, so 500 is a crash, not a cap; a week of reminders is well
 * under 100, and each fired alarm tops the list up again (ReminderReceiver).
 */
internal const val ANDROID_ALARM_CAP = 100u

open class QuietLegsApplication : Application() {
    lateinit var graph: AppGraph
        private set

    /** A clock to plan with instead of the device's (null: the core reads the device's). Robolectric tests move their own. */
    protected open val clock: Clock? get() = null

    override fun onCreate() {
        super.onCreate()
        Notifications.createChannels(this)
        graph = AppGraph(this, clock)
        // On every start: the plan follows the phone's zone and the alarms follow the plan.
        graph.inBackground { graph.diary.valueOrNull()?.followTimeZone(ZoneId.systemDefault().id) }
    }
}

/** The objects the whole app shares: one core, one scheduler, one background thread for them. */
class AppGraph(context: Context, clock: Clock? = null) {
    /** Core calls are short SQLite transactions; one thread keeps them in order. */
    private val worker: ExecutorService = Executors.newSingleThreadExecutor()

    val scheduler = AndroidAlarmScheduler(context)

    /**
     * The diary in app-private storage, or why it could not be opened. A file written by a newer
     * app, or one that is not a diary, is refused and left as it is: never replaced.
     */
    val diary: Outcome<Diary> = attempt {
        val path = File(context.filesDir, "quietlegs.db").path
        val core = if (clock == null) QuietLegs.open(path) else QuietLegs.openWithClock(path, clock)
        Diary(core, ReminderApplier(core, scheduler, ANDROID_ALARM_CAP), clock ?: SystemClock)
    }

    fun inBackground(block: () -> Unit) {
        worker.execute(block)
    }
}

val Context.graph: AppGraph get() = (applicationContext as QuietLegsApplication).graph
