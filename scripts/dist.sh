#!/usr/bin/env bash
# Builds the release archives on this Linux machine:
#
#   scripts/dist.sh [TARGET...]
#
# TARGET is x86_64-pc-windows-gnu, x86_64-unknown-linux-gnu or
# aarch64-unknown-linux-gnu (信创 desktops: Kylin, UOS on Phytium and
# Kunpeng); with none, all three. Writes under dist/:
#   briefing-<version>-x86_64-pc-windows-gnu.zip
#   briefing-<version>-x86_64-unknown-linux-gnu.tar.gz
#   briefing-<version>-aarch64-unknown-linux-gnu.tar.gz
#   SHA256SUMS
# Each archive holds the program (stripped), the sample workbook, the font
# licences, the guides, and 使用说明.txt (UTF-8 with BOM and CRLF line ends
# in the Windows archive, so that Notepad shows it right). Archives are
# reproducible: same sources, same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(x86_64-pc-windows-gnu x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu)
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# The build folder CI uses, so that a release reuses its builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/briefing/target}"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
# Archive entries get the time of the last commit, not of the build.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

# What each target needs on this machine.
install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}
for target in "${targets[@]}"; do
  case "$target" in
    x86_64-pc-windows-gnu) install gcc-mingw-w64-x86-64 ;;
    aarch64-unknown-linux-gnu) install gcc-aarch64-linux-gnu ;;
    x86_64-unknown-linux-gnu) ;;
    *) echo "未知的目标平台：$target" >&2; exit 2 ;;
  esac
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
done

mkdir -p dist
for target in "${targets[@]}"; do
  echo "== $target"
  # The machine's own target builds where CI builds; the others beside it.
  host=$(rustc -vV | sed -n 's/^host: //p')
  if [ "$target" = "$host" ]; then
    cargo build --release --locked --bin briefing
    built="$CARGO_TARGET_DIR/release"
  else
    cargo build --release --locked --target "$target" --bin briefing
    built="$CARGO_TARGET_DIR/$target/release"
  fi
  name="briefing-$version-$target"
  stage="$CARGO_TARGET_DIR/dist/$name"
  rm -rf "$stage"
  mkdir -p "$stage/示例" "$stage/说明" "$stage/字体许可"
  exe=briefing
  [ "$target" = x86_64-pc-windows-gnu ] && exe=briefing.exe
  cp "$built/$exe" "$stage/$exe"
  case "$target" in
    x86_64-pc-windows-gnu) x86_64-w64-mingw32-strip "$stage/$exe" ;;
    aarch64-unknown-linux-gnu) aarch64-linux-gnu-strip "$stage/$exe" ;;
    *) strip "$stage/$exe" ;;
  esac
  cp data/兰州市2020年上半年成绩单.xlsx "$stage/示例/"
  cp docs/workbook.md "$stage/说明/工作簿怎么填.md"
  cp docs/templates.md "$stage/说明/模板.md"
  cp fonts/LICENSE-*.txt fonts/README.md "$stage/字体许可/"
  if [ "$target" = x86_64-pc-windows-gnu ]; then
    # Notepad: a byte-order mark and CRLF line ends.
    printf '\xef\xbb\xbf' > "$stage/使用说明.txt"
    sed 's/$/\r/' docs/使用说明.txt >> "$stage/使用说明.txt"
    archive="dist/$name.zip"
    python3 scripts/zip.py "$archive" "$CARGO_TARGET_DIR/dist" "$name"
  else
    sed 's#示例\\#示例/#; s#\\out\\#/out/#g; s#……\\out#……/out#' docs/使用说明.txt > "$stage/使用说明.txt"
    archive="dist/$name.tar.gz"
    tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
      -C "$CARGO_TARGET_DIR/dist" -cf - "$name" | gzip -9n > "$archive"
  fi
  echo "$archive: $(du -h "$archive" | cut -f1)"
done

(cd dist && sha256sum -- *.zip *.tar.gz 2>/dev/null > SHA256SUMS)
(cd dist && sha256sum --check --quiet SHA256SUMS)
echo "dist/SHA256SUMS"
