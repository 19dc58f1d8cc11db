//! The house rule that data flows one way: no two files of `src/` import
//! each other.
//!
//! Every path of a file's code that starts with `crate::`, `super::` or
//! `self::` (in `use` lines and inline, as `super::growth::is_price_name`)
//! is resolved to the file that defines it. A module's own submodules are
//! part of it (a `mod.rs` declares them and may re-export them), so a
//! path into one of them is not an import; every other pair of files that
//! reach each other is reported.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A file's path under `src/` (`wording/numbers.rs`) and its text.
type Source = (String, String);

#[test]
fn no_two_files_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_tree(&src, &src, &mut files);
    assert!(files.len() > 50, "src/ read: {} files", files.len());
    let circles = mutual_imports(&files);
    assert!(
        circles.is_empty(),
        "files of src/ that import each other (move what both need into a third file, \
         or turn one direction around):\n{}",
        circles.join("\n")
    );
}

/// The check finds a circle when there is one: two sibling files, and a
/// parent with a child, where only the siblings count.
#[test]
fn a_planted_circle_is_found() {
    let file = |path: &str, text: &str| (path.to_string(), text.to_string());
    let files = vec![
        file("lib.rs", "pub mod stage;\n"),
        file(
            "stage/mod.rs",
            "mod one;\nmod two;\npub use one::First;\nstruct Shared;\n",
        ),
        file(
            "stage/one.rs",
            "use super::Shared;\nuse super::{two::{self, Second}};\npub struct First;\n",
        ),
        file(
            "stage/two.rs",
            "pub struct Second;\nfn f() { let _ = crate::stage::one::First; }\n\
             #[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::Shared;\n}\n",
        ),
    ];
    assert_eq!(
        mutual_imports(&files),
        [
            "stage/one.rs ↔ stage/two.rs (stage/one.rs uses super::two::Second, \
          super::two::self; stage/two.rs uses crate::stage::one::First)"
        ]
    );
    // Either direction alone is no circle.
    let one_way: Vec<Source> = files
        .into_iter()
        .map(|(path, text)| match path.as_str() {
            "stage/two.rs" => (path, "pub struct Second;\n".to_string()),
            _ => (path, text),
        })
        .collect();
    assert_eq!(mutual_imports(&one_way), Vec::<String>::new());
}

/// Every `.rs` file under `dir`, by its path under `root`.
fn read_tree(root: &Path, dir: &Path, files: &mut Vec<Source>) {
    for entry in std::fs::read_dir(dir).expect("src/ readable") {
        let path = entry.expect("src/ entry").path();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(root).expect("under src/");
            let name = name.to_string_lossy().replace('\\', "/");
            files.push((name, std::fs::read_to_string(&path).expect("source text")));
        }
    }
}

/// Each pair of files that import each other, with the paths each takes
/// from the other.
fn mutual_imports(files: &[Source]) -> Vec<String> {
    let modules: BTreeMap<Vec<String>, &str> = files
        .iter()
        .map(|(path, _)| (module_of(path), path.as_str()))
        .collect();
    // file -> file it imports -> the paths that do it.
    let mut imports: BTreeMap<&str, BTreeMap<&str, BTreeSet<String>>> = BTreeMap::new();
    for (path, text) in files {
        let own = module_of(path);
        for (inside, used) in crate_paths(text) {
            let Some(target) = resolve(&own, &inside, &used, &modules) else {
                continue;
            };
            let target_module = module_of(target);
            // The file itself, or one of its own submodules.
            if target_module.starts_with(&own) {
                continue;
            }
            imports
                .entry(path)
                .or_default()
                .entry(target)
                .or_default()
                .insert(used.join("::"));
        }
    }
    let mut circles = Vec::new();
    for (a, targets) in &imports {
        for (b, a_uses) in targets {
            let Some(b_uses) = imports.get(b).and_then(|t| t.get(a)) else {
                continue;
            };
            if a < b {
                let list = |uses: &BTreeSet<String>| uses.iter().cloned().collect::<Vec<_>>();
                circles.push(format!(
                    "{a} ↔ {b} ({a} uses {}; {b} uses {})",
                    list(a_uses).join(", "),
                    list(b_uses).join(", ")
                ));
            }
        }
    }
    circles
}

/// The module a file under `src/` defines: `wording/numbers.rs` is
/// `[wording, numbers]`, `wording/mod.rs` is `[wording]`, the crate roots
/// are `[]`.
fn module_of(path: &str) -> Vec<String> {
    let path = path.strip_suffix(".rs").unwrap_or(path);
    let mut segments: Vec<String> = path.split('/').map(String::from).collect();
    if matches!(
        segments.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        segments.pop();
    }
    segments
}

