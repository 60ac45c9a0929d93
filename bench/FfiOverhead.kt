// FFI call overhead through the Kotlin bindings, beside a pure-Kotlin call in the same run.
import java.nio.file.Files
import org.quietlegs.core.QuietLegs
import org.quietlegs.core.coreVersion

fun pureVersion(): String = "0.1.0"

fun perCall(n: Int, f: () -> Any): Double {
    repeat(n) { f() } // warm-up (JIT)
    var best = Long.MAX_VALUE
    repeat(5) {
        val t0 = System.nanoTime()
        repeat(n) { f() }
        best = minOf(best, System.nanoTime() - t0)
    }
    return best.toDouble() / n
}

fun main() {
    val q = QuietLegs.open(Files.createTempDirectory("ql-ffi").resolve("o.db").toString())
    val n = 20000
    println("kotlin  pure call                 %8.0f ns".format(perCall(n) { pureVersion() }))
    println("kotlin  coreVersion() via FFI     %8.0f ns".format(perCall(n) { coreVersion() }))
    println("kotlin  q.deviceId() via FFI      %8.0f ns".format(perCall(n) { q.deviceId() }))
    println("kotlin  q.plan(null) via FFI      %8.0f ns".format(perCall(200) { q.plan(null) }))
}
