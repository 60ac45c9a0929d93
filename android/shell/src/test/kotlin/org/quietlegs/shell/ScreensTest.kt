package org.quietlegs.shell

import java.nio.file.Files
import java.time.Instant
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.quietlegs.core.*

/** The screens' state builders and the Diary door, against the real core. */
class ScreensTest {
    private val zone = "Europe/Berlin"

    private class Setup(val diary: Diary, val os: FakeScheduler, val clock: MovableClock)

    /** A Berlin diary with daily iron and a 23:00 bedtime, its alarms applied once. */
    private fun setup(now: String = "2026-11-21T08:55:00Z"): Setup {
        val clock = MovableClock(Instant.parse(now))
        val core = QuietLegs.openWithClock(Files.createTempDirectory("ql-screens").resolve("d.db").toString(), clock)
        core.setProfile(ProfileSettings(zone, "23:00", "07:00", "08:00", "13:30", null, false, false))
        core.addRegimen(RegimenInput(RegimenKind.IRON, "Iron", 65.0, listOf(), 1, false, "2026-11-01", null))
        val os = FakeScheduler()
        val diary = Diary(core, ReminderApplier(core, os), clock)
        diary.syncReminders()
        return Setup(diary, os, clock)
    }

    private fun <T> Outcome<T>.done(): T = when (this) {
        is Outcome.Done -> value
        is Outcome.Failed -> throw AssertionError("expected success, got: ${problem.message}")
    }

    private fun <T> Outcome<T>.problem(): Problem = when (this) {
        is Outcome.Done -> throw AssertionError("expected a problem, got $value")
        is Outcome.Failed -> problem
    }

    private fun FakeScheduler.ironToday(): String? = alarms.values.filter { it.title == "Iron" }
        .minByOrNull { it.fireAtMillis }
        ?.let { Instant.ofEpochMilli(it.fireAtMillis).atZone(java.time.ZoneId.of(zone)).toLocalDateTime().toString() }

    @Test fun aCoffeeLoggedThroughTheDiaryMovesTheIronAlarmAtOnce() {
        val s = setup()
        assertEquals("2026-11-21T10:00", s.os.ironToday())
        s.diary.logIntake(IntakeKind.COFFEE, "2026-11-21T09:50").done()
        assertEquals("2026-11-21T11:50", s.os.ironToday())
        assertNull(s.diary.syncProblem)
    }

    @Test fun theTonightButtonsCheckAnIntakeBeforeItIsHad() {
        val s = setup()
        val check = s.diary.checkIntake(IntakeKind.COFFEE, "2026-11-21T10:30").done()
        assertTrue(check.conflict)
        assertEquals("12:00", check.earliestOk!!.clock())
        assertTrue(s.diary.checkIntake(IntakeKind.NICOTINE).done().message.contains("does not change"))
    }

    @Test fun aQuickNightIsOneTapAndSaveAndOpensAgainForEditing() {
        val s = setup()
        val form = s.diary.newNightForm().done()
        assertEquals("2026-11-20", form.nightDate)
        assertNull(form.existingId)
        s.diary.logNight(form.copy(quickSeverity = 6)).done()
        val again = s.diary.newNightForm().done()
        assertEquals(6, again.quickSeverity)
        assertNotNull(again.existingId)
    }

    @Test fun theWeeklyIrlsHalfAnsweredIsTheCoresErrorAndAFullWeekIsItsTrend() {
        val s = setup()
        val state = s.diary.weeklyIrls().done()
        assertTrue(state.due)
        assertEquals("2026-11-21", state.today)
        val half = WeeklyIrlsForm(state.today).with(0, 3).with(1, 2)
        assertEquals(2, half.answered)
        assertEquals("IRLS items", s.diary.logWeeklyIrls(half).problem().field)
        assertEquals("week ending", s.diary.logWeeklyIrls(WeeklyIrlsForm("2026-11-22", List(IRLS_ITEMS) { 2 })).problem().field)
        assertTrue(s.diary.weeklyIrls().done().weeks.isEmpty())
        val full = (0 until IRLS_ITEMS).fold(half) { f, i -> if (f.items[i] == null) f.with(i, 2) else f }
        s.diary.logWeeklyIrls(full).done()
        val after = s.diary.weeklyIrls().done()
        assertEquals(false, after.due)
        val point = s.diary.core.status(null).weeklyIrls!!.ratings.single()
        assertEquals(21u, point.total)
        assertEquals(listOf(point.label), after.weeks)
        assertTrue(point.label.contains("21 of 40"))
        val report = ReportState.from(s.diary.core.status(null))
        assertEquals(listOf(point.label), report.weeklyIrls)
        // Its own trend line, in the core's words, apart from the nightly trend.
        assertEquals(s.diary.core.status(null).weeklyIrls!!.trendLine, report.weeklyIrlsTrend)
        assertTrue(report.weeklyIrlsTrend!!.startsWith("Weekly IRLS 21 of 40"))
        assertTrue(report.trends.none { it.contains("IRLS") })
    }

