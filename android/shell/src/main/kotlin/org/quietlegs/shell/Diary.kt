package org.quietlegs.shell

import java.time.Instant
import org.quietlegs.core.ActivityKind
import org.quietlegs.core.Analyte
import org.quietlegs.core.Clock
import org.quietlegs.core.EventEntry
import org.quietlegs.core.EventInput
import org.quietlegs.core.EventKind
import org.quietlegs.core.ExportSummary
import org.quietlegs.core.HabitEntry
import org.quietlegs.core.IntakeCheckView
import org.quietlegs.core.IntakeKind
import org.quietlegs.core.readDecimal
import org.quietlegs.core.Intensity
import org.quietlegs.core.IvIronChoice
import org.quietlegs.core.IvIronFormulation
import org.quietlegs.core.LabEntry
import org.quietlegs.core.LabInput
import org.quietlegs.core.MergeReport
import org.quietlegs.core.NightEntry
import org.quietlegs.core.ProfileSettings
import org.quietlegs.core.QuietLegs
import org.quietlegs.core.RegimenEntry
import org.quietlegs.core.RegimenInput
import org.quietlegs.core.RegimenKind
import org.quietlegs.core.asksStartDate

/** The device's clock, for production; tests pass a clock they move. */
object SystemClock : Clock {
    override fun nowMillis(): Long = System.currentTimeMillis()
}

/**
 * The screens' one door to the core. Reads go straight through; every write is followed by a
 * reminder sync, so the alarms the OS holds always match the diary. Each call is a SQLite
 * transaction: call from a background thread (Dispatchers.IO on Android, a Task on iOS).
 *
 * @param clock the same clock the core was opened with, so "now" means one thing.
 */
class Diary(
    val core: QuietLegs,
    private val reminders: ReminderApplier,
    private val clock: Clock = SystemClock,
) {
    /** Set when the last sync after a write failed; the write itself was kept. */
    @Volatile var syncProblem: Problem? = null
        private set

    private fun now(): String = Instant.ofEpochMilli(clock.nowMillis()).toString()

    private inline fun <T> write(block: () -> T): Outcome<T> = attempt(block).also {
        if (it is Outcome.Done) syncReminders()
    }

    /** Re-applies the core's reminder answer; on app start and after every write. */
    fun syncReminders(): Outcome<SyncResult> = attempt { reminders.sync() }.also {
        syncProblem = (it as? Outcome.Failed)?.problem
    }

    /** The device is in [zoneId] (app start, a zone change, a reboot): the plan and alarms follow. */
    fun followTimeZone(zoneId: String): Outcome<SyncResult> = attempt { reminders.onTimeZoneChanged(zoneId) }.also {
        syncProblem = (it as? Outcome.Failed)?.problem
    }

    /**
     * A notification button: the core records Done (the real event, so the day re-plans),
     * Snooze or Skip, and the alarms follow. An unknown code changes nothing.
     */
    fun actOnReminder(id: String, code: String): Outcome<SyncResult> {
        val action = reminderActionOf(code)
            ?: return Outcome.Failed(Problem("This reminder button is not known to this version of QuietLegs."))
        return attempt { reminders.act(id, action) }
    }

    // ---- Tonight --------------------------------------------------------------------------
    fun tonight(date: String? = null): Outcome<TonightState> = attempt { TonightState.from(core.plan(date)) }

    /** "I am about to have coffee": fine, or the conflict and the earliest time that is not. */
    fun checkIntake(kind: IntakeKind, at: String? = null): Outcome<IntakeCheckView> =
        attempt { core.checkIntakeKind(kind, at) }

    fun logIntake(kind: IntakeKind, at: String? = null): Outcome<EventEntry> =
        write { core.logEvent(EventInput(at ?: now(), EventKind.Intake(kind), null)) }

    fun logDose(regimenId: String, at: String? = null): Outcome<EventEntry> =
        write { core.logEvent(EventInput(at ?: now(), EventKind.Dose(regimenId), null)) }

    fun logActivity(kind: ActivityKind, intensity: Intensity? = null, minutes: UInt? = null): Outcome<EventEntry> =
        write { core.logEvent(EventInput(now(), EventKind.Activity(kind, intensity, minutes), null)) }

    // ---- Log --------------------------------------------------------------------------------
    fun newNightForm(): Outcome<NightForm> = attempt {
        val date = core.nightToLog()
        core.nights(date, date).firstOrNull()?.let(NightForm::of) ?: NightForm(nightDate = date)
    }

    fun logNight(form: NightForm): Outcome<NightEntry> = form.toInput().then { write { core.logNight(it) } }

    fun recentNights(from: String): Outcome<List<NightEntry>> = attempt { core.nights(from, null).reversed() }

    /** The weekly IRLS: the core's prompt, whether it is due, and the rated weeks (its trend). */
    fun weeklyIrls(): Outcome<WeeklyIrlsState> = attempt {
        val s = core.status(null)
        WeeklyIrlsState.from(s.date, s.weeklyIrls, core.weeklyIrlsHistory())
    }

    /** Records the week's IRLS through the core (one rating per ISO week; the same week again replaces it). */
    fun logWeeklyIrls(form: WeeklyIrlsForm): Outcome<EventEntry> =
        write { core.logWeeklyIrls(form.scores(), form.weekEnding.trim().ifEmpty { null }) }

    // ---- Labs -------------------------------------------------------------------------------
    fun labs(): Outcome<LabsState> = attempt { LabsState.from(core) }

    /** Adds a lab as typed: `42`, `42.5` or `42,5` in one of the analyte's units. */
    fun addLab(analyte: Analyte, valueText: String, unit: String, takenOn: String): Outcome<LabEntry> =
        parseDecimal("lab value", valueText).then { v ->
            when (v) {
                null -> Outcome.Failed(Problem("Check the lab value: enter the number from the lab sheet.", "lab value"))
                else -> write { core.addLab(LabInput(analyte, v, unit, takenOn)) }
            }
        }

    /** The IV iron formulations with their RLS evidence, in the core's words, for the infusion form. */
    fun ivIronChoices(): List<IvIronChoice> = core.ivIronFormulations()

    /**
     * Records an IV iron infusion a clinic gave ([at]: `YYYY-MM-DDTHH:MM` local, or RFC 3339);
     * the core ends the oral-iron verdict and sets the recheck from it.
     */
    fun logIvIron(formulation: IvIronFormulation, at: String): Outcome<EventEntry> =
        write { core.logEvent(EventInput(at.trim(), EventKind.IvIron(formulation), null)) }

    // ---- Medicines --------------------------------------------------------------------------
    fun medicines(): Outcome<MedicinesState> = attempt { MedicinesState.from(core.regimen(), core.habits()) }

    fun addRegimen(input: RegimenInput): Outcome<RegimenEntry> = write { core.addRegimen(input) }

    fun addHabit(kind: IntakeKind, at: String): Outcome<HabitEntry> = write { core.addHabit(kind, at) }

    // ---- Settings ---------------------------------------------------------------------------
    fun settings(): Outcome<SettingsForm> = attempt { SettingsForm.of(core.profile()) }

    /** Saves only the fields changed on the form; the core compares them with what it was filled from. */
    fun saveSettings(form: SettingsForm): Outcome<ProfileSettings> = write { core.saveProfileForm(form.stored, form.toSettings()) }

    /** Deletes any record; the deletion travels to other devices as a tombstone. */
    fun delete(id: String): Outcome<Unit> = write { core.delete(id) }

    // ---- Report & export --------------------------------------------------------------------
    fun exportJson(path: String, passphrase: String?): Outcome<ExportSummary> =
        attempt { core.exportJson(path, passphrase?.takeIf { it.isNotEmpty() }) }

    fun exportReport(path: String): Outcome<ExportSummary> = attempt { core.exportReport(path, null) }

    fun exportCalendar(path: String, days: UInt = 30u): Outcome<ExportSummary> =
        attempt { core.exportCalendar(path, null, days) }

    /** Merges an export into the diary; the reminders follow whatever it changed. */
    fun importFile(path: String, passphrase: String?): Outcome<MergeReport> =
        write { core.importFile(path, passphrase?.takeIf { it.isNotEmpty() }) }
}

