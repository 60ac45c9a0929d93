package org.quietlegs.shell

/** What the Report & export screen can write, with the name and type a file picker suggests. */
enum class ExportKind(val suffix: String, val mimeType: String) {
    DIARY(".json", "application/json"),
    ENCRYPTED_DIARY(".age", "application/octet-stream"),
    REPORT("-report.html", "text/html"),
    CALENDAR("-routine.ics", "text/calendar"),
}

/** `quietlegs-2026-11-25.json`: dated, so exports from different days never overwrite each other. */
fun exportFileName(kind: ExportKind, date: String): String = "quietlegs-$date${kind.suffix}"
