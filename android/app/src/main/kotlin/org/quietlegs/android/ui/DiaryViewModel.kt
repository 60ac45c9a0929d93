package org.quietlegs.android.ui

import android.app.Application
import android.net.Uri
import android.provider.DocumentsContract
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.lifecycle.AndroidViewModel
import androidx.lifecycle.ViewModelProvider.AndroidViewModelFactory.Companion.APPLICATION_KEY
import androidx.lifecycle.viewmodel.initializer
import androidx.lifecycle.viewmodel.viewModelFactory
import androidx.lifecycle.viewModelScope
import java.io.File
import java.time.LocalDate
import java.time.ZoneId
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.quietlegs.android.Notifications
import org.quietlegs.android.graph
import org.quietlegs.core.Analyte
import org.quietlegs.core.ChartView
import org.quietlegs.core.IntakeCheckView
import org.quietlegs.core.IntakeKind
import org.quietlegs.core.IvIronFormulation
import org.quietlegs.core.NightEntry
import org.quietlegs.core.RegimenInput
import org.quietlegs.core.SeverityScale
import org.quietlegs.core.coreVersion
import org.quietlegs.core.logOptions
import org.quietlegs.core.settingsLabels
import org.quietlegs.shell.Diary
import org.quietlegs.shell.ExportKind
import org.quietlegs.shell.LabsState
import org.quietlegs.shell.MedicineAnswer
import org.quietlegs.shell.MedicinesState
import org.quietlegs.shell.NightForm
import org.quietlegs.shell.Outcome
import org.quietlegs.shell.Problem
import org.quietlegs.shell.ReportState
import org.quietlegs.shell.SettingsForm
import org.quietlegs.shell.TonightState
import org.quietlegs.shell.WeeklyIrlsForm
import org.quietlegs.shell.WeeklyIrlsState
import org.quietlegs.shell.attempt
import org.quietlegs.shell.exportFileName
import org.quietlegs.shell.lookUpMedicine
import org.quietlegs.shell.then
import org.quietlegs.shell.valueOrNull

/**
 * Every screen's state. Core calls run on [Dispatchers.IO] (each is a SQLite transaction); the
 * results are applied on the main thread. Nothing here decides a rule: it asks the core and
 * keeps the answer.
 */
class DiaryViewModel(app: Application) : AndroidViewModel(app) {
    private val graph = app.graph
    private val diary: Diary? = graph.diary.valueOrNull()

    companion object {
        /**
         * Makes the view model with the Application of the activity that asks for it (its
         * creation extras). The default factory goes through AndroidViewModelFactory's
         * process-wide instance, which keeps the first Application it was given: under
         * Robolectric, where every test has a new Application with its own diary, the screens
         * then wrote into an earlier test's diary while the test read its own (the weekly IRLS
         * "saved" and missing from status).
         */
        val Factory = viewModelFactory {
            initializer { DiaryViewModel(checkNotNull(this[APPLICATION_KEY]) { "no Application in the creation extras" }) }
        }
    }

    /** Why the diary could not be opened, if it could not: the app then shows only that. */
    val openProblem: Problem? = (graph.diary as? Outcome.Failed)?.problem
    val options = logOptions()
    val settingsLabels = settingsLabels()
    val version: String = coreVersion()

    var tonight by mutableStateOf<Outcome<TonightState>?>(null); private set
    var intakeCheck by mutableStateOf<Pair<IntakeKind, IntakeCheckView>?>(null); private set
    var nightForm by mutableStateOf<NightForm?>(null)
    var recentNights by mutableStateOf<List<NightEntry>>(emptyList()); private set
    var weeklyIrls by mutableStateOf<Outcome<WeeklyIrlsState>?>(null); private set
    var weeklyForm by mutableStateOf<WeeklyIrlsForm?>(null)
    var labs by mutableStateOf<Outcome<LabsState>?>(null); private set
    var medicines by mutableStateOf<Outcome<MedicinesState>?>(null); private set
    var medicineAnswers by mutableStateOf<List<MedicineAnswer>>(emptyList()); private set
    var report by mutableStateOf<Outcome<ReportState>?>(null); private set
    var severityScale by mutableStateOf(SeverityScale.QUICK); private set
    var severity by mutableStateOf<ChartView?>(null); private set
    var settings by mutableStateOf<SettingsForm?>(null)
    var exactAlarms by mutableStateOf(graph.scheduler.exactAllowed()); private set

