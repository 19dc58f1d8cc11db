//! What the benchmarks report of their timings.

use std::time::Duration;

/// The median of `values` (times, or milliseconds): the benchmarks
/// report it.
pub fn median<T: Copy + PartialOrd>(mut values: Vec<T>) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).expect("no NaN among the times"));
    values[values.len() / 2]
}

/// `d` in milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
