//! `briefing new`: a ready-to-edit project that compiles as made.

use anyhow::{Result, bail};
use briefing::output;
use briefing::project::{WORKBOOK, new_project};

use super::args::NewArgs;
use super::outln;

/// Writes a new project into an empty (or new) folder.
pub fn new(args: &NewArgs) -> Result<bool> {
    let folder = &args.folder;
    if folder.exists()
        && std::fs::read_dir(folder).map_or(true, |mut entries| entries.next().is_some())
    {
        bail!(
            "{} 已经存在且不是空文件夹；请换一个名字，以免覆盖已有的文件",
            folder.display()
        );
    }
    let files = new_project(folder).map_err(|e| anyhow::anyhow!("生成示例工作簿失败：{e}"))?;
    output::write_set(&files)?;
    for file in &files {
        outln!("已创建 {}", file.path.display());
    }
    outln!(
        "下一步：briefing compile {}（或者 briefing watch，边改边看）",
        folder.join(WORKBOOK).display()
    );
    Ok(true)
}
