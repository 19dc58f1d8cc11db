#!/usr/bin/env python3
"""Makes the test fonts: a few characters of the embedded Kai font under
the family names of fonts that offices have installed, so that tests can
check that an installed font fills its role.

- tests/fonts/FangSong-test.ttf: "FangSong", for --font-path tests;
- tests/fonts-windows/*.ttf: the Windows families of the other roles
  (SimHei, KaiTi, SimSun, 方正小标宋简体), for the per-user font folder test;
- tests/fonts-cesi/*.TTF: the CESI fonts 麒麟 and 统信 ship, under their
  file names and their English family names, with the Chinese family
  name as a zh-CN name record, as the real files have.

Run from the repository root:

    pip install fonttools
    python3 tests/fonts/make.py
"""
import pathlib
import subprocess

from fontTools.ttLib import TTFont

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "fonts" / "BriefingKai-Regular.ttf"
TEXT = "仿宋正文测试一二三四五六七八九十年月日，。、：；？！“”（）0123456789—"
FONTS = [
    (HERE / "FangSong-test.ttf", "FangSong"),
    (HERE.parent / "fonts-windows" / "SimHei-test.ttf", "SimHei"),
    (HERE.parent / "fonts-windows" / "KaiTi-test.ttf", "KaiTi"),
    (HERE.parent / "fonts-windows" / "SimSun-test.ttf", "SimSun"),
    (HERE.parent / "fonts-windows" / "FZXiaoBiaoSong-test.ttf", "方正小标宋简体"),
]
CESI = [
    ("CESI_SS_GB2312", "CESI宋体-GB2312"),
    ("CESI_FS_GB2312", "CESI仿宋-GB2312"),
    ("CESI_HT_GB2312", "CESI黑体-GB2312"),
    ("CESI_KT_GB2312", "CESI楷体-GB2312"),
    ("CESI_XBS_GB2312", "CESI小标宋-GB2312"),
]

for out, family in FONTS:
    out.parent.mkdir(exist_ok=True)
    subprocess.run(
        ["pyftsubset", str(SOURCE), f"--text={TEXT}", f"--output-file={out}", "--name-IDs=*"],
        check=True,
    )
    font = TTFont(str(out))
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = family
        elif record.nameID == 3:
            record.string = f"{family} test font made by tests/fonts/make.py"
    font.save(str(out))
    print(out, out.stat().st_size, "bytes")

for family, chinese in CESI:
    out = HERE.parent / "fonts-cesi" / f"{family}.TTF"
    out.parent.mkdir(exist_ok=True)
    subprocess.run(
        ["pyftsubset", str(SOURCE), f"--text={TEXT}", f"--output-file={out}", "--name-IDs=*"],
        check=True,
    )
    font = TTFont(str(out))
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 4, 6, 16):
            record.string = family
        elif record.nameID == 3:
            record.string = f"{family} test font made by tests/fonts/make.py"
    for name_id in (1, 4):
        name.setName(chinese, name_id, 3, 1, 0x804)
    font.save(str(out))
    print(out, out.stat().st_size, "bytes")
