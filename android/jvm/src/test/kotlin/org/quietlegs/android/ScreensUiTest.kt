package org.quietlegs.android

import android.Manifest
import android.graphics.Bitmap
import androidx.compose.ui.graphics.asAndroidBitmap
import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SemanticsNodeInteraction
import androidx.compose.ui.test.captureToImage
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasScrollToNodeAction
import androidx.compose.ui.test.onFirst
import androidx.compose.ui.test.performScrollToIndex
import androidx.compose.ui.test.performScrollToNode
import androidx.compose.ui.test.hasSetTextAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.junit4.createEmptyComposeRule
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onRoot
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.ViewModelProvider
import androidx.test.core.app.ActivityScenario
import androidx.test.core.app.ApplicationProvider
import java.io.File
import java.io.FileOutputStream
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.util.TimeZone
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.runner.RunWith
import org.quietlegs.android.ui.DiaryViewModel
import org.quietlegs.core.IronStatus
import org.quietlegs.core.IvIronFormulation
import org.quietlegs.core.ProfileChanges
import org.quietlegs.core.checkMedicine
import org.quietlegs.core.ProfileSettings
import org.quietlegs.core.RegimenInput
import org.quietlegs.core.RegimenKind
import org.quietlegs.core.StartSource
import org.quietlegs.core.SeverityScale
import org.quietlegs.core.logOptions
import org.quietlegs.shell.Diary
import org.quietlegs.shell.lookUpMedicine
import org.quietlegs.shell.valueOrNull
import android.content.ContentProvider
import android.content.ContentValues
import android.database.Cursor
import android.net.Uri
import android.os.Bundle
import android.provider.DocumentsContract
import java.io.IOException
import java.io.OutputStream
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import org.quietlegs.shell.ExportKind
import org.quietlegs.shell.MedicineAnswer
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.shadows.ShadowContentResolver
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowAlarmManager
import org.robolectric.annotation.Config
import org.robolectric.annotation.GraphicsMode

/**
 * Each screen of the real MainActivity, compiled with the Compose compiler plugin against
 * androidx Compose, driven under Robolectric (native graphics, so the screenshots are drawn by
 * the real renderer): tap, type, and see the core's answer. PNGs go to -Dquietlegs.screenshots.
 */
@OptIn(ExperimentalTestApi::class)
@RunWith(RobolectricTestRunner::class)
@Config(application = TestApplication::class, qualifiers = "w411dp-h891dp-xxhdpi")
@GraphicsMode(GraphicsMode.Mode.NATIVE)
class ScreensUiTest {
    @get:Rule val ui = createEmptyComposeRule()
    private lateinit var scenario: ActivityScenario<MainActivity>
    private lateinit var app: QuietLegsApplication
    private val diary: Diary get() = app.graph.diary.valueOrNull()!!
    // One date for the test, in the zone the activity reads its LocalDate.now() in (Berlin):
    // from 23:00 UTC Berlin is already on the next day, and a core clock set from the UTC date
    // would call the activity's "today" a future date.
    private lateinit var todayDate: LocalDate
    private val today: String get() = todayDate.toString()

    @Before fun setUp() {
        // The core's clock and the activity's LocalDate.now() agree: Berlin's today, 09:00 UTC
        // (10:00 or 11:00 in Berlin, the same date).
        todayDate = LocalDate.now(ZoneId.of("Europe/Berlin"))
        TestClock.now = Instant.parse("${todayDate}T09:00:00Z")
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"))
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        app = ApplicationProvider.getApplicationContext()
        diary.core.setProfile(ProfileSettings("Europe/Berlin", "23:00", "07:00", "08:00", "12:30", null, false, false))
        diary.core.addRegimen(RegimenInput(RegimenKind.IRON, "Iron", 65.0, listOf(), 1, true, "2026-01-01", null))
        scenario = ActivityScenario.launch(MainActivity::class.java)
    }

    @After fun tearDown() {
        scenario.close()
        TimeZone.setDefault(null)
    }

    private fun shown(text: String, substring: Boolean) =
        ui.onAllNodesWithText(text, substring = substring, useUnmergedTree = true).fetchSemanticsNodes().isNotEmpty()