    @Test fun anIvInfusionIsShownWithTheCoresWordsForItsFormulation() {
        val s = setup()
        assertNull(s.diary.labs().done().lastInfusion)
        val choice = s.diary.ivIronChoices().first { it.value == IvIronFormulation.FERRIC_CARBOXYMALTOSE }
        s.diary.logIvIron(choice.value, "2026-11-10T09:00").done()
        val labs = s.diary.labs().done()
        // Said once: the core's note names the infusion and its recheck, so no second line.
        val iron = s.diary.core.status(null).iron
        assertEquals("2026-11-10", iron.lastInfusionDate)
        if (iron.notes.any { "2026-11-10" in it }) assertNull(labs.lastInfusion)
        else assertEquals("Last IV iron infusion: 2026-11-10, ${choice.label}", labs.lastInfusion)
        assertEquals(1, (labs.notes + listOfNotNull(labs.lastInfusion)).count { "2026-11-10" in it })
        assertEquals(s.diary.ivIronChoices(), labs.ivChoices)
        // A time in the future is the core's error, naming the field; nothing is recorded.
        assertEquals("time", s.diary.logIvIron(IvIronFormulation.FERUMOXYTOL, "2026-11-30T09:00").problem().field)
        assertEquals(IvIronFormulation.FERRIC_CARBOXYMALTOSE, s.diary.core.status(null).iron.lastInfusion)
    }

    @Test fun aNightlyIrlsIsRefusedNamingItTheIrlsRatesAWeek() {
        val s = setup()
        val form = NightForm("2026-11-20", quickSeverity = 5).withIrls(0, 3).withIrls(1, 2)
        assertEquals(2, form.irlsAnswered)
        assertEquals("IRLS items", s.diary.logNight(form).problem().field)
        // A full IRLS on a night is refused too: the IRLS rates a week (SPEC §2.7, core #14).
        val full = (0 until IRLS_ITEMS).fold(form) { f, i -> f.withIrls(i, 2) }
        assertEquals("IRLS items", s.diary.logNight(full).problem().field)
    }

    @Test fun typedNumbersAcceptACommaAndBlankMeansNotGiven() {
        val input = NightForm("2026-11-20", quickSeverity = 3, sleepHours = "7,5", awakenings = " ").toInput().done()
        assertEquals(7.5, input.sleepHours!!, 0.0)
        assertNull(input.awakenings)
        assertNull(input.irlsItems)
        assertEquals("hours slept", NightForm("2026-11-20", sleepHours = "lots").toInput().problem().field)
        assertEquals("awakenings", NightForm("2026-11-20", awakenings = "2.5").toInput().problem().field)
    }

    @Test fun aNightInTheFutureIsRefusedByTheCoreAndNothingIsWritten() {
        val s = setup()
        assertEquals("night date", s.diary.logNight(NightForm("2026-11-23", quickSeverity = 4)).problem().field)
        assertTrue(s.diary.core.nights(null, null).isEmpty())
    }

    @Test fun labsAreAddedAsTypedAndABadValueChangesNothing() {
        val s = setup()
        assertEquals("lab value", s.diary.addLab(Analyte.FERRITIN, "abc", "ng/mL", "2026-11-01").problem().field)
        assertEquals("lab value", s.diary.addLab(Analyte.FERRITIN, "", "ng/mL", "2026-11-01").problem().field)
        assertEquals("lab value", s.diary.addLab(Analyte.FERRITIN, "900000", "ng/mL", "2026-11-01").problem().field)
        assertEquals("lab unit", s.diary.addLab(Analyte.FERRITIN, "40", "mg/dL", "2026-11-01").problem().field)
        // Issue #15: "1,000" may be a thousands separator: refused (never ferritin 1), as the CLI does.
        val thousand = s.diary.addLab(Analyte.FERRITIN, "1,000", "ng/mL", "2026-11-01").problem()
        assertEquals("lab value", thousand.field)
        assertTrue(thousand.message, thousand.message.contains("1000"))
        assertTrue(s.diary.core.labs(null).isEmpty())
        s.diary.addLab(Analyte.FERRITIN, "28", "ng/mL", "2026-05-01").done()
        s.diary.addLab(Analyte.FERRITIN, "62,5", "µg/L", "2026-11-01").done()
        val labs = s.diary.labs().done()
        assertEquals(listOf("62.5 ng/mL (entered 62.5 µg/L)", "28 ng/mL"), labs.rows.map { it.value })
        assertTrue(labs.headline.isNotBlank())
        assertTrue(labs.reasons.isNotEmpty() && labs.reasons.all { it.source.isNotBlank() })
        assertEquals(2, labs.chart.points.size)
        assertEquals(listOf("ng/mL", "µg/L"), labs.kinds.first { it.analyte == Analyte.FERRITIN }.units)
    }

