//! What is refused before calamine reads a file, and the guard around
//! calamine itself: files that would take unbounded memory or time end in
//! a clear error, and a panic inside calamine is a damaged file, never a
//! crash.

use std::io::Cursor;

use super::error::ReadProblem;

/// The most cells with a value a sheet may have: 4 million, the sample's
/// 88 indicators in the long form (a 地区 column) for some 5,000 regions.
/// A batch's reports keep nothing of the workbook of their own, but the
/// workbook is read whole, as cells and as indicators (a few hundred
/// bytes a cell); the area limit below bounds the sheet's size too. With
/// a wide sheet (one row per region) the same figures take a fraction of
/// the cells.
pub(super) const MAX_CELLS: usize = 4_000_000;
/// The largest used range (rows × columns) a sheet may span.
pub(crate) const MAX_AREA: u64 = 5_000_000;
/// The most a single entry of a zipped workbook may inflate to.
const MAX_ENTRY_BYTES: u64 = 256 << 20;
/// The most all entries of a zipped workbook may inflate to together.
const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// The most characters (UTF-16 units, as Excel counts them) a cell may
/// hold: Excel's own limit. Longer text comes from a file no spreadsheet
/// program wrote, and would make every output that quotes it unbounded.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;
/// The largest merged region whose value is copied to all its cells.
pub(super) const MAX_MERGE_CELLS: u64 = 10_000;

/// The first bytes of an OLE container: an Excel 97-2003 file, or an
/// encrypted OOXML one.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether `bytes` are an OLE container.
pub(super) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC)
}

/// Refuses zipped workbooks whose parts would inflate beyond reason (a
/// "zip bomb", or an enormous shared-string table).
pub(super) fn check_zip(bytes: &[u8]) -> Result<(), ReadProblem> {
    // A damaged archive is reported by calamine, with its own words.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        total = total.saturating_add(entry.size());
        if entry.size() > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES {
            return Err(ReadProblem::TooLarge {
                entry: entry.name().map(|n| n.into_owned()).unwrap_or_default(),
                megabytes: entry.size() >> 20,
            });
        }
    }
    Ok(())
}

thread_local! {
    /// Whether this thread is inside [`catch_panic`].
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `None`. The panic hook still runs: a
/// program that does not want the panic printed checks
/// [`panic_is_caught`] in its hook.
pub(super) fn catch_panic<T>(f: impl FnOnce() -> T) -> Option<T> {
    let outer = CATCHING.replace(true);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.set(outer);
    result.ok()
}

/// Whether a panic on this thread happens while a damaged file is read,
/// where it is caught and reported as a damaged file. The command line's
/// panic hook stays quiet then:
///
/// ```no_run
/// let default = std::panic::take_hook();
/// std::panic::set_hook(Box::new(move |info| {
///     if !briefing::workbook::panic_is_caught() {
///         default(info)
///     }
/// }));
/// ```
pub fn panic_is_caught() -> bool {
    CATCHING.get()
}