    /** Waits for [text], scrolling the screen's lazy list to it (items off screen are not composed). */
    private fun waitForText(text: String, substring: Boolean = false) {
        try {
            ui.waitUntil(20_000) {
                shown(text, substring) || run {
                    val list = ui.onAllNodes(hasScrollToNodeAction()).onFirst()
                    // Not there (yet, or above): look through the list, and go back to its top if not found.
                    runCatching { list.performScrollToNode(hasText(text, substring = substring)) }
                        .onFailure { runCatching { list.performScrollToIndex(0) } }
                    shown(text, substring)
                }
            }
        } catch (e: Throwable) {
            screenshot("failed-" + text.take(20).replace(Regex("[^A-Za-z0-9]"), "_"))
            throw e
        }
    }

    private fun tab(name: String) {
        ui.onNode(hasText(name) and hasClickAction()).performClick()
        ui.waitForIdle()
    }

    private fun screenshot(name: String) {
        ui.waitForIdle()
        val dir = File(System.getProperty("quietlegs.screenshots") ?: "build/screenshots").apply { mkdirs() }
        val bitmap = ui.onRoot().captureToImage().asAndroidBitmap()
        FileOutputStream(File(dir, "$name.png")).use { bitmap.compress(Bitmap.CompressFormat.PNG, 100, it) }
    }

    private fun SemanticsNodeInteraction.scrollAndClick() = performScrollTo().performClick()

    @Test fun tonightShowsTheIronWindowAndIToolMyIronIsRecorded() {
        waitForText("I took my iron")
        screenshot("tonight")
        ui.onNode(hasText("I took my iron") and hasClickAction()).performClick()
        // The core's answer to the dose being written.
        waitForText("Marked as taken")
    }

    @Test fun logANightInOneTapAndSave() {
        tab("Log")
        waitForText("How bad were the symptoms?", substring = true)
        ui.onNode(hasText("6") and hasClickAction()).performClick()
        ui.onAllNodes(hasText("Save") and hasClickAction())[0].performClick()
        waitForText("saved", substring = true)

        screenshot("log")
    }

    @Test fun theWeeklyIrlsIsRatedOnceAWeekApartFromTheNightAndStatusShowsItsTrend() {
        tab("Log")
        // The nightly entry no longer asks the IRLS; the weekly one does.
        waitForText("How bad were the symptoms?", substring = true)
        assertFalse(shown("Full IRLS questionnaire", substring = true))
        waitForText("Rate this week", substring = true)
        ui.onNode(hasText("Rate this week", substring = true) and hasClickAction()).performScrollTo().performClick()
        val scores = listOf(3, 2, 2, 3, 1, 2, 2, 2, 1, 1)
        scores.forEachIndexed { i, v -> ui.onNodeWithTag("weekly-irls-$i-$v").performScrollTo().performClick() }
        ui.onNode(hasText("Save the weekly IRLS") and hasClickAction()).performScrollTo().performClick()
        waitForText("Weekly IRLS saved")
        // What the core stored: one rating, this week, the items tapped.
        val weekly = diary.core.status(null).weeklyIrls!!
        assertEquals(1, weekly.ratings.size)
        val r = weekly.ratings.single()
        assertEquals(today, r.weekEnding)
        assertEquals(scores, r.items.map { it.toInt() })
        assertEquals(19u, r.total)
        assertFalse(weekly.due)
        // The trend line, in the core's words, on the Log screen and on the Report screen.
        waitForText(r.label)
        screenshot("weekly-irls")
        tab("Report")
        waitForText(r.label)
        waitForText(weekly.trendLine)
        // The IRLS chart is the weekly ratings', under the core's label, not the nightly field.
        val choice = logOptions().severityCharts.first { it.scale == SeverityScale.IRLS }
        ui.onNode(hasText(choice.label) and hasClickAction()).performScrollTo().performClick()
        val chart = diary.core.reportChart(SeverityScale.IRLS)
        assertEquals(listOf(19.0), chart.points.map { it.value })
        waitForText(chart.title)
        val last = chart.points.last()
        ui.onNodeWithContentDescription("${chart.title}: latest ${last.value} ${chart.unit} on ${last.date}").assertExists()
        screenshot("report-weekly-irls")
    }

