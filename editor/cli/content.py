"""`newsdesk` commands that move content in and out: import, export, roundtrip, gui."""

from __future__ import annotations

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
            args.out, full=args.full, zip_path=args.zip, delta_zip_path=args.delta_zip
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


def cmd_roundtrip(args) -> int:
    from editor.ui.roundtrip import roundtrip_report

    with _open(args) as workspace:
        report = roundtrip_report(workspace, args.article)
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
