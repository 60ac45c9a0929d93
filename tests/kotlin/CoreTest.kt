// The generated Kotlin bindings against the real host library: what an Android shell relies on.
package org.quietlegs.tests

import java.io.RandomAccessFile
import java.nio.file.Files
import java.nio.file.Path
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test
import org.quietlegs.core.*

/** A clock the test controls: 2026-11-21T12:00:00Z. */
class FixedTestClock(private val millis: Long = 1_795_262_400_000L) : Clock {
    override fun nowMillis(): Long = millis
}

fun freshDiary(): QuietLegs {
    val dir = Files.createTempDirectory("ql-kt")
    return QuietLegs.openWithClock(dir.resolve("diary.db").toString(), FixedTestClock())
}

fun quickNight(date: String, severity: Int) = NightInput(
    nightDate = date, quickSeverity = severity, irlsItems = null, onset = null,
    bodyAreas = listOf(), sleepHours = null, awakenings = null, triggers = listOf(),
    relief = listOf(), notes = null,
)

inline fun <reified E : Throwable> assertThrows(block: () -> Unit): E {
    try {
        block()
    } catch (e: Throwable) {
        if (e is E) return e
        fail("expected ${E::class.simpleName}, got ${e::class.qualifiedName}: ${e.message}")
    }
    fail("expected ${E::class.simpleName}, nothing was thrown")
    throw IllegalStateException()
}

class CoreTest {
    @Test fun profileRoundTrips() {
        val q = freshDiary()
        val p = q.setProfile(ProfileSettings("Europe/Berlin", "23:00", "07:00", "08:00", "12:30", null, false, false))
        assertEquals("Europe/Berlin", p.timeZone)
        assertEquals("12:30", q.profile().lunch)
    }

    @Test fun aNightTakesNoIrlsAndTheWeeklyIrlsIsScored() {
        val q = freshDiary()
        val items = listOf(3, 2, 2, 3, 1, 2, 2, 2, 1, 1)
        // The IRLS rates the past week (SPEC §2.7): refused on a night, nothing written.
        val refused = assertThrows<QuietLegsException.InvalidInput> {
            q.logNight(quickNight("2026-11-20", 6).copy(irlsItems = items))
        }
        assertEquals("IRLS items", refused.field)
        assertEquals(0, q.nights(null, null).size)
        val n = quickNight("2026-11-20", 6).copy(
            onset = "21:30",
            bodyAreas = listOf(BodyArea.ARMS, BodyArea.LEGS),
            triggers = listOf(Trigger.CAFFEINE),
            relief = listOf(Relief(ReliefKind.WALKING, ReliefEffect.A_LOT)),
        )
        val saved = q.logNight(n)
        assertEquals(null, saved.irlsTotal)
        val back = q.nights(null, null)
        assertEquals(1, back.size)
        assertEquals(listOf(BodyArea.LEGS, BodyArea.ARMS), back[0].bodyAreas)
        assertEquals("21:30", back[0].onset)
        q.logWeeklyIrls(ByteArray(10) { items[it].toByte() }, "2026-11-20")
        val week = q.status(null).weeklyIrls!!.ratings.single()
        assertEquals(19u, week.total)
        assertEquals(IrlsBand.MODERATE, week.band)
        val overlap = assertThrows<QuietLegsException.InvalidInput> {
            q.logWeeklyIrls(ByteArray(10) { 1 }, "2026-11-15")
        }
        assertEquals("week ending", overlap.field)
    }

    @Test fun relogingANightReplacesIt() {
        val q = freshDiary()
        val first = q.logNight(quickNight("2026-11-20", 6))
        val second = q.logNight(quickNight("2026-11-20", 3))
        assertEquals(first.info.id, second.info.id)
        assertEquals(listOf(3), q.nights(null, null).map { it.quickSeverity })
    }

    @Test fun eventsAndLabsAreStoredInCanonicalUnits() {
        val q = freshDiary()
        q.setProfile(ProfileSettings("Europe/Berlin", "23:00", "07:00", null, null, null, false, false))
        val e = q.logEvent(EventInput("2026-11-21T09:10", EventKind.Intake(IntakeKind.COFFEE), null))
        assertEquals("2026-11-21T08:10:00Z", e.atUtc)
        assertEquals("2026-11-21T09:10:00+01:00", e.atLocal)
        assertEquals(1, q.eventsOn("2026-11-21").size)
        val d = q.addLab(LabInput(Analyte.VITAMIN_D, 74.88, "nmol/L", "2026-11-01"))
        assertEquals(30.0, d.value, 1e-9)
        assertEquals("ng/mL", d.unit)
        assertEquals("nmol/L", d.enteredUnit)
        q.addLab(LabInput(Analyte.FERRITIN, 42.0, "µg/L", "2026-11-01"))
        assertEquals(1, q.labs(Analyte.FERRITIN).size)
    }

    private fun profile(
        tz: String = "Europe/Berlin", bed: String = "23:00", wake: String = "07:00",
        breakfast: String? = "08:00", lunch: String? = null, dinner: String? = "19:00",
    ) = ProfileSettings(tz, bed, wake, breakfast, lunch, dinner, false, false)

    /** Every field different from profile()'s, so a refused change that wrote any part shows. */
    private fun anotherProfile(
        tz: String = "Asia/Tokyo", bed: String = "22:30", wake: String = "06:30",
        breakfast: String? = "07:15", lunch: String? = "12:00", dinner: String? = "18:45",
    ) = ProfileSettings(tz, bed, wake, breakfast, lunch, dinner, true, true)

    private fun intake(at: String, note: String? = null) = EventInput(at, EventKind.Intake(IntakeKind.COFFEE), note)

