package org.quietlegs.android

import android.Manifest
import android.content.Context
import android.content.Intent

import android.os.Build
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.BackHandler
import androidx.activity.compose.LocalActivity
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.padding
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.ArrowBack
import androidx.compose.material.icons.filled.Bedtime
import androidx.compose.material.icons.filled.Description
import androidx.compose.material.icons.filled.EditNote
import androidx.compose.material.icons.filled.Medication
import androidx.compose.material.icons.filled.Science
import androidx.compose.material.icons.filled.Settings
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.SnackbarHost
import androidx.compose.material3.SnackbarHostState
import androidx.compose.material3.Text
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.viewmodel.compose.viewModel
import org.quietlegs.android.ui.DiaryViewModel
import org.quietlegs.android.ui.LabsScreen
import org.quietlegs.android.ui.LogScreen
import org.quietlegs.android.ui.MedicinesScreen
import org.quietlegs.android.ui.ProblemCard
import org.quietlegs.android.ui.QuietLegsTheme
import org.quietlegs.android.ui.ReportScreen
import org.quietlegs.android.ui.SettingsScreen
import org.quietlegs.android.ui.TonightScreen
import org.quietlegs.shell.Problem
import org.quietlegs.shell.valueOrNull

private const val ASKED_NOTIFICATIONS = "asked_post_notifications"

private enum class Tab(val title: String, val icon: ImageVector) {
    TONIGHT("Tonight", Icons.Filled.Bedtime),
    LOG("Log", Icons.Filled.EditNote),
    LABS("Labs", Icons.Filled.Science),
    MEDICINES("Medicines", Icons.Filled.Medication),
    REPORT("Report", Icons.Filled.Description),
}

class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        setContent { QuietLegsTheme { App() } }
    }

    override fun onResume() {
        super.onResume()
        // Back from the exact-alarm or notification settings: the alarms follow the new grant.
        graph.inBackground { graph.diary.valueOrNull()?.syncReminders() }
    }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
private fun App(vm: DiaryViewModel = viewModel(factory = DiaryViewModel.Factory)) {
    val opened = vm.openProblem
    if (opened != null) {
        DiaryUnavailable(opened)
        return
    }
    var tab by rememberSaveable { mutableStateOf(Tab.TONIGHT) }
    var settings by rememberSaveable { mutableStateOf(false) }
    val snackbar = remember { SnackbarHostState() }
    val activity = LocalActivity.current
    val askNotifications = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { vm.refreshGrants() }
    val prefs = remember { activity?.getSharedPreferences("permissions", Context.MODE_PRIVATE) }
    /**
     * The system dialog while Android still shows it; after a second "Don't allow" it no longer
     * does (no rationale, already asked), so the button opens the app's notification settings.
     */
    val ask = {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU && activity != null) {
            val asked = prefs?.getBoolean(ASKED_NOTIFICATIONS, false) == true
            if (!asked || activity.shouldShowRequestPermissionRationale(Manifest.permission.POST_NOTIFICATIONS)) {
                prefs?.edit()?.putBoolean(ASKED_NOTIFICATIONS, true)?.commit()
                askNotifications.launch(Manifest.permission.POST_NOTIFICATIONS)
            } else {
                activity.startActivity(
                    Intent(android.provider.Settings.ACTION_APP_NOTIFICATION_SETTINGS).putExtra(android.provider.Settings.EXTRA_APP_PACKAGE, activity.packageName),
                )
            }
        }
    }

    // Reminders are the point of the app: ask once, at the first start ever, with the system dialog.
    LaunchedEffect(Unit) {
        if (prefs?.getBoolean(ASKED_NOTIFICATIONS, false) == false && !vm.notificationsAllowed) ask()
    }
    // Back from system settings (exact alarms, notifications): show the grants as they are now.
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { vm.refreshGrants() }
    // Back on Settings returns to the tab, as its arrow does, instead of leaving the app.
    BackHandler(enabled = settings) { settings = false }
    LaunchedEffect(vm.problem) { vm.problem?.let { snackbar.showSnackbar(it.message) } }
    LaunchedEffect(vm.message) {
        vm.message?.let {
            snackbar.showSnackbar(it)
            vm.message = null
        }
    }

    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(if (settings) "Settings" else tab.title) },
                navigationIcon = {
                    if (settings) {
                        IconButton(onClick = { settings = false }) { Icon(Icons.AutoMirrored.Filled.ArrowBack, "Back") }
                    }
                },
                actions = {
                    if (!settings) IconButton(onClick = { settings = true }) { Icon(Icons.Filled.Settings, "Settings") }
                },
            )
        },
        bottomBar = {
            if (!settings) {
                NavigationBar {
                    Tab.entries.forEach { t ->
                        NavigationBarItem(
                            selected = t == tab,
                            onClick = {
                                tab = t
                                vm.problem = null
                            },
                            icon = { Icon(t.icon, contentDescription = null) },
                            label = { Text(t.title) },
                        )
                    }
                }
            }
        },
        snackbarHost = { SnackbarHost(snackbar) },
    ) { padding ->
        Box(Modifier.padding(padding)) {
            when {
                settings -> SettingsScreen(vm, onAskNotifications = ask)
                tab == Tab.TONIGHT -> TonightScreen(vm, onLogNight = { tab = Tab.LOG })
                tab == Tab.LOG -> LogScreen(vm)
                tab == Tab.LABS -> LabsScreen(vm)
                tab == Tab.MEDICINES -> MedicinesScreen(vm)
                tab == Tab.REPORT -> ReportScreen(vm)
            }
        }
    }
}

/** The diary file could not be opened. It was not touched; say so, and what can be done. */
@Composable
private fun DiaryUnavailable(problem: Problem) {
    Scaffold { padding ->
        Column(Modifier.padding(padding).padding(24.dp)) {
            Text("Your diary could not be opened", style = MaterialTheme.typography.headlineSmall)
            ProblemCard(problem)
            Text(
                "QuietLegs never deletes a diary to start again. If you updated from a newer version, install it again; " +
                    "if you have an export file, a fresh install can import it.",
                modifier = Modifier.padding(top = 12.dp),
            )
        }
    }
}
