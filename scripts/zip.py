#!/usr/bin/env python3
"""Writes a reproducible zip archive: zip.py ARCHIVE FOLDER NAME puts
FOLDER/NAME and everything under it into ARCHIVE, entries sorted, every
entry dated SOURCE_DATE_EPOCH, names in UTF-8 (Windows' Explorer shows
Chinese names right), programs marked executable for unzip on Linux."""
import os
import sys
import time
import zipfile

archive, folder, name = sys.argv[1:4]
epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
date = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980

paths = []
for root, dirs, files in os.walk(os.path.join(folder, name)):
    dirs.sort()
    paths.extend(os.path.join(root, f) for f in sorted(files))

with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for path in paths:
        entry = zipfile.ZipInfo(os.path.relpath(path, folder), date)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = (0o755 if path.endswith(".exe") else 0o644) << 16
        entry.create_system = 3
        with open(path, "rb") as f:
            out.writestr(entry, f.read())
