#!/bin/sh
# Newsdesk 编辑台: add (or with --uninstall remove) the applications-menu entry, the icons
# and a `newsdesk` command for the current user. Nothing outside your home folder changes.
#   ./install.sh              install into ${XDG_DATA_HOME:-~/.local/share} and ~/.local/bin
#   ./install.sh --uninstall  remove what install.sh added
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP="$HERE/newsdesk"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
DESKTOP="$DATA/applications/newsdesk.desktop"
ICONS="$DATA/icons/hicolor"
SIZES="16x16 32x32 48x48 64x64 128x128 256x256 512x512"

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
    fi
}

uninstall() {
    rm -f "$DESKTOP"
    for size in $SIZES; do rm -f "$ICONS/$size/apps/newsdesk.png"; done
    rm -f "$ICONS/scalable/apps/newsdesk.svg"
    if [ -L "$BIN/newsdesk" ] && [ "$(readlink "$BIN/newsdesk")" = "$APP" ]; then
        rm -f "$BIN/newsdesk"
    fi
    refresh_caches
    echo "Newsdesk removed from the applications menu. The folder $HERE and your sites stay."
}

install() {
    if [ ! -x "$APP" ]; then
        echo "install.sh: $APP is missing; run install.sh from the unpacked newsdesk folder." >&2
        exit 1
    fi
    case "$HERE" in
        *[\"\`\$\\%]*)
            echo "install.sh: move the newsdesk folder to a path without \" \` \$ \\ or % first." >&2
            exit 1 ;;
    esac
    mkdir -p "$DATA/applications" "$ICONS/scalable/apps" "$BIN"
    for size in $SIZES; do
        mkdir -p "$ICONS/$size/apps"
        cp "$HERE/share/icons/hicolor/$size/apps/newsdesk.png" "$ICONS/$size/apps/newsdesk.png"
    done
    cp "$HERE/share/icons/hicolor/scalable/apps/newsdesk.svg" "$ICONS/scalable/apps/newsdesk.svg"
    sed -e "s|^Exec=.*|Exec=\"$APP\"|" -e "s|^TryExec=.*|TryExec=$APP|" \
        "$HERE/share/applications/newsdesk.desktop" > "$DESKTOP"
    chmod 644 "$DESKTOP"
    if [ ! -e "$BIN/newsdesk" ] || [ -L "$BIN/newsdesk" ]; then
        ln -sfn "$APP" "$BIN/newsdesk"
    fi
    refresh_caches
    echo "Newsdesk (编辑台) is in the applications menu now; \`newsdesk\` runs it from $BIN."
}

case "${1:-}" in
    "") install ;;
    --uninstall) uninstall ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
esac
