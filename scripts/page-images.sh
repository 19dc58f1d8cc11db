#!/usr/bin/env bash
# Page images of every built-in template's output, for checking that a
# change to the templates leaves the pages as they were:
#
#   scripts/page-images.sh BRIEFING OUT      # render into OUT
#   scripts/page-images.sh BRIEFING OUT OLD  # ... and compare with OLD
#
# For each template (default, gongwen, jianbao) it compiles the sample, the
# sample with a 附表, a {表:} and {图:} in its text and paragraphs that are
# hard to break on the 公文 grid, and the thirty-region batch of
# tests/fixtures (its overview included), and renders every page at 100
# dpi. Comparing prints each image that differs (or is missing) and exits
# 1 if any does. Needs pdftoppm, cmp and python3 with openpyxl.
set -euo pipefail
briefing=$(realpath "$1")
out=$2
old=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The sample with a 附表, a table and a chart in its text, and hard lines.
python3 - "$root/data/兰州市2020年上半年成绩单.xlsx" "$work/附表.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb["报告"].append(["附表", "主要经济指标"])
body = wb["正文"]
hard = [
    # Two closing marks after a full line, Latin and digits, a long
    # number, a line of only punctuation, an opening mark at a line's end.
    "各县区坚持稳中求进工作总基调完整准确全面贯彻新发展理念加快构建新发展格局。”）继续推进。",
    "全市规模以上工业增加值同比增长3.5%，其中GDP核算口径下的ABC类企业完成12345678901234567890元，增长12.5%。",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五（注）",
    "“”（）《》，。、；：！？“”（）《》，。、；：！？“”（）《》，。、；：！？",
    "全市完成固定资产投资Investment in fixed assets增长2.3个百分点，比一季度回升15.6个百分点，其中民间投资增长1.2%。",
    "数据来源：兰州市统计局2020-08-04发布的《兰州市2020年上半年国民经济运行情况》（第12345号）。",
]
body.append(["三、附录", "", "{表:稳经济}"])
body.append([None, "", "{图:gdp、tech_contract_value、ecommerce:同比}"])
for p in hard:
    body.append([None, "", p])
wb.save(sys.argv[2])
PY
cp "$root/data/兰州市2020年上半年成绩单.xlsx" "$work/sample.xlsx"

status=0
for template in default gongwen jianbao; do
  for book in sample 附表; do
    "$briefing" compile "$work/$book.xlsx" -t "$template" -o "$work/$template-$book" --quiet 2>/dev/null
  done
  "$briefing" compile "$root/tests/fixtures/regions-planted-error.xlsx" --per 地区 \
    -t "$template" -o "$work/$template-regions" --quiet 2>/dev/null || true
  mkdir -p "$out/$template"
  for book in sample 附表; do
    pdftoppm -r 100 -png "$work/$template-$book/$book.pdf" "$out/$template/$book"
  done
  overview=$(find "$work/$template-regions" -maxdepth 1 -name '*总览*.pdf' | head -n1)
  pdftoppm -r 100 -png "$overview" "$out/$template/overview"
  # One region's report too.
  report=$(find "$work/$template-regions" -name '*城关区*.pdf' | head -n1)
  pdftoppm -r 100 -png "$report" "$out/$template/region"
done

if [ -n "$old" ]; then
  for image in $( (cd "$old" && find . -name '*.png'; cd "$out" && find . -name '*.png') | sort -u); do
    if ! cmp -s "$old/$image" "$out/$image"; then
      echo "differs: $image"
      status=1
    fi
  done
  [ $status -eq 0 ] && echo "all $(cd "$out" && find . -name '*.png' | wc -l) page images identical"
fi
exit $status
