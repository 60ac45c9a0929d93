//! The small statistics the augmentation and insight rules share, on the sizes where a wrong
//! middle index or parity test shows (one, two and five values; three and four alone cannot tell
//! `n % 2` from `n / 2`, nor `n / 2` from `n % 2`). Found by mutation testing (docs/TESTING.md).
#![allow(clippy::unwrap_used)]

use quietlegs_core::rules::stats::{mean, median};

#[test]
fn median_of_one_two_and_five_values_in_any_order() {
    assert_eq!(median(vec![7.0]), Some(7.0));
    assert_eq!(median(vec![2.0, 1.0]), Some(1.5));
    assert_eq!(median(vec![5.0, 1.0, 4.0, 2.0, 3.0]), Some(3.0));
    assert_eq!(median(vec![6.0, 1.0, 5.0, 2.0, 4.0, 3.0]), Some(3.5));
    assert_eq!(median(vec![]), None);
}

#[test]
fn mean_of_none_one_and_several_values() {
    assert_eq!(mean(&[]), None);
    assert_eq!(mean(&[4.0]), Some(4.0));
    assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
}
