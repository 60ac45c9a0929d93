package org.quietlegs.android.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import org.quietlegs.shell.Outcome
import org.quietlegs.shell.Problem

/** A titled card; the screens are columns of these. */
@Composable
fun Section(title: String?, modifier: Modifier = Modifier, warning: Boolean = false, content: @Composable ColumnScope.() -> Unit) {
    val colors = if (warning) {
        CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer)
    } else {
        CardDefaults.cardColors()
    }
    Card(modifier = modifier.fillMaxWidth(), colors = colors) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(6.dp)) {
            if (title != null) Text(title, style = MaterialTheme.typography.titleMedium)
            content()
        }
    }
}

/** A line of advice with its source underneath, small: every number in the app shows where it came from. */
@Composable
fun Sourced(text: String, source: String) {
    Column {
        Text(text, style = MaterialTheme.typography.bodyMedium)
        Text("Source: $source", style = MaterialTheme.typography.labelSmall, color = MaterialTheme.colorScheme.onSurfaceVariant)
    }
}

@Composable
fun Muted(text: String) = Text(text, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant)

@Composable
fun ProblemCard(problem: Problem) = Section(title = null, warning = true) { Text(problem.message) }

/** Shows a screen's state: a spinner while loading, the problem if it failed, else the content. */
@Composable
fun <T> Loaded(state: Outcome<T>?, content: @Composable (T) -> Unit) {
    when (state) {
        null -> Row(Modifier.fillMaxWidth().padding(32.dp), horizontalArrangement = Arrangement.Center) { CircularProgressIndicator() }
        is Outcome.Failed -> ProblemCard(state.problem)
        is Outcome.Done -> content(state.value)
    }
}

/** A local clock time, typed as HH:MM; the core checks it and names the field if it is wrong. */
@Composable
fun TimeField(label: String, value: String, onChange: (String) -> Unit, modifier: Modifier = Modifier, error: Boolean = false) =
    Field(label, value, onChange, modifier, error, KeyboardType.Number, placeholder = "HH:MM")

/** A number as typed (a comma may be the decimal mark); the shell reads it, the core judges it. */
@Composable
fun NumberField(label: String, value: String, onChange: (String) -> Unit, modifier: Modifier = Modifier, error: Boolean = false) =
    Field(label, value, onChange, modifier, error, KeyboardType.Decimal, placeholder = null)

@Composable
private fun Field(
    label: String,
    value: String,
    onChange: (String) -> Unit,
    modifier: Modifier,
    error: Boolean,
    keyboard: KeyboardType,
    placeholder: String?,
) = OutlinedTextField(
    value = value,
    onValueChange = onChange,
    label = { Text(label) },
    placeholder = if (placeholder == null) null else { { Text(placeholder) } },
    singleLine = true,
    isError = error,
    keyboardOptions = KeyboardOptions(keyboardType = keyboard),
    modifier = modifier,
)

/** Asks before a deletion; `confirm` names the action ("Delete", "Remove"), Keep dismisses. */
@Composable
fun ConfirmDialog(title: String, text: String, confirm: String, onConfirm: () -> Unit, onDismiss: () -> Unit) =
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(title) },
        text = { Text(text) },
        confirmButton = {
            TextButton(onClick = {
                onConfirm()
                onDismiss()
            }) { Text(confirm) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text("Keep") } },
    )

@Composable
fun LabelledRow(label: String, modifier: Modifier = Modifier, content: @Composable () -> Unit) =
    Row(modifier.fillMaxWidth(), verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.SpaceBetween) {
        Text(label, modifier = Modifier.weight(1f))
        content()
    }