    /** The last thing that went wrong, for the snackbar; cleared once shown. */
    var problem by mutableStateOf<Problem?>(null)

    /** The last thing that went right ("Night saved"), for the snackbar. */
    var message by mutableStateOf<String?>(null)

    /** Runs a core call off the main thread and hands its outcome back on it. */
    private fun <T> call(work: (Diary) -> Outcome<T>, apply: (Outcome<T>) -> Unit) {
        val d = diary ?: return
        viewModelScope.launch {
            val r = withContext(Dispatchers.IO) { work(d) }
            apply(r)
            d.syncProblem?.let { problem = Problem("Reminders could not be updated: ${it.message}") }
        }
    }

    /** A write: on success say so and refresh what it touched; on failure show the problem. */
    private fun <T> save(work: (Diary) -> Outcome<T>, said: (T) -> String, then: () -> Unit = {}) {
        problem = null // so the same problem twice is shown twice
        saveAfterClear(work, said, then)
    }

    private fun <T> saveAfterClear(work: (Diary) -> Outcome<T>, said: (T) -> String, then: () -> Unit) = call(work) {
        when (it) {
            is Outcome.Done -> {
                message = said(it.value)
                then()
            }
            is Outcome.Failed -> problem = it.problem
        }
    }

    // ---- Tonight ----------------------------------------------------------------------------
    fun loadTonight() = call({ it.tonight() }) { tonight = it }

    fun check(kind: IntakeKind) = call({ it.checkIntake(kind) }) { r ->
        when (r) {
            is Outcome.Done -> intakeCheck = kind to r.value
            is Outcome.Failed -> problem = r.problem
        }
    }

    fun logIntakeNow(kind: IntakeKind) = save({ it.logIntake(kind) }, { e ->
        e.warnings.firstOrNull() ?: "Logged"
    }) {
        intakeCheck = null
        loadTonight()
    }

    fun logDoseNow(regimenId: String) = save({ it.logDose(regimenId) }, { "Marked as taken" }) { loadTonight() }

    // ---- Log --------------------------------------------------------------------------------
    fun loadLog() {
        call({ it.newNightForm() }) { r ->
            when (r) {
                is Outcome.Done -> nightForm = r.value
                is Outcome.Failed -> problem = r.problem
            }
        }
        loadRecentNights()
        loadWeeklyIrls()
    }

    /** The weekly IRLS: the core's prompt and trend; the form starts on the core's today. */
    fun loadWeeklyIrls() = call({ it.weeklyIrls() }) { r ->
        weeklyIrls = r
        if (weeklyForm == null) r.valueOrNull()?.let { weeklyForm = WeeklyIrlsForm(weekEnding = it.today) }
    }

    fun saveWeeklyIrls() {
        val form = weeklyForm ?: return
        save({ it.logWeeklyIrls(form) }, { "Weekly IRLS saved" }) {
            weeklyForm = null
            loadWeeklyIrls()
        }
    }

    private fun loadRecentNights() = call({ it.recentNights(LocalDate.now().minusDays(14).toString()) }) {
        recentNights = it.valueOrNull().orEmpty()
    }

    /** Another night to log or edit (the date arrows); what is stored for it is loaded. */
    fun openNight(date: String) = call({ d -> attempt { d.core.nights(date, date).firstOrNull() } }) { r ->
        nightForm = r.valueOrNull()?.let(NightForm::of) ?: NightForm(nightDate = date)
    }

    fun saveNight() {
        val form = nightForm ?: return
        save({ it.logNight(form) }, { n -> n.warnings.firstOrNull() ?: "Night of ${n.nightDate} saved" }) {
            openNight(form.nightDate)
            loadRecentNights()
        }
    }

    // ---- Labs -------------------------------------------------------------------------------
    fun loadLabs() = call({ it.labs() }) { labs = it }

