#!/usr/bin/env python3
"""Rebuild the embedded fonts in this folder from Debian's font packages.

See fonts/README.md for what this does and why. Run from the repository root:

    apt-get install -y fonts-noto-cjk fonts-lxgw-wenkai unicode-data
    pip install fonttools==4.* brotli
    python3 fonts/build.py
"""

import bz2
import pathlib
import subprocess
import sys

from fontTools.ttLib import TTCollection, TTFont

HERE = pathlib.Path(__file__).resolve().parent
NOTO = pathlib.Path("/usr/share/fonts/opentype/noto")
WENKAI = pathlib.Path("/usr/share/fonts/truetype/lxgw-wenkai")
UNIHAN = pathlib.Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")

# (output file, source file, family name of the face to take from a collection)
FACES = [
    ("NotoSerifCJKsc-Regular.otf", NOTO / "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    ("NotoSerifCJKsc-Bold.otf", NOTO / "NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC"),
    ("NotoSansCJKsc-Regular.otf", NOTO / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ("NotoSansCJKsc-Bold.otf", NOTO / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
    ("BriefingKai-Regular.ttf", WENKAI / "LXGWWenKai-Regular.ttf", None),
]

# LXGW WenKai reserves the names "LXGW" and "霞鹜" (OFL 1.1, Reserved Font
# Names): a subset is a modified version and must be renamed.
RENAME = {
    "LXGW WenKai": "Briefing Kai",
    "LXGWWenKai": "BriefingKai",
    "霞鹜文楷": "Briefing Kai",
}

# Blocks kept whole besides the Han characters: Latin, punctuation, symbols
# and the full-width forms that Chinese documents use.
RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement (·, ×, ÷, °, ±)
    (0x0391, 0x03C9),  # Greek letters (GB 2312 row 6)
    (0x0401, 0x0451),  # Cyrillic letters (GB 2312 row 7)
    (0x2010, 0x205E),  # general punctuation (—, ‘’, “”, …, ‰, ※)
    (0x20AC, 0x20AC),  # euro sign
    (0x2100, 0x218F),  # letterlike symbols and number forms (℃, №, Ⅱ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2460, 0x24FF),  # enclosed alphanumerics (①, ⑴, ⒈)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (■, ●, ▲, ○)
    (0x2600, 0x2642),  # a few miscellaneous symbols (★, ☆, ♀, ♂)
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。《》「」【】〔〕)
    (0x3041, 0x30FF),  # kana (GB 2312 rows 4 and 5)
    (0x3105, 0x312F),  # bopomofo
    (0x3220, 0x3243),  # parenthesised ideographs (㈠)
    (0x3280, 0x32B0),  # circled ideographs (㊀)
    (0xFE10, 0xFE19),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFF5E),  # full-width ASCII
    (0xFF5F, 0xFFEF),  # full-width brackets, signs and half-width forms
]


def gb2312():
    """Every character of GB 2312, by decoding each of its two-byte codes."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def tongyong_guifan():
    """The 8105 characters of 通用规范汉字表 (2013), from Unihan's kTGH field."""
    chars = set()
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 3 and fields[1] == "kTGH":
                chars.add(chr(int(fields[0][2:], 16)))
    assert len(chars) == 8105, len(chars)
    return chars


def charset():
    chars = gb2312() | tongyong_guifan()
    for lo, hi in RANGES:
        chars.update(chr(c) for c in range(lo, hi + 1))
    return "".join(sorted(chars))


def face_index(path, family):
    """Index of the face named `family` inside a collection."""
    for i, font in enumerate(TTCollection(str(path)).fonts):
        if font["name"].getDebugName(1) == family:
            return i
    sys.exit(f"{family} not found in {path}")


# Name table entries that carry the font's name (not its copyright notice).
NAME_IDS = {1, 3, 4, 6, 16, 17, 18, 21, 22}


def rename(path):
    """Replaces reserved font names in the name table."""
    font = TTFont(str(path))
    changed = False
    for record in font["name"].names:
        if record.nameID not in NAME_IDS:
            continue
        text = record.toUnicode()
        new = text
        for old, replacement in RENAME.items():
            new = new.replace(old, replacement)
        if new != text:
            record.string = new
            changed = True
    if changed:
        font.save(str(path))


def main():
    text = charset()
    (HERE / "charset.txt").write_text(text, encoding="utf-8")
    print(f"{len(text)} characters in the subset")
    for out, src, family in FACES:
        args = ["pyftsubset", str(src), f"--text-file={HERE / 'charset.txt'}"]
        if family:
            args.append(f"--font-number={face_index(src, family)}")
        args += [
            f"--output-file={HERE / out}",
            "--layout-features=*",
            "--name-IDs=*",
            "--name-languages=*",
            "--notdef-outline",
            "--no-hinting",
        ]
        subprocess.run(args, check=True)
        rename(HERE / out)
        size = (HERE / out).stat().st_size
        name = TTFont(str(HERE / out))["name"].getDebugName(4)
        print(f"{out}: {name}, {size / 1e6:.1f} MB")
    (HERE / "charset.txt").unlink()


if __name__ == "__main__":
    main()
