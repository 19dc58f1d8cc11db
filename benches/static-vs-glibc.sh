#!/usr/bin/env bash
# Whole-process times of two Linux builds of briefing on the same work: the
# machine's own glibc build against the static (musl, mimalloc) one that
# scripts/dist.sh ships, on the sample and on the batch of 200 district
# reports (`--per 地区`, one and two threads). Results: docs/performance.md.
#
#   benches/static-vs-glibc.sh GLIBC_BRIEFING STATIC_BRIEFING
#
# Needs hyperfine (Debian: apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
glibc=$(realpath "$1")
static=$(realpath "$2")
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/briefing/target}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp data/兰州市2020年上半年成绩单.xlsx "$work/sample.xlsx"
cargo bench --quiet --bench compile -- --regions "$work/regions.xlsx"

# Each run writes its files afresh into its own folder.
hyperfine --warmup 2 --runs 21 -N --export-markdown "$work/sample.md" \
  -n glibc "$glibc compile $work/sample.xlsx --out $work/a --quiet" \
  -n static "$static compile $work/sample.xlsx --out $work/b --quiet"
for jobs in 1 2; do
  hyperfine --warmup 1 --runs 7 -N --export-markdown "$work/regions-$jobs.md" \
    -n glibc "$glibc compile $work/regions.xlsx --per 地区 --jobs $jobs --out $work/c --quiet" \
    -n static "$static compile $work/regions.xlsx --per 地区 --jobs $jobs --out $work/d --quiet"
done
cat "$work/sample.md" "$work/regions-1.md" "$work/regions-2.md"
