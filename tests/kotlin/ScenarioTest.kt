// The shared scenario fixtures through the Kotlin bindings: the same answers as Rust and Python.
package org.quietlegs.tests

import java.io.File
import java.nio.file.Files
import java.time.Instant
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import org.quietlegs.core.*

class ScenarioTest {
    private val dir = File(System.getProperty("quietlegs.scenarios") ?: "tests/scenarios")

    private fun intake(name: String) = IntakeKind.valueOf(name.uppercase())

    private fun run(file: File) {
        val sc = MiniJson.parse(file.readText()).obj()
        val name = sc["name"] as String
        val clock = object : Clock {
            override fun nowMillis() = Instant.parse(sc["now"] as String).toEpochMilli()
        }
        val q = QuietLegs.openWithClock(Files.createTempDirectory("ql-sc").resolve("s.db").toString(), clock)
        val p = sc["profile"].obj()
        q.setProfile(ProfileSettings(p["time_zone"] as String, p["bedtime"] as String, p["wake_time"] as String,
            p["breakfast"] as String?, p["lunch"] as String?, p["dinner"] as String?, false, false))
        for (r in sc["regimen"].arr().map { it.obj() }) {
            q.addRegimen(RegimenInput(
                kind = RegimenKind.valueOf((r["kind"] as String).uppercase()),
                name = r["name"] as String,
                doseMg = r["dose_mg"] as Double?,
                times = r["times"].arr().map { it as String },
                everyNDays = (r["every_n_days"] as Double).toInt(),
                withVitaminC = r["with_vitamin_c"] as Boolean? ?: false,
                startDate = r["start_date"] as String?,
                stopDate = null,
            ))
        }
        for (h in sc["habits"].arr().map { it.obj() }) q.addHabit(intake(h["intake"] as String), h["at"] as String)
        for (e in sc["events"].arr().map { it.obj() }) {
            q.logEvent(EventInput(e["at"] as String, EventKind.Intake(intake(e["intake"] as String)), null))
        }
        val x = sc["expect"].obj()
        val plan = q.plan(sc["date"] as String)
        val iron = plan.iron
        assertEquals(name, IronStatus.valueOf((x["iron_status"] as String).uppercase()), iron.status)
        (x["iron_start"] as String?)?.let { assertEquals(name, it, iron.start!!.local) }
        (x["iron_end"] as String?)?.let { assertEquals(name, it, iron.end!!.local) }
        val want = x["explanation_contains"] as String
        assertTrue("$name: ${iron.explanation} lacks $want", iron.explanation.contains(want))
        (x["with_vitamin_c"] as Boolean?)?.let { assertEquals(name, it, iron.withVitaminC) }
        (x["bed"] as String?)?.let { assertEquals(name, it, plan.bed.local) }
        for (c in x["checks"].arr().map { it.obj() }) {
            val r = q.checkIntake(c["what"] as String, c["at"] as String?)
            assertEquals("$name: $c", c["conflict"] as Boolean, r.conflict)
            (c["earliest_ok"] as String?)?.let { assertEquals("$name: $c", it, r.earliestOk!!.local) }
        }
    }

    @Test fun everyScenarioFixtureHolds() {
        val files = dir.listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
        assertTrue("scenarios in $dir", files.size >= 5)
        files.forEach(::run)
    }
}
