// The shared scenario fixtures through the Kotlin bindings: the same answers as Rust and Python.
package org.quietlegs.tests

import java.io.File
import java.nio.file.Files
import java.time.Instant
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Test
import org.quietlegs.core.*

class ScenarioTest {
    private val dir = File(System.getProperty("quietlegs.scenarios") ?: "tests/scenarios")

    private fun upper(s: Any?) = (s as String).uppercase()

    /** A regimen entry of a fixture as the API's input. */
    private fun regimenInput(r: Map<String, Any?>) = RegimenInput(
        kind = RegimenKind.valueOf(upper(r["kind"])),
        name = r["name"] as String,
        doseMg = r["dose_mg"] as Double?,
        times = r["times"].arr().map { it as String },
        everyNDays = (r["every_n_days"] as Double).toInt(),
        withVitaminC = r["with_vitamin_c"] as Boolean? ?: false,
        startDate = r["start_date"] as String?,
        stopDate = null,
        startDateUnknown = r["start_date_unknown"] as Boolean? ?: false,
    )

    /** The ten item scores of a fixture's weekly IRLS rating. */
    private fun irlsItems(w: Map<String, Any?>) = w["items"].arr().map { (it as Double).toInt().toByte() }.toByteArray()

    /** A diary set up as the fixture describes. */
    private fun open(sc: Map<String, Any?>): QuietLegs {
        val clock = object : Clock {
            override fun nowMillis() = Instant.parse(sc["now"] as String).toEpochMilli()
        }
        val q = QuietLegs.openWithClock(Files.createTempDirectory("ql-sc").resolve("s.db").toString(), clock)
        val p = sc["profile"].obj()
        val routine = (p["routine"] as List<*>?)?.let { r ->
            Routine(warmBath = "warm_bath" in r, warmSocks = "warm_socks" in r, movement = "movement" in r, exerciseCutoff = "exercise_cutoff" in r)
        }
        q.setProfile(ProfileSettings(p["time_zone"] as String, p["bedtime"] as String, p["wake_time"] as String,
            p["breakfast"] as String?, p["lunch"] as String?, p["dinner"] as String?,
            p["pregnant"] as Boolean? ?: false, p["kidney_disease"] as Boolean? ?: false,
            malabsorption = p["malabsorption"] as Boolean? ?: false,
            dueDate = p["due_date"] as String?,
            dialysis = p["dialysis"] as Boolean? ?: false,
            birthDate = p["birth_date"] as String?,
            haemochromatosis = p["haemochromatosis"] as Boolean? ?: false,
            thalassaemia = p["thalassaemia"] as Boolean? ?: false,
            regularTransfusions = p["regular_transfusions"] as Boolean? ?: false,
            sex = (p["sex"] as String?)?.let { Sex.valueOf(it.uppercase()) },
            routine = routine))
        for (r in sc["regimen"].arr().map { it.obj() }) {
            val entry = q.addRegimen(regimenInput(r))
            // "doses_logged_through": a dose at 09:00 on every dose day up to that date (SPEC §2.1).
            val through = r["doses_logged_through"] as String? ?: continue
            var day = java.time.LocalDate.parse(r["start_date"] as String)
            val step = ((r["every_n_days"] as Number?)?.toLong() ?: 1L).coerceAtLeast(1L)
            while (!day.isAfter(java.time.LocalDate.parse(through))) {
                q.logEvent(EventInput("${day}T09:00", EventKind.Dose(entry.info.id), null))
                day = day.plusDays(step)
            }
        }
        for (h in (sc["habits"] ?: listOf<Any?>()).arr().map { it.obj() }) {
            q.addHabit(IntakeKind.valueOf(upper(h["intake"])), h["at"] as String)
        }
        for (e in (sc["events"] ?: listOf<Any?>()).arr().map { it.obj() }) {
            q.logEvent(EventInput(e["at"] as String, EventKind.Intake(IntakeKind.valueOf(upper(e["intake"]))), null))
        }
        for (l in (sc["labs"] ?: listOf<Any?>()).arr().map { it.obj() }) {
            q.addLab(LabInput(Analyte.valueOf(upper(l["analyte"])), l["value"] as Double, l["unit"] as String, l["taken_on"] as String))
        }
        // IV iron infusions and weekly IRLS ratings (the same keys the Rust and Python suites read).
        for (e in (sc["iv_iron"] ?: listOf<Any?>()).arr().map { it.obj() }) {
            q.logEvent(EventInput(e["at"] as String, EventKind.IvIron(IvIronFormulation.valueOf(upper(e["formulation"]))), null))
        }
        for (w in (sc["weekly_irls"] ?: listOf<Any?>()).arr().map { it.obj() }) {
            q.logWeeklyIrls(irlsItems(w), w["week_ending"] as String)
        }
        (sc["augmentation_answers"] as Map<*, *>?)?.let { a ->
            q.setAugmentationAnswers(AugmentationAnswers(
                usualOnset = a["usual_onset"] as String?,
                severityWhenItWorked = (a["severity_when_it_worked"] as Double?)?.toInt()?.toUByte(),
                spreadBeyondLegsBefore = a["spread_beyond_legs_before"] as Boolean?,
                reliefHoursAtStart = a["relief_hours_at_start"] as Double?,
                reliefHoursNow = a["relief_hours_now"] as Double?,
                doseIncreases = (a["dose_increases"] as Double?)?.toInt()?.toUInt(),
                answeredOn = null,
            ))
        }
        for (n in (sc["nights"] ?: listOf<Any?>()).arr().map { it.obj() }) {
            q.logNight(quickNight(n["night_date"] as String, (n["quick_severity"] as Double).toInt()).copy(
                onset = n["onset"] as String?,
                bodyAreas = (n["body_areas"] ?: listOf<Any?>()).arr().map { BodyArea.valueOf(upper(it)) },
                triggers = n["triggers"].arr().map { Trigger.valueOf(upper(it)) },
            ))
        }
        return q
    }

