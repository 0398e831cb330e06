#!/usr/bin/env bash
# Build the Newsdesk desktop bundle with PyInstaller (`make package` runs this).
#
#   packaging/build.sh            icons + dist/newsdesk/ (+ the Linux archive on Linux)
#
# Environment: PYTHON (default .venv/bin/python, with the `package` extra installed),
# NEWSDESK_SLIM=0 to build without the Qt trimming (for measuring it).
# Linux result: dist/newsdesk-VERSION-linux-ARCH.tar.gz holding the folder newsdesk/ with the
# executable, _internal/, INSTALL.txt, install.sh and share/{applications,icons}.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
started=$(date +%s)
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: PyInstaller is missing; install the package extra first:" \
         "$PYTHON -m pip install -e '.[package]'  (make package does)" >&2
    exit 1
fi

VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
echo "== Newsdesk $VERSION: icons"
"$PYTHON" packaging/make_icons.py --out build/icons >/dev/null

if [[ "$(uname -s)" == Linux ]]; then
    # Qt's X11 plugin needs these; whatever the build machine lacks, the bundle lacks too.
    qxcb=$("$PYTHON" -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt/plugins/platforms/libqxcb.so")')
    missing=$(ldd "$qxcb" 2>/dev/null | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
    if [[ -n "$missing" ]]; then
        echo "build.sh: warning: not on this machine, so not in the bundle: $missing" >&2
        echo "          (Debian/Ubuntu: apt-get install libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0)" >&2
    fi
fi

echo "== PyInstaller"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/newsdesk.spec

BUNDLE=dist/newsdesk
if [[ "$(uname -s)" != Linux ]]; then
    echo "== Built $BUNDLE in $(( $(date +%s) - started )) s (archive and installer: see packaging/README.md)"
    exit 0
fi

echo "== Linux desktop files"
ARCH=$(uname -m)
mkdir -p "$BUNDLE/share/applications"
cp packaging/linux/newsdesk.desktop "$BUNDLE/share/applications/"
rm -rf "$BUNDLE/share/icons"
mkdir -p "$BUNDLE/share/icons"
cp -r build/icons/hicolor "$BUNDLE/share/icons/"
install -m 755 packaging/linux/install.sh "$BUNDLE/install.sh"
sed -e "s/@VERSION@/$VERSION/g" -e "s/@ARCH@/$ARCH/g" packaging/linux/INSTALL.txt > "$BUNDLE/INSTALL.txt"

ARCHIVE="dist/newsdesk-$VERSION-linux-$ARCH.tar.gz"
echo "== $ARCHIVE"
rm -f "$ARCHIVE"
gzip_cmd="gzip -6"
command -v pigz >/dev/null && gzip_cmd="pigz -6"
tar --sort=name --owner=0 --group=0 --numeric-owner -C dist -I "$gzip_cmd" -cf "$ARCHIVE" newsdesk

echo "== Built in $(( $(date +%s) - started )) s: $BUNDLE $(du -sh "$BUNDLE" | cut -f1)," \
     "$ARCHIVE $(du -h "$ARCHIVE" | cut -f1)"