    /** [onSaved] runs only on success, so a value the core refused stays in the field to correct. */
    fun addLab(analyte: Analyte, value: String, unit: String, date: String, onSaved: () -> Unit) =
        save({ it.addLab(analyte, value, unit, date) }, { "Lab result saved" }) {
            onSaved()
            loadLabs()
        }

    /** An IV iron infusion the clinic gave; [onSaved] only on success, so a refused time stays to correct. */
    fun logIvIron(formulation: IvIronFormulation, at: String, onSaved: () -> Unit) =
        save({ it.logIvIron(formulation, at) }, { "IV iron infusion saved" }) {
            onSaved()
            loadLabs()
        }

    fun delete(id: String, after: () -> Unit) = save({ it.delete(id) }, { "Deleted" }, after)

    // ---- Medicines --------------------------------------------------------------------------
    fun loadMedicines() = call({ it.medicines() }) { medicines = it }

    private var lookUpJob: Job? = null

    /** The core's look-up; replaceable only so a test can make an earlier answer arrive late. */
    internal var medicineLookUp: (String) -> List<MedicineAnswer> =
        { name -> lookUpMedicine(name, diary?.core) }

    /** Looks a name up as it is typed; an earlier, slower answer never replaces a later one. */
    fun lookUp(name: String) {
        lookUpJob?.cancel()
        lookUpJob = viewModelScope.launch { medicineAnswers = withContext(Dispatchers.IO) { medicineLookUp(name) } }
    }

    fun addRegimen(input: RegimenInput, onSaved: () -> Unit) = save({ it.addRegimen(input) }, { r ->
        // A second entry of the same medicine (a double-dose risk) is said first.
        r.sameMedicine.firstOrNull()?.message ?: r.warnings.firstOrNull() ?: "${r.name} added"
    }) {
        onSaved()
        loadMedicines()
    }

    fun addHabit(kind: IntakeKind, at: String, onSaved: () -> Unit) = save({ it.addHabit(kind, at) }, { "Habit added" }) {
        onSaved()
        loadMedicines()
    }

    // ---- Report & export --------------------------------------------------------------------
    fun loadReport() {
        call({ d -> attempt { ReportState.from(d.core.status(null), d.core.weeklyIrlsHistory()) } }) { report = it }
        loadSeverity(severityScale)
    }

    fun loadSeverity(scale: SeverityScale) {
        severityScale = scale
        // The core picks the data: nightly quick ratings, or the weekly IRLS ratings.
        call({ d -> attempt { d.core.reportChart(scale) } }) { severity = it.valueOrNull() }
    }

    fun suggestedName(kind: ExportKind): String = exportFileName(kind, LocalDate.now().toString())

    /**
     * Writes an export through the core (atomically, into the app's cache) and then copies it to
     * where the person chose with the system file picker.
     */
    fun export(kind: ExportKind, target: Uri, passphrase: String? = null) {
        val cache = File(getApplication<Application>().cacheDir, "export").apply { mkdirs() }
        val file = File(cache, suggestedName(kind))
        save({ d ->
            val r = when (kind) {
                ExportKind.DIARY, ExportKind.ENCRYPTED_DIARY -> d.exportJson(file.path, passphrase)
                ExportKind.REPORT -> d.exportReport(file.path)
                ExportKind.CALENDAR -> d.exportCalendar(file.path)
            }.then { summary -> copyOut(file, target, summary) }
            // The picker created the document before the export ran: do not leave it empty.
            if (r is Outcome.Failed) discardDocument(target)
            r
        }, { "Saved ${file.name}" })
    }

    /**
     * The passphrase chosen for an encrypted export while the system file picker is open. Kept
     * here, not in saved state (that is written to disk): it survives a rotation, and if the
     * process died meanwhile the empty document is removed and the person asked again.
     */
    var exportPassphrase: String? = null

    /** The picker returned a document but the passphrase for it is gone: remove the empty file, say so. */
    fun exportPassphraseLost(target: Uri) {
        viewModelScope.launch(Dispatchers.IO) { discardDocument(target) }
        problem = Problem("The passphrase was lost while the file picker was open; nothing was saved. Please export again.")
    }

