package org.quietlegs.shell

import org.quietlegs.core.ChartView

/** A point on a canvas, in pixels from the top-left corner. */
data class Px(val x: Float, val y: Float)

/**
 * Scales the core's unit-square chart to a canvas with margins for the axis labels. The core
 * chose the axis, the ticks and every position; this only multiplies.
 */
class ChartFrame(
    val width: Float,
    val height: Float,
    val left: Float = 40f,
    val top: Float = 12f,
    val right: Float = 12f,
    val bottom: Float = 24f,
) {
    fun x(unit: Double): Float = left + (unit * (width - left - right)).toFloat()

    /** Unit-square 0 is the bottom of the plot; canvas y grows downwards. */
    fun y(unit: Double): Float = top + ((1.0 - unit) * (height - top - bottom)).toFloat()

    fun line(chart: ChartView): List<Px> = chart.points.map { Px(x(it.x), y(it.y)) }

    /** A shaded band as (top, bottom) canvas y, if the chart has one (none does any more). */
    fun band(chart: ChartView): Pair<Float, Float>? = chart.band?.let { y(it.highY) to y(it.lowY) }

    /** The labelled threshold lines (ferritin 75 and 100 ng/mL) as (canvas y, label). */
    fun lines(chart: ChartView): List<Pair<Float, String>> = chart.lines.map { y(it.y) to it.label }
}
