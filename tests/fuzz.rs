//! Fuzz targets, run with bolero: the placeholder parser, the number and
//! date parsers of the model, and the workbook reader.
//!
//! Under `cargo test` each target replays its corpus (`tests/__fuzz__/
//! NAME/corpus/`) and then runs random inputs for a few seconds;
//! `cargo bolero test fuzz_NAME` fuzzes it for real (see
//! `docs/development.md`). Every target asserts that nothing panics, and
//! where a result can be checked, that it is right.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use briefing::model::{Briefing, ReadOptions, impossible_date, parse_date, parse_number};
use briefing::number::format_number;
use briefing::wording::{Document, Form, Piece, Placeholder, scan};
use briefing::workbook::{Sheet, Value, Workbook};

/// How long each target runs random inputs under `cargo test`.
const RANDOM_TIME: Duration = Duration::from_secs(5);

/// Picks from `choices` by the bytes of a fuzz input, one byte a pick
/// (the first choice once the bytes run out).
struct Picker<'a>(std::slice::Iter<'a, u8>);

impl Picker<'_> {
    fn byte(&mut self) -> u8 {
        self.0.next().copied().unwrap_or(0)
    }

    fn pick<'c, T: ?Sized>(&mut self, choices: &[&'c T]) -> &'c T {
        choices[self.byte() as usize % choices.len()]
    }
}

/// A placeholder typed from its parts by the bytes of `input`: the codes,
/// the form with its arguments, and the decimals.
fn typed_placeholder(input: &[u8]) -> Placeholder<'static> {
    let mut picker = Picker(input.iter());
    let codes = ["gdp", "工业增加值", "a b", "GDP_2"];
    let args = ["gdp", "一季度", "全市经济", "全省"];
    let count = 1 + picker.byte() as usize % 3;
    let codes = (0..count).map(|_| picker.pick(&codes)).collect();
    let (first, second) = (picker.pick(&args), picker.pick(&args));
    let maybe = |b: u8| (b % 2 == 1).then_some(second);
    let flag = picker.byte();
    let form = match picker.byte() % 15 {
        0 => Form::Value,
        1 => Form::Number,
        2 => Form::Unit(picker.pick(&["万元", "亿元", "km", "吨"]).to_string()),
        3 => Form::Yoy,
        4 => Form::Previous,
        5 => Form::PreviousYoy,
        6 => Form::Change { against: None },
        7 => Form::Compare {
            period: maybe(flag).map(|_| first),
        },
        8 => Form::Rank,
        9 => Form::GrowthRank,
        10 => Form::Share { of: first },
        11 => Form::ShareChange { of: first },
        12 => Form::Pull {
            of: first,
            name: maybe(flag),
        },
        _ => Form::Versus {
            with: first,
            area: maybe(flag),
        },
    };
    let places = (flag & 2 == 2).then_some(u32::from(picker.byte() % 7));
    Placeholder {
        codes,
        form,
        places,
        styles: Vec::new(),
    }
}

#[test]
fn fuzz_placeholder() {
    bolero::check!(name = "placeholder")
        .with_test_time(RANDOM_TIME)
        .for_each(|input: &[u8]| {
            // Whatever is typed: scanned and parsed without a panic, and a
            // placeholder that parses is written back as the same one.
            let text = String::from_utf8_lossy(input);
            for piece in scan(&text) {
                if let Piece::Placeholder(inner) = piece
                    && let Ok(parsed) = Placeholder::parse(inner)
                {
                    let written = parsed.to_string();
                    assert_eq!(Placeholder::parse(&written), Ok(parsed), "{{{inner}}}");
                }
            }
            // A placeholder typed from its parts parses as those parts.
            let typed = typed_placeholder(input);
            let written = typed.to_string();
            assert_eq!(Placeholder::parse(&written), Ok(typed), "{{{written}}}");
        });
}

#[test]
fn fuzz_number() {
    bolero::check!(name = "number")
        .with_test_time(RANDOM_TIME)
        .for_each(|input: &[u8]| {
            let mut picker = Picker(input.iter());
            let unit = picker.pick(&["", "亿元", "%", "万人", "元/公斤"]);
            let percent = picker.byte() % 2 == 1;
            // Any text, any number: a result or a message, never a panic.
            let text = String::from_utf8_lossy(input);
            let _ = parse_number(&Value::Text(text.into_owned()), unit, percent);
            let Some(bits) = input.get(..8) else {
                return;
            };
            let n = f64::from_le_bytes(bits.try_into().expect("eight bytes"));
            let _ = parse_number(&Value::Number(n), unit, percent);
            let _ = parse_number(&Value::Percent(n), unit, percent);
            if !n.is_finite() {
                return;
            }
            // A number written as briefing writes it reads back as itself,
            // alone, with the unit after it, and in full-width digits.
            let written = format_number(n);
            let full_width: String = written
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
                    '.' => '．',
                    '-' => '−',
                    c => c,
                })
                .collect();
            for typed in [written.clone(), format!("{written}{unit}"), full_width] {
                let read = parse_number(&Value::Text(typed.clone()), unit, percent);
                assert_eq!(read, Ok(Some(n)), "“{typed}” in {unit:?}");
            }
        });
}

