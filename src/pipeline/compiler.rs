//! The [`Compiler`]: what every compile of a run shares, the fonts and
//! the parsed templates, each loaded once when first needed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use super::artifacts::OutputNames;
use super::batch::{self, Batch, Report};
use super::options::{Options, Timings, timed};
use crate::model::{Briefing, ReportKey};
use crate::output::parent_folder;
use crate::typeset::{self, BUILTIN_TEMPLATES, Fonts, Template, TemplateSource, TypesetError};
use crate::workbook::ReadError;

/// Compiles reports: holds the options and what every compile shares,
/// the fonts and the templates. Safe to use from several threads at once.
///
/// ```no_run
/// use briefing::pipeline::{Compiler, Options};
///
/// let compiler = Compiler::new(Options::default());
/// let batch = compiler.read("data/兰州市2020年上半年成绩单.xlsx".as_ref())?;
/// let compiled = compiler.compile(&batch, &batch.reports[0]);
/// assert!(compiled.succeeded());
/// briefing::output::write_set(&compiled.artifacts)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Compiler {
    /// The embedded fonts alone, for templates that name nothing else;
    /// loaded when first needed.
    embedded: OnceLock<Fonts>,
    /// The embedded fonts with those of `--font-path` and, unless turned
    /// off, those installed on the machine; loaded when first needed.
    installed: OnceLock<Fonts>,
    options: Options,
    /// Templates by name or path, each loaded and parsed once.
    templates: Mutex<HashMap<String, Arc<Template>>>,
    /// The overview template of each of them, by the same name.
    overviews: Mutex<HashMap<String, Overview>>,
}

/// The template of a batch's overview, with the file it was looked for in
/// on disk (for a folder template).
type Overview = (Arc<Template>, Option<PathBuf>);

impl Compiler {
    /// A compiler that works as `options` say. Nothing is loaded yet: fonts
    /// and templates are, once, when a compile first needs them.
    pub fn new(options: Options) -> Compiler {
        Compiler {
            embedded: OnceLock::new(),
            installed: OnceLock::new(),
            options,
            templates: Mutex::new(HashMap::new()),
            overviews: Mutex::new(HashMap::new()),
        }
    }

    /// The options it was made with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Reads a workbook with this compiler's options; see [`batch::read`].
    ///
    /// # Errors
    ///
    /// [`ReadError`] as [`batch::read`].
    pub fn read(&self, path: &Path) -> Result<Batch, ReadError> {
        batch::read(path, &self.options.read)
    }

    /// Loads the embedded fonts now (a caller can do so while it reads the
    /// workbooks); returns how long that took, zero if they were loaded.
    pub fn preload_fonts(&self) -> Duration {
        let mut took = Duration::ZERO;
        self.embedded
            .get_or_init(|| timed(&mut took, Fonts::embedded));
        took
    }

    /// The fonts `template` is set with, loaded on first use (the time it
    /// takes goes to `timings.fonts`). A built-in template whose font
    /// roles are all embedded families needs no installed font, so the
    /// machine's fonts are not even looked at for it.
    pub(super) fn fonts_for(&self, template: &Template, timings: &mut Timings) -> &Fonts {
        let embedded = self
            .embedded
            .get_or_init(|| timed(&mut timings.fonts, Fonts::embedded));
        let embedded_only = self.options.font_paths.is_empty()
            && matches!(template.files(), TemplateSource::Builtin(t) if t.roles.is_empty());
        if embedded_only {
            return embedded;
        }
        self.installed.get_or_init(|| {
            timed(&mut timings.fonts, || {
                embedded.with_installed(
                    self.options.system_fonts,
                    &self.options.font_paths,
                    self.options.font_cache.clone(),
                )
            })
        })
    }

    /// The names of the files of `report` of `batch`.
    pub fn output_names(&self, batch: &Batch, report: &Report) -> OutputNames {
        OutputNames::new(&self.out_dir(batch), &report.name)
    }