    /** Issue #15: a weekly rating a sync set aside (another device rated an overlapping week) is listed on the Log screen in the core's words. */
    @Test fun aWeeklyRatingASyncSetAsideIsShownOnTheLogScreen() {
        diary.core.logWeeklyIrls(ByteArray(10) { 2 }, today)
        val dir = java.nio.file.Files.createTempDirectory("ql-other")
        val other = org.quietlegs.core.QuietLegs.openWithClock(dir.resolve("other.db").toString(), TestClock)
        other.setProfile(ProfileSettings("Europe/Berlin", "23:00", "07:00", null, null, null, false, false))
        TestClock.now = TestClock.now.plusSeconds(60)
        other.logWeeklyIrls(ByteArray(10) { 1 }, LocalDate.parse(today).minusDays(2).toString())
        val file = dir.resolve("other.json").toString()
        other.exportJson(file, null)
        diary.core.importFile(file, null)
        val lines = diary.core.status(null).weeklyIrls!!.setAsideLines
        assertEquals(1, lines.size)
        tab("Log")
        waitForText(lines.single())
        screenshot("weekly-irls-set-aside")
    }

    @Test fun anIvInfusionIsRecordedThroughTheCoreAndShownBesideTheIronStatus() {
        tab("Labs")
        waitForText("Record an IV iron infusion")
        ui.onNode(hasText("Record an IV iron infusion") and hasClickAction()).performScrollTo().performClick()
        val choice = diary.core.ivIronFormulations().first { it.value == IvIronFormulation.FERUMOXYTOL }
        waitForText(choice.label)
        ui.onNode(hasText(choice.label) and hasClickAction()).performScrollTo().performClick()
        ui.onNode(hasText("Save the infusion") and hasClickAction()).performScrollTo().performClick()
        waitForText("IV iron infusion saved")
        val iron = diary.core.status(null).iron
        assertEquals(IvIronFormulation.FERUMOXYTOL, iron.lastInfusion)
        assertEquals(today, iron.lastInfusionDate)
        // Shown once: in the core's note with its recheck, or as the last-infusion line.
        val note = iron.notes.firstOrNull { today in it }
        waitForText(note ?: "Last IV iron infusion: $today, ${choice.label}")
        screenshot("labs-infusion")
    }

    @Test fun aMedicineShowsItsEffectTheAasmStanceApartAndTheAlternativeFromTheCore() {
        tab("Medicines")
        val expected = checkMedicine("Mirapexin").single()
        val stance = expected.aasmStanceLine!!
        val alternative = expected.alternativeLine!!
        ui.onNode(hasSetTextAction() and hasText("Name or brand, e.g. Tylenol PM")).performTextInput("Mirapexin")
        waitForText(expected.effectLine)
        waitForText(stance)
        waitForText(alternative)
        screenshot("medicines-stance")
    }

    @Test fun aDopaminergicDrugIsAddedOnlyWithItsStartOrIDontKnow() {
        tab("Medicines")
        waitForText("Add to your regimen")
        ui.onNode(hasText("Medicine") and hasClickAction()).scrollAndClick()
        ui.onNode(hasSetTextAction() and hasText("Name or brand")).performScrollTo().performTextInput("Pramipexole")
        waitForText("Started on, YYYY-MM-DD (needed for this medicine)")
        ui.onNode(hasText("Add") and hasClickAction()).scrollAndClick()
        waitForText("When did you start Pramipexole?", substring = true)
        assertTrue(diary.core.regimen().none { it.name == "Pramipexole" })
        // The problem is a snackbar over the bottom of the screen: let it go before tapping on.
        ui.waitUntil(20_000) { !shown("When did you start Pramipexole?", substring = true) }
        ui.onNodeWithTag("start unknown").performScrollTo().performClick()
        ui.onNode(hasText("Add") and hasClickAction()).scrollAndClick()
        try {
            ui.waitUntil(20_000) { diary.core.regimen().any { it.name == "Pramipexole" } }
        } catch (e: Throwable) {
            screenshot("failed-start-unknown")
            throw e
        }
        assertEquals(StartSource.UNKNOWN, diary.core.regimen().single { it.name == "Pramipexole" }.startSource)
    }

