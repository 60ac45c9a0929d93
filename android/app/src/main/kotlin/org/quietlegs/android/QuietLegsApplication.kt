package org.quietlegs.android

import android.app.Application
import android.content.Context
import java.io.File
import java.time.ZoneId
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import org.quietlegs.core.QuietLegs
import org.quietlegs.shell.Diary
import org.quietlegs.shell.Outcome
import org.quietlegs.shell.ReminderApplier
import org.quietlegs.shell.attempt
import org.quietlegs.shell.valueOrNull

/** Android has no fixed alarm limit; a week of reminders is well under this. */
private const val ANDROID_ALARM_CAP = 500u

class QuietLegsApplication : Application() {
    lateinit var graph: AppGraph
        private set

    override fun onCreate() {
        super.onCreate()
        Notifications.createChannels(this)
        graph = AppGraph(this)
        // On every start: the plan follows the phone's zone and the alarms follow the plan.
        graph.inBackground { graph.diary.valueOrNull()?.followTimeZone(ZoneId.systemDefault().id) }
    }
}

/** The objects the whole app shares: one core, one scheduler, one background thread for them. */
class AppGraph(context: Context) {
    /** Core calls are short SQLite transactions; one thread keeps them in order. */
    private val worker: ExecutorService = Executors.newSingleThreadExecutor()

    val scheduler = AndroidAlarmScheduler(context)

    /**
     * The diary in app-private storage, or why it could not be opened. A file written by a newer
     * app, or one that is not a diary, is refused and left as it is: never replaced.
     */
    val diary: Outcome<Diary> = attempt {
        val core = QuietLegs.open(File(context.filesDir, "quietlegs.db").path)
        Diary(core, ReminderApplier(core, scheduler, ANDROID_ALARM_CAP))
    }

    fun inBackground(block: () -> Unit) {
        worker.execute(block)
    }
}

val Context.graph: AppGraph get() = (applicationContext as QuietLegsApplication).graph
