//! Workbook bytes that are the same on every system.
//!
//! rust_xlsxwriter packs a workbook with the zip crate, which marks each
//! entry as made on the system it runs on: the high byte of "version made
//! by" in the central directory is 3 (Unix) on Linux and macOS, 0 (DOS) on
//! Windows. Nothing else differs, for files that are readable, as a
//! workbook's parts are. So every entry is marked as made on Unix,
//! wherever briefing runs, and a workbook made on Windows has the bytes of
//! one made on Linux.

/// The signature of a central directory entry.
const CENTRAL_ENTRY: [u8; 4] = *b"PK\x01\x02";
/// The signature of the end of the central directory.
const END_OF_DIRECTORY: [u8; 4] = *b"PK\x05\x06";
/// "Version made by": made on Unix.
const UNIX: u8 = 3;

/// The zip compression level of the workbooks: Excel's own (rust_xlsxwriter
/// defaults to 6). A summary of 100,000 indicators is made in four fifths
/// of the time, into a file a tenth larger.
const ZIP_LEVEL: u8 = 3;

/// The bytes of `workbook`, the same on every system.
///
/// # Errors
///
/// An [`XlsxError`](rust_xlsxwriter::XlsxError) if rust_xlsxwriter cannot
/// write the workbook.
pub fn save(
    workbook: &mut rust_xlsxwriter::Workbook,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    workbook.set_zip_compression_level(ZIP_LEVEL);
    workbook.save_to_buffer().map(made_on_unix)
}

/// Marks every entry of the zip archive `bytes` as made on Unix; bytes
/// that are not such an archive are left as they are. The Word copy is
/// such an archive too.
pub fn made_on_unix(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(end) = bytes.windows(4).rposition(|w| w == END_OF_DIRECTORY) else {
        return bytes;
    };
    let u16_at = |bytes: &[u8], at: usize| {
        bytes
            .get(at..at + 2)
            .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let entries = u16_at(&bytes, end + 10);
    let mut at = bytes
        .get(end + 16..end + 20)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    for _ in 0..entries {
        if bytes.get(at..at + 4) != Some(&CENTRAL_ENTRY[..]) || at + 46 > bytes.len() {
            break;
        }
        bytes[at + 5] = UNIX;
        let lengths = u16_at(&bytes, at + 28) + u16_at(&bytes, at + 30) + u16_at(&bytes, at + 32);
        at += 46 + lengths;
    }
    bytes
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::System;
    use zip::write::{SimpleFileOptions, ZipWriter};

    use super::made_on_unix;

    /// A small archive whose entries say they were made on `system`.
    fn archive(system: System) -> Vec<u8> {
        let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .unix_permissions(0o600)
            .system(system);
        for (name, text) in [
            ("[Content_Types].xml", "<Types/>"),
            ("xl/工作表.xml", "数据"),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn an_archive_made_on_windows_gets_the_bytes_of_one_made_on_unix() {
        let (dos, unix) = (archive(System::Dos), archive(System::Unix));
        assert_ne!(dos, unix);
        assert_eq!(made_on_unix(dos), unix);
        assert_eq!(made_on_unix(unix.clone()), unix);
    }

    #[test]
    fn bytes_that_are_no_archive_stay_as_they_are() {
        for bytes in [
            &b""[..],
            b"PK\x05\x06",
            b"PK\x05\x06\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
        ] {
            assert_eq!(made_on_unix(bytes.to_vec()), bytes);
        }
    }
}
