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
                }
            }
            item { Section(title = null) { CoreChart(s.chart) } }
            item { AddLab(s, vm) }
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
