//! Helpers shared by the integration tests, one concern a module:
//! [`paths`] (where the files are), [`process`] (running the binary),
//! [`pdf`] (a PDF's text), [`words`] (a PDF's word boxes), [`workbooks`]
//! (writing test workbooks), [`regions`] (generated batches of regions),
//! [`http`] (talking to `briefing serve`). The benchmarks include the
//! modules they need by path.
#![allow(dead_code, unused_imports)]

pub mod http;
pub mod paths;
pub mod pdf;
pub mod process;
pub mod regions;
pub mod words;
pub mod workbooks;

pub use paths::{dump_template, font_cache, root, sample};
pub use pdf::{
    assert_line, fold_punctuation, is_han, pdf_body_text, pdf_lines, pdf_page_count,
    pdf_page_lines, pdf_raw_lines, squeeze,
};
pub use process::{briefing, compile_into, compile_ok, printed_text, text};
pub use regions::{
    OVERVIEW_INDICATORS, overview_figure, region_gdp, region_name, region_yoy,
    write_overview_workbook, write_regions_workbook,
};
pub use words::{Page, Word, ink_box, pdf_words, word_problems};
pub use workbooks::{
    Cell, CountyMonth, add_county_month, planted_sample, rebuilt_fixture, sample_with,
    write_county_month, write_workbook,
};
