#!/usr/bin/env bash
# The Linux archive's 安装到桌面.sh and the .deb packages, as a person on
# 麒麟 or 统信 uses them:
#
#   tests/linux/desktop.sh REFERENCE_BRIEFING ARCHIVE.tar.gz [PACKAGE.deb...]
#
# 1. The archive, unpacked into a folder named with Chinese characters and
#    a space: 安装到桌面.sh (no root) puts a valid launcher into the
#    user's menu and onto the desktop; the launcher, started as the
#    desktop starts it (GLib's `gio launch`, with a stand-in terminal
#    since it asks for one), compiles a workbook whose path has Chinese
#    characters and spaces into the PDF the machine's own build makes, and
#    in a terminal waits for Enter before the window closes; the uninstall
#    removes both launchers.
# 2. Each package: lintian reports no error, its launcher passes
#    desktop-file-validate and its program is of the package's
#    architecture. A package of this machine's architecture is installed
#    (dpkg -i): the installed program and the menu's launcher compile the
#    sample; dpkg -r then leaves none of its files, and no menu or "open
#    with" entry.
# Needs root (dpkg), lintian, desktop-file-utils, gio (libglib2.0-bin) and
# script (util-linux).
set -uo pipefail
reference=$(realpath "$1")
archive=$(realpath "$2")
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
sample="$root/data/兰州市2020年上半年成绩单.xlsx"
name=兰州市2020年上半年成绩单
work=$(mktemp -d)
trap "rm -rf \"\$work\"" EXIT; [ -n "${KEEP:-}" ] && trap - EXIT
export LANG=C.UTF-8
passed=0
failed=0
check() { # check NAME CONDITION-COMMAND...
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"
    passed=$((passed + 1))
  else
    echo "FAILED: $what"
    failed=$((failed + 1))
  fi
}

# The PDF the machine's own build makes of the sample.
mkdir -p "$work/reference"
cp "$sample" "$work/reference/"
"$reference" compile "$work/reference/$name.xlsx" --quiet </dev/null

# A stand-in terminal: GLib runs `xterm -e COMMAND ARGS...` for a launcher
# with Terminal=true when no other terminal is installed. It records the
# command and its output, with standard input not a terminal (no wait).
mkdir -p "$work/terminal"
cat >"$work/terminal/xterm" <<TERMINAL
#!/bin/sh
[ "\$1" = -e ] && shift
printf '%s\n' "\$@" > "$work/terminal/command"
"\$@" </dev/null > "$work/terminal/output" 2>&1
echo "\$?" > "$work/terminal/status"
TERMINAL
chmod +x "$work/terminal/xterm"

# launch DESKTOP-FILE WORKBOOK: starts the launcher on the workbook as the
# desktop does, waits for the window to finish; true if it exited 0.
launch() {
  rm -f "$work/terminal/command" "$work/terminal/output" "$work/terminal/status"
  PATH="$work/terminal:$PATH" gio launch "$1" "$2" || return 1
  for _ in $(seq 600); do
    [ -s "$work/terminal/status" ] && break
    sleep 0.5
  done
  [ "$(cat "$work/terminal/status" 2>/dev/null)" = 0 ]
}

# A workbook where a person keeps it: Chinese characters and spaces.
folder="$work/简报 测试/2020年 上半年"
mkdir -p "$folder"
workbook="$folder/$name.xlsx"
cp "$sample" "$workbook"
compiled_like_reference() {
  cmp -s "$folder/out/$name.pdf" "$work/reference/out/$name.pdf"
}

# 1. The archive and 安装到桌面.sh, in a home of its own.
home="$work/家"
mkdir -p "$home/桌面" "$work/下载 文件"
tar -xzf "$archive" -C "$work/下载 文件"
unpacked=$(echo "$work/下载 文件"/briefing-*)
install_script() { HOME="$home" XDG_DATA_HOME='' sh "$unpacked/安装到桌面.sh" "$@" >"$work/install.txt" 2>&1; }
install_script
status=$?
check "安装到桌面.sh runs without root (exit $status)" test "$status" = 0
menu="$home/.local/share/applications/org.briefing.app.desktop"
on_desktop="$home/桌面/org.briefing.app.desktop"
check "the launcher is in the menu" test -f "$menu"
check "the launcher is on the desktop" test -x "$on_desktop"
check "the menu launcher passes desktop-file-validate" desktop-file-validate "$menu"
check "the launcher's icon is the archive's" \
  grep -qxF "Icon=$unpacked/启动器/briefing.svg" "$menu"
check "the launcher opens workbooks, dropped or with 打开方式" \
  grep -q '^MimeType=.*application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;' "$menu"
launch "$on_desktop" "$workbook"
check "the desktop launcher compiles a dropped workbook (path with spaces and Chinese)" test "$?" = 0
check "it runs in a terminal window: the archive's briefing-window, the workbook's path as one argument" \
  test "$(cat "$work/terminal/command")" = "$unpacked/启动器/briefing-window