    @Test fun theChartFrameOnlyScalesWhatTheCoreLaidOut() {
        val s = setup()
        s.diary.addLab(Analyte.FERRITIN, "30", "ng/mL", "2026-05-01").done()
        s.diary.addLab(Analyte.FERRITIN, "90", "ng/mL", "2026-11-01").done()
        val chart = s.diary.labs().done().chart
        val frame = ChartFrame(width = 340f, height = 200f)
        val line = frame.line(chart)
        assertEquals(40f, line.first().x)
        assertEquals(328f, line.last().x)
        // Axis 0-150: 90 is at 0.6 of the plot's 164 px above its bottom edge (176).
        assertEquals(176f - 0.6f * 164f, line.last().y, 0.01f)
        // Threshold lines, not a target band: 75 sits below 100 on the canvas (larger y).
        assertTrue(frame.band(chart) == null)
        val (at75, at100) = frame.lines(chart)
        assertTrue(at75.first > at100.first && at75.second.startsWith("75"))
    }

    @Test fun aTreatmentLookedUpWhilePregnantCarriesTheCoresCaveat() {
        val s = setup()
        val core = s.diary.core
        core.setProfile(core.profile().copy(pregnant = true, dueDate = "2027-04-10"))
        val withDiary = lookUpMedicine("Lyrica", core).first()
        val expected = core.checkMedicineForProfile("Lyrica").first()
        assertTrue(expected.pregnancyNote!!.contains("pregnancy"))
        assertEquals(expected.advice, withDiary.advice)
        // Without the diary the catalog answers alone: no profile, no caveat.
        assertTrue(lookUpMedicine("Lyrica").first().advice != withDiary.advice)
    }

    @Test fun medicinesCarryTheCatalogWarningAndBrandsAreFound() {
        val s = setup()
        val answers = lookUpMedicine("tylenol pm")
        assertTrue(answers.first().warning)
        assertTrue(answers.first().title.contains("diphenhydramine", ignoreCase = true))
        assertTrue(answers.first().source.isNotBlank())
        assertTrue(lookUpMedicine("  ").isEmpty())
        // Effect with its evidence, the AASM 2025 stance apart from it, and the alternative: the core's words.
        val mirapexin = lookUpMedicine("Mirapexin").single()
        val info = checkMedicine("Mirapexin").single()
        assertEquals(info.effectLine, mirapexin.effect)
        assertEquals("As an RLS treatment: ${info.aasmStanceLabel}.", mirapexin.stance)
        assertNotNull(mirapexin.stance)
        assertEquals(info.alternativeLine, mirapexin.alternative)
        assertEquals("Alternative to ask about: ${info.alternative}.", mirapexin.alternative)
        assertEquals(info.advice, mirapexin.advice)
        s.diary.addRegimen(RegimenInput(RegimenKind.MEDICATION, "Benadryl", null, listOf("22:00"), 1, false, null, null)).done()
        s.diary.addHabit(IntakeKind.COFFEE, "07:30").done()
        val m = s.diary.medicines().done()
        assertTrue(m.regimen.first { it.name == "Benadryl" }.warnings.isNotEmpty())
        assertEquals("daily · at 22:00", m.regimen.first { it.name == "Benadryl" }.schedule)
        assertEquals(listOf("Coffee at 07:30"), m.habits.map { it.text })
    }

    @Test fun settingsRoundTripBlankMealsAreNoneAndABadTimeIsNamed() {
        val s = setup()
        val form = s.diary.settings().done()
        assertEquals(zone, form.timeZone)
        s.diary.saveSettings(form.copy(lunch = " ", bedtime = "23:30")).done()
        assertNull(s.diary.core.profile().lunch)
        assertEquals("23:30", s.diary.core.profile().bedtime)
        assertEquals("bedtime", s.diary.saveSettings(form.copy(bedtime = "25:10")).problem().field)
        assertEquals("23:30", s.diary.core.profile().bedtime)
    }

