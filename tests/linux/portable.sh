#!/usr/bin/env bash
# The static Linux programs, against the machine's own (glibc) build:
#
#   tests/linux/portable.sh REFERENCE_BRIEFING BRIEFING...
#
# For each BRIEFING (x86_64 or aarch64):
# 1. it needs nothing from the system that runs it: no program interpreter
#    (ld-linux), no shared library (readelf);
# 2. copied alone with the sample into an otherwise empty root (chroot;
#    an aarch64 program runs there under qemu-user, which is static too),
#    it compiles the sample in a folder named with Chinese characters and a
#    space, and its PDF and summary workbook equal REFERENCE's byte for
#    byte.
# Needs root (chroot), readelf (binutils) and, for aarch64 programs on
# another machine, qemu-aarch64-static (qemu-user-static).
set -uo pipefail
reference=$(realpath "$1")
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
sample="$root/data/兰州市2020年上半年成绩单.xlsx"
name=兰州市2020年上半年成绩单
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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

# The reference: the sample compiled by the machine's own build.
mkdir -p "$work/reference"
cp "$sample" "$work/reference/"
"$reference" compile "$work/reference/$name.xlsx" --quiet </dev/null

for program in "$@"; do
  program=$(realpath "$program")
  machine=$(readelf -h "$program" | sed -n 's/^ *Machine: *//p')
  label=$machine
  # 1. Nothing asked of the system.
  check "$label: no program interpreter" \
    test -z "$(readelf -lW "$program" | grep 'Requesting program interpreter')"
  check "$label: no shared library" \
    test -z "$(readelf -dW "$program" | grep '(NEEDED)')"

  # 2. Alone in an empty root.
  jail="$work/root"
  rm -rf "$jail"
  mkdir -p "$jail/简报 测试" "$jail/tmp"
  cp "$program" "$jail/briefing"
  cp "$sample" "$jail/简报 测试/"
  run=(/briefing)
  case "$machine:$(uname -m)" in
    AArch64:aarch64 | *X86-64:x86_64) ;;
    AArch64:*)
      cp "$(command -v qemu-aarch64-static)" "$jail/qemu-aarch64-static"
      run=(/qemu-aarch64-static /briefing)
      ;;
    *) echo "FAILED: $label: no way to run it here"; failed=$((failed + 1)); continue ;;
  esac
  env -i LANG=C.UTF-8 HOME=/tmp TMPDIR=/tmp "$(command -v timeout)" 600 \
    "$(command -v chroot)" "$jail" "${run[@]}" compile "/简报 测试/$name.xlsx" \
    </dev/null >"$work/out.txt" 2>"$work/err.txt"
  status=$?
  check "$label: compiles the sample alone in an empty root (exit $status)" test "$status" = 0
  check "$label: the PDF equals the reference's" \
    cmp "$jail/简报 测试/out/$name.pdf" "$work/reference/out/$name.pdf"
  check "$label: the summary workbook equals the reference's" \
    cmp "$jail/简报 测试/out/$name-汇总.xlsx" "$work/reference/out/$name-汇总.xlsx"
  if [ "$status" != 0 ]; then
    echo "--- standard error:"
    cat "$work/err.txt"
  fi
done
echo "portable: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
