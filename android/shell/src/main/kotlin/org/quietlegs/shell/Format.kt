package org.quietlegs.shell

import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter
import org.quietlegs.core.TimePoint

private val HHMM = DateTimeFormatter.ofPattern("HH:mm")

/** `11:10` from a core time: the local clock time the core already resolved (never recomputed). */
fun TimePoint.clock(): String = OffsetDateTime.parse(local).format(HHMM)

/** `11:10–11:30`, or `11:10` without an end. */
fun span(start: TimePoint, end: TimePoint?): String =
    if (end == null) start.clock() else "${start.clock()}–${end.clock()}"

/** A lab value as the person reads it: no trailing `.0`, at most one decimal. */
fun labValue(value: Double, unit: String): String {
    val rounded = Math.round(value * 10.0) / 10.0
    val text = if (rounded == Math.floor(rounded)) rounded.toLong().toString() else rounded.toString()
    return "$text $unit"
}