    @Test fun savingSettingsSendsOnlyWhatTheFormChangedSoFactsSetElsewhereSurvive() {
        val s = setup()
        val form = s.diary.settings().done()
        // Meanwhile the CLI (or a sync) records dialysis, a due date and the sex.
        s.diary.core.updateProfile(ProfileChanges(dialysis = true, dueDate = "2027-03-01", pregnant = true, sex = Sex.FEMALE))
        s.diary.saveSettings(form.copy(bedtime = "23:30")).done()
        val p = s.diary.core.profile()
        assertEquals("23:30", p.bedtime)
        assertTrue(p.dialysis)
        assertTrue(p.pregnant)
        assertEquals("2027-03-01", p.dueDate)
        assertEquals(Sex.FEMALE, p.sex)
        // The new facts are on the form and round-trip; a blank date clears it, "not given" clears the sex.
        val again = s.diary.settings().done()
        assertEquals("2027-03-01", again.dueDate)
        s.diary.saveSettings(again.copy(dueDate = " ", sex = null, haemochromatosis = true, birthDate = "1970-05-01",
            routine = again.routine.copy(warmSocks = true))).done()
        val q = s.diary.core.profile()
        assertNull(q.dueDate)
        assertNull(q.sex)
        assertTrue(q.haemochromatosis)
        assertEquals("1970-05-01", q.birthDate)
        assertTrue(q.routine!!.warmSocks)
        assertEquals("birth date", s.diary.saveSettings(s.diary.settings().done().copy(birthDate = "70-05-01")).problem().field)
    }

    @Test fun theReportScreenShowsEachFlagWithItsFactsAndSource() {
        val s = setup()
        s.diary.saveSettings(s.diary.settings().done().copy(pregnant = true)).done()
        s.diary.logNight(NightForm("2026-11-20", quickSeverity = 7)).done()
        val report = ReportState.from(s.diary.core.status(null))
        val flag = report.flags.first { it.title.contains("pregnan", ignoreCase = true) }
        assertTrue(flag.facts.isNotBlank() && flag.source.isNotBlank())
        assertTrue(report.trends.any { it.startsWith("Quick rating") })
        assertTrue(report.trends.any { it.startsWith("Quick rating (0-10):") })
    }

    @Test fun anEncryptedExportComesBackOnlyWithItsPassphrase() {
        val s = setup()
        s.diary.logNight(NightForm("2026-11-20", quickSeverity = 4)).done()
        val dir = Files.createTempDirectory("ql-export")
        val file = dir.resolve(exportFileName(ExportKind.ENCRYPTED_DIARY, "2026-11-21")).toString()
        assertTrue(s.diary.exportJson(file, "correct horse").done().encrypted)
        val other = setup()
        assertEquals("passphrase", other.diary.importFile(file, "wrong").problem().field)
        assertTrue(other.diary.core.nights(null, null).isEmpty())
        assertTrue(other.diary.importFile(file, "correct horse").done().added >= 1uL)
        assertEquals(4, other.diary.core.nights(null, null).single().quickSeverity)
    }

    /** Issue #15: two devices rated overlapping weeks; the one the trend leaves out is listed in the core's words. */
    @Test fun aWeeklyRatingASyncSetAsideIsListedInTheCoresWords() {
        val a = setup("2026-11-16T08:00:00Z")
        a.diary.logWeeklyIrls(WeeklyIrlsForm("2026-11-15", List(IRLS_ITEMS) { 2 })).done()
        val b = setup("2026-11-16T09:00:00Z")
        b.diary.logWeeklyIrls(WeeklyIrlsForm("2026-11-11", List(IRLS_ITEMS) { 1 })).done()
        assertTrue(a.diary.weeklyIrls().done().setAside.isEmpty())
        val file = Files.createTempDirectory("ql-sync").resolve("b.json").toString()
        b.diary.exportJson(file, null).done()
        a.diary.importFile(file, null).done()
        val view = a.diary.core.status(null).weeklyIrls!!
        assertEquals(1, view.setAside.size)
        val state = a.diary.weeklyIrls().done()
        assertEquals(view.setAsideLines, state.setAside)
        // Mid-sentence the label's "Week ending" reads "week ending".
        assertTrue(state.setAside.single().contains(view.setAside.single().label.substring(1)))
    }

