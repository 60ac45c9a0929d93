package org.quietlegs.android.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.graphics.nativeCanvas
import androidx.compose.ui.graphics.toArgb
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.quietlegs.core.ChartView
import org.quietlegs.shell.ChartFrame

/**
 * Draws a chart the core laid out: threshold lines, ticks, line and points. Every position comes from the
 * core (the same geometry as the printed report); [ChartFrame] only scales it to the canvas.
 */
@Composable
fun CoreChart(chart: ChartView, modifier: Modifier = Modifier) {
    val line = MaterialTheme.colorScheme.primary
    val grid = MaterialTheme.colorScheme.outlineVariant
    val band = MaterialTheme.colorScheme.tertiary
    val label = MaterialTheme.colorScheme.onSurfaceVariant
    val summary = chart.points.lastOrNull()?.let { "${chart.title}: latest ${it.value} ${chart.unit} on ${it.date}" } ?: chart.emptyText
    Column(modifier) {
        Text(chart.title, style = MaterialTheme.typography.labelLarge)
        Canvas(Modifier.fillMaxWidth().height(200.dp).semantics { contentDescription = summary }) {
            val f = ChartFrame(width = size.width, height = size.height, left = 36.dp.toPx(), bottom = 8.dp.toPx())
            f.band(chart)?.let { (top, bottom) ->
                drawRect(band, topLeft = Offset(f.left, top), size = Size(size.width - f.left - f.right, bottom - top))
            }
            val paint = android.graphics.Paint().apply {
                color = label.toArgb()
                textSize = 11.dp.toPx()
                textAlign = android.graphics.Paint.Align.RIGHT
                isAntiAlias = true
            }
            // Threshold lines (ferritin 75 and 100 ng/mL), dashed and labelled at the right edge.
            val dash = androidx.compose.ui.graphics.PathEffect.dashPathEffect(floatArrayOf(12f, 6f))
            f.lines(chart).forEach { (y, text) ->
                drawLine(band, Offset(f.left, y), Offset(size.width - f.right, y), strokeWidth = 2.dp.toPx(), pathEffect = dash)
                drawContext.canvas.nativeCanvas.drawText(text, size.width - f.right, y - 3.dp.toPx(), paint)
            }
            chart.ticks.forEach { t ->
                val y = f.y(t.y)
                drawLine(grid, Offset(f.left, y), Offset(size.width - f.right, y))
                drawContext.canvas.nativeCanvas.drawText(t.label, f.left - 4.dp.toPx(), y + 4.dp.toPx(), paint)
            }
            val pts = f.line(chart)
            if (pts.size > 1) {
                val path = Path().apply {
                    moveTo(pts.first().x, pts.first().y)
                    pts.drop(1).forEach { lineTo(it.x, it.y) }
                }
                drawPath(path, line, style = Stroke(width = 2.dp.toPx()))
            }
            if (pts.size <= 40) pts.forEach { drawCircle(line, radius = 3.dp.toPx(), center = Offset(it.x, it.y)) }
        }
        chart.band?.let { Muted(it.label) }
        if (chart.points.isEmpty()) Muted(chart.emptyText)
    }
}
