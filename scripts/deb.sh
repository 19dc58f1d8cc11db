#!/usr/bin/env bash
# Packs a staged Linux archive folder (made by scripts/dist.sh) as a .deb
# for 麒麟 and 统信, in the UOS application layout:
#
#   scripts/deb.sh STAGE VERSION OUT_DIR     (prints the .deb's path)
#
#   /opt/apps/org.briefing.app/info                        the UOS app manifest
#   /opt/apps/org.briefing.app/entries/applications/org.briefing.app.desktop
#   /opt/apps/org.briefing.app/entries/icons/hicolor/scalable/apps/org.briefing.app.svg
#   /opt/apps/org.briefing.app/files/bin/briefing          the program
#   /opt/apps/org.briefing.app/files/bin/briefing-window   what the launcher runs
#   /opt/apps/org.briefing.app/files/示例, 说明, 字体许可, 使用说明.txt
# and, for desktops that only look in the usual places, links to the
# launcher and the icon under /usr/share and to the program in /usr/bin.
# No maintainer scripts: dpkg's own triggers refresh the menus and the
# "open with" lists. The package's files get the time of the last commit,
# so the same sources make the same bytes.
set -euo pipefail
stage=$1
version=$2
out=$3
here=$(cd "$(dirname "$0")/.." && pwd)
id=org.briefing.app
case "$(readelf -h "$stage/briefing" | sed -n 's/^ *Machine: *//p')" in
  AArch64) arch=arm64 ;;
  *X86-64) arch=amd64 ;;
  *) echo "不认识的程序架构：$stage/briefing" >&2; exit 2 ;;
esac
epoch=${SOURCE_DATE_EPOCH:-0}

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
app="$root/opt/apps/$id"
mkdir -p "$app/files/bin" "$app/entries/applications" \
  "$app/entries/icons/hicolor/scalable/apps" "$root/DEBIAN" \
  "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/scalable/apps" \
  "$root/usr/share/doc/$id" "$root/usr/share/lintian/overrides"
install -m 755 "$stage/briefing" "$here/packaging/linux/briefing-window" "$app/files/bin/"
cp -r "$stage/示例" "$stage/说明" "$stage/字体许可" "$stage/使用说明.txt" "$app/files/"
sed "s#@EXEC@#/opt/apps/$id/files/bin/briefing-window#; s#@ICON@#$id#" \
  "$here/packaging/linux/briefing.desktop" > "$app/entries/applications/$id.desktop"
cp "$here/packaging/linux/briefing.svg" "$app/entries/icons/hicolor/scalable/apps/$id.svg"
ln -s "/opt/apps/$id/files/bin/briefing" "$root/usr/bin/briefing"
ln -s "/opt/apps/$id/entries/applications/$id.desktop" "$root/usr/share/applications/$id.desktop"
ln -s "/opt/apps/$id/entries/icons/hicolor/scalable/apps/$id.svg" \
  "$root/usr/share/icons/hicolor/scalable/apps/$id.svg"
cat > "$app/info" <<INFO
{
  "appid": "$id",
  "name": "简报编译",
  "version": "$version",
  "arch": ["$arch"],
  "permissions": {
    "autostart": false,
    "notification": false,
    "trayicon": false,
    "clipboard": false,
    "account": false,
    "bluetooth": false,
    "camera": false,
    "audio_record": false,
    "installed_apps": false
  }
}
INFO
cat > "$root/usr/share/doc/$id/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: briefing

Files: *
Copyright: 2026 briefing contributors
License: MIT

Files: opt/apps/$id/files/bin/briefing
Comment: The program embeds Noto Serif CJK SC and Noto Sans CJK SC
 (SIL Open Font License 1.1) and a subset of LXGW WenKai (SIL Open Font
 License 1.1); their licences are in /opt/apps/$id/files/字体许可/.
Copyright: 2014-2022 Adobe (http://www.adobe.com/), with Reserved Font
 Name 'Source'.
 2021-2023 LXGW (https://github.com/lxgw/LxgwWenKai), with Reserved Font
 Names "霞鹜" and "LXGW".
License: OFL-1.1

License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a
 copy of this software and associated documentation files (the
 "Software"), to deal in the Software without restriction, including
 without limitation the rights to use, copy, modify, merge, publish,
 distribute, sublicense, and/or sell copies of the Software, and to
 permit persons to whom the Software is furnished to do so, subject to
 the following conditions:
 .
 The above copyright notice and this permission notice shall be included
 in all copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS
 OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
 IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY
 CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,
 TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

License: OFL-1.1
 See /opt/apps/$id/files/字体许可/.
COPYRIGHT
printf '%s (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- briefing maintainers <maintainers@briefing.invalid>  %s\n' \
  "$id" "$version" "$version" "$(date -u -R -d "@$epoch")" |
  gzip -9n > "$root/usr/share/doc/$id/changelog.gz"
# Tags that come with the UOS layout and a static program, not mistakes.
cat > "$root/usr/share/lintian/overrides/$id" <<OVERRIDES
# UOS and Kylin install applications under /opt/apps/<id>/ (the layout
# their app stores and desktops read).
$id: dir-or-file-in-opt [opt/apps/*]
# One static program runs on every glibc the offices' systems have
# (Kylin V10, UOS 20): that is the point of it.
$id: statically-linked-binary [opt/apps/$id/files/bin/briefing]
# Rust code linked into the one program, not copies of system libraries:
# unsafe-libyaml (libyaml translated to Rust, for Typst's yaml()); and font
# code whose strings match lintian's FreeType signature (no FT_ symbol is
# linked).
$id: embedded-library freetype [opt/apps/$id/files/bin/briefing]
$id: embedded-library libyaml [opt/apps/$id/files/bin/briefing]
OVERRIDES
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: $id
Version: $version
Architecture: $arch
Maintainer: briefing maintainers <maintainers@briefing.invalid>
Installed-Size: $size
Section: misc
Priority: optional
Description: 简报编译：把 Excel 工作簿编译成 PDF 简报和汇总工作簿
 briefing compiles statistics bureau Excel workbooks (xlsx, xlsm, xls,
 xlsb, ods) into typeset PDF briefings and summary workbooks. Drop
 workbooks on the 简报编译 launcher, or open one with it; started alone it
 opens the local page in the browser. The program is static and carries
 its fonts and templates.
CONTROL
find "$root" -exec touch -h -d "@$epoch" {} +
chmod -R u+w,go-w,a+rX "$root"
deb="$out/${id}_${version}_$arch.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