    /// The folder a batch's outputs go to.
    pub fn out_dir(&self, batch: &Batch) -> PathBuf {
        self.options
            .out_dir
            .clone()
            .unwrap_or_else(|| parent_folder(&batch.path).join("out"))
    }

    /// The template of a report, loaded once per name: `--template`, else
    /// the workbook's 模板 (a path relative to the workbook), else the
    /// default.
    pub(super) fn template(
        &self,
        batch: &Batch,
        briefing: &Briefing,
    ) -> Result<Arc<Template>, TypesetError> {
        let wanted = self.wanted_template(batch, briefing)?;
        let mut templates = self.templates.lock().expect("template cache lock");
        if let Some(template) = templates.get(&wanted) {
            return Ok(template.clone());
        }
        let template = Arc::new(Template::new(typeset::find_template(&wanted)?));
        templates.insert(wanted, template.clone());
        Ok(template)
    }

    /// The template that lays out the overview of `batch`: the
    /// `overview.typ` of its reports' template ([`typeset::overview_template`]),
    /// loaded once per name.
    pub(super) fn overview_template(&self, batch: &Batch) -> Result<Arc<Template>, TypesetError> {
        let wanted = self.wanted_template(batch, &batch.briefing)?;
        if let Some((template, _)) = self
            .overviews
            .lock()
            .expect("overview cache lock")
            .get(&wanted)
        {
            return Ok(template.clone());
        }
        let reports = self.template(batch, &batch.briefing)?;
        let (template, looked_for) = typeset::overview_template(reports.files());
        let template = Arc::new(template);
        self.overviews
            .lock()
            .expect("overview cache lock")
            .insert(wanted, (template.clone(), looked_for));
        Ok(template)
    }

    /// The name or path of the template of a report: `--template`, else
    /// the workbook's 模板 (a path relative to the workbook), else the
    /// default.
    fn wanted_template(&self, batch: &Batch, briefing: &Briefing) -> Result<String, TypesetError> {
        let named = briefing
            .report_value(ReportKey::Template)
            .filter(|t| !t.is_empty());
        let wanted = match (&self.options.template, named) {
            (Some(name), _) => name.clone(),
            (None, Some(name)) if BUILTIN_TEMPLATES.iter().all(|t| t.name != name) => {
                let path = parent_folder(&batch.path).join(name);
                // (A path that is not there is not read: finding the
                // template says so.)
                if let Some(folder) = &self.options.templates_within
                    && path.canonicalize().is_ok_and(|p| !p.starts_with(folder))
                {
                    return Err(TypesetError::OutsideFolder(name.to_string()));
                }
                path.to_string_lossy().into_owned()
            }
            (None, Some(name)) => name.to_string(),
            (None, None) => BUILTIN_TEMPLATES[0].name.to_string(),
        };
        Ok(wanted)
    }

    /// Every template file on disk that the compiles so far have read (or
    /// looked for), for watching them.
    pub fn template_files(&self) -> Vec<PathBuf> {
        let templates = self.templates.lock().expect("template cache lock");
        let overviews = self.overviews.lock().expect("overview cache lock");
        let mut files: Vec<PathBuf> = templates.values().flat_map(|t| t.dependencies()).collect();
        for (template, looked_for) in overviews.values() {
            files.extend(template.dependencies());
            files.extend(looked_for.clone());
        }
        files.sort();
        files.dedup();
        files
    }

    /// Forgets what was read of the template files at `paths` (they changed
    /// on disk), so that the next compile reads them again; every other
    /// file stays as read.
    pub fn forget_files(&self, paths: &[PathBuf]) {
        let templates = self.templates.lock().expect("template cache lock");
        for template in templates.values() {
            template.forget(paths);
        }
        let mut overviews = self.overviews.lock().expect("overview cache lock");
        // An overview.typ made or removed changes which file lays it out.
        overviews
            .retain(|_, (_, looked_for)| looked_for.as_ref().is_none_or(|p| !paths.contains(p)));
        for (template, _) in overviews.values() {
            template.forget(paths);
        }
    }
}
