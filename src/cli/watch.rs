//! `briefing watch`: compile, then compile again whenever a file the last
//! compile read changes (the workbooks, the template's files), until
//! interrupted. The fonts, the template files that did not change and
//! Typst's memoized work stay loaded between compiles; a save that cannot
//! be read or has errors leaves the last good files in place.

use std::time::Instant;

use anyhow::Result;
use briefing::pipeline::Compiler;
use briefing::watcher::{RETRIES, Watcher};

use super::args::CompileArgs;
use super::compile::compile_once;
use super::print::seconds;

/// Watches the workbooks of `args`; returns only on an error.
pub fn watch(args: &CompileArgs) -> Result<bool> {
    let compiler = Compiler::new(args.options());
    let mut watcher = Watcher::new()?;
    let names: Vec<String> = args
        .read
        .workbooks
        .iter()
        .map(|w| w.display().to_string())
        .collect();
    eprintln!(
        "正在监视 {}：每次保存都会重新编译，出错时保留上次生成的文件。按 Ctrl+C 结束。",
        names.join("、")
    );
    // The workbooks are followed from before the first compile, so that a
    // save while it runs is not missed.
    watcher.follow(&args.read.workbooks)?;
    let run = || {
        let start = Instant::now();
        let run = compile_once(&compiler, args, RETRIES);
        let took = seconds(start.elapsed());
        let held: Vec<_> = run
            .compiled()
            .filter_map(|c| c.not_written.as_ref())
            .collect();
        if run.tally().failed == 0 {
            eprintln!("已重新编译，用时 {took}。等待下一次保存……");
        } else if let Some(file) = held.first() {
            eprintln!(
                "{} 没能写入（可能正在别的程序里打开着），保留了上次生成的文件。关掉它以后，再保存一次工作簿即可重新生成。",
                file.display()
            );
        } else {
            eprintln!("有错误，保留上次生成的文件（用时 {took}）。改正后保存即可。");
        }
        run.dependencies
    };
    watcher.rerun(run, |changed| compiler.forget_files(changed))?;
    Ok(true)
}