/// The file that defines the item `used` names, seen from inside the
/// inline modules `inside` of the file of module `own`.
fn resolve<'a>(
    own: &[String],
    inside: &[String],
    used: &[String],
    modules: &BTreeMap<Vec<String>, &'a str>,
) -> Option<&'a str> {
    let mut module: Vec<String> = own.iter().chain(inside).cloned().collect();
    let mut rest = used;
    if rest.first().is_some_and(|s| s == "crate") {
        module.clear();
        rest = &rest[1..];
    }
    while let Some(first) = rest.first() {
        match first.as_str() {
            "super" => {
                module.pop()?;
            }
            "self" => {}
            _ => break,
        }
        rest = &rest[1..];
    }
    module.extend(rest.iter().cloned());
    (0..=module.len())
        .rev()
        .find_map(|n| modules.get(&module[..n]).copied())
}

/// Every path of `text`'s code that starts with `crate`, `super` or
/// `self` (`use` trees expanded), each with the inline modules it is
/// written in (`mod tests { … }`).
fn crate_paths(text: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let tokens = tokens(&code_only(text));
    let mut found = Vec::new();
    // The inline modules open here, with the brace depth each opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let inside: Vec<String> = inline.iter().map(|(m, _)| m.clone()).collect();
        match tokens[i].as_str() {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if inline.last().is_some_and(|(_, at)| *at == depth) {
                    inline.pop();
                }
            }
            "mod" if tokens.get(i + 2).is_some_and(|t| t == "{") => {
                inline.push((tokens[i + 1].clone(), depth));
            }
            "use" => {
                let end = tokens[i..]
                    .iter()
                    .position(|t| t == ";")
                    .map_or(tokens.len(), |e| i + e);
                let mut paths = Vec::new();
                use_tree(&tokens[i + 1..end], &[], &mut paths);
                found.extend(
                    paths
                        .into_iter()
                        .filter(|p| p.first().is_some_and(|s| is_anchor(s)))
                        .map(|p| (inside.clone(), p)),
                );
                i = end;
            }
            t if is_anchor(t)
                && tokens.get(i + 1).is_some_and(|t| t == "::")
                && !(i > 0 && matches!(tokens[i - 1].as_str(), "$" | "::" | "in")) =>
            {
                let mut path = vec![t.to_string()];
                while tokens.get(i + 1).is_some_and(|t| t == "::")
                    && tokens.get(i + 2).is_some_and(|t| is_ident(t))
                {
                    path.push(tokens[i + 2].clone());
                    i += 2;
                }
                found.push((inside, path));
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Expands a `use` tree (`super::{a::{self, B}, c as d}`) into paths.
fn use_tree(tokens: &[String], prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].as_str() {
            "{" => {
                // Each comma-separated part of the group, to its `}`.
                let mut level = 0;
                let mut start = i + 1;
                for j in i + 1..tokens.len() {
                    match tokens[j].as_str() {
                        "{" => level += 1,
                        "}" if level == 0 => {
                            use_tree(&tokens[start..j], &path, out);
                            return;
                        }
                        "}" => level -= 1,
                        "," if level == 0 => {
                            use_tree(&tokens[start..j], &path, out);
                            start = j + 1;
                        }
                        _ => {}
                    }
                }
                return;
            }
            "as" => break,
            t if is_ident(t) => path.push(t.to_string()),
            _ => {}
        }
        i += 1;
    }
    if path.len() > prefix.len() {
        out.push(path);
    }
}

fn is_anchor(token: &str) -> bool {
    matches!(token, "crate" | "super" | "self")
}

fn is_ident(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// `text` without comments, string literals and character literals.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut level = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    level += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    level -= 1;
                    i += 2;
                    if level == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            code.push(' ');
            continue;
        }
        if c == 'r' && matches!(next, Some('"' | '#')) && !prev_is_ident(&chars, i) {
            // A raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) == Some(&'"') {
                let close: String = std::iter::once('"')
                    .chain("#".repeat(hashes).chars())
                    .collect();
                let rest: String = chars[i + 2 + hashes..].iter().collect();
                let end = rest.find(&close).map_or(rest.len(), |e| e + close.len());
                i += 2 + hashes + rest[..end].chars().count();
                code.push_str("\"\"");
                continue;
            }
        }
        if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            code.push_str("\"\"");
            continue;
        }
        if c == '\'' {
            // A character literal ('x', '\n', '\u{3000}'), not a lifetime.
            let end = match next {
                Some('\\') => chars[i + 2..]
                    .iter()
                    .position(|&c| c == '\'')
                    .map(|e| i + 2 + e),
                Some(_) if chars.get(i + 2) == Some(&'\'') => Some(i + 2),
                _ => None,
            };
            if let Some(end) = end {
                code.push_str("' '");
                i = end + 1;
                continue;
            }
        }
        code.push(c);
        i += 1;
    }
    code
}

fn prev_is_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Identifiers, `::`, and every other character alone.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".into());
            i += 2;
        } else {
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
            i += 1;
        }
    }
    tokens
}
