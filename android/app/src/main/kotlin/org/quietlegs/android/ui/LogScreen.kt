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
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.KeyboardArrowLeft
import androidx.compose.material.icons.automirrored.filled.KeyboardArrowRight
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import java.time.LocalDate
import org.quietlegs.core.NightEntry
import org.quietlegs.shell.NightForm
import org.quietlegs.shell.WeeklyIrlsForm
import org.quietlegs.shell.plainNumber

/**
 * Log a night in under 30 seconds: the quick rating and Save; details folded away for those who
 * want them. The IRLS is a weekly instrument (SPEC §2.7): it has its own entry, once a week,
 * rating the past 7 days, never asked per night.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun LogScreen(vm: DiaryViewModel) {
    LaunchedEffect(Unit) { vm.loadLog() }
    val form = vm.nightForm ?: return
    val set: (NightForm) -> Unit = { vm.nightForm = it }
    var details by rememberSaveable { mutableStateOf(false) }
    val o = vm.options
    val problemField = vm.problem?.field

    LazyColumn(contentPadding = PaddingValues(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        item {
            Row(verticalAlignment = Alignment.CenterVertically) {
                IconButton(onClick = { vm.openNight(LocalDate.parse(form.nightDate).minusDays(1).toString()) }) {
                    Icon(Icons.AutoMirrored.Filled.KeyboardArrowLeft, contentDescription = "Night before")
                }
                Text(
                    "Night of ${form.nightDate}" + if (form.existingId != null) " (editing)" else "",
                    style = MaterialTheme.typography.titleMedium,
                    modifier = Modifier.weight(1f),
                )
                IconButton(onClick = { vm.openNight(LocalDate.parse(form.nightDate).plusDays(1).toString()) }) {
                    Icon(Icons.AutoMirrored.Filled.KeyboardArrowRight, contentDescription = "Night after")
                }
            }
        }
        item {
            Section("How bad were the symptoms? (0 none – ${o.quickMax} worst)") {
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    (0..o.quickMax).forEach { v ->
                        FilterChip(
                            selected = form.quickSeverity == v,
                            onClick = { set(form.copy(quickSeverity = if (form.quickSeverity == v) null else v)) },
                            label = { Text("$v") },
                        )
                    }
                }
                Button(onClick = vm::saveNight, modifier = Modifier.fillMaxWidth()) { Text("Save") }
            }
        }
        item {
            TextButton(onClick = { details = !details }) { Text(if (details) "Fewer details" else "More details (optional)") }
        }
        if (details) item { Details(form, set, vm, problemField) }
        item { WeeklyIrls(vm) }
        item { Text("Recent nights", style = MaterialTheme.typography.titleMedium) }
        items(vm.recentNights, key = { it.info.id }) { n -> NightRow(n) { vm.openNight(n.nightDate) } }
    }
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Details(form: NightForm, set: (NightForm) -> Unit, vm: DiaryViewModel, problemField: String?) {
    val o = vm.options
    Section("Details") {
        TimeField("Symptoms began", form.onset, { set(form.copy(onset = it)) }, error = problemField == "onset")
        Text("Where", style = MaterialTheme.typography.labelLarge)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            o.bodyAreas.forEach { c -> FilterChip(c.value in form.bodyAreas, { set(form.toggle(c.value)) }, { Text(c.label) }) }
        }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            NumberField("Hours slept", form.sleepHours, { set(form.copy(sleepHours = it)) }, Modifier.weight(1f), problemField == "hours slept")
            NumberField("Awakenings", form.awakenings, { set(form.copy(awakenings = it)) }, Modifier.weight(1f), problemField == "awakenings")
        }
        Text("Possible triggers today", style = MaterialTheme.typography.labelLarge)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            o.triggers.forEach { c -> FilterChip(c.value in form.triggers, { set(form.toggle(c.value)) }, { Text(c.label) }) }
        }
        Text("What you tried, and how much it helped", style = MaterialTheme.typography.labelLarge)
        o.reliefKinds.forEach { k ->
            Column {
                Text(k.label, style = MaterialTheme.typography.bodyMedium)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    o.reliefEffects.forEach { e ->
                        val chosen = form.relief[k.value] == e.value
                        FilterChip(chosen, { set(form.withRelief(k.value, if (chosen) null else e.value)) }, { Text(e.label) })
                    }
                }
            }
        }
        OutlinedTextField(
            value = form.notes,
            onValueChange = { set(form.copy(notes = it)) },
            label = { Text("Notes") },
            modifier = Modifier.fillMaxWidth(),
            minLines = 2,
        )
        Button(onClick = vm::saveNight, modifier = Modifier.fillMaxWidth()) { Text("Save") }
    }
}

@Composable
private fun NightRow(n: NightEntry, onOpen: () -> Unit) {
    Section(title = null) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Column(Modifier.weight(1f)) {
                Text(n.nightDate, style = MaterialTheme.typography.titleSmall)
                val parts = listOfNotNull(
                    n.quickSeverity?.let { "rated $it/10" },
                    n.irlsTotal?.let { t -> "IRLS $t" + (n.irlsBand?.let { " (${it.name.lowercase().replace('_', ' ')})" } ?: "") },
                    n.sleepHours?.let { "slept ${plainNumber(it)} h" },
                    n.onset?.let { "began $it" },
                )
                Muted(parts.joinToString(" · "))
                n.warnings.forEach { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodySmall) }
            }
            TextButton(onClick = onOpen) { Text("Edit") }
        }
    }
}

/**
 * The weekly IRLS: the core's prompt, ten items 0-4, the week ending date (the core's today by
 * default), saved through the core's weekly call; the rated weeks below are its trend.
 */
