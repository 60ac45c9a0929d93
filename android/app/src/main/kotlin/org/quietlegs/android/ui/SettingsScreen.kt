package org.quietlegs.android.ui

import android.content.Intent
import android.net.Uri
import android.os.Build
import android.provider.Settings
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.unit.dp
import org.quietlegs.android.Notifications
import org.quietlegs.core.IntakeKind
import org.quietlegs.core.Sex
import org.quietlegs.shell.SettingsForm

/** Settings: the day the plan is built on, the habits iron works around, and how reminders arrive. */
@Composable
fun SettingsScreen(vm: DiaryViewModel, onAskNotifications: () -> Unit) {
    LaunchedEffect(Unit) {
        vm.loadSettings()
        vm.loadMedicines()
    }
    val form = vm.settings ?: return
    // Field names and routine switches in the core's words (the ones its errors name).
    val l = vm.settingsLabels
    val set: (SettingsForm) -> Unit = { vm.settings = it }
    val field = vm.problem?.field
    val context = LocalContext.current
    LazyColumn(contentPadding = PaddingValues(16.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        item {
            Section("Your day") {
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    TimeField(l.bedtime, form.bedtime, { set(form.copy(bedtime = it)) }, Modifier.weight(1f), field == "bedtime")
                    TimeField(l.wakeTime, form.wakeTime, { set(form.copy(wakeTime = it)) }, Modifier.weight(1f), field == "wake time")
                }
                Muted("A bedtime after midnight (e.g. 00:30) belongs to the evening before.")
                Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    TimeField(l.breakfast, form.breakfast, { set(form.copy(breakfast = it)) }, Modifier.weight(1f), field == "breakfast")
                    TimeField(l.lunch, form.lunch, { set(form.copy(lunch = it)) }, Modifier.weight(1f), field == "lunch")
                    TimeField(l.dinner, form.dinner, { set(form.copy(dinner = it)) }, Modifier.weight(1f), field == "dinner")
                }
                Muted("Leave a meal empty if you do not eat it at a fixed time.")
                Muted("Time zone: ${form.timeZone} (follows your phone)")
            }
        }
        item {
            Section("About you") {
                Muted("These only decide which points the app suggests you discuss with your doctor.")
                LabelledRow(l.pregnant) { Switch(form.pregnant, { set(form.copy(pregnant = it)) }) }
                if (form.pregnant || form.dueDate.isNotBlank()) {
                    DateField(l.dueDate, form.dueDate, { set(form.copy(dueDate = it)) }, field == "due date")
                }
                LabelledRow(l.kidneyDisease) { Switch(form.kidneyDisease, { set(form.copy(kidneyDisease = it)) }) }
                LabelledRow(l.dialysis) { Switch(form.dialysis, { set(form.copy(dialysis = it)) }, Modifier.testTag("dialysis")) }
                LabelledRow(l.malabsorption) { Switch(form.malabsorption, { set(form.copy(malabsorption = it)) }) }
                LabelledRow(l.haemochromatosis) { Switch(form.haemochromatosis, { set(form.copy(haemochromatosis = it)) }) }
                LabelledRow(l.thalassaemia) { Switch(form.thalassaemia, { set(form.copy(thalassaemia = it)) }) }
                LabelledRow(l.regularTransfusions) { Switch(form.regularTransfusions, { set(form.copy(regularTransfusions = it)) }) }
                DateField(l.birthDate, form.birthDate, { set(form.copy(birthDate = it)) }, field == "birth date")
                Text(l.sex, style = MaterialTheme.typography.labelLarge)
                Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    FilterChip(form.sex == null, { set(form.copy(sex = null)) }, { Text(l.sexNotGiven) })
                    FilterChip(form.sex == Sex.FEMALE, { set(form.copy(sex = Sex.FEMALE)) }, { Text(l.female) })
                    FilterChip(form.sex == Sex.MALE, { set(form.copy(sex = Sex.MALE)) }, { Text(l.male) })
                }
                Button(onClick = vm::saveSettings, modifier = Modifier.fillMaxWidth()) { Text("Save") }
            }
        }
        item {
            Section("Bedtime routine (optional)") {
                Muted("Off unless you choose them: none of these is tested in trials. Each reminder says why.")
                val r = form.routine
                LabelledRow(l.routineWarmBath) { Switch(r.warmBath, { set(form.copy(routine = r.copy(warmBath = it))) }) }
                LabelledRow(l.routineWarmSocks) { Switch(r.warmSocks, { set(form.copy(routine = r.copy(warmSocks = it))) }) }
                LabelledRow(l.routineMovement) { Switch(r.movement, { set(form.copy(routine = r.copy(movement = it))) }) }
                LabelledRow(l.routineExerciseCutoff) { Switch(r.exerciseCutoff, { set(form.copy(routine = r.copy(exerciseCutoff = it))) }) }
                Button(onClick = vm::saveSettings, modifier = Modifier.fillMaxWidth()) { Text("Save") }
            }
        }
        item { Habits(vm) }
        item {
            Section("Reminders") {
                if (vm.notificationsAllowed) {
                    Muted("Notifications are on.")
                } else {
                    Text("Notifications are off, so reminders cannot be shown.")
                    OutlinedButton(onClick = onAskNotifications) { Text("Turn on notifications") }
                }
                if (vm.exactAlarms) {
                    Muted("Reminders arrive on the minute.")
                } else {
                    Text("Reminders may arrive some minutes late while the phone sleeps. Allow exact alarms for on-the-minute iron and bedtime reminders.")
                    if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
                        OutlinedButton(onClick = {
                            context.startActivity(
                                Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.parse("package:${context.packageName}")),
                            )
                        }) { Text("Allow exact alarms") }
                    }
                }
            }
        }
        item {
            Section("About QuietLegs") {
                Text("Open-source companion for Restless Legs Syndrome. It gives general information from cited sources; it never diagnoses or doses, and every flag says to discuss it with your doctor.")
                Muted("Core ${vm.version}. Your diary stays on this phone unless you export it.")
            }
        }
    }
}

/** The usual times of coffee, tea, dairy and meals: the iron planner keeps clear of them. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Habits(vm: DiaryViewModel) {
    var kind by rememberSaveable { mutableStateOf(IntakeKind.COFFEE) }
    var at by rememberSaveable { mutableStateOf("") }
    Section("Habits") {
        Muted("Your usual coffee, tea, milk and meals: the iron planner keeps the window clear of them.")
        Loaded(vm.medicines) { m ->
            m.habits.forEach { h ->
                LabelledRow(h.text) { TextButton(onClick = { vm.delete(h.id) { vm.loadMedicines() } }) { Text("Remove") } }
            }
        }
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            vm.options.intakes.forEach { c -> FilterChip(c.value == kind, { kind = c.value }, { Text(c.label) }) }
        }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            TimeField("Usual time", at, { at = it }, Modifier.weight(1f), vm.problem?.field == "habit time")
            Button(onClick = { vm.addHabit(kind, at) { at = "" } }) { Text("Add") }
        }
    }
}

@Composable
private fun DateField(label: String, value: String, onChange: (String) -> Unit, error: Boolean) = OutlinedTextField(
    value = value,
    onValueChange = onChange,
    label = { Text(label) },
    singleLine = true,
    isError = error,
    modifier = Modifier.fillMaxWidth(),
)