    /** Deletes a document the picker created for an export that did not happen. */
    private fun discardDocument(target: Uri) {
        try {
            DocumentsContract.deleteDocument(getApplication<Application>().contentResolver, target)
        } catch (_: Exception) {
            // Not deletable through the provider (or already gone): nothing more to do.
        }
    }

    /** The report written into the cache folder the FileProvider shares, for the share sheet. */
    fun reportForSharing(ready: (File) -> Unit) {
        val dir = File(getApplication<Application>().cacheDir, "shared").apply { mkdirs() }
        val file = File(dir, suggestedName(ExportKind.REPORT))
        call({ it.exportReport(file.path) }) { r ->
            when (r) {
                is Outcome.Done -> ready(file)
                is Outcome.Failed -> problem = r.problem
            }
        }
    }

    /** The file picked for import, copied to the cache; kept until imported so a passphrase can follow. */
    var pendingImport by mutableStateOf<File?>(null); private set
    var importNeedsPassphrase by mutableStateOf(false); private set

    fun importFrom(source: Uri, passphrase: String? = null) {
        val app = getApplication<Application>()
        viewModelScope.launch {
            val copied = withContext(Dispatchers.IO) {
                runCatching {
                    val f = File(File(app.cacheDir, "import").apply { mkdirs() }, "incoming")
                    app.contentResolver.openInputStream(source)?.use { input -> f.outputStream().use { input.copyTo(it) } }
                    f
                }.getOrNull()
            }
            if (copied == null) {
                problem = Problem("That file could not be read.")
                return@launch
            }
            pendingImport = copied
            importPending(passphrase)
        }
    }

    fun importPending(passphrase: String?) {
        val file = pendingImport ?: return
        call({ it.importFile(file.path, passphrase) }) { r ->
            when (r) {
                is Outcome.Done -> {
                    importNeedsPassphrase = false
                    pendingImport = null
                    file.delete()
                    val m = r.value
                    message = "Imported: ${m.added} new, ${m.updated} updated, ${m.unchanged} unchanged, ${m.skipped} older kept"
                    loadReport()
                }
                is Outcome.Failed -> if (r.problem.field == "passphrase") {
                    // Encrypted (or a wrong passphrase): ask, and keep the file for the next try.
                    importNeedsPassphrase = true
                    if (passphrase != null) problem = r.problem
                } else {
                    pendingImport = null
                    file.delete()
                    problem = r.problem
                }
            }
        }
    }

    fun cancelImport() {
        pendingImport?.delete()
        pendingImport = null
        importNeedsPassphrase = false
    }

    /** Copies the finished export to the picked place; the core's own file is removed either way. */
    private fun <T> copyOut(file: File, target: Uri, result: T): Outcome<T> = try {
        val resolver = getApplication<Application>().contentResolver
        val out = resolver.openOutputStream(target, "wt")
            ?: return Outcome.Failed(Problem("That place cannot be written to; choose another."))
        out.use { o -> file.inputStream().use { it.copyTo(o) } }
        Outcome.Done(result)
    } catch (e: java.io.IOException) {
        Outcome.Failed(Problem("The file could not be saved there (${e.message}). Your diary is unchanged."))
    } catch (e: SecurityException) {
        Outcome.Failed(Problem("QuietLegs may not write there; choose another place."))
    } finally {
        file.delete()
    }

    // ---- Settings ---------------------------------------------------------------------------
    /** Whether notifications can be shown; refreshed on every resume (the person may have been in system settings). */
    var notificationsAllowed by mutableStateOf(Notifications.allowed(app)); private set

    /** Back from system settings: the exact-alarm and notification grants may have changed. */
    fun refreshGrants() {
        exactAlarms = graph.scheduler.exactAllowed()
        notificationsAllowed = Notifications.allowed(getApplication())
    }

    fun loadSettings() {
        refreshGrants()
        call({ it.settings() }) { r ->
            when (r) {
                is Outcome.Done -> settings = r.value
                is Outcome.Failed -> problem = r.problem
            }
        }
    }

    fun saveSettings() {
        val form = settings ?: return
        save({ it.saveSettings(form.copy(timeZone = ZoneId.systemDefault().id)) }, { "Settings saved" }) { loadSettings() }
    }
}
