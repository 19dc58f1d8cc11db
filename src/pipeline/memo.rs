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

/// How often, while a large overview is laid out, Typst's memoization is
/// told to forget what it has not used since the last time.
const FORGET_EVERY: Duration = Duration::from_millis(10);

/// Up to how many regions an overview is laid out with Typst's
/// memoization kept whole; a larger one forgets as it goes.
const WHOLE_UP_TO: usize = 500;

/// Runs `work`, the layout of the overview of `regions` regions (one Typst
/// compile), keeping its memory bounded in a large batch.
///
/// Typst lays a document out twice: the page numbers and running headers
/// of the first layout's pages are only known after it, and the second
/// layout reuses every part of the first that did not depend on them (the
/// tables). A compile keeps every intermediate result (each table cell
/// laid out, and what it depended on) until it ends: without forgetting,
/// the overview of the sample peaked at 780 MB at 200 regions, 840 MB at
/// 400, 991 MB at 1,000 and 1.2 GB at 2,800. Beyond [`WHOLE_UP_TO`]
/// regions another thread tells Typst every [`FORGET_EVERY`] to forget the
/// results not used since the time before: 2,800 regions then peak under
/// 900 MB, but the second layout finds nothing to reuse and the overview
/// takes twice as long (200 regions: 7.0 s instead of 3.6 s on one core).
/// Forgetting is always safe: a result forgotten is made again when
/// needed.
pub(super) fn overview_layout<T>(regions: usize, work: impl FnOnce() -> T) -> T {
    if regions <= WHOLE_UP_TO {
        return work();
    }
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
