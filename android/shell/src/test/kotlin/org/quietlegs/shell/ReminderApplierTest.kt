package org.quietlegs.shell

import java.nio.file.Files
import java.time.Instant
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.quietlegs.core.*

/** The OS's alarm list, recorded: what the shell was asked to do. */
class FakeScheduler : AlarmScheduler {
    val alarms = linkedMapOf<String, Alarm>()
    val log = mutableListOf<String>()
    override fun scheduledIds() = alarms.keys.toList()
    override fun schedule(alarm: Alarm) { alarms[alarm.id] = alarm; log += "add ${alarm.id}" }
    override fun cancel(id: String) { alarms.remove(id); log += "cancel $id" }
    /** Android forgets every alarm on reboot. */
    fun reboot() = alarms.clear()
}

class MovableClock(var now: Instant) : Clock {
    override fun nowMillis() = now.toEpochMilli()
}

class ReminderApplierTest {
    private fun diary(clock: Clock, zone: String = "Europe/Berlin"): QuietLegs {
        val q = QuietLegs.openWithClock(Files.createTempDirectory("ql-shell").resolve("d.db").toString(), clock)
        // The routine is opt-in (SPEC §2.3); these tests schedule it, so it is switched on.
        q.setProfile(ProfileSettings(zone, "23:00", "07:00", "08:00", "12:30", null, false, false,
            routine = Routine(warmBath = true, warmSocks = true, movement = true, exerciseCutoff = true)))
        q.addRegimen(RegimenInput(RegimenKind.IRON, "Iron", 65.0, listOf(), 1, true, "2026-01-01", null))
        return q
    }

    private fun FakeScheduler.localTimes(zone: String, titlePrefix: String) =
        alarms.values.filter { it.title.startsWith(titlePrefix) }.sortedBy { it.fireAtMillis }
            .map { Instant.ofEpochMilli(it.fireAtMillis).atZone(java.time.ZoneId.of(zone)).toLocalDateTime().toString() }

    @Test fun firstSyncSchedulesEverythingOnceAndTheSecondDoesNothing() {
        val clock = MovableClock(Instant.parse("2026-11-21T05:00:00Z"))
        val os = FakeScheduler()
        val applier = ReminderApplier(diary(clock), os)
        val first = applier.sync()
        assertTrue(first.added.isNotEmpty())
        assertEquals(first.added, os.alarms.keys.toList())
        assertEquals(SyncResult(listOf(), listOf()), applier.sync())
    }

    @Test fun theCapIsRespectedEarliestFirst() {
        val clock = MovableClock(Instant.parse("2026-11-21T05:00:00Z"))
        val os = FakeScheduler()
        val q = diary(clock)
        // Three medicines three times a day: more than 64 reminders in the week.
        repeat(3) { n -> q.addRegimen(RegimenInput(RegimenKind.MEDICATION, "Medicine $n", null, listOf("07:1$n", "13:1$n", "20:1$n"), 1, false, "2026-01-01", null)) }
        val wanted = q.reminders(null, null).filter { it.fireAtMillis >= clock.nowMillis() }.sortedBy { it.fireAtMillis }
        assertTrue(wanted.size > 64)
        ReminderApplier(q, os, cap = 64u).sync()
        assertEquals(64, os.alarms.size)
        val times = os.alarms.values.map { it.fireAtMillis }
        assertEquals(times.sorted(), times)
        // The earliest 64, none later than the 64th wanted.
        assertTrue(times.max() <= wanted[63].fireAtMillis)
    }

    @Test fun afterARebootTheSameAlarmsComeBack() {
        val clock = MovableClock(Instant.parse("2026-11-21T05:00:00Z"))
        val os = FakeScheduler()
        val applier = ReminderApplier(diary(clock), os)
        applier.sync()
        val before = os.alarms.toMap()
        os.reboot()
        val again = applier.sync()
        assertEquals(before.keys.toList(), again.added)
        assertEquals(before, os.alarms.toMap())
    }

