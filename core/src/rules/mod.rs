//! Pure rules: (state, now, time zone) → answer with reasons. No I/O, no clock reads, no SQL.

pub mod day;
pub mod evidence;