    /** A diary with something of every kind, so a refused call has something to damage. */
    private fun fullDiary(): QuietLegs {
        val q = freshDiary()
        q.setProfile(profile())
        q.logNight(quickNight("2026-11-19", 4).copy(notes = "walked"))
        q.addLab(LabInput(Analyte.FERRITIN, 42.0, "ng/mL", "2026-11-01"))
        val iron = q.addRegimen(RegimenInput(RegimenKind.IRON, "Iron", 65.0, listOf(), 2, false, "2026-11-01", null))
        q.addHabit(IntakeKind.TEA, "15:00")
        q.logEvent(intake("2026-11-21T09:10"))
        q.logEvent(EventInput("2026-11-21T10:30", EventKind.Dose(iron.info.id), null))
        return q
    }

    /** The whole diary as its export, byte for byte (the clock is fixed). */
    private fun wholeDiary(q: QuietLegs): ByteArray {
        val f = Files.createTempDirectory("ql-snap").resolve("snapshot.json")
        q.exportJson(f.toString(), null)
        return Files.readAllBytes(f)
    }

    @Test fun eachBadInputIsATypedErrorNamingTheFieldAndTheDiaryIsUnchanged() {
        val q = fullDiary()
        val before = wholeDiary(q)
        val cases: List<Pair<String, () -> Unit>> = listOf(
            "severity" to { q.logNight(quickNight("2026-11-20", 11)) },
            "IRLS items" to { q.logNight(quickNight("2026-11-20", 1).copy(irlsItems = listOf(5, 0, 0, 0, 0, 0, 0, 0, 0, 0))) },
            "night date" to { q.logNight(quickNight("2026-11-30", 2)) },
            "night date" to { q.logNight(quickNight("20-11-2026", 2)) },
            "onset" to { q.logNight(quickNight("2026-11-19", 2).copy(onset = "25:10")) },
            "lab value" to { q.addLab(LabInput(Analyte.FERRITIN, -3.0, "ng/mL", "2026-11-01")) },
            "lab unit" to { q.addLab(LabInput(Analyte.FERRITIN, 42.0, "mg/dL", "2026-11-01")) },
            // The profile: every field that is parsed.
            "time zone" to { q.setProfile(anotherProfile(tz = "Mars/Olympus")) },
            "bedtime" to { q.setProfile(anotherProfile(bed = "23:60")) },
            "wake time" to { q.setProfile(anotherProfile(wake = "7am")) },
            "breakfast" to { q.setProfile(anotherProfile(breakfast = "24:00")) },
            "lunch" to { q.setProfile(anotherProfile(lunch = "noon")) },
            "dinner" to { q.setProfile(anotherProfile(dinner = "19:0x")) },
            // Events: the time, the note.
            "time" to { q.logEvent(intake("yesterday")) },
            "time" to { q.logEvent(intake("2026-11-23T09:00")) },
            "note" to { q.logEvent(intake("2026-11-21T11:00", "x".repeat(4001))) },
        )
        for ((field, call) in cases) {
            val e = assertThrows<QuietLegsException.InvalidInput>(call)
            assertEquals(field, e.field)
            assertTrue("refused $field changed the diary", before.contentEquals(wholeDiary(q)))
        }
        val e = assertThrows<QuietLegsException.NotFound> {
            q.logEvent(EventInput("2026-11-21T09:00", EventKind.Dose("no-such-id"), null))
        }
        assertEquals("no-such-id", e.id)
        assertTrue(before.contentEquals(wholeDiary(q)))
    }

    @Test fun aDiaryFromANewerAppIsRefusedAsNewerDatabaseAndLeftAsItWas() {
        val path = Files.createTempDirectory("ql-newer").resolve("diary.db")
        QuietLegs.openWithClock(path.toString(), FixedTestClock()).use { it.logNight(quickNight("2026-11-19", 4)) }
        assertTrue("closed cleanly: no WAL left over", !Files.exists(Path.of("$path-wal")) || Files.size(Path.of("$path-wal")) == 0L)
        // The schema version is SQLite's user_version: four big-endian bytes at offset 60.
        val supported = RandomAccessFile(path.toFile(), "rw").use { f ->
            f.seek(60)
            val v = f.readInt()
            f.seek(60)
            f.writeInt(v + 1)
            v
        }
        val before = Files.readAllBytes(path)
        val e = assertThrows<QuietLegsException.NewerDatabase> { QuietLegs.open(path.toString()) }
        assertEquals((supported + 1).toUInt(), e.found)
        assertEquals(supported.toUInt(), e.supported)
        assertTrue(before.contentEquals(Files.readAllBytes(path)))
    }

    @Test fun aDoseOfAnUnknownRegimenItemIsNotFound() {
        val q = freshDiary()
        assertThrows<QuietLegsException.NotFound> {
            q.logEvent(EventInput("2026-11-21T09:00:00Z", EventKind.Dose("no-such-id"), null))
        }
    }

    @Test fun aTombstonedRecordDisappears() {
        val q = freshDiary()
        val n = q.logNight(quickNight("2026-11-19", 4))
        q.logNight(quickNight("2026-11-20", 5))
        q.delete(n.info.id)
        assertEquals(listOf("2026-11-20"), q.nights(null, null).map { it.nightDate })
        assertThrows<QuietLegsException.NotFound> { q.delete(n.info.id) }
    }

    @Test fun aFileThatIsNotADiaryIsRefusedAndKept() {
        val f = Files.createTempFile("notes", ".db")
        Files.writeString(f, "shopping list\n".repeat(100))
        val before = Files.readAllBytes(f)
        assertThrows<QuietLegsException.NotAQuietLegsDatabase> { QuietLegs.open(f.toString()) }
        assertTrue(before.contentEquals(Files.readAllBytes(f)))
    }
}
