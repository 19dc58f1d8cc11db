#!/usr/bin/env bash
# Whole-process time of `briefing compile` of the sample against Typst's own
# command line compiling the same document (`--emit-typst`) with the same
# font files. Results: docs/performance.md.
#
#   benches/compare-typst.sh [path/to/typst]
#
# Needs hyperfine (Debian: apt-get install hyperfine) and a Typst CLI of the
# same version as the library (cargo install typst-cli --locked --root DIR,
# outside this repository). Run as root, it also hides the machine's fonts
# (a private mount over /usr/share/fonts), as on a machine without Chinese
# fonts.
set -euo pipefail
cd "$(dirname "$0")/.."

typst="${1:-typst}"
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)"; exit 2; }
"$typst" --version

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/briefing/target}"
cargo build --release --quiet
briefing="$CARGO_TARGET_DIR/release/briefing"
sample="data/兰州市2020年上半年成绩单.xlsx"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The same document for Typst: template and data as files.
"$briefing" compile "$sample" --out "$work/out" --emit-typst "$work/typst" --quiet 2>/dev/null

# Without the machine's fonts when we can: a private mount hides them.
wrap=()
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  mkdir -p "$work/nofonts"
  cat > "$work/nofonts.sh" <<SH
#!/bin/sh
mount --bind "$work/nofonts" /usr/share/fonts && exec "\$@"
SH
  chmod +x "$work/nofonts.sh"
  wrap=(unshare --mount "$work/nofonts.sh")
fi

hyperfine --warmup 5 --runs "${RUNS:-40}" -N --export-json "$work/times.json" \
  --command-name "briefing compile" \
  "${wrap[*]} $briefing compile $sample --out $work/out --quiet" \
  --command-name "typst compile" \
  "${wrap[*]} $typst compile $work/typst/main.typ $work/out/typst.pdf --font-path fonts" \
  --command-name "typst compile, our fonts only" \
  "${wrap[*]} $typst compile $work/typst/main.typ $work/out/typst.pdf --font-path fonts --ignore-system-fonts --ignore-embedded-fonts" \
  > /dev/null

python3 - "$work/times.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ours = results[0]["median"]
print(f"{'command':<32}{'median':>10}{'ratio':>8}")
for r in results:
    print(f"{r['command']:<32}{r['median'] * 1000:>8.1f}ms{ours / r['median']:>8.2f}")
PY