#[test]
fn fuzz_date() {
    bolero::check!(name = "date")
        .with_test_time(RANDOM_TIME)
        .for_each(|input: &[u8]| {
            // Any text: a date, a reason it names no day, or neither; never
            // both.
            let text = String::from_utf8_lossy(input);
            if parse_date(&text).is_some() {
                assert_eq!(impossible_date(&text), None, "{text}");
            }
            // A date written the usual ways reads back as that date; a day
            // that does not exist is explained.
            let mut picker = Picker(input.iter());
            let year = 1900 + i32::from(u16::from_le_bytes([picker.byte(), picker.byte()]) % 8100);
            let (month, day) = (
                1 + u32::from(picker.byte() % 12),
                1 + u32::from(picker.byte() % 31),
            );
            let (hour, minute) = (u32::from(picker.byte() % 24), u32::from(picker.byte() % 60));
            let written = [
                format!("{year}年{month}月{day}日"),
                format!("{year}-{month:02}-{day:02}"),
                format!("{year}/{month}/{day}"),
                format!("{year}年{month:02}月{day:02}日{hour:02}:{minute:02}"),
            ];
            let date = chrono::NaiveDate::from_ymd_opt(year, month, day);
            for (i, typed) in written.iter().enumerate() {
                let (h, m) = if i == 3 { (hour, minute) } else { (0, 0) };
                let expected = date.and_then(|d| d.and_hms_opt(h, m, 0));
                assert_eq!(parse_date(typed), expected, "{typed}");
                assert_eq!(impossible_date(typed).is_some(), date.is_none(), "{typed}");
            }
        });
}

/// The workbooks of the corpus, to damage.
fn corpus_workbooks() -> &'static [Vec<u8>] {
    static WORKBOOKS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    WORKBOOKS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/__fuzz__/workbook/corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("the corpus is in the repository")
            .map(|entry| entry.expect("a corpus entry").path())
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read(p).expect("a corpus file"))
            .collect()
    })
}

/// A workbook of the corpus damaged as the bytes of `input` say: which
/// one, then up to eight bits flipped (two bytes for where, one for which
/// bit), and maybe cut short.
fn damaged_workbook(input: &[u8]) -> Vec<u8> {
    let mut picker = Picker(input.iter());
    let workbooks = corpus_workbooks();
    let mut bytes = workbooks[picker.byte() as usize % workbooks.len()].clone();
    let flips = picker.byte() % 9;
    for _ in 0..flips {
        let at = usize::from(u16::from_le_bytes([picker.byte(), picker.byte()]));
        let bit = picker.byte() % 8;
        let len = bytes.len();
        bytes[at % len] ^= 1 << bit;
    }
    if picker.byte() % 4 == 0 {
        let at = usize::from(u16::from_le_bytes([picker.byte(), picker.byte()]));
        bytes.truncate(at % (bytes.len() + 1));
    }
    bytes
}

/// Reads `bytes` as each format and as the bytes say: a workbook or an
/// error in Chinese, never a panic. A workbook read is checked and worded
/// as a compile would.
fn read_every_way(bytes: &[u8]) {
    for name in ["fuzz", "fuzz.xlsx", "fuzz.xls", "fuzz.ods", "fuzz.xlsb"] {
        match Workbook::from_bytes(bytes, name) {
            Ok(workbook) => {
                for sheet in &workbook.sheets {
                    let width = sheet.rows.first().map_or(0, Vec::len);
                    assert!(sheet.rows.iter().all(|row| row.len() == width));
                }
                let options = ReadOptions::default();
                let (briefing, _) = Briefing::from_workbook(&workbook, &options);
                let _ = Document::new(&briefing, None);
            }
            Err(error) => {
                let message = error.to_string();
                assert!(message.starts_with("无法读取工作簿"), "{message}");
            }
        }
    }
}

#[test]
fn fuzz_workbook() {
    bolero::check!(name = "workbook")
        .with_test_time(RANDOM_TIME)
        .for_each(|input: &[u8]| {
            // The bytes themselves, and a workbook of the corpus damaged
            // as they say (random bytes alone seldom look like a workbook).
            read_every_way(input);
            read_every_way(&damaged_workbook(input));
        });
}

