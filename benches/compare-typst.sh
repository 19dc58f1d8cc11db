#!/usr/bin/env bash
# Whole-process time of `briefing compile` of the sample against Typst's own
# command line compiling the same document (`--emit-typst`) with the same
# font files. Results: docs/performance.md.
#
#   benches/compare-typst.sh [path/to/typst]
#
# Needs Python 3 and a Typst CLI of the same version as the library (cargo
# install typst-cli --locked --root DIR, outside this repository). The three
# commands run in turn, round after round (RUNS rounds, 40 by default), and
# each ratio is the median of the ratios within the rounds. Run as root, it also hides the machine's fonts
# (a private mount over /usr/share/fonts), as on a machine without Chinese
# fonts.
set -euo pipefail
cd "$(dirname "$0")/.."

typst="${1:-typst}"
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

# The three commands in turn, round after round (each round in another
# order), so that the machine's drift over the run touches each alike; the
# ratio is taken within each round, and its median printed with the median
# time of each command.
python3 - "${RUNS:-40}" "${wrap[@]}" -- \
  "$briefing compile $sample --out $work/out --quiet" \
  "$typst compile $work/typst/main.typ $work/out/typst.pdf --font-path fonts" \
  "$typst compile $work/typst/main.typ $work/out/typst.pdf --font-path fonts --ignore-system-fonts --ignore-embedded-fonts" \
  <<'PY'
import shlex, statistics, subprocess, sys, time
args = sys.argv[1:]
runs, wrap, commands = int(args[0]), args[1:args.index("--")], args[args.index("--") + 1:]
names = ["briefing compile", "typst compile", "typst compile, our fonts only"]
def once(command):
    start = time.perf_counter()
    subprocess.run(wrap + shlex.split(command), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
for _ in range(5):  # warm-up
    for command in commands:
        once(command)
times = [[] for _ in commands]
for r in range(runs):
    order = list(range(len(commands)))
    order = order[r % len(order):] + order[:r % len(order)]
    for k in order:
        times[k].append(once(commands[k]))
print(f"{'command':<32}{'median':>10}{'ratio':>8}")
for name, mine in zip(names, times):
    ratio = statistics.median(a / b for a, b in zip(times[0], mine))
    print(f"{name:<32}{statistics.median(mine) * 1000:>8.1f}ms{ratio:>8.2f}")
PY
