package org.quietlegs.shell

import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter
import org.quietlegs.core.LabEntry
import org.quietlegs.core.TimePoint

private val HHMM = DateTimeFormatter.ofPattern("HH:mm")

/** `11:10` from a core time: the local clock time the core already resolved (never recomputed). */
fun TimePoint.clock(): String = OffsetDateTime.parse(local).format(HHMM)

/** `11:10–11:30`, or `11:10` without an end. */
fun span(start: TimePoint, end: TimePoint?): String =
    if (end == null) start.clock() else "${start.clock()}–${end.clock()}"

/** `7.5`, `8`: a number as a person reads it, at most one decimal, no trailing `.0`. */
fun plainNumber(value: Double): String {
    val rounded = Math.round(value * 10.0) / 10.0
    return if (rounded == Math.floor(rounded)) rounded.toLong().toString() else rounded.toString()
}

/** A lab value as the person reads it: `42 ng/mL`. */
fun labValue(value: Double, unit: String): String = "${plainNumber(value)} $unit"

/** `42 ng/mL`, and what was typed when it was another unit: `42 ng/mL (entered 42 µg/L)`. */
fun LabEntry.display(): String {
    val stored = labValue(value, unit)
    return if (enteredUnitDiffers()) "$stored (entered ${labValue(enteredValue, enteredUnit)})" else stored
}

private fun LabEntry.enteredUnitDiffers() = enteredUnit.trim() != unit