$workbook"
check "the window says where the files are" \
  grep -qF "完成：1 份成功，0 份失败，文件在 $folder/out" "$work/terminal/output"
check "the PDF equals the machine's own build's" compiled_like_reference
# In a real terminal (a pseudo-terminal here) the window stays open with
# the result until Enter is pressed, as on Windows.
window=$(printf '%q ' "$unpacked/启动器/briefing-window" "$workbook")
sleep 10 | timeout 5 script -qec "$window" /dev/null >"$work/window.txt" 2>&1
status=$?
check "in a terminal, the window waits for Enter (still open after 5 s: exit $status)" test "$status" = 124
check "it says so: 按回车键关闭窗口" grep -q 按回车键关闭窗口 "$work/window.txt"
printf '\n' | timeout 120 script -qec "$window" /dev/null >/dev/null 2>&1
status=$?
check "Enter closes it (exit $status)" test "$status" = 0
install_script 卸载
check "卸载 removes both launchers" test ! -e "$menu" -a ! -e "$on_desktop"

# 2. The packages.
for deb in "$@"; do
  deb=$(realpath "$deb")
  arch=$(dpkg-deb -f "$deb" Architecture)
  id=$(dpkg-deb -f "$deb" Package)
  label="$(basename "$deb")"
  lintian --tag-display-limit 0 "$deb" >"$work/lintian.txt" 2>&1
  check "$label: lintian reports no error" test -z "$(grep '^E:' "$work/lintian.txt")"
  grep -v '^E:' "$work/lintian.txt" | sed 's/^/  lintian: /'
  grep '^E:' "$work/lintian.txt"
  contents="$work/contents"
  rm -rf "$contents"
  dpkg-deb -x "$deb" "$contents"
  entry="$contents/opt/apps/$id/entries/applications/$id.desktop"
  check "$label: the launcher passes desktop-file-validate" desktop-file-validate "$entry"
  check "$label: the UOS layout (info, entries, files/bin)" \
    test -f "$contents/opt/apps/$id/info" -a -x "$contents/opt/apps/$id/files/bin/briefing" \
    -a -f "$contents/opt/apps/$id/entries/icons/hicolor/scalable/apps/$id.svg"
  machine=$(readelf -h "$contents/opt/apps/$id/files/bin/briefing" | sed -n 's/^ *Machine: *//p')
  case "$arch:$machine" in
    amd64:*X86-64 | arm64:AArch64) check "$label: the program is $arch" true ;;
    *) check "$label: the program ($machine) is $arch" false ;;
  esac
  check "$label: no maintainer scripts" \
    test -z "$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -E 'inst|rm$')"
  [ "$arch" = "$(dpkg --print-architecture)" ] || continue

  DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" >"$work/dpkg.txt" 2>&1
  status=$?
  check "$label: dpkg -i installs it (exit $status)" test "$status" = 0
  [ "$status" = 0 ] || cat "$work/dpkg.txt"
  dpkg -L "$id" >"$work/files.txt"
  rm -rf "$folder/out"
  launch "/usr/share/applications/$id.desktop" "$workbook"
  check "$label: the menu's launcher compiles a dropped workbook" test "$?" = 0
  check "$label: it runs the installed briefing-window on the workbook's path" \
    test "$(cat "$work/terminal/command")" = "/opt/apps/$id/files/bin/briefing-window
$workbook"
  check "$label: the PDF equals the machine's own build's" compiled_like_reference
  check "$label: 打开方式 offers it for .xlsx" \
    grep -q "^application/vnd.openxmlformats-officedocument.spreadsheetml.sheet=.*$id.desktop" \
    /usr/share/applications/mimeinfo.cache
  rm -rf "$folder/out"
  briefing compile "$workbook" --quiet </dev/null
  check "$label: briefing on the PATH compiles the sample" compiled_like_reference

  DEBIAN_FRONTEND=noninteractive dpkg -r "$id" >"$work/dpkg.txt" 2>&1
  status=$?
  check "$label: dpkg -r removes it (exit $status)" test "$status" = 0
  left=$(while read -r path; do
    [ -e "$path" ] || [ -L "$path" ] || continue
    [ -d "$path" ] && [ ! -L "$path" ] && continue # shared folders such as /usr/bin
    echo "$path"
  done <"$work/files.txt")
  check "$label: dpkg -r leaves none of its files" test -z "$left"
  [ -z "$left" ] || echo "$left"
  check "$label: dpkg -r leaves no /opt/apps/$id" test ! -e "/opt/apps/$id"
  check "$label: nor an 打开方式 entry" \
    test -z "$(grep -s "$id" /usr/share/applications/mimeinfo.cache)"
  check "$label: dpkg knows it no more" \
    test -z "$(dpkg-query -W -f '${Status}' "$id" 2>/dev/null | grep -v not-installed)"
done
echo "desktop: $passed passed, $failed failed"
[ "$failed" = 0 ]
