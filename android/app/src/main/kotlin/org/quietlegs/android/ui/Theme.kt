package org.quietlegs.android.ui

import android.os.Build
import androidx.compose.foundation.isSystemInDarkTheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.dynamicDarkColorScheme
import androidx.compose.material3.dynamicLightColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.LocalContext

private val Night = Color(0xFF27364B)
private val Dawn = Color(0xFFFFF4E6)

/** Material 3 with the phone's dynamic colours where there are any; dark at night by default. */
@Composable
fun QuietLegsTheme(content: @Composable () -> Unit) {
    val dark = isSystemInDarkTheme()
    val colors = when {
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.S -> {
            val context = LocalContext.current
            if (dark) dynamicDarkColorScheme(context) else dynamicLightColorScheme(context)
        }
        dark -> darkColorScheme(primary = Dawn, secondary = Color(0xFFB4C5E4))
        else -> lightColorScheme(primary = Night, secondary = Color(0xFF4A5F80))
    }
    MaterialTheme(colorScheme = colors, content = content)
}
