#!/bin/sh
# 安装到桌面：把“简报编译”放进开始菜单和桌面，不需要管理员权限（不用 sudo，
# 统信专业版不开开发者模式也能用）。之后可以把工作簿拖到桌面上的“简报编译”
# 图标上，或者在工作簿上点右键，“打开方式”里选“简报编译”。
#
#   sh 安装到桌面.sh          安装（解压出的文件夹搬走后要再运行一次）
#   sh 安装到桌面.sh 卸载     去掉菜单和桌面上的“简报编译”
#
# Writes the launcher (启动器/briefing.desktop, its Exec pointing at this
# folder's 启动器/briefing-window) into the user's own applications folder
# and onto the desktop; touches nothing outside the user's home.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
applications="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
desktop=$(xdg-user-dir DESKTOP 2>/dev/null || true)
if [ -z "$desktop" ] || [ "$desktop" = "$HOME" ] || [ ! -d "$desktop" ]; then
  desktop="$HOME/桌面"
  [ -d "$desktop" ] || desktop="$HOME/Desktop"
fi
entry=org.briefing.app.desktop

if [ "${1:-}" = 卸载 ]; then
  rm -f "$applications/$entry" "$desktop/$entry"
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database "$applications" 2>/dev/null || true
  echo "已去掉菜单和桌面上的“简报编译”。程序所在的文件夹可以直接删除。"
  exit 0
fi

# A path in Exec: in double quotes, with \ " ` $ escaped, then every \
# doubled (the file's own string escapes) and % doubled (field codes).
quote() {
  printf '"%s"' "$(printf '%s' "$1" | sed 's/[\\"`$]/\\&/g; s/\\/\\\\/g; s/%/%%/g')"
}
launcher="$here/启动器/briefing-window"
if [ ! -x "$launcher" ] || [ ! -x "$here/briefing" ]; then
  echo "错误: 在 $here 里找不到 briefing 或 启动器/briefing-window；请在解压出的文件夹里运行本脚本。" >&2
  exit 1
fi
exec_path=$(quote "$launcher")
icon=$(printf '%s' "$here/启动器/briefing.svg" | sed 's/\\/\\\\/g')
mkdir -p "$applications"
# sed's replacement: & and the | delimiter, and \, are escaped.
sed_escape() { printf '%s' "$1" | sed 's/[\\&|]/\\&/g'; }
sed "s|@EXEC@|$(sed_escape "$exec_path")|; s|@ICON@|$(sed_escape "$icon")|" \
  "$here/启动器/briefing.desktop" > "$applications/$entry"
chmod 755 "$applications/$entry"
command -v update-desktop-database >/dev/null 2>&1 &&
  update-desktop-database "$applications" 2>/dev/null || true
echo "已加入开始菜单：简报编译"

if [ -d "$desktop" ]; then
  cp "$applications/$entry" "$desktop/$entry"
  chmod 755 "$desktop/$entry"
  # GNOME-style desktops run a launcher on the desktop only once trusted.
  command -v gio >/dev/null 2>&1 &&
    gio set "$desktop/$entry" metadata::trusted true 2>/dev/null || true
  echo "已放到桌面：$desktop/$entry"
fi
echo "把工作簿拖到桌面上的“简报编译”图标上，或者在工作簿上点右键，“打开方式”里选“简报编译”。"
echo "解压出的文件夹（$here）不要删除或搬走；搬走后在新位置再运行一次本脚本。"
