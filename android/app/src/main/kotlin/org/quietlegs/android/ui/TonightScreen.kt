package org.quietlegs.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Button
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import org.quietlegs.core.IntakeKind
import org.quietlegs.core.ReminderKind
import org.quietlegs.shell.PlanRow
import org.quietlegs.shell.clock

/** Intakes that change iron timing: the ones worth checking before having them. */
private val CHECKABLE = setOf(IntakeKind.COFFEE, IntakeKind.TEA, IntakeKind.DAIRY_CALCIUM, IntakeKind.MEAL, IntakeKind.ANTACID)

/** Tonight: the iron window, "about to have…" checks, and the day's routine with its reasons. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun TonightScreen(vm: DiaryViewModel, onLogNight: () -> Unit) {
    LaunchedEffect(Unit) { vm.loadTonight() }
    Loaded(vm.tonight) { t ->
        LazyColumn(
            Modifier.fillMaxWidth(),
            contentPadding = androidx.compose.foundation.layout.PaddingValues(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            item {
                Section(t.heading) {
                    Text(t.iron, style = MaterialTheme.typography.headlineSmall)
                    t.ironWhy?.let { Muted(it) }
                    t.ironRegimenId?.let { id -> Button(onClick = { vm.logDoseNow(id) }) { Text("I took my iron") } }
                }
            }
            if (t.flags.isNotEmpty()) {
                item {
                    Section("Discuss with your doctor", warning = true) { t.flags.forEach { Text(it) } }
                }
            }
            item {
                Section("About to have something?") {
                    Muted("Check it against today's iron dose first.")
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        vm.options.intakes.filter { it.value in CHECKABLE }.forEach { c ->
                            AssistChip(onClick = { vm.check(c.value) }, label = { Text(c.label) })
                        }
                    }
                    vm.intakeCheck?.let { (kind, check) ->
                        Text(check.message, color = if (check.conflict) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurface)
                        check.earliestOk?.let { Text("Earliest time without a conflict: ${it.clock()}") }
                        FilledTonalButton(onClick = { vm.logIntakeNow(kind) }) { Text("I'm having it now") }
                    }
                }
            }
            // No key: two doses of the same name at the same time are two rows, not one.
            items(t.rows) { row -> PlanRowCard(row, vm) }
            item {
                TextButton(onClick = onLogNight, modifier = Modifier.fillMaxWidth()) { Text("Log tonight's symptoms") }
            }
        }
    }
}

@Composable
private fun PlanRowCard(row: PlanRow, vm: DiaryViewModel) {
    Section(title = null) {
        Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            Text(row.time, style = MaterialTheme.typography.titleSmall, modifier = Modifier.width(96.dp))
            Column(Modifier.weight(1f)) {
                Text(row.title, style = MaterialTheme.typography.titleSmall)
                Sourced(row.why, row.source)
            }
        }
        val dose = row.regimenId
        if (dose != null && row.kind == ReminderKind.MEDICATION_DOSE) {
            TextButton(onClick = { vm.logDoseNow(dose) }, modifier = Modifier.padding(start = 96.dp)) { Text("Taken") }
        }
    }
}
