#!/usr/bin/env bash
# Build the Linux bundle and prove the archive works on its own: unpack it into an empty
# folder, then run the frozen program there with a throw-away home folder.
#
#   packaging/check_bundle.sh             build (packaging/build.sh), then check
#   packaging/check_bundle.sh --no-build  check the archive already in dist/
#
# Fails (exit 1) when: the archive is missing; the bundle lacks a required file, carries
# trimmed-away Qt parts or mentions the checkout's path; `newsdesk --version` does not print
# the archive's version; a command-line round trip (init --demo, sections, import, export,
# and a 450-article export through worker processes) fails; `newsdesk roundtrip` cannot run
# the demo articles through the bundled rich editor (QWebChannel, resources/rich_editor/);
# `newsdesk gui --screenshot` fails, times out, reports an undrawn preview or rich editor or
# leaves a missing/blank picture.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
GUI_TIMEOUT=${GUI_TIMEOUT:-180}
started=$(date +%s)

if [[ "${1:-}" != --no-build ]]; then
    bash packaging/build.sh
fi
built=$(date +%s)

VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCHIVE="$ROOT/dist/newsdesk-$VERSION-linux-$(uname -m).tar.gz"
fail() { echo "check_bundle: FAILED: $*" >&2; exit 1; }
[[ -f "$ARCHIVE" ]] || fail "no archive $ARCHIVE"

WORK=$(mktemp -d /tmp/newsdesk-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home"
tar -xzf "$ARCHIVE" -C "$WORK"
APP="$WORK/newsdesk/newsdesk"
[[ -x "$APP" ]] || fail "the archive has no executable newsdesk/newsdesk"

echo "== contents"
"$PYTHON" packaging/inspect_bundle.py bundle "$WORK/newsdesk" "$VERSION" \
    --forbid "$ROOT" --forbid "$(cd "$(dirname "$PYTHON")/.." && pwd)" \
    || fail "bundle contents (see above)"

# The frozen program runs with nothing of the build machine's Python around it.
run() {
    (cd "$WORK" && env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$WORK/home" \
        XDG_DATA_HOME="$WORK/home/data" XDG_CONFIG_HOME="$WORK/home/config" \
        XDG_CACHE_HOME="$WORK/home/cache" XDG_RUNTIME_DIR="$WORK/home/run" \
        QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 NEWSDESK_USER=check \
        "$@")
}
mkdir -p "$WORK/home/run" && chmod 700 "$WORK/home/run"

echo "== newsdesk --version"
printed=$(run "$APP" --version) || fail "newsdesk --version exited with $?"
echo "$printed"
[[ "$printed" == "Newsdesk $VERSION" ]] || fail "--version printed '$printed', the archive is $VERSION"

echo "== command line"
SITE="$WORK/site.newsdesk"
run "$APP" --db "$SITE" init --demo || fail "init --demo"
run "$APP" --db "$SITE" sections --json > "$WORK/sections.json" || fail "sections --json"
grep -q '"children"' "$WORK/sections.json" || fail "sections --json printed no section tree"
cat > "$WORK/page.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>社区食堂开到家门口 - 儒经网</title></head>
<body><div class="position">当前位置:<a href="/">首页</a> &gt; <a href="/shehui/">社科</a></div>
<h1>社区食堂开到家门口</h1><div class="info">2024-05-06 10:20 来源:成都日报 责编:网宣王岚</div>
<div class="content"><p>本网讯 上午十一点,成都武侯区一个老旧小区的社区食堂里,已经坐满了前来吃午饭的老人。</p>
<p>两荤一素一汤,七十岁以上的老人每餐只要十几元,行动不便的还可以请志愿者送餐上门。</p>
<p>社区工作人员介绍,辖区内六十岁以上的居民占到了三成左右,其中不少是独居或与老伴同住。</p></div>
</body></html>
HTML
run "$APP" --db "$SITE" import "$WORK/page.html" --json > "$WORK/import.json" || fail "import"
grep -q '"imported": 1' "$WORK/import.json" || fail "import did not import the page: $(cat "$WORK/import.json")"
run "$APP" --db "$SITE" export "$WORK/out" --full --json > "$WORK/export.json" || fail "export --full"
[[ -f "$WORK/out/index.html" ]] || fail "export wrote no index.html"
grep -q '<html' "$WORK/out/index.html" || fail "export wrote an index.html without HTML"
# A site big enough for export's worker processes, which the frozen executable must serve
# (multiprocessing.freeze_support in packaging/newsdesk_entry.py).
if [[ -f benchmarks/make_export_corpus.py ]]; then
    "$PYTHON" benchmarks/make_export_corpus.py --articles 450 --sections 12 \
        --out "$WORK/big.newsdesk" > /dev/null || fail "making the 450-article site"
    run "$APP" --db "$WORK/big.newsdesk" export "$WORK/big-out" --full --json > "$WORK/big.json" \
        || fail "export --full of 450 articles (worker processes)"
    grep -q '"written": [1-9][0-9][0-9]' "$WORK/big.json" || fail "big export: $(cat "$WORK/big.json")"
fi

echo "== newsdesk roundtrip (the bundled 所见即所得 editor, offscreen)"
run "$APP" --db "$SITE" roundtrip --json > "$WORK/roundtrip.json" || fail "roundtrip --json"
"$PYTHON" - "$WORK/roundtrip.json" <<'PY' || fail "roundtrip: $(cat "$WORK/roundtrip.json")"
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
assert report["checked"] >= 14 and report["same"] == report["checked"], report
PY

echo "== newsdesk gui --screenshot"
gui_started=$(date +%s)
status=0
run timeout "$GUI_TIMEOUT" "$APP" gui --screenshot "$WORK/window.png" 2> "$WORK/gui.log" || status=$?
cat "$WORK/gui.log" >&2
(( status == 0 )) || fail "gui --screenshot exited with $status (124 = timed out after $GUI_TIMEOUT s)"
if grep -q "did not draw" "$WORK/gui.log"; then
    fail "the page preview (QtWebEngine) did not draw in the frozen application"
fi
"$PYTHON" packaging/inspect_bundle.py screenshot "$WORK/window.png" || fail "window picture"
if [[ -n "${NEWSDESK_CHECK_KEEP:-}" ]]; then
    cp "$WORK/window.png" "$NEWSDESK_CHECK_KEEP"
fi
done_at=$(date +%s)

echo "== check_bundle: OK: Newsdesk $VERSION;" \
     "build $(( built - started )) s, checks $(( done_at - built )) s" \
     "(window $(( done_at - gui_started )) s);" \
     "bundle $(du -sh "$WORK/newsdesk" | cut -f1), archive $(du -h "$ARCHIVE" | cut -f1)"