/// A bureau's table built by the bytes of `input`: title and unit lines,
/// one to three header rows of period and measure words (some merged
/// across, some unknown), rows whose names carry 其中, #, spaces and
/// brackets, and cells of numbers, numbers as text, "—", 倍 and errors.
fn bureau_sheet(input: &[u8]) -> Sheet {
    let mut picker = Picker(input.iter());
    let titles = [
        "2023年1-11月全县主要经济指标",
        "计量单位：亿元",
        "单位：万元、%",
        "",
    ];
    let headers = [
        "指标名称",
        "计量单位",
        "11月",
        "1-11月",
        "1—10月份",
        "本月",
        "累计",
        "上半年",
        "绝对值",
        "比上年同期增长%",
        "增速",
        "比上月±%",
        "上年同期",
        "比重",
        "上年同月=100",
        "上月=100",
        "总量（亿元）",
        "1-11月增长%",
        "备考",
        "",
    ];
    let names = [
        "规模工业增加值",
        "　　其中：国有控股企业",
        "#工业",
        "按产业分",
        "地区生产总值（亿元）",
        "工业用电量（1-8月）",
        "注：本表为快报数",
        "",
        "　",
        "电力、热力生产和供应业",
    ];
    let cells = [
        Value::Number(6.2),
        Value::Number(-2.1),
        Value::Percent(0.058),
        Value::Text("—".into()),
        Value::Text("-3.0".into()),
        Value::Text("1.5倍".into()),
        Value::Text("约一千".into()),
        Value::Error("#DIV/0!".into()),
        Value::Formula("A1+1".into()),
        Value::Empty,
    ];
    let width = 2 + picker.byte() as usize % 6;
    let mut rows = Vec::new();
    let mut merges = Vec::new();
    for _ in 0..picker.byte() % 3 {
        let mut row = vec![Value::Empty; width];
        row[0] = Value::Text(picker.pick(&titles).to_string());
        rows.push(row);
    }
    for _ in 0..1 + picker.byte() % 3 {
        let row = (0..width)
            .map(|_| Value::Text(picker.pick(&headers).to_string()))
            .collect();
        if picker.byte() % 2 == 0 {
            let at = rows.len() as u32;
            let first = u32::from(picker.byte()) % width as u32;
            let last = (first + u32::from(picker.byte() % 3)).min(width as u32 - 1);
            merges.push(((at, first), (at + u32::from(picker.byte() % 2), last)));
        }
        rows.push(row);
    }
    for _ in 0..picker.byte() % 12 {
        let mut row: Vec<Value> = (0..width)
            .map(|_| cells[picker.byte() as usize % cells.len()].clone())
            .collect();
        row[0] = Value::Text(picker.pick(&names).to_string());
        rows.push(row);
    }
    let height = rows.len() as u32;
    merges.retain(|&(_, (r, _))| r < height);
    Sheet {
        name: "主要指标".into(),
        visible: true,
        first_row: 0,
        first_col: 0,
        merge_copies: merges
            .iter()
            .flat_map(|&((r0, c0), (r1, c1))| {
                (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| (r, c)))
            })
            .filter(|&(r, c)| !merges.iter().any(|&(start, _)| start == (r, c)))
            .collect(),
        fixed_decimals: Default::default(),
        indents: [((height.saturating_sub(1), 0), picker.byte() % 3)].into(),
        merges,
        rows,
    }
}

#[test]
fn fuzz_bureau_table() {
    bolero::check!(name = "bureau")
        .with_test_time(RANDOM_TIME)
        .for_each(|input: &[u8]| {
            let report = Sheet {
                name: "报告".into(),
                visible: true,
                first_row: 0,
                first_col: 0,
                rows: vec![
                    vec![Value::Text("项目".into()), Value::Text("内容".into())],
                    vec![Value::Text("标题".into()), Value::Text("简析".into())],
                ],
                merge_copies: Default::default(),
                fixed_decimals: Default::default(),
                indents: Default::default(),
                merges: Vec::new(),
            };
            let body = Sheet {
                name: "正文".into(),
                rows: vec![
                    vec![Value::Text("段落".into())],
                    vec![Value::Text(
                        "{规模工业增加值:同比}，{11月/规模工业增加值:比较}，{国有控股企业}，{电力、热力生产和供应业、工业:同比}，{表:主要指标}"
                            .into(),
                    )],
                ],
                ..report.clone()
            };
            let workbook = Workbook {
                sheets: vec![report, body, bureau_sheet(input)],
                formats_known: true,
                skipped: Vec::new(),
            };
            let (briefing, _) = Briefing::from_workbook(&workbook, &ReadOptions::default());
            let _ = Document::new(&briefing, None);
        });
}
