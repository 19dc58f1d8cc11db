#!/usr/bin/env bash
# The Windows program under Wine, against the Linux one:
#
#   tests/windows/smoke.sh LINUX_BRIEFING WINDOWS_BRIEFING_EXE
#
# 1. compiles the sample in a folder named with Chinese characters and a
#    space, with standard input not a console (it must not wait), and its
#    PDF and summary workbook equal the Linux program's byte for byte;
# 2. while another program holds the PDF open without sharing it, a
#    compile exits 1 with a Chinese message naming the file and leaves the
#    PDF as it was; once released, the next compile succeeds.
# Needs wine and x86_64-w64-mingw32-gcc (for the test helpers: a stand-in
# bcryptprimitives.dll that Wine 8 lacks, and hold.exe).
set -uo pipefail
linux=$(realpath "$1")
exe=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX="${WINEPREFIX:-$HOME/.cache/briefing/wine}"
passed=0
failed=0
check() { # check NAME CONDITION-COMMAND...
  local name=$1
  shift
  if "$@"; then
    echo "ok: $name"
    passed=$((passed + 1))
  else
    echo "FAILED: $name"
    failed=$((failed + 1))
  fi
}

# The program and its test helpers, beside each other (never shipped).
bin="$work/程序"
mkdir -p "$bin"
cp "$exe" "$bin/briefing.exe"
x86_64-w64-mingw32-gcc -shared -O2 -o "$bin/bcryptprimitives.dll" "$here/bcryptprimitives.c" -ladvapi32
x86_64-w64-mingw32-gcc -municode -O2 -o "$bin/hold.exe" "$here/hold.c"
wineboot --init >/dev/null 2>&1 || true

folder="$work/简报 测试"
mkdir -p "$folder" "$work/linux"
sample="$root/data/兰州市2020年上半年成绩单.xlsx"
cp "$sample" "$folder/"
cp "$sample" "$work/linux/"
workbook=$(winepath -w "$folder/兰州市2020年上半年成绩单.xlsx")
pdf="$folder/out/兰州市2020年上半年成绩单.pdf"
summary="$folder/out/兰州市2020年上半年成绩单-汇总.xlsx"

# 1. A dropped workbook (no command), standard input not a console.
timeout 300 wine "$bin/briefing.exe" "$workbook" </dev/null >"$work/out.txt" 2>"$work/err.txt"
status=$?
check "compiles in a folder named 简报 测试 (exit $status)" test "$status" = 0
check "says where the files are" grep -q "完成：1 份成功，0 份失败，文件在" "$work/out.txt"
check "never waits for Enter without a console" test "$(grep -c 按回车键 "$work/err.txt")" = 0
"$linux" compile "$work/linux/兰州市2020年上半年成绩单.xlsx" --quiet 2>/dev/null
check "the PDF equals the Linux program's" cmp "$pdf" "$work/linux/out/兰州市2020年上半年成绩单.pdf"
check "the summary workbook equals the Linux program's" \
  cmp "$summary" "$work/linux/out/兰州市2020年上半年成绩单-汇总.xlsx"

# 2. The PDF held open by another program.
cp "$pdf" "$work/before.pdf"
coproc HOLD { wine "$bin/hold.exe" "$(winepath -w "$pdf")"; }
read -r -t 120 line <&"${HOLD[0]}"
line=${line%$'\r'} # Windows ends lines with CRLF
check "the helper holds the PDF" test "${line:-}" = held
timeout 300 wine "$bin/briefing.exe" compile "$workbook" </dev/null >"$work/out.txt" 2>"$work/err.txt"
status=$?
check "a compile over a held PDF exits 1 (exit $status)" test "$status" = 1
check "the message names the file, in Chinese" grep -q "无法写入 .*兰州市2020年上半年成绩单.pdf：.*其他程序" "$work/err.txt"
check "the held PDF is unchanged" cmp "$pdf" "$work/before.pdf"
echo >&"${HOLD[1]}"
wait "$HOLD_PID" 2>/dev/null
timeout 300 wine "$bin/briefing.exe" compile "$workbook" </dev/null >/dev/null 2>"$work/err.txt"
status=$?
check "once released, the next compile succeeds (exit $status)" test "$status" = 0
if [ "$failed" -gt 0 ]; then
  echo "--- standard error of the last run:"
  cat "$work/err.txt"
fi
echo "windows: $passed passed, $failed failed"
[ "$failed" = 0 ]
