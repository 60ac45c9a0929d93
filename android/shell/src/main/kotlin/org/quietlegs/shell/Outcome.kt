package org.quietlegs.shell

import org.quietlegs.core.InternalException
import org.quietlegs.core.QuietLegsException

/** A failed call as the person reads it: one sentence, and the field to correct when known. */
data class Problem(val message: String, val field: String? = null)

/** What a screen gets back from the core: the value, or the problem to show. Never a crash. */
sealed interface Outcome<out T> {
    data class Done<T>(val value: T) : Outcome<T>
    data class Failed(val problem: Problem) : Outcome<Nothing>
}

/** Runs one core call; its typed errors become a [Problem]. */
inline fun <T> attempt(block: () -> T): Outcome<T> =
    try {
        Outcome.Done(block())
    } catch (e: QuietLegsException) {
        Outcome.Failed(e.toProblem())
    } catch (e: InternalException) {
        // A Rust panic caught at the boundary: the call failed as a whole, the diary is unchanged.
        Outcome.Failed(Problem("Something went wrong inside QuietLegs (${e.message}). Nothing was changed."))
    }

inline fun <T, R> Outcome<T>.then(next: (T) -> Outcome<R>): Outcome<R> = when (this) {
    is Outcome.Done -> next(value)
    is Outcome.Failed -> this
}

fun <T> Outcome<T>.valueOrNull(): T? = (this as? Outcome.Done)?.value

/** The core's error cases in words a patient can act on; each says whether anything changed. */
fun QuietLegsException.toProblem(): Problem = when (this) {
    is QuietLegsException.InvalidInput -> Problem("Check the $field: $reason.", field)
    is QuietLegsException.NotFound ->
        Problem("That $what is no longer in the diary (it may have been deleted on another device).")
    is QuietLegsException.NewerDatabase -> Problem(
        "This diary was written by a newer QuietLegs (schema $found; this app reads up to $supported). " +
            "Update the app. Your diary was left untouched.",
    )
    is QuietLegsException.NotAQuietLegsDatabase ->
        Problem("The diary file is not a QuietLegs diary and was left untouched: $reason.")
    is QuietLegsException.Storage -> Problem("The diary could not be saved ($reason). Nothing was changed.")
    is QuietLegsException.InvalidFile -> Problem("This file cannot be imported: $reason. Nothing was changed.")
    is QuietLegsException.WrongPassphrase ->
        Problem("Wrong passphrase, or the file is damaged. Nothing was changed.", "passphrase")
    is QuietLegsException.Io -> Problem("The file could not be read or written: $reason.")
    is QuietLegsException.Busy ->
        Problem("The diary is busy in another app or window. Nothing was changed; try again in a moment.")
    is QuietLegsException.Damaged -> Problem(
        "The diary file is damaged ($reason) and was not written to. " +
            "Rescue copies what can still be read into a new diary.",
    )
    is QuietLegsException.ReadOnly -> Problem("The diary cannot be written ($reason). Nothing was changed.")
    is QuietLegsException.FileTooLarge ->
        Problem("This file is too large to be a QuietLegs export ($size bytes). It was not read.")
    is QuietLegsException.EncryptionFailed -> Problem("The file could not be encrypted ($reason). Nothing was written.")
}
