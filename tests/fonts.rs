//! Font roles, fonts added with --font-path, characters no font can draw,
//! and page previews.

mod common;

use common::Cell::T;
use common::*;

fn workbook(dir: &std::path::Path, paragraph: &'static str) -> std::path::PathBuf {
    let path = dir.join("t.xlsx");
    write_workbook(
        &path,
        &[
            (
                "报告",
                vec![vec![T("项目"), T("内容")], vec![T("标题"), T("测试")]],
            ),
            ("正文", vec![vec![T("段落")], vec![T(paragraph)]]),
        ],
    );
    path
}

fn font_path() -> String {
    root().join("tests/fonts").to_string_lossy().into_owned()
}

#[test]
fn a_font_named_fangsong_fills_the_fangsong_role() {
    let output = briefing(["fonts", "--font-path", &font_path()]);
    let (stdout, _) = text(&output);
    assert!(output.status.success());
    assert!(
        stdout.contains("仿宋：FangSong（") && stdout.contains("FangSong-test.ttf"),
        "{stdout}"
    );

    let dir = tempfile::tempdir().unwrap();
    let wb = workbook(dir.path(), "仿宋正文测试。");
    compile_ok(
        &wb,
        &dir.path().join("out"),
        &["--template", "gongwen", "--font-path", &font_path()],
    );
    let fonts = std::process::Command::new("pdffonts")
        .arg(dir.path().join("out/t.pdf"))
        .output()
        .unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    assert!(fonts.contains("FangSong"), "{fonts}");
}

#[test]
fn roles_without_an_installed_font_fall_back_and_say_so() {
    let fonts = briefing::typeset::Fonts::new(false, &[]);
    let roles = fonts.resolve_roles();
    assert!(roles.iter().all(|r| r.fallback));
    let title = roles.iter().find(|r| r.key == "title").unwrap();
    assert_eq!(
        (title.family[0].as_str(), title.weight),
        ("Noto Serif CJK SC", briefing::typeset::fonts::Weight::Bold)
    );

    // On this machine: the compile's note agrees with `briefing fonts`.
    let listing = text(&briefing(["fonts"])).0;
    let fangsong_missing = listing.lines().any(|l| l.contains("仿宋：未安装"));
    let dir = tempfile::tempdir().unwrap();
    let wb = workbook(dir.path(), "正文。");
    let output = briefing([
        "compile".as_ref(),
        wb.as_os_str(),
        "--template".as_ref(),
        "gongwen".as_ref(),
    ]);
    let (_, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        stderr.contains("本机没有安装") && stderr.contains("仿宋"),
        fangsong_missing,
        "{stderr}\n{listing}"
    );
}

#[test]
fn characters_no_font_can_draw_are_errors_at_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    // Two characters of CJK Extension B, outside the embedded fonts.
    let wb = workbook(dir.path(), "生僻字𠀀和𪚥。");
    let out = dir.path().join("out");
    let output = compile_into(&wb, &out, &[]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("错误: 正文!A2：字符“𠀀”（U+20000）没有字体能够显示"),
        "{stderr}"
    );
    assert!(
        stderr.contains("错误: 正文!A2：字符“𪚥”（U+2A6A5）没有字体能够显示"),
        "{stderr}"
    );
    assert!(!out.exists());

    let output = compile_into(&wb, &out, &["--allow-missing-glyphs"]);
    let (_, stderr) = text(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("警告: 正文!A2：字符“𠀀”（U+20000）"),
        "{stderr}"
    );
    assert!(out.join("t.pdf").exists());
}

