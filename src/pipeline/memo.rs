//! Keeping Typst's memoization small: the one place the pipeline tells it
//! to forget.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How many compiles a result of Typst's memoization outlives unused.
const CACHE_AGE: usize = 10;

/// Forgets the results of Typst's memoization that the last
/// [`CACHE_AGE`] compiles did not use; called after each compile.
///
/// Typst memoizes in a process-wide cache, where every report of a batch
/// adds its results under the same keys: without forgetting old ones,
/// memory grows with each report (200 reports: 270 MB instead of 140 MB)
/// and lookups slow down. Results a compile still uses are never old;
/// Typst's command line does the same after each compile.
pub(super) fn forget_old() {
    typst::comemo::evict(CACHE_AGE);
}

/// How often, while the overview is laid out, Typst's memoization is
/// told to forget what it has not used since the last time.
const FORGET_EVERY: Duration = Duration::from_millis(10);

/// Runs `work` (one Typst compile) while another thread keeps Typst's
/// memoization small: every [`FORGET_EVERY`] it forgets the results not
/// used since the time before. A compile keeps every intermediate result
/// (each table cell laid out, and what it depended on) until it ends,
/// and the overview of 200 regions of the sample peaked at 1.3 GB, the
/// reports before it at 0.2 GB; forgetting every 50 ms halved that, for
/// about a tenth more CPU time (some results are made again), and every
/// 10 ms took the peak of 2,800 regions from 959 to 899 MB. Forgetting
/// is always safe: a result forgotten is made again when needed.
pub(super) fn forgetting_as_it_goes<T>(work: impl FnOnce() -> T) -> T {
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(FORGET_EVERY);
                typst::comemo::evict(1);
            }
        });
        let out = work();
        done.store(true, Ordering::Relaxed);
        out
    })
}