    private fun fixtures(sub: String) =
        File(dir, sub).listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }.map { MiniJson.parse(it.readText()).obj() }

    @Test fun everyPlannerFixtureHolds() {
        val all = fixtures("")
        assertTrue("scenarios in $dir", all.size >= 5)
        for (sc in all) {
            val name = sc["name"] as String
            val q = open(sc)
            val x = sc["expect"].obj()
            val plan = q.plan(sc["date"] as String)
            val iron = plan.iron
            assertEquals(name, IronStatus.valueOf(upper(x["iron_status"])), iron.status)
            (x["iron_start"] as String?)?.let { assertEquals(name, it, iron.start!!.local) }
            (x["iron_end"] as String?)?.let { assertEquals(name, it, iron.end!!.local) }
            val want = x["explanation_contains"] as String
            assertTrue("$name: ${iron.explanation} lacks $want", iron.explanation.contains(want))
            (x["with_vitamin_c"] as Boolean?)?.let { assertEquals(name, it, iron.withVitaminC) }
            (x["iron_reminder_contains"] as String?)?.let { want ->
                val why = plan.items.filter { it.kind == ReminderKind.IRON }.map { it.why }
                assertTrue("$name: $why lacks $want", why.any { it.contains(want) })
            }
            (x["bed"] as String?)?.let { assertEquals(name, it, plan.bed.local) }
            (x["flags_contain"] as String?)?.let { f -> assertTrue("$name: ${iron.flags}", iron.flags.any { it.contains(f) }) }
            for (c in x["checks"].arr().map { it.obj() }) {
                val r = q.checkIntake(c["what"] as String, c["at"] as String?)
                assertEquals("$name: $c", c["conflict"] as Boolean, r.conflict)
                (c["earliest_ok"] as String?)?.let { assertEquals("$name: $c", it, r.earliestOk!!.local) }
                // "earliest_ok": null — a prescribed medicine is never moved; iron moves instead.
                if (c.containsKey("earliest_ok") && c["earliest_ok"] == null) assertNull("$name: $c", r.earliestOk)
                (c["iron_ok"] as String?)?.let { assertEquals("$name: $c", it, r.ironOk!!.local) }
                (c["message_contains"] as String?)?.let { assertTrue("$name: ${r.message} lacks $it", r.message.contains(it)) }
            }
            for (c in (x["refused_checks"] ?: listOf<Any?>()).arr().map { it.obj() }) {
                val e = assertThrows<QuietLegsException.InvalidInput> { q.checkIntake(c["what"] as String, c["at"] as String?) }
                assertEquals("$name: $c", c["field"] as String, e.field)
                assertTrue("$name: ${e.reason}", e.reason.contains(c["contains"] as String))
            }
            for (r in (x["refused_regimen"] ?: listOf<Any?>()).arr().map { it.obj() }) {
                val before = q.regimen().size
                val e = assertThrows<QuietLegsException.InvalidInput> { q.addRegimen(regimenInput(r)) }
                assertEquals("$name: $r", r["field"] as String, e.field)
                assertTrue("$name: ${e.reason}", e.reason.contains(r["contains"] as String))
                assertEquals("$name: written anyway", before, q.regimen().size)
            }
            for (w in (x["regimen_warnings"] ?: listOf<Any?>()).arr().map { it.obj() }) {
                val item = q.regimen().first { it.name == w["name"] as String }
                assertTrue("$name: ${item.warnings}", item.warnings.any { it.contains(w["contains"] as String) })
            }
            for (m in (x["medicine_checks"] ?: listOf<Any?>()).arr().map { it.obj() }) {
                val info = q.checkMedicineForProfile(m["name"] as String).single()
                (m["generic"] as String?)?.let { assertEquals("$name: $m", it, info.generic) }
                assertTrue("$name: ${info.details} lacks ${m["contains"]}", info.details.contains(m["contains"] as String))
                (m["excludes"] as String?)?.let { assertFalse("$name: ${info.details} has $it", info.details.contains(it)) }
            }
        }
    }

    @Test fun everyStatusFixtureHolds() {
        val all = fixtures("status")
        assertTrue(all.isNotEmpty())
        for (sc in all) {
            val name = sc["name"] as String
            val q = open(sc)
            val x = sc["expect"].obj()
            val st = q.status(sc["date"] as String)
            assertEquals(name, IronAdvice.valueOf(upper(x["advice"])), st.iron.advice)
            assertTrue(name, st.iron.headline.contains(x["headline_contains"] as String))
            assertEquals(name, x["projected_target_date"] as String?, st.iron.projectedTargetDate)
            assertEquals(name, x["flags"].arr().map { FlagKind.valueOf(upper(it)) }, st.flags.map { it.kind })
            assertEquals(name, x["augmentation_applicable"] as Boolean, st.augmentation.applicable)
            for (want in (x["notes_contain"] ?: listOf<Any?>()).arr().map { it as String }) {
                assertTrue("$name: no note contains $want", st.iron.notes.any { it.contains(want) })
            }
            for (unwanted in (x["notes_exclude"] ?: listOf<Any?>()).arr().map { it as String }) {
                assertTrue("$name: a note contains $unwanted", st.iron.notes.none { it.contains(unwanted) })
            }
            val excluded = (x["plan_excludes"] ?: listOf<Any?>()).arr().map { upper(it) }
            if (excluded.isNotEmpty()) {
                val kinds = q.plan(sc["date"] as String).items.map { it.kind.name }
                assertTrue("$name: plan is empty", kinds.isNotEmpty())
                assertTrue("$name: plan has one of $excluded: $kinds", kinds.none { it in excluded })
            }
            (x["augmentation_flagged"] as Boolean?)?.let { assertEquals(name, it, st.augmentation.flagged) }
            for (want in (x["augmentation_message_contains"] ?: listOf<Any?>()).arr()) {
                assertTrue("$name: ${st.augmentation.message} lacks $want", st.augmentation.message.contains(want as String))
            }
            (x["augmentation_verdict"] as String?)?.let { assertEquals(name, it, st.augmentation.verdict.name.lowercase()) }
            for (unwanted in (x["augmentation_message_excludes"] ?: listOf<Any?>()).arr()) {
                assertFalse("$name: ${st.augmentation.message} holds $unwanted", st.augmentation.message.contains(unwanted as String))
            }
            for (want in (x["augmentation_missing_contains"] ?: listOf<Any?>()).arr()) {
                assertTrue("$name: ${st.augmentation.missing} lacks $want", st.augmentation.missing.any { it.contains(want as String) })
            }
            (x["slope_results"] as Double?)?.let { assertEquals(name, it.toInt().toUInt(), st.iron.slopeResults) }
            if ("slope_since" in x) assertEquals(name, x["slope_since"] as String?, st.iron.slopeSince)
            for (w in (x["refused_weekly_irls"] ?: listOf<Any?>()).arr().map { it.obj() }) {
                val before = q.weeklyIrlsHistory().map { it.label }
                val e = assertThrows<QuietLegsException.InvalidInput> { q.logWeeklyIrls(irlsItems(w), w["week_ending"] as String) }
                assertEquals("$name: $w", w["field"] as String, e.field)
                assertEquals("$name: written anyway", before, q.weeklyIrlsHistory().map { it.label })
            }
            (x["regimen_warning_for"] as String?)?.let { med ->
                assertTrue(name, q.regimen().first { it.name == med }.warnings.isNotEmpty())
            }
        }
    }

    @Test fun catalogAndScreenerThroughKotlin() {
        val tylenol = checkMedicine("Tylenol PM").single()
        assertEquals("diphenhydramine", tylenol.generic)
        assertEquals(MedicineEffect.WORSENS_RLS, tylenol.effect)
        assertEquals(MatchKind.TYPO, checkMedicine("difenhydramine").single().matchKind)
        // The effect follows the AASM 2025 stance (fresh review of #15); the newest class arrives.
        val cabergoline = checkMedicine("cabergoline").single()
        assertEquals(AasmStance.STRONG_AGAINST, cabergoline.aasmStance)
        assertEquals("used for RLS, but AASM 2025 recommends against it", cabergoline.effectHeading)
        assertTrue(cabergoline.effectLine.contains("recommends against"))
        val piribedil = checkMedicine("piribedil").single()
        assertEquals(DrugClass.UNGRADED_DOPAMINE_AGONIST, piribedil.`class`)
        assertNull(piribedil.aasmStance)
        val r = screenRls(ScreenAnswers(true, true, false, true, true))
        assertFalse(r.consistentWithRls)
        assertEquals(listOf("relief by movement"), r.missing)
    }
}