    @Test fun settingsSaveDialysisThroughTheCoreAndKeepAFactSetElsewhereMeanwhile() {
        ui.onNodeWithContentDescription("Settings").performClick()
        waitForText("On dialysis")
        // While the screen is open, another device's sync (or the CLI) records a due date.
        diary.core.updateProfile(ProfileChanges(pregnant = true, dueDate = "2027-03-01"))
        ui.onNodeWithTag("dialysis").performScrollTo().performClick()
        ui.onAllNodes(hasText("Save") and hasClickAction())[0].performScrollTo().performClick()
        waitForText("Settings saved")
        val p = diary.core.profile()
        assertTrue(p.dialysis)
        assertTrue(p.pregnant)
        assertEquals("2027-03-01", p.dueDate)
    }

    @Test fun addAFerritinAndSeeItInTheResults() {
        tab("Labs")
        waitForText("Add a result")
        ui.onNode(hasSetTextAction() and hasText("Value", substring = true)).performScrollTo().performTextInput("45")
        ui.onNode(hasText("Add") and hasClickAction()).scrollAndClick()
        // The core's answer: the value in the results, in its unit.
        waitForText("45 ng/mL", substring = true)
        screenshot("labs")
    }

    @Test fun aMedicineLookUpShowsTheCoresAnswer() {
        tab("Medicines")
        val expected = lookUpMedicine("Tylenol PM")
        assertTrue(expected.isNotEmpty())
        ui.onNode(hasSetTextAction() and hasText("Name or brand, e.g. Tylenol PM")).performTextInput("Tylenol PM")
        waitForText(expected.first().title)
        screenshot("medicines")
    }

    @Test fun theReportScreenOffersExportAndImport() {
        tab("Report")
        waitForText("Import a diary file")
        screenshot("report")
    }

    @Test fun settingsOpensAndBackReturnsToTheTabInsteadOfLeavingTheApp() {
        ui.onNodeWithContentDescription("Settings").performClick()
        waitForText("Turn on notifications")
        screenshot("settings")
        scenario.onActivity { it.onBackPressedDispatcher.onBackPressed() }
        ui.waitForIdle()
        var finishing = true
        scenario.onActivity { finishing = it.isFinishing }
        assertFalse(finishing)
        waitForText("I took my iron")
    }

    @Test fun notificationsAreAskedForOnceNotAtEveryColdStart() {
        ui.waitForIdle()
        var asked: Array<String>? = null
        scenario.onActivity { asked = shadowOf(it).lastRequestedPermission?.requestedPermissions }
        assertEquals(listOf(Manifest.permission.POST_NOTIFICATIONS), asked?.toList())
        // The person said no; the app is started again from cold.
        scenario.close()
        scenario = ActivityScenario.launch(MainActivity::class.java)
        ui.waitForIdle()
        scenario.onActivity { asked = shadowOf(it).lastRequestedPermission?.requestedPermissions }
        assertEquals(null, asked)
    }

    @Test fun onceDeniedTurnOnNotificationsOpensTheAppsNotificationSettings() {
        ui.waitForIdle()
        // Denied twice: Android shows no rationale and no dialog any more.
        shadowOf(app.packageManager).setShouldShowRequestPermissionRationale(Manifest.permission.POST_NOTIFICATIONS, false)
        ui.onNodeWithContentDescription("Settings").performClick()
        waitForText("Turn on notifications")
        ui.onNode(hasText("Turn on notifications") and hasClickAction()).performClick()
        ui.waitForIdle()
        val started = shadowOf(app).nextStartedActivity
        assertEquals(android.provider.Settings.ACTION_APP_NOTIFICATION_SETTINGS, started?.action)
    }

    @Test fun theExactAlarmGrantIsReadAgainOnResume() {
        ShadowAlarmManager.setCanScheduleExactAlarms(false)
        ui.onNodeWithContentDescription("Settings").performClick()
        waitForText("Allow exact alarms")
        // The person grants it in system settings and comes back.
        ShadowAlarmManager.setCanScheduleExactAlarms(true)
        scenario.moveToState(Lifecycle.State.STARTED)
        scenario.moveToState(Lifecycle.State.RESUMED)
        waitForText("Reminders arrive on the minute.")
    }