/**
 * A number as a person types it: blank is "not given"; otherwise the core reads it
 * ([readDecimal]): a decimal comma before one or two digits is a decimal mark, and "1,000"
 * (maybe a thousands separator) is refused, never read as 1. Ranges are the core's to judge.
 */
fun parseDecimal(field: String, text: String): Outcome<Double?> {
    if (text.isBlank()) return Outcome.Done(null)
    return attempt { readDecimal(field, text) }
}

/** When a regimen item was started, as the form gives it: a date (or blank), or "I don't know". */
data class RegimenStart(val date: String?, val unknown: Boolean)

/**
 * The start a regimen form passes to the core. For a dopaminergic RLS drug ([asksStartDate]) a
 * date or "I don't know (long ago)" is required: the augmentation screen compares symptoms now
 * with the weeks when the drug first worked, and a start the app made up would let the diary
 * pass for them. Other items may leave it blank (today). The date itself is the core's to check.
 */
fun regimenStart(kind: RegimenKind, name: String, dateText: String, unknown: Boolean): Outcome<RegimenStart> {
    if (unknown) return Outcome.Done(RegimenStart(null, true))
    val date = dateText.trim().ifEmpty { null }
    val medicine = kind == RegimenKind.MEDICATION || kind == RegimenKind.SUPPLEMENT
    if (date == null && medicine && asksStartDate(name)) {
        return Outcome.Failed(
            Problem(
                "When did you start ${name.trim()}? Enter the date (YYYY-MM-DD), or choose \"I don't know (long ago)\": the augmentation screen compares your symptoms now with when it first worked.",
                "start date",
            ),
        )
    }
    return Outcome.Done(RegimenStart(date, false))
}

fun parseWhole(field: String, text: String): Outcome<Int?> {
    val t = text.trim()
    if (t.isEmpty()) return Outcome.Done(null)
    return t.toIntOrNull()?.let { Outcome.Done(it) }
        ?: Outcome.Failed(Problem("Check the $field: \"$text\" is not a whole number.", field))
}