#[test]
fn check_finds_characters_no_font_can_draw_at_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    let wb = workbook(dir.path(), "生僻字𠀀和𪚥。");
    for template in ["default", "gongwen"] {
        let output = briefing([
            "check".as_ref(),
            wb.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
            "--template".as_ref(),
            template.as_ref(),
        ]);
        let (stdout, stderr) = text(&output);
        assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
        let problems: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
        let missing: Vec<(&str, &str, &str, &str)> = problems
            .iter()
            .filter(|p| p["message"].as_str().unwrap().contains("没有字体能够显示"))
            .map(|p| {
                (
                    p["severity"].as_str().unwrap(),
                    p["sheet"].as_str().unwrap(),
                    p["cell"].as_str().unwrap(),
                    p["message"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            missing,
            [
                (
                    "error",
                    "正文",
                    "A2",
                    "字符“𠀀”（U+20000）没有字体能够显示，会印成方框"
                ),
                (
                    "error",
                    "正文",
                    "A2",
                    "字符“𪚥”（U+2A6A5）没有字体能够显示，会印成方框"
                ),
            ],
            "{template}"
        );
    }
    // Nothing was written, and a workbook without such characters passes.
    assert!(!dir.path().join("out").exists());
    let fine = workbook(dir.path(), "常用字。");
    let output = briefing(["check".as_ref(), fine.as_os_str()]);
    assert!(output.status.success(), "{:?}", text(&output));
}

#[test]
fn png_previews_are_written_for_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let wb = workbook(dir.path(), "预览。");
    let out = dir.path().join("out");
    let stdout = compile_ok(&wb, &out, &["--png", "--template", "gongwen"]);
    assert!(stdout.contains("页面预览图"), "{stdout}");
    let png = std::fs::read(out.join("t-1.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(!out.join("t-2.png").exists());
}

#[test]
fn windows_families_in_the_per_user_font_folder_fill_their_roles() {
    use briefing::typeset::fonts::{Origin, installed_font_dirs};
    use briefing::typeset::{Fonts, ROLES};

    // Fonts installed "for me only" on Windows 10 and 11.
    let home = tempfile::tempdir().unwrap();
    let local = home.path().join("AppData/Local");
    let user_fonts = local.join("Microsoft/Windows/Fonts");
    std::fs::create_dir_all(&user_fonts).unwrap();
    for file in [
        "fonts/FangSong-test.ttf",
        "fonts-windows/SimHei-test.ttf",
        "fonts-windows/KaiTi-test.ttf",
        "fonts-windows/SimSun-test.ttf",
        "fonts-windows/FZXiaoBiaoSong-test.ttf",
    ] {
        let from = root().join("tests").join(file);
        std::fs::copy(&from, user_fonts.join(from.file_name().unwrap())).unwrap();
    }
    let dirs = installed_font_dirs(|name| (name == "LOCALAPPDATA").then(|| local.clone().into()));
    assert!(dirs.contains(&user_fonts), "{dirs:?}");

    let fonts = Fonts::embedded().with_installed(false, &dirs, None);
    let mut chosen = Vec::new();
    for (role, resolved) in ROLES.iter().zip(fonts.resolve_roles()) {
        match fonts.role_origin(&resolved) {
            Some(Origin::File(path)) => assert!(path.starts_with(&user_fonts), "{path:?}"),
            other => panic!("{} is not filled from a file: {other:?}", role.name),
        }
        chosen.push((role.key, resolved.family[0].clone(), resolved.fallback));
    }
    assert_eq!(
        chosen,
        [
            ("title", "方正小标宋简体".to_string(), false),
            ("song", "SimSun".to_string(), false),
            ("fangsong", "FangSong".to_string(), false),
            ("hei", "SimHei".to_string(), false),
            ("kai", "KaiTi".to_string(), false),
        ]
    );

    // The 公文 templates set their text with them.
    let wb = workbook(home.path(), "仿宋正文测试。");
    for template in ["gongwen", "jianbao"] {
        let out = home.path().join(template);
        let folder = user_fonts.to_string_lossy();
        compile_ok(&wb, &out, &["--template", template, "--font-path", &folder]);
        let fonts = std::process::Command::new("pdffonts")
            .arg(out.join("t.pdf"))
            .output()
            .unwrap();
        let fonts = String::from_utf8_lossy(&fonts.stdout);
        assert!(fonts.contains("FangSong"), "{template}: {fonts}");
    }
}

#[test]
fn the_cesi_fonts_of_kylin_and_uos_fill_their_roles_where_the_systems_install_them() {
    use briefing::typeset::fonts::{Origin, installed_font_dirs};
    use briefing::typeset::{Fonts, ROLES};

    // UOS installs them as /usr/share/fonts/fonts-cesi/CESI_*.TTF (upper
    // case); /usr/share/fonts is searched with every folder under it.
    let system = tempfile::tempdir().unwrap();
    let cesi = system.path().join("fonts-cesi");
    std::fs::create_dir_all(&cesi).unwrap();
    for entry in std::fs::read_dir(root().join("tests/fonts-cesi")).unwrap() {
        let from = entry.unwrap().path();
        std::fs::copy(&from, cesi.join(from.file_name().unwrap())).unwrap();
    }
    let dirs = installed_font_dirs(|_| None);
    assert!(dirs.contains(&"/usr/share/fonts".into()), "{dirs:?}");

    let fonts = Fonts::embedded().with_installed(false, &[system.path().to_path_buf()], None);
    let mut chosen = Vec::new();
    for (role, resolved) in ROLES.iter().zip(fonts.resolve_roles()) {
        match fonts.role_origin(&resolved) {
            Some(Origin::File(path)) => assert!(path.starts_with(&cesi), "{path:?}"),
            other => panic!("{} is not filled from a file: {other:?}", role.name),
        }
        chosen.push((role.key, resolved.family[0].clone(), resolved.fallback));
    }
    assert_eq!(
        chosen,
        [
            ("title", "CESI_XBS_GB2312".to_string(), false),
            ("song", "CESI_SS_GB2312".to_string(), false),
            ("fangsong", "CESI_FS_GB2312".to_string(), false),
            ("hei", "CESI_HT_GB2312".to_string(), false),
            ("kai", "CESI_KT_GB2312".to_string(), false),
        ]
    );

    // The 公文 template sets its text in them.
    let wb = workbook(system.path(), "仿宋正文测试。");
    let out = system.path().join("out");
    let folder = system.path().to_string_lossy();
    compile_ok(
        &wb,
        &out,
        &["--template", "gongwen", "--font-path", &folder],
    );
    let fonts = std::process::Command::new("pdffonts")
        .arg(out.join("t.pdf"))
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("CESI_FS_GB2312"), "{fonts}");
}
