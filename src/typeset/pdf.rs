//! PDF export: the standards a PDF conforms to (PDF/A-2b and PDF/UA-1 by
//! default, for archives and screen readers) and its metadata from the
//! 报告 sheet.

use chrono::{Datelike, NaiveDateTime, Timelike};
use typst::foundations::{Datetime, Smart};
use typst::text::{Lang, Locale, Region};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use super::error::TypesetError;

/// A standard a PDF can be made to conform to (`--pdf-standard`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PdfStandard {
    /// Plain PDF 1.7, no further standard.
    V1_7,
    /// PDF/A-2b: archivable (ISO 19005-2, level B).
    A2b,
    /// PDF/A-3b: like A-2b, and may carry attachments.
    A3b,
    /// PDF/UA-1: accessible (ISO 14289-1), tagged for screen readers.
    Ua1,
}

impl PdfStandard {
    /// What briefing makes unless told otherwise.
    pub const DEFAULT: &[PdfStandard] = &[PdfStandard::A2b, PdfStandard::Ua1];

    /// The standard's usual name: `PDF/A-2b`.
    pub fn name(self) -> &'static str {
        match self {
            PdfStandard::V1_7 => "PDF 1.7",
            PdfStandard::A2b => "PDF/A-2b",
            PdfStandard::A3b => "PDF/A-3b",
            PdfStandard::Ua1 => "PDF/UA-1",
        }
    }

    fn typst(self) -> typst_pdf::PdfStandard {
        match self {
            PdfStandard::V1_7 => typst_pdf::PdfStandard::V_1_7,
            PdfStandard::A2b => typst_pdf::PdfStandard::A_2b,
            PdfStandard::A3b => typst_pdf::PdfStandard::A_3b,
            PdfStandard::Ua1 => typst_pdf::PdfStandard::Ua_1,
        }
    }
}

/// What the PDF says about itself (its document information and XMP
/// metadata), from the 报告 sheet. A template's own `set document(..)`
/// wins where it sets a field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// 标题.
    pub title: Option<String>,
    /// 作者, else 发布单位.
    pub author: Option<String>,
    /// The subject: 报告期.
    pub subject: Option<String>,
    /// 关键词, one by one.
    pub keywords: Vec<String>,
    /// The creation date: 日期.
    pub date: Option<NaiveDateTime>,
}

/// Exports a laid-out document as PDF bytes conforming to `standards`,
/// with `metadata` where the template left a field unset; the language is
/// Chinese (China) unless the template says otherwise. The same document,
/// metadata and standards always give the same bytes.
///
/// # Errors
///
/// [`TypesetError::Pdf`] with Typst's messages when the document cannot
/// meet `standards` (PDF/A forbids some content) or cannot be exported.
pub fn pdf(
    document: &PagedDocument,
    metadata: &Metadata,
    standards: &[PdfStandard],
) -> Result<Vec<u8>, TypesetError> {
    let names = || {
        standards
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let list: Vec<typst_pdf::PdfStandard> = standards.iter().map(|s| s.typst()).collect();
    let standards_config = PdfStandards::new(&list).map_err(|_| {
        TypesetError::Pdf(format!(
            "{} 不能同时满足，请在 --pdf-standard 中去掉其中一个",
            names()
        ))
    })?;
    let archival = standards
        .iter()
        .any(|s| matches!(s, PdfStandard::A2b | PdfStandard::A3b));
    if archival && metadata.date.is_none() {
        return Err(TypesetError::Pdf(
            "PDF/A 要求文档有日期，但“报告”表没有“日期”。请填写日期（如 2020年8月4日），或用 --pdf-standard 1.7 生成普通 PDF".into(),
        ));
    }
    if metadata.title.as_deref().is_none_or(str::is_empty) {
        return Err(TypesetError::Pdf(
            "PDF 需要标题，但“报告”表的“标题”是空的。请填写标题".into(),
        ));
    }
    let mut document = document.clone();
    describe(&mut document, metadata);
    let options = PdfOptions {
        creator: Smart::Custom(Some("briefing".into())),
        timestamp: metadata.date.and_then(timestamp),
        standards: standards_config,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        TypesetError::Pdf(format!(
            "文档不符合 {}（{}）。如果是自己写的模板，请按提示修改；或用 --pdf-standard 1.7 生成普通 PDF",
            names(),
            messages.join("；")
        ))
    })
}

/// Fills the document's information from `metadata` where the template
/// left it empty.
fn describe(document: &mut PagedDocument, metadata: &Metadata) {
    let info = document.info_mut();
    if info.title.is_none() {
        info.title = metadata.title.as_deref().map(Into::into);
    }
    if info.author.is_empty() {
        info.author = metadata.author.iter().map(|a| a.as_str().into()).collect();
    }
    if info.description.is_none() {
        info.description = metadata.subject.as_deref().map(Into::into);
    }
    if info.keywords.is_empty() {
        info.keywords = metadata
            .keywords
            .iter()
            .map(|k| k.as_str().into())
            .collect();
    }
    if info.locale.is_auto() {
        let china = "CN".parse::<Region>().ok();
        info.locale = Smart::Custom(Locale::new(Lang::CHINESE, china));
    }
}

/// A date as a PDF timestamp.
fn timestamp(date: NaiveDateTime) -> Option<Timestamp> {
    Datetime::from_ymd_hms(
        date.year(),
        date.month() as u8,
        date.day() as u8,
        date.hour() as u8,
        date.minute() as u8,
        date.second() as u8,
    )
    .map(Timestamp::new_utc)
}