    /** Issue #15: Done on a reminder already done on another device records nothing and says so in the core's words. */
    @Test fun aReminderAlreadyDoneElsewhereGivesTheCoresNote() {
        val s = setup()
        val iron = s.os.alarms.values.filter { it.kind == ReminderKind.IRON }.minBy { it.fireAtMillis }
        s.clock.now = Instant.ofEpochMilli(iron.fireAtMillis)
        // Done on the other device: its "done" arrived here (the same as acting on it here first).
        val first = s.diary.actOnReminder(iron.id, "done").done()
        assertNull(first.note)
        val again = s.diary.actOnReminder(iron.id, "done").done()
        assertEquals(s.diary.core.actOnReminder(iron.id, ReminderAction.Done, null).note, again.note)
        assertTrue(again.note!!.startsWith("Already done"))
    }

    /** A dopaminergic RLS drug is added with its start, or "I don't know"; others default. */
    @Test
    fun aRegimenFormAsksWhenADopaminergicDrugWasStarted() {
        val missing = regimenStart(RegimenKind.MEDICATION, "Sifrol", "  ", false)
        assertEquals("start date", (missing as Outcome.Failed).problem.field)
        assertTrue(missing.problem.message.contains("When did you start Sifrol?"))
        assertEquals(Outcome.Done(RegimenStart(null, true)), regimenStart(RegimenKind.MEDICATION, "Sifrol", "", true))
        assertEquals(Outcome.Done(RegimenStart("2024-03-01", false)), regimenStart(RegimenKind.MEDICATION, "Ropinirole", " 2024-03-01 ", false))
        assertEquals(Outcome.Done(RegimenStart(null, false)), regimenStart(RegimenKind.MEDICATION, "Benadryl", "", false))
        assertEquals(Outcome.Done(RegimenStart(null, false)), regimenStart(RegimenKind.IRON, "", "", false))
        // The core records where the start came from.
        val s = setup()
        val added = s.diary.addRegimen(RegimenInput(RegimenKind.MEDICATION, "Sifrol", 0.25, listOf("20:00"), 1, false, null, null, true)).done()
        assertEquals(StartSource.UNKNOWN, added.startSource)
    }
}

class ActionCodeTest {
    @Test fun everyActionSurvivesItsCode() {
        for (a in listOf(ReminderAction.Done, ReminderAction.Snooze(10u), ReminderAction.Skip)) {
            assertEquals(a, reminderActionOf(a.code()))
        }
        assertNull(reminderActionOf("snooze:soon"))
        assertNull(reminderActionOf("dance"))
    }

    @Test fun aNotificationButtonActsThroughTheDiary() {
        // A minute before today's iron reminder (10:00 Berlin), so the OS holds it.
        val clock = MovableClock(Instant.parse("2026-11-21T08:59:00Z"))
        val core = QuietLegs.openWithClock(Files.createTempDirectory("ql-act").resolve("d.db").toString(), clock)
        core.setProfile(ProfileSettings("Europe/Berlin", "23:00", "07:00", "08:00", "13:30", null, false, false))
        core.addRegimen(RegimenInput(RegimenKind.IRON, "Iron", 65.0, listOf(), 1, false, "2026-11-01", null))
        val os = FakeScheduler()
        val diary = Diary(core, ReminderApplier(core, os), clock)
        diary.syncReminders()
        // Today's iron reminder fires, and its snooze counts from then (a reminder not yet
        // due is snoozed from its own time).
        val iron = os.alarms.values.filter { it.kind == ReminderKind.IRON }.minByOrNull { it.fireAtMillis }!!
        assertEquals(Instant.parse("2026-11-21T09:00:00Z").toEpochMilli(), iron.fireAtMillis)
        assertEquals(listOf("done", "snooze:10", "skip"), iron.actionCodes)
        clock.now = Instant.parse("2026-11-21T09:00:00Z")
        val snoozed = diary.actOnReminder(iron.id, "snooze:10")
        assertTrue(snoozed is Outcome.Done)
        assertTrue(iron.id !in os.alarms)
        val again = os.alarms.values.single { it.kind == ReminderKind.IRON && it.id.startsWith(iron.id) }
        assertEquals(Instant.parse("2026-11-21T09:10:00Z").toEpochMilli(), again.fireAtMillis)
        assertTrue(diary.actOnReminder(iron.id, "dance") is Outcome.Failed)
    }
}
