"""`newsdesk` commands for publishing to a host: targets, publish, releases, rollback."""

from __future__ import annotations

import sys

from editor.cli.core import (
    _emit,
    _open,
)
from editor.errors import NewsdeskError
from editor.i18n import tr


def _target_secret(url: str) -> str | None:
    """The secret for a new target: NEWSDESK_TARGET_SECRET, else asked for on a terminal."""
    import getpass
    import os

    from editor.publish.targets.secrets import SECRET_ENV
    from editor.publish.targets.urls import parse_target_url

    spec = parse_target_url(url)
    given = os.environ.get(SECRET_ENV)
    if given or not spec.needs_password:
        return given or None
    if not sys.stdin.isatty():
        raise NewsdeskError(
            tr("This target needs a password: give it in {variable}.", variable=SECRET_ENV)
        )
    return getpass.getpass(tr("Password for {url}: ", url=spec.describe())) or None


def cmd_targets(args) -> int:
    from editor.publish.targets.service import HostPublisher

    with _open(args) as workspace:
        host = HostPublisher(workspace)
        if args.action == "add":
            info = host.add_target(
                args.name,
                args.url,
                mode=args.mode,
                base_url=args.base_url,
                secret=_target_secret(args.url),
            )
            text = tr(
                "Added target {name}: {url} ({mode}).", name=info.name, url=info.url, mode=info.mode
            )
            _emit(info.as_dict(), args.json, text)
        elif args.action == "test":
            data = host.test(args.name)
            yes, no = tr("yes"), tr("no")
            lines = [
                f"{label}: {yes if data[key] else no}"
                for key, label in (
                    ("login", tr("login")),
                    ("write", tr("write")),
                    ("rename", tr("rename over a file")),
                    ("symlink", tr("symbolic links")),
                    ("link", tr("hard links")),
                )
            ]
            lines.append(tr("modes: {modes}", modes=", ".join(data["modes"]) or "-"))
            _emit(data, args.json, "\n".join(lines))
            return 0 if data["mode_ok"] else 1
        elif args.action == "remove":
            host.remove_target(args.name)
            print(tr("Removed target {name}.", name=args.name))
        elif args.action == "default":
            with workspace.edit():
                workspace.targets.set_default(args.name)
            print(tr("{name} is now the default target.", name=args.name))
        else:
            rows = [info.as_dict() for info in workspace.targets.list()]
            text = "\n".join(
                f"{'*' if r['default'] else ' '} {r['name']}  {r['mode']}  {r['url']}" for r in rows
            ) or tr("(no publish targets)")
            _emit(rows, args.json, text)
    return 0


def _cli_progress(as_json: bool):
    if as_json or not sys.stderr.isatty():
        return None
    words = {
        "exporting": tr("exporting"),
        "connecting": tr("connecting"),
        "comparing": tr("comparing"),
        "linking": tr("linking unchanged files"),
        "uploading": tr("uploading"),
        "switching": tr("switching"),
        "verifying": tr("verifying"),
        "deleting": tr("deleting"),
        "pruning": tr("pruning old releases"),
        "done": tr("done"),
    }

    def show(phase: str, files: int, total: int, sent: int, size: int) -> None:
        sys.stderr.write(f"\r{words.get(phase, phase)} {files}/{total}  {sent}/{size} B   ")
        if phase == "done":
            sys.stderr.write("\n")

    return show


def cmd_publish(args) -> int:
    from editor.publish.targets.service import HostPublisher

    with _open(args) as workspace:
        workspace.require_writable()  # the bundle's export state and the history are kept
        result = HostPublisher(workspace).publish(
            args.target,
            dry_run=args.dry_run,
            break_lock=args.break_lock,
            progress=_cli_progress(args.json),
        )
    data = result.as_dict()
    if args.dry_run:
        text = "\n".join(
            [*(f"+ {p}" for p in result.files), *(f"- {p}" for p in result.deletions)]
            + [
                tr(
                    "Would send {sent} files ({bytes} bytes) and delete {deleted}.",
                    sent=data["sent"],
                    bytes=data["bytes"],
                    deleted=data["deleted"],
                )
            ]
        )
    else:
        text = tr(
            "Published {target} release {release}: {sent} sent, {unchanged} unchanged, "
            "{deleted} deleted, {bytes} bytes in {seconds:.2f} s.",
            **data,
        )
    if result.verified is False:
        text += "\n" + tr(
            "These pages on the website do not match the export: {urls}",
            urls=", ".join(result.mismatches),
        )
    _emit(data, args.json, text)
    return 1 if result.verified is False else 0


def cmd_releases(args) -> int:
    from editor.publish.targets.service import HostPublisher

    with _open(args) as workspace:
        rows = HostPublisher(workspace).releases(args.target)
    text = "\n".join(
        f"{'*' if r['current'] else ' '} {r['id']}  {r['time']}  {r['user']}  {r['files']}"
        for r in rows
    ) or tr("(no releases)")
    _emit(rows, args.json, text)
    return 0


def cmd_rollback(args) -> int:
    from editor.publish.targets.service import HostPublisher

    with _open(args) as workspace:
        workspace.require_writable()
        result = HostPublisher(workspace).rollback(args.target, args.release)
    data = {
        "target": result.target,
        "release": result.release,
        "previous": result.previous,
        "sent": result.sent,
        "seconds": round(result.seconds, 3),
    }
    _emit(
        data,
        args.json,
        tr(
            "{target} now serves release {release} (was {previous}).",
            target=data["target"],
            release=data["release"],
            previous=data["previous"] or "-",
        ),
    )
    return 0
