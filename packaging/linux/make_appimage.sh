#!/usr/bin/env bash
# Turn the built bundle (dist/newsdesk/, from packaging/build.sh) into an AppImage.
#
#   packaging/linux/make_appimage.sh
#
# Always lays out build/Newsdesk.AppDir (files are hard links into dist/newsdesk, so it
# costs no space). Then, when `appimagetool` is on PATH, writes
# dist/Newsdesk-VERSION-ARCH.AppImage; without it, says so and stops with exit code 0, so a
# machine that has the tool can finish with: appimagetool build/Newsdesk.AppDir
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
BUNDLE=dist/newsdesk
APPDIR=build/Newsdesk.AppDir
[[ -x "$BUNDLE/newsdesk" ]] || { echo "make_appimage: build first (packaging/build.sh)" >&2; exit 1; }
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)

rm -rf "$APPDIR"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/share/applications" "$APPDIR/usr/share/metainfo"
cp -al "$BUNDLE" "$APPDIR/usr/lib/newsdesk"
rm -f "$APPDIR/usr/lib/newsdesk/install.sh" "$APPDIR/usr/lib/newsdesk/INSTALL.txt"
mv "$APPDIR/usr/lib/newsdesk/share/icons" "$APPDIR/usr/share/icons"
rm -rf "$APPDIR/usr/lib/newsdesk/share"
cp packaging/linux/newsdesk.desktop "$APPDIR/usr/share/applications/newsdesk.desktop"
cp packaging/linux/newsdesk.desktop "$APPDIR/newsdesk.desktop"
cp "$APPDIR/usr/share/icons/hicolor/256x256/apps/newsdesk.png" "$APPDIR/newsdesk.png"
ln -s newsdesk.png "$APPDIR/.DirIcon"
cat > "$APPDIR/AppRun" <<'SH'
#!/bin/sh
# AppImage entry: run the bundled Newsdesk with the arguments given.
HERE=$(dirname "$(readlink -f "$0")")
exec "$HERE/usr/lib/newsdesk/newsdesk" "$@"
SH
chmod 755 "$APPDIR/AppRun"
cat > "$APPDIR/usr/share/metainfo/org.newsdesk.Newsdesk.appdata.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>org.newsdesk.Newsdesk</id>
  <name>Newsdesk</name>
  <name xml:lang="zh-CN">编辑台</name>
  <summary>Editorial workstation for news portals</summary>
  <summary xml:lang="zh-CN">新闻门户网站的桌面编辑台</summary>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>GPL-3.0-or-later</project_license>
  <launchable type="desktop-id">newsdesk.desktop</launchable>
  <description>
    <p>Keep a news portal's sections and articles with their newsroom fields, preview each
    page as it will be published, and export the site as static HTML to upload.</p>
  </description>
  <releases><release version="$VERSION"/></releases>
</component>
XML

if ! command -v appimagetool >/dev/null 2>&1; then
    echo "make_appimage: $APPDIR is ready; appimagetool is not installed here, so no AppImage" \
         "was written (finish elsewhere: ARCH=$ARCH appimagetool $APPDIR)."
    exit 0
fi
export ARCH
appimagetool --no-appstream "$APPDIR" "dist/Newsdesk-$VERSION-$ARCH.AppImage"
echo "make_appimage: dist/Newsdesk-$VERSION-$ARCH.AppImage"