    @Test fun aTimeZoneChangeMovesEveryAlarmToTheNewLocalTimes() {
        val clock = MovableClock(Instant.parse("2026-11-21T05:00:00Z"))
        val os = FakeScheduler()
        val applier = ReminderApplier(diary(clock), os)
        applier.sync()
        assertEquals("2026-11-21T19:00", os.localTimes("Europe/Berlin", "Warm socks").first())
        os.log.clear()
        val moved = applier.onTimeZoneChanged("America/New_York")
        assertTrue(moved.cancelled.isNotEmpty())
        assertTrue(moved.added.isNotEmpty())
        val socks = os.localTimes("America/New_York", "Warm socks")
        assertTrue(socks.isNotEmpty())
        assertTrue(socks.all { it.endsWith("T19:00") })
        assertTrue(os.alarms.keys.none { it in moved.cancelled })
        // Cancellations first: the OS never holds the old and the new alarm for one reminder at once.
        val firstAdd = os.log.indexOfFirst { it.startsWith("add ") }
        val lastCancel = os.log.indexOfLast { it.startsWith("cancel ") }
        assertTrue(lastCancel in 0 until firstAdd)
        assertEquals(moved.cancelled.map { "cancel $it" } + moved.added.map { "add $it" }, os.log)
    }

    @Test fun aDstWeekendKeepsTheRoutineOnTheWallClock() {
        // Berlin springs forward on Sunday 29 March 2026 at 02:00.
        val clock = MovableClock(Instant.parse("2026-03-27T12:00:00Z"))
        val os = FakeScheduler()
        ReminderApplier(diary(clock), os).sync()
        val socks = os.localTimes("Europe/Berlin", "Warm socks").take(4)
        assertEquals(listOf("2026-03-27T19:00", "2026-03-28T19:00", "2026-03-29T19:00", "2026-03-30T19:00"), socks)
        val utc = os.alarms.values.filter { it.title.startsWith("Warm socks") }.sortedBy { it.fireAtMillis }
            .map { Instant.ofEpochMilli(it.fireAtMillis).toString() }.take(3)
        assertEquals(listOf("2026-03-27T18:00:00Z", "2026-03-28T18:00:00Z", "2026-03-29T17:00:00Z"), utc)
    }

    @Test fun aSyncAfterTheDstChangeKeepsTheRoutineOnTheWallClock() {
        // The clock itself crosses Berlin's change (29 March 2026, 02:00 -> 03:00) between syncs.
        val clock = MovableClock(Instant.parse("2026-03-28T12:00:00Z"))
        val os = FakeScheduler()
        val applier = ReminderApplier(diary(clock), os)
        applier.sync()
        clock.now = Instant.parse("2026-03-29T03:30:00Z")
        applier.sync()
        val socks = os.alarms.values.filter { it.title.startsWith("Warm socks") && it.fireAtMillis >= clock.nowMillis() }
            .sortedBy { it.fireAtMillis }.map { Instant.ofEpochMilli(it.fireAtMillis).toString() }
        assertEquals(listOf("2026-03-29T17:00:00Z", "2026-03-30T17:00:00Z"), socks.take(2))
    }

    @Test fun doneOnTheIronReminderRecordsTheDoseAndRemovesTheAlarm() {
        val clock = MovableClock(Instant.parse("2026-11-21T09:00:00Z"))
        val os = FakeScheduler()
        val q = diary(clock)
        val applier = ReminderApplier(q, os)
        applier.sync()
        // Done when it is due: "done" on a reminder more than an hour ahead is refused (it would
        // log a dose not taken), so the clock moves to the first iron alarm.
        val iron = os.alarms.values.filter { it.title == "Iron" }.minBy { it.fireAtMillis }
        assertEquals(listOf("Done", "Snooze 10 min", "Skip"), iron.actions)
        val due = Instant.ofEpochMilli(iron.fireAtMillis)
        clock.now = due.plusSeconds(5 * 60)
        val day = due.toString().substring(0, 10)
        val r = applier.act(iron.id, ReminderAction.Done, null)
        assertTrue(iron.id in r.cancelled)
        val nextDay = java.time.LocalDate.parse(day).plusDays(1).toString() + "T00:00:00Z"
        assertTrue(os.alarms.values.none { it.title == "Iron" && it.fireAtMillis < Instant.parse(nextDay).toEpochMilli() })
        assertEquals(IronStatus.ALREADY_TAKEN, q.ironWindow(day).status)
    }

    @Test fun tonightStateIsBuiltFromThePlanAlone() {
        val clock = MovableClock(Instant.parse("2026-11-21T05:00:00Z"))
        val state = TonightState.from(diary(clock).plan("2026-11-21"))
        assertEquals("Tonight · bed 23:00", state.heading)
        assertEquals("Iron with vitamin C 10:00–11:30", state.iron)
        assertTrue(state.rows.any { it.time == "22:00–22:20" && it.title.startsWith("Warm bath") })
        assertEquals("42 ng/mL", labValue(42.0, "ng/mL"))
        assertEquals("30 ng/mL", labValue(30.048, "ng/mL"))
        assertEquals("74.9 nmol/L", labValue(74.88, "nmol/L"))
    }
}
