#!/usr/bin/env bash
# Builds the release archives on this Linux machine:
#
#   scripts/dist.sh [TARGET...]
#
# TARGET is x86_64-pc-windows-gnu, x86_64-unknown-linux-musl or
# aarch64-unknown-linux-musl (信创 desktops: Kylin, UOS on Phytium and
# Kunpeng; Zhaoxin and Hygon are x86_64); with none, all three. The Linux
# programs are static (musl, with mimalloc as the allocator): they start on
# any Linux of their architecture, whatever its glibc. Writes under dist/:
#   briefing-<version>-x86_64-pc-windows-gnu.zip
#   briefing-<version>-x86_64-unknown-linux-musl.tar.gz
#   briefing-<version>-aarch64-unknown-linux-musl.tar.gz
#   org.briefing.app_<version>_amd64.deb, org.briefing.app_<version>_arm64.deb
#   SHA256SUMS
# Each archive holds the program (stripped), the sample workbook, the font
# licences, the guides, and 使用说明.txt (UTF-8 with BOM and CRLF line ends
# in the Windows archive, so that Notepad shows it right); a Linux archive
# also holds 安装到桌面.sh and the desktop launcher it installs
# (packaging/linux/). The .deb packages are the same program in the UOS
# application layout (scripts/deb.sh). Each Linux program is checked by
# tests/linux/portable.sh before it is packed (aarch64 under qemu-user).
# Archives are reproducible: same sources, same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(x86_64-pc-windows-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# The build folder CI uses, so that a release reuses its builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/briefing/target}"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
# Static Linux programs: musl's C library, mimalloc's C code compiled
# against it (musl-gcc; zig's clang for aarch64), linked by gcc with the
# C runtime Rust ships for musl.
export CC_x86_64_unknown_linux_musl=musl-gcc
export CC_aarch64_unknown_linux_musl="$PWD/scripts/zig-cc-aarch64-musl"
export AR_aarch64_unknown_linux_musl=aarch64-linux-gnu-ar
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER=aarch64-linux-gnu-gcc
# Archive entries get the time of the last commit, not of the build. Not
# exported to cargo: cc-rs rebuilds every C dependency (and Typst above
# them) when SOURCE_DATE_EPOCH changes, so CI's test build would not be
# reused.
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

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
    x86_64-unknown-linux-musl) install musl-tools binutils ;;
    aarch64-unknown-linux-musl)
      install gcc-aarch64-linux-gnu qemu-user
      python3 -m ziglang version >/dev/null 2>&1 ||
        python3 -m pip install -q --root-user-action=ignore ziglang
      ;;
    *) echo "未知的目标平台：$target" >&2; exit 2 ;;
  esac
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
done

# The machine's own glibc program: what each Linux program's PDF must equal.
case " ${targets[*]} " in
  *linux*)
    cargo build --release --locked --bin briefing
    reference="$CARGO_TARGET_DIR/release/briefing"
    ;;
esac

mkdir -p dist
for target in "${targets[@]}"; do
  echo "== $target"
  cargo build --release --locked --target "$target" --bin briefing
  built="$CARGO_TARGET_DIR/$target/release"
  name="briefing-$version-$target"
  stage="$CARGO_TARGET_DIR/dist/$name"
  rm -rf "$stage"
  mkdir -p "$stage/示例" "$stage/说明" "$stage/字体许可"
  exe=briefing
  [ "$target" = x86_64-pc-windows-gnu ] && exe=briefing.exe
  cp "$built/$exe" "$stage/$exe"
  case "$target" in
    x86_64-pc-windows-gnu) x86_64-w64-mingw32-strip "$stage/$exe" ;;
    aarch64-*) aarch64-linux-gnu-strip "$stage/$exe" ;;
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
    SOURCE_DATE_EPOCH=$epoch python3 scripts/zip.py "$archive" "$CARGO_TARGET_DIR/dist" "$name"
  else
    bash tests/linux/portable.sh "$reference" "$stage/briefing"
    cp docs/使用说明-麒麟统信.txt "$stage/使用说明.txt"
    cp packaging/linux/安装到桌面.sh "$stage/"
    mkdir -p "$stage/启动器"
    cp packaging/linux/briefing-window packaging/linux/briefing.desktop \
      packaging/linux/briefing.svg "$stage/启动器/"
    chmod 755 "$stage/安装到桌面.sh" "$stage/启动器/briefing-window"
    archive="dist/$name.tar.gz"
    tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
      -C "$CARGO_TARGET_DIR/dist" -cf - "$name" | gzip -9n > "$archive"
    echo "$archive: $(du -h "$archive" | cut -f1)"
    archive=$(SOURCE_DATE_EPOCH=$epoch bash scripts/deb.sh "$stage" "$version" dist)
  fi
  echo "$archive: $(du -h "$archive" | cut -f1)"
done

(cd dist && shopt -s nullglob && sha256sum -- *.zip *.tar.gz *.deb > SHA256SUMS)
(cd dist && sha256sum --check --quiet SHA256SUMS)
echo "dist/SHA256SUMS"
