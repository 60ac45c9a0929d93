package org.quietlegs.android.ui

import android.content.Intent
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import androidx.core.content.FileProvider
import org.quietlegs.shell.ExportKind

/**
 * Report & export: what the doctor's report will say, sharing it, and the diary as a file the
 * person owns (plain or encrypted), which merges back on any device without loss.
 */
@Composable
fun ReportScreen(vm: DiaryViewModel) {
    LaunchedEffect(Unit) { vm.loadReport() }
    val context = LocalContext.current
    var passphraseFor by rememberSaveable { mutableStateOf<ExportKind?>(null) }

    fun saver(kind: ExportKind) = ActivityResultContracts.CreateDocument(kind.mimeType)
    val saveDiary = rememberLauncherForActivityResult(saver(ExportKind.DIARY)) { uri -> uri?.let { vm.export(ExportKind.DIARY, it) } }
    val saveEncrypted = rememberLauncherForActivityResult(saver(ExportKind.ENCRYPTED_DIARY)) { uri ->
        val pass = vm.exportPassphrase
        vm.exportPassphrase = null
        when {
            uri == null -> {}
            pass == null -> vm.exportPassphraseLost(uri)
            else -> vm.export(ExportKind.ENCRYPTED_DIARY, uri, pass)
        }
    }
    val saveReport = rememberLauncherForActivityResult(saver(ExportKind.REPORT)) { uri -> uri?.let { vm.export(ExportKind.REPORT, it) } }
    val saveCalendar = rememberLauncherForActivityResult(saver(ExportKind.CALENDAR)) { uri -> uri?.let { vm.export(ExportKind.CALENDAR, it) } }
    val openImport = rememberLauncherForActivityResult(ActivityResultContracts.OpenDocument()) { uri -> uri?.let { vm.importFrom(it) } }

    LazyColumn(contentPadding = PaddingValues(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        item {
            Loaded(vm.report) { r ->
                Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
                    if (r.flags.isEmpty()) {
                        Section("Points to discuss") { Muted("No flags raised by your diary.") }
                    }
                    r.flags.forEach { f -> Section(f.title, warning = true) { Sourced(f.facts, f.source) } }
                    r.augmentation?.let { Section(r.augmentationTitle ?: "Augmentation screen") { Text(it) } }
                    Section("Severity") {
                        // The charts and their labels are the core's: nightly quick rating, weekly IRLS.
                        Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                            vm.options.severityCharts.forEach { c ->
                                FilterChip(vm.severityScale == c.scale, { vm.loadSeverity(c.scale) }, { Text(c.label) })
                            }
                        }
                        vm.severity?.let { CoreChart(it) }
                        r.trends.forEach { Muted(it) }
                    }
                    r.weeklyIrlsTrend?.let { trend ->
                        Section("Weekly IRLS") {
                            Text(trend)
                            r.weeklyIrls.forEach { Muted(it) }
                        }
                    }
                    if (r.triggers.isNotEmpty()) Section("Triggers") { r.triggers.forEach { Text(it) } }
                    if (r.adherence.isNotEmpty()) Section("Doses taken") { r.adherence.forEach { Text(it) } }
                }
            }
        }
        item {
            Section("For your doctor") {
                Muted("One page with charts, your flags and their sources. Information to discuss, not a diagnosis.")
                Button(onClick = {
                    vm.reportForSharing { file ->
                        val uri = FileProvider.getUriForFile(context, "${context.packageName}.files", file)
                        val send = Intent(Intent.ACTION_SEND).setType("text/html").putExtra(Intent.EXTRA_STREAM, uri)
                            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
                        context.startActivity(Intent.createChooser(send, "Share the report"))
                    }
                }, modifier = Modifier.fillMaxWidth()) { Text("Share the report") }
                OutlinedButton(onClick = { saveReport.launch(vm.suggestedName(ExportKind.REPORT)) }, modifier = Modifier.fillMaxWidth()) {
                    Text("Save the report as a file")
                }
            }
        }
        item {
            Section("Your diary as a file") {
                Muted("Everything, deletions included. Import it on another phone or computer: newer entries win, nothing is duplicated.")
                Button(onClick = { saveDiary.launch(vm.suggestedName(ExportKind.DIARY)) }, modifier = Modifier.fillMaxWidth()) { Text("Export") }
                OutlinedButton(onClick = { passphraseFor = ExportKind.ENCRYPTED_DIARY }, modifier = Modifier.fillMaxWidth()) {
                    Text("Export encrypted (for cloud drives and mail)")
                }
                OutlinedButton(onClick = { openImport.launch(arrayOf("*/*")) }, modifier = Modifier.fillMaxWidth()) { Text("Import a diary file") }
                OutlinedButton(onClick = { saveCalendar.launch(vm.suggestedName(ExportKind.CALENDAR)) }, modifier = Modifier.fillMaxWidth()) {
                    Text("Bedtime routine for your calendar")
                }
            }
        }
    }

    if (passphraseFor != null) {
        PassphraseDialog(
            title = "Choose a passphrase",
            text = "Anyone with this file and passphrase can read your diary. Without the passphrase the file cannot be opened, by you either.",
            confirmTwice = true,
            onCancel = { passphraseFor = null },
        ) { pass ->
            vm.exportPassphrase = pass
            passphraseFor = null
            saveEncrypted.launch(vm.suggestedName(ExportKind.ENCRYPTED_DIARY))
        }
    }
    if (vm.importNeedsPassphrase) {
        PassphraseDialog(
            title = "This file is encrypted",
            text = "Enter the passphrase it was exported with.",
            confirmTwice = false,
            onCancel = vm::cancelImport,
        ) { pass -> vm.importPending(pass) }
    }
}

@Composable
private fun PassphraseDialog(title: String, text: String, confirmTwice: Boolean, onCancel: () -> Unit, onOk: (String) -> Unit) {
    var pass by remember { mutableStateOf("") }
    var again by remember { mutableStateOf("") }
    val ready = pass.isNotEmpty() && (!confirmTwice || pass == again)
    AlertDialog(
        onDismissRequest = onCancel,
        title = { Text(title) },
        text = {
            Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                Text(text, style = MaterialTheme.typography.bodyMedium)
                PassField("Passphrase", pass) { pass = it }
                if (confirmTwice) {
                    PassField("Passphrase again", again) { again = it }
                    if (again.isNotEmpty() && pass != again) Text("The two do not match.", color = MaterialTheme.colorScheme.error)
                }
            }
        },
        confirmButton = { TextButton(onClick = { onOk(pass) }, enabled = ready) { Text("OK") } },
        dismissButton = { TextButton(onClick = onCancel) { Text("Cancel") } },
    )
}

@Composable
private fun PassField(label: String, value: String, onChange: (String) -> Unit) = OutlinedTextField(
    value = value,
    onValueChange = onChange,
    label = { Text(label) },
    singleLine = true,
    visualTransformation = PasswordVisualTransformation(),
    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
    modifier = Modifier.fillMaxWidth(),
)
