//! The overview of a batch made per region: its workbook and its PDF,
//! both made from one [`Overview`].

use chrono::NaiveDateTime;

use super::artifacts::{OutputNames, metadata, refuse_overwriting};
use super::batch::{Batch, file_stem};
use super::compiler::Compiler;
use super::error::Error;
use super::memo;
use super::options::{Timings, timed};
use crate::output::{Artifact, ArtifactKind};
use crate::summary::{self, Overview, Status};
use crate::typeset::{self, PdfStandard, TypesetError};

/// The overview of `batch`, from the outcome of each of its reports (in
/// the order of `batch.reports`): its workbook and its PDF, to be written
/// together; none for a batch of one report. The time it takes goes to
/// `timings`.
pub(super) fn overview(
    compiler: &Compiler,
    batch: &Batch,
    outcomes: &[Status],
    timings: &mut Timings,
) -> Result<Vec<Artifact>, Error> {
    if !batch.per_region() {
        return Ok(Vec::new());
    }
    let statuses: Vec<(&str, Status)> = batch
        .reports
        .iter()
        .zip(outcomes)
        .map(|(report, status)| (report.region.as_deref().unwrap_or_default(), status.clone()))
        .collect();
    let stem = file_stem(&batch.path);
    let date = batch.briefing.date().or(compiler.options().fallback_date);
    let overview = Overview::new(&stem, &batch.briefing, &batch.ranks, &statuses);
    let workbook = timed(&mut timings.summary, || {
        summary::overview_workbook(&overview, date)
    })
    .map_err(|source| Error::Summary {
        what: "总览工作簿",
        source,
    })?;
    let pdf =
        overview_pdf(compiler, batch, &overview, date, timings).map_err(Error::OverviewPdf)?;
    let folder = compiler.out_dir(batch);
    let artifacts = vec![
        Artifact {
            kind: ArtifactKind::Overview,
            path: OutputNames::overview(&folder, &stem),
            bytes: workbook,
        },
        Artifact {
            kind: ArtifactKind::OverviewPdf,
            path: OutputNames::overview_pdf(&folder, &stem),
            bytes: pdf,
        },
    ];
    refuse_overwriting(&artifacts, &batch.path)?;
    Ok(artifacts)
}

/// The overview PDF: laid out by the `overview.typ` of the reports'
/// template, to the reports' standards. A character no font can draw is
/// an error of the reports that hold it; the overview is then a plain
/// PDF, as those reports would be with it allowed.
fn overview_pdf(
    compiler: &Compiler,
    batch: &Batch,
    overview: &Overview,
    date: Option<NaiveDateTime>,
    timings: &mut Timings,
) -> Result<Vec<u8>, TypesetError> {
    let template = compiler.overview_template(batch)?;
    let fonts = compiler.fonts_for(&template, timings);
    let document = overview.document();
    let overview = &overview.within(summary::PDF_FIGURES);
    let laid_out = timed(&mut timings.layout, || {
        memo::overview_layout(overview.rows.len(), || {
            typeset::layout_overview(&document, overview, &template, fonts, date)
        })
    });
    memo::forget_old();
    let laid_out = laid_out?;
    let standards = match typeset::missing_characters(&laid_out.document).is_empty() {
        true => compiler.options().pdf_standards.clone(),
        false => vec![PdfStandard::V1_7],
    };
    timed(&mut timings.pdf, || {
        typeset::pdf(&laid_out.document, &metadata(&document, date), &standards)
    })
}
