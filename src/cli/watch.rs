//! `briefing watch`: compile, then compile again on every save of the
//! workbook or change of its template, until interrupted. The fonts and
//! Typst's memoized work stay loaded between compiles; a save that cannot
//! be read or has errors leaves the last good files in place.

use std::time::Instant;

use anyhow::{Result, bail};
use briefing::compile::Compiler;
use briefing::watch::Watcher;

use super::args::CompileArgs;
use super::compile::compile_once;

/// How often a workbook that cannot be read is tried again: a spreadsheet
/// program may be half-way through saving it.
const RETRIES: u32 = 5;

/// Watches the one workbook of `args`; returns only on an error.
pub fn watch(args: &CompileArgs) -> Result<bool> {
    let [workbook] = args.read.workbooks.as_slice() else {
        bail!("watch 一次监视一个工作簿；要监视几个，请分别运行 briefing watch");
    };
    let compiler = Compiler::new(args.options());
    let mut watcher = Watcher::new(workbook)?;
    eprintln!(
        "正在监视 {}：每次保存都会重新编译，出错时保留上次生成的文件。按 Ctrl+C 结束。",
        workbook.display()
    );
    loop {
        let start = Instant::now();
        let outcome = compile_once(&compiler, args, RETRIES);
        let took = start.elapsed().as_secs_f64();
        if outcome.tally.failed == 0 {
            eprintln!("已重新编译，用时 {took:.2} 秒。等待下一次保存……");
        } else {
            eprintln!("有错误，保留上次生成的文件（用时 {took:.2} 秒）。改正后保存即可。");
        }
        watcher.watch_template(outcome.template_folders.first().map(|p| p.as_path()))?;
        for out in &outcome.out_dirs {
            watcher.ignore(out);
        }
        if watcher.wait().template {
            compiler.reload_templates();
        }
    }
}
