"""`newsdesk` commands that move content in and out: import, export, roundtrip, gui."""

from __future__ import annotations

import sys
import time

from editor.cli.core import (
    _database_for,
    _emit,
    _env_db,
    _open,
    _pad,
    import_status_words,
)
from editor.i18n import tr


def cmd_import(args) -> int:
    with _open(args) as workspace:
        workspace.require_writable()
        report = workspace.importer.import_paths(
            args.paths,
            section=args.section,
            format=args.format,
            status=args.status,
            learn_sections=args.learn_sections,
        )
        data = report.as_dict()
    words = import_status_words()
    lines = [
        f"{_pad(words.get(r['status'], r['status']), 9)} {r['path']}"
        + (f"  → {r['id']}" if r.get("id") else "")
        + (f"  ({r['reason']})" if r.get("reason") else "")
        + "".join(f"\n{' ' * 10}! {warning}" for warning in r.get("warnings", []))
        for r in data["results"]
    ]
    lines.append(
        tr(
            "{imported} imported, {duplicates} duplicates, {failed} failed",
            imported=data["imported"],
            duplicates=data["duplicates"],
            failed=data["failed"],
        )
    )
    _emit(data, args.json, "\n".join(lines))
    return 1 if data["failed"] else 0


def cmd_export(args) -> int:
    with _open(args) as workspace:
        workspace.require_writable()  # the export records what it wrote in the site
        result = workspace.publisher.export(
            args.out,
            full=args.full,
            zip_path=args.zip,
            delta_zip_path=args.delta_zip,
            keep_catalog=True,  # for the next command's export: this process ends here
        )
        data = result.as_dict()
    _emit(
        data,
        args.json,
        tr(
            "Exported to {out}: {written} written, {unchanged} unchanged, {deleted} deleted in "
            "{seconds:.2f} s.",
            out=data["out"],
            written=data["written"],
            unchanged=data["unchanged"],
            deleted=data["deleted"],
            seconds=data["seconds"],
        ),
    )
    return 0


class RoundTripProgress:
    """Progress of `roundtrip` on stderr (stdout keeps the report, JSON or text): on a
    terminal one line rewritten at most ten times a second; otherwise a line at every tenth
    of the articles and at least every LOG_EVERY seconds."""

    LOG_EVERY = 10.0

    def __init__(self, stream=None, clock=time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.clock = clock
        self.started = clock()
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self.shown_at = -1.0
        self.tenth = 0

    def __call__(self, checked: int, total: int, differing: int) -> None:
        now = self.clock()
        last = checked >= total
        if self.terminal:
            if not last and now - self.shown_at < 0.1:
                return
            self.stream.write("\r" + self.line(checked, total, differing, now) + "  ")
            if last:
                self.stream.write("\n")
        else:
            tenth = checked * 10 // max(total, 1)
            if tenth == self.tenth and now - max(self.shown_at, self.started) < self.LOG_EVERY:
                return
            self.tenth = tenth
            self.stream.write(self.line(checked, total, differing, now) + "\n")
        self.shown_at = now
        self.stream.flush()

    def line(self, checked: int, total: int, differing: int, now: float) -> str:
        elapsed = now - self.started
        seconds = round(elapsed / checked * (total - checked)) if checked else 0
        left = (
            tr("about {minutes} min left", minutes=round(seconds / 60))
            if seconds >= 120
            else tr("about {seconds} s left", seconds=seconds)
        )
        return tr(
            "roundtrip: {checked}/{total} articles ({percent}%), {differing} would change, {left}",
            checked=checked,
            total=total,
            percent=checked * 100 // max(total, 1),
            differing=differing,
            left=left,
        )


def cmd_roundtrip(args) -> int:
    from editor.ui.roundtrip import roundtrip_report

    with _open(args) as workspace:
        report = roundtrip_report(workspace, args.article, progress=RoundTripProgress())
    lines = [f"{d['id']}\t{d['title']}\t{d['reason']}" for d in report["differs"]]
    summary = tr("{checked} checked, {same} kept exactly by the rich editor", **report)
    _emit(report, args.json, "\n".join([*lines, summary]))
    return 0


def cmd_gui(args) -> int:
    from editor.ui.app import run_gui

    return run_gui(
        _database_for(args) if (args.db or args.demo or _env_db()) else None,
        screenshot=getattr(args, "screenshot", None),
        demo=args.demo,
        body_mode="source" if getattr(args, "source", False) else None,
    )
