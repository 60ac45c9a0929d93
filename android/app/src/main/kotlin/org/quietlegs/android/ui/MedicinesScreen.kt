package org.quietlegs.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import org.quietlegs.core.RegimenInput
import org.quietlegs.core.RegimenKind
import org.quietlegs.core.asksStartDate
import org.quietlegs.shell.Outcome
import org.quietlegs.shell.RegimenRow
import org.quietlegs.shell.parseDecimal
import org.quietlegs.shell.regimenStart

/**
 * Medicines: look any medicine up (brands and typos included) for what it does to RLS, and keep
 * the regimen the iron planner works around. Warnings say to talk to the prescriber, never to stop.
 */
@Composable
fun MedicinesScreen(vm: DiaryViewModel) {
    LaunchedEffect(Unit) { vm.loadMedicines() }
    var query by rememberSaveable { mutableStateOf("") }
    var deleting by remember { mutableStateOf<RegimenRow?>(null) }
    LazyColumn(contentPadding = PaddingValues(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        item {
            Section("Check a medicine") {
                OutlinedTextField(
                    value = query,
                    onValueChange = { query = it; vm.lookUp(it) },
                    label = { Text("Name or brand, e.g. Tylenol PM") },
                    singleLine = true,
                    modifier = Modifier.fillMaxWidth(),
                )
                if (query.isNotBlank() && vm.medicineAnswers.isEmpty()) Muted("Not in QuietLegs' list. Ask your pharmacist whether it affects RLS.")
            }
        }
        items(vm.medicineAnswers) { a ->
            Section(a.title, warning = a.warning) {
                // Efficacy and harm first, the guideline's stance as a treatment apart from it.
                if (a.effect.isNotEmpty()) Text(a.effect, style = MaterialTheme.typography.labelLarge)
                a.stance?.let { Text(it, style = MaterialTheme.typography.labelLarge) }
                Sourced(a.advice, a.source)
                a.alternative?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
                a.ironTiming?.let { Muted(it) }
            }
        }
        item { Text("Your regimen", style = MaterialTheme.typography.titleMedium) }
        item {
            Loaded(vm.medicines) { m ->
                Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                    if (m.regimen.isEmpty()) Muted("Nothing yet. Add your iron and any medicines so the plan can time them.")
                    m.regimen.forEach { r ->
                        Section(r.name, warning = r.warnings.isNotEmpty()) {
                            Text(r.schedule)
                            r.warnings.forEach { Text(it) }
                            TextButton(onClick = { deleting = r }) { Text("Remove") }
                        }
                    }
                }
            }
        }
        item { AddRegimen(vm) }
    }
    deleting?.let { r ->
        ConfirmDialog(
            title = "Remove ${r.name}?",
            text = "Its reminders stop. Doses already logged stay in the diary.",
            confirm = "Remove",
            onConfirm = { vm.delete(r.id) { vm.loadMedicines() } },
            onDismiss = { deleting = null },
        )
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun AddRegimen(vm: DiaryViewModel) {
    var kind by rememberSaveable { mutableStateOf(RegimenKind.IRON) }
    var name by rememberSaveable { mutableStateOf("") }
    var dose by rememberSaveable { mutableStateOf("") }
    var times by rememberSaveable { mutableStateOf("") }
    var everyOtherDay by rememberSaveable { mutableStateOf(false) }
    var vitaminC by rememberSaveable { mutableStateOf(true) }
    var started by rememberSaveable { mutableStateOf("") }
    var startUnknown by rememberSaveable { mutableStateOf(false) }
    val field = vm.problem?.field
    val iron = kind == RegimenKind.IRON
    Section("Add to your regimen") {
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            vm.options.regimenKinds.forEach { c -> FilterChip(c.value == kind, { kind = c.value }, { Text(c.label) }) }
        }
        OutlinedTextField(
            value = name,
            onValueChange = { name = it },
            label = { Text(if (iron) "Name (e.g. ferrous sulfate)" else "Name or brand") },
            singleLine = true,
            isError = field == "name",
            modifier = Modifier.fillMaxWidth(),
        )
        NumberField("Dose, mg (optional)", dose, { dose = it }, Modifier.fillMaxWidth(), field == "dose")
        if (iron) {
            Muted("No fixed time: QuietLegs plans the best window each day around your meals, drinks and medicines.")
        } else {
            OutlinedTextField(
                value = times,
                onValueChange = { times = it },
                label = { Text("Times, e.g. 06:30 or 08:00, 20:00") },
                singleLine = true,
                isError = field == "dose time",
                modifier = Modifier.fillMaxWidth(),
            )
            // A dopaminergic RLS drug needs its start (or "I don't know"): the augmentation screen
            // compares symptoms now with the weeks when it first worked.
            val asks = asksStartDate(name)
            OutlinedTextField(
                value = started,
                onValueChange = { started = it },
                label = { Text(if (asks) "Started on, YYYY-MM-DD (needed for this medicine)" else "Started on, YYYY-MM-DD (optional)") },
                singleLine = true,
                enabled = !(asks && startUnknown),
                isError = field == "start date",
                modifier = Modifier.fillMaxWidth(),
            )
            if (asks) {
                LabelledRow("I don't know (long ago)") {
                    Switch(checked = startUnknown, onCheckedChange = { startUnknown = it }, modifier = Modifier.testTag("start unknown"))
                }
            }
        }
        Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            FilterChip(!everyOtherDay, { everyOtherDay = false }, { Text("Every day") })
            FilterChip(everyOtherDay, { everyOtherDay = true }, { Text("Alternate days") })
        }
        if (iron) {
            // The schedule is the prescriber's call; the app only plans around it.
            Muted("Daily or alternate days: follow what your doctor advised.")
            LabelledRow(vm.options.vitaminCWithIron) { Switch(checked = vitaminC, onCheckedChange = { vitaminC = it }) }
        }
        Button(
            onClick = {
                val start = regimenStart(kind, name, if (iron) "" else started, !iron && asksStartDate(name) && startUnknown)
                when (val mg = parseDecimal("dose", dose)) {
                    is Outcome.Failed -> vm.problem = mg.problem
                    is Outcome.Done -> when (start) {
                        is Outcome.Failed -> vm.problem = start.problem
                        is Outcome.Done -> vm.addRegimen(
                            RegimenInput(
                                kind = kind,
                                name = name.ifBlank { if (iron) "Iron" else "" },
                                doseMg = mg.value,
                                times = if (iron) emptyList() else times.split(',').map { it.trim() }.filter { it.isNotEmpty() },
                                everyNDays = if (everyOtherDay) 2 else 1,
                                withVitaminC = iron && vitaminC,
                                startDate = start.value.date,
                                stopDate = null,
                                startDateUnknown = start.value.unknown,
                            ),
                        ) { name = ""; dose = ""; times = ""; started = ""; startUnknown = false }
                    }
                }
            },
            modifier = Modifier.fillMaxWidth(),
        ) { Text("Add") }
    }
}