@Composable
private fun WeeklyIrls(vm: DiaryViewModel) {
    var open by rememberSaveable { mutableStateOf(false) }
    val o = vm.options
    Loaded(vm.weeklyIrls) { w ->
        val form = vm.weeklyForm ?: WeeklyIrlsForm(weekEnding = w.today)
        val set: (WeeklyIrlsForm) -> Unit = { vm.weeklyForm = it }
        Section("Weekly IRLS" + if (w.due) " (due)" else "") {
            Muted(w.prompt)
            TextButton(onClick = { open = !open }) {
                Text(if (open) "Hide the weekly IRLS" else "Rate this week (${form.answered} of ${o.irlsTopics.size} answered)")
            }
            if (open) {
                OutlinedTextField(
                    value = form.weekEnding,
                    onValueChange = { set(form.copy(weekEnding = it)) },
                    label = { Text("Week ending (YYYY-MM-DD)") },
                    singleLine = true,
                    isError = vm.problem?.field == "week ending",
                    modifier = Modifier.fillMaxWidth(),
                )
                Muted("Short topics only; your clinician has the full wording.")
                o.irlsTopics.forEachIndexed { i, topic ->
                    Text("${i + 1}. $topic", style = MaterialTheme.typography.bodyMedium)
                    Row(horizontalArrangement = Arrangement.spacedBy(4.dp)) {
                        (0..o.irlsItemMax).forEach { v ->
                            FilterChip(
                                selected = form.items[i] == v,
                                onClick = { set(form.with(i, if (form.items[i] == v) null else v)) },
                                label = { Text("$v") },
                                modifier = Modifier.testTag("weekly-irls-$i-$v"),
                            )
                        }
                    }
                }
                Button(onClick = vm::saveWeeklyIrls, modifier = Modifier.fillMaxWidth()) { Text("Save the weekly IRLS") }
            }
            w.weeks.forEach { Text(it, style = MaterialTheme.typography.bodySmall) }
            // Ratings a sync set aside from the trend: listed in the core's words, never hidden.
            w.setAside.forEach { Muted(it) }
        }
    }
}
