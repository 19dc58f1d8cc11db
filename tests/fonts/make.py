#!/usr/bin/env python3
"""Makes FangSong-test.ttf: a few characters of the embedded Kai font,
renamed "FangSong", so that tests can check that an installed font named
FangSong fills the 仿宋 role. Run from the repository root:

    pip install fonttools
    python3 tests/fonts/make.py
"""
import pathlib
import subprocess

from fontTools.ttLib import TTFont

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "fonts" / "BriefingKai-Regular.ttf"
OUT = HERE / "FangSong-test.ttf"
TEXT = "仿宋正文测试一二三四五六七八九十年月日，。、：；？！“”（）0123456789—"

subprocess.run(
    ["pyftsubset", str(SOURCE), f"--text={TEXT}", f"--output-file={OUT}", "--name-IDs=*"],
    check=True,
)
font = TTFont(str(OUT))
for record in font["name"].names:
    if record.nameID in (1, 4, 16):
        record.string = "FangSong"
    elif record.nameID == 6:
        record.string = "FangSong"
    elif record.nameID == 3:
        record.string = "FangSong test font made by tests/fonts/make.py"
font.save(str(OUT))
print(OUT, OUT.stat().st_size, "bytes")
