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
import androidx.compose.ui.unit.dp
import java.time.LocalDate
import org.quietlegs.core.Analyte
import org.quietlegs.shell.LabRow
import org.quietlegs.shell.LabsState

/** Labs: where iron stands and why (with sources), the ferritin chart, adding a result as typed. */
@Composable
fun LabsScreen(vm: DiaryViewModel) {
    LaunchedEffect(Unit) { vm.loadLabs() }
    var deleting by remember { mutableStateOf<LabRow?>(null) }
    Loaded(vm.labs) { s ->
        LazyColumn(contentPadding = PaddingValues(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
            item {
                Section("Iron") {
                    Text(s.headline, style = MaterialTheme.typography.titleSmall)
                    s.reasons.forEach { Sourced(it.text, it.source) }
                    s.notes.forEach { Muted(it) }
                    s.projection?.let { Muted(it) }
                    s.recheck?.let { Muted(it) }
                    if (s.drawPreparation.isNotEmpty()) Muted(s.drawPreparation)
                    s.haemoglobin?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
                    s.lastInfusion?.let { Text(it, style = MaterialTheme.typography.bodyMedium) }
                }
            }
            if (s.flags.isNotEmpty()) item {
                Section("Discuss with your doctor", warning = true) { s.flags.forEach { Sourced(it.text, it.source) } }
            }
            item { Section(title = null) { CoreChart(s.chart) } }
            item { AddLab(s, vm) }
            item { AddInfusion(s, vm) }
            item { Text("Results", style = MaterialTheme.typography.titleMedium) }
            items(s.rows, key = { it.id }) { r ->
                Section(title = null) {
                    Row(verticalAlignment = Alignment.CenterVertically) {
                        Column(Modifier.weight(1f)) {
                            Text("${r.title}: ${r.value}", style = MaterialTheme.typography.bodyMedium)
                            Muted(r.date)
                        }
                        TextButton(onClick = { deleting = r }) { Text("Delete") }
                    }
                }
            }
        }
    }
    deleting?.let { r ->
        ConfirmDialog(
            title = "Delete this result?",
            text = "${r.title} ${r.value} from ${r.date}. The deletion also reaches your other devices when you next sync.",
            confirm = "Delete",
            onConfirm = { vm.delete(r.id) { vm.loadLabs() } },
            onDismiss = { deleting = null },
        )
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun AddLab(s: LabsState, vm: DiaryViewModel) {
    var analyte by rememberSaveable { mutableStateOf(Analyte.FERRITIN) }
    val kind = s.kinds.first { it.analyte == analyte }
    var unit by rememberSaveable(analyte) { mutableStateOf(kind.units.first()) }
    var value by rememberSaveable { mutableStateOf("") }
    var date by rememberSaveable { mutableStateOf(LocalDate.now().toString()) }
    val field = vm.problem?.field
    Section("Add a result") {
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            s.kinds.forEach { k -> FilterChip(k.analyte == analyte, { analyte = k.analyte }, { Text(k.label) }) }
        }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalAlignment = Alignment.CenterVertically) {
            NumberField("Value", value, { value = it }, Modifier.weight(1f), field == "lab value")
            Column { kind.units.forEach { u -> FilterChip(u == unit, { unit = u }, { Text(u) }) } }
        }
        OutlinedTextField(
            value = date,
            onValueChange = { date = it },
            label = { Text("Date on the lab sheet (YYYY-MM-DD)") },
            singleLine = true,
            isError = field == "lab date",
            modifier = Modifier.fillMaxWidth(),
        )
        Muted("Stored in ${kind.canonicalUnit}; what you typed is kept beside it.")
        Button(onClick = { vm.addLab(analyte, value, unit, date) { value = "" } }, modifier = Modifier.fillMaxWidth()) { Text("Add") }
    }
}

/** An IV iron infusion the clinic gave: the formulation (with its RLS evidence, the core's words) and when. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun AddInfusion(s: LabsState, vm: DiaryViewModel) {
    var open by rememberSaveable { mutableStateOf(false) }
    var choice by rememberSaveable { mutableStateOf(s.ivChoices.firstOrNull()?.value) }
    var date by rememberSaveable { mutableStateOf(LocalDate.now().toString()) }
    var time by rememberSaveable { mutableStateOf("09:00") }
    val field = vm.problem?.field
    Section("IV iron infusion") {
        TextButton(onClick = { open = !open }) { Text(if (open) "Hide" else "Record an IV iron infusion") }
        if (open) {
            Column {
                s.ivChoices.forEach { c -> FilterChip(c.value == choice, { choice = c.value }, { Text(c.label) }) }
            }
            Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                OutlinedTextField(
                    value = date,
                    onValueChange = { date = it },
                    label = { Text("Date (YYYY-MM-DD)") },
                    singleLine = true,
                    isError = field == "time",
                    modifier = Modifier.weight(1f),
                )
                TimeField("Time", time, { time = it }, Modifier.weight(1f), error = field == "time")
            }
            Button(
                onClick = { choice?.let { vm.logIvIron(it, "${date.trim()}T${time.trim()}") { open = false } } },
                enabled = choice != null,
                modifier = Modifier.fillMaxWidth(),
            ) { Text("Save the infusion") }
        }
    }
}