    @Test fun theEncryptedExportPassphraseSurvivesARotation() {
        tab("Report")
        waitForText("Export encrypted", substring = true)
        var vmPass: String? = null
        scenario.onActivity { a -> ViewModelProvider(a)[DiaryViewModel::class.java].exportPassphrase = "correct horse" }
        scenario.recreate()
        scenario.onActivity { a -> vmPass = ViewModelProvider(a)[DiaryViewModel::class.java].exportPassphrase }
        assertEquals("correct horse", vmPass)
    }

    private fun viewModel(): DiaryViewModel {
        var vm: DiaryViewModel? = null
        scenario.onActivity { a -> vm = ViewModelProvider(a)[DiaryViewModel::class.java] }
        return vm!!
    }

    @Test fun aFailedExportDeletesTheEmptyDocumentThePickerCreated() {
        ui.waitForIdle()
        val authority = "org.quietlegs.test.documents"
        Robolectric.setupContentProvider(RecordingDocuments::class.java, authority)
        RecordingDocuments.calls.clear()
        val target = DocumentsContract.buildDocumentUri(authority, "report.pdf")
        // The picker made the document; writing into it fails (a full disk, a provider gone).
        shadowOf(app.contentResolver).registerOutputStreamSupplier(target) {
            object : OutputStream() {
                override fun write(b: Int) = throw IOException("No space left on device")
                override fun write(b: ByteArray, off: Int, len: Int) = throw IOException("No space left on device")
            }
        }
        val vm = viewModel()
        scenario.onActivity { vm.export(ExportKind.REPORT, target) }
        // The core's export ran and the copy failed: the snackbar says so.
        waitForText("could not be saved", substring = true)
        // The empty document is removed through the documents provider, not left behind.
        assertEquals(listOf(DocumentsContract.METHOD_DELETE_DOCUMENT to target), RecordingDocuments.calls.toList())
    }

    @Test fun aSlowEarlierMedicineAnswerNeverReplacesALaterOne() {
        ui.waitForIdle()
        val vm = viewModel()
        val started = CountDownLatch(1)
        val release = CountDownLatch(1)
        val slowDone = CountDownLatch(1)
        vm.medicineLookUp = { name ->
            if (name == "Tyl") {
                // The first query's answer arrives after the second one's.
                started.countDown()
                release.await(20, TimeUnit.SECONDS)
                slowDone.countDown()
                listOf(MedicineAnswer("stale answer for Tyl", "", "", false))
            } else {
                lookUpMedicine(name)
            }
        }
        val later = lookUpMedicine("Tylenol PM")
        assertTrue(later.isNotEmpty())
        scenario.onActivity { vm.lookUp("Tyl") }
        assertTrue(started.await(20, TimeUnit.SECONDS))
        scenario.onActivity { vm.lookUp("Tylenol PM") }
        // The answer is posted to the main looper, which the test thread runs by hand.
        ui.waitUntil(20_000) {
            shadowOf(android.os.Looper.getMainLooper()).idle()
            vm.medicineAnswers == later
        }
        release.countDown()
        assertTrue(slowDone.await(20, TimeUnit.SECONDS))
        // Let the main looper run whatever the slow query posted back.
        Thread.sleep(200)
        ui.waitForIdle()
        shadowOf(android.os.Looper.getMainLooper()).idle()
        assertEquals(later, vm.medicineAnswers)
    }
}

/** A documents provider that only records what is asked of it (deleteDocument arrives as a call). */
class RecordingDocuments : ContentProvider() {
    companion object { val calls = mutableListOf<Pair<String, Uri?>>() }
    override fun call(method: String, arg: String?, extras: Bundle?): Bundle? {
        @Suppress("DEPRECATION")
        calls += method to extras?.getParcelable<Uri>(DocumentsContract.EXTRA_URI)
        return Bundle()
    }
    override fun onCreate() = true
    override fun query(uri: Uri, p: Array<String>?, s: String?, a: Array<String>?, o: String?): Cursor? = null
    override fun getType(uri: Uri): String? = null
    override fun insert(uri: Uri, values: ContentValues?): Uri? = null
    override fun delete(uri: Uri, s: String?, a: Array<String>?) = 0
    override fun update(uri: Uri, v: ContentValues?, s: String?, a: Array<String>?) = 0
}
