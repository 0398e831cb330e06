"""`newsdesk` commands of the review workflow: users, submit, claim, sign, return, withdraw,
review, words."""

from __future__ import annotations

from pathlib import Path

from editor.cli.core import (
    _emit,
    _open,
    _password,
    _require_admin,
    _signed_in,
)
from editor.i18n import tr


def cmd_users(args) -> int:
    """`users [--json]`, `users add NAME --real-name 姓名 --role ROLE…`, `users delegate`."""
    from editor.content.articles import parse_time
    from editor.content.users import user_dict
    from editor.errors import ValidationError

    with _open(args) as workspace:
        if args.action == "add":
            workspace.require_writable()
            _require_admin(args, workspace)
            password = _password(tr("Password for the new user {name}: ", name=args.name))
            with workspace.edit():
                user = workspace.users.add(args.name, args.real_name, args.role, password)
            data = user_dict(user)
            _emit(data, args.json, tr("Added user {name} ({real_name}).", **data))
            return 0
        if args.action == "delegate":
            workspace.require_writable()
            chief = _signed_in(args, workspace)
            until = parse_time(args.until)
            if until is None:
                raise ValidationError(tr("--until needs a time such as 2026-12-01 08:00."))
            with workspace.edit():
                workspace.users.delegate(chief, args.deputy, until)
            print(tr("{deputy} signs 终审 until {until}.", deputy=args.deputy, until=until))
            return 0
        people = [user_dict(user) for user in workspace.users.list()]
    lines = [f"{p['name']}\t{p['real_name']}\t{'、'.join(p['roles'])}" for p in people]
    _emit({"users": people}, args.json, "\n".join(lines) or tr("No users yet."))
    return 0


def _review_step(args, step) -> int:
    from editor.content.review import STATE_NAMES

    with _open(args) as workspace:
        workspace.require_writable()
        user = _signed_in(args, workspace)
        with workspace.edit():
            state = step(workspace.review, user)
        claimed = f" ({state.claimed_by})" if state.claimed_by else ""
    print(
        tr(
            "Article {article}: {state}{claimed}",
            article=args.id,
            state=STATE_NAMES.get(state.state, state.state),
            claimed=claimed,
        )
    )
    return 0


def cmd_submit(args) -> int:
    return _review_step(args, lambda review, user: review.submit(args.id, user, args.override))


def cmd_claim(args) -> int:
    return _review_step(args, lambda review, user: review.claim(args.id, user))


def cmd_sign(args) -> int:
    return _review_step(
        args, lambda review, user: review.sign(args.id, user, args.comment, args.override)
    )


def cmd_return(args) -> int:
    return _review_step(
        args, lambda review, user: review.return_(args.id, user, args.comment, args.to)
    )


def cmd_withdraw(args) -> int:
    return _review_step(args, lambda review, user: review.withdraw(args.id, user, args.reason))


def cmd_review(args) -> int:
    """`review ID [--json]`: state, version, content hash, sign-offs and chain_ok."""
    from editor.content.review import LEVEL_NAMES, STATE_NAMES

    with _open(args) as workspace:
        data = workspace.review.document(args.id)
    lines = [
        tr(
            "Article {article}: {state}, version {version}, content {hash}",
            article=args.id,
            state=STATE_NAMES.get(data["state"], data["state"]),
            version=data["version"],
            hash=data["content_hash"][:12],
        )
    ]
    for record in data["signoffs"]:
        level = LEVEL_NAMES.get(record["level"], record["level"])
        comment = f"  {record['comment']}" if record["comment"] else ""
        lines.append(
            f"{record['time']}  {level or '-'}  {record['decision']}  "
            f"{record['real_name']}{comment}"
        )
    lines.append(tr("Record intact.") if data["chain_ok"] else tr("Record tampered with!"))
    _emit(data, args.json, "\n".join(lines))
    return 0


def cmd_words(args) -> int:
    """`words [--list L] [--json]`, `words import FILE [--list L]`, `words export FILE`."""
    from editor.errors import ValidationError

    with _open(args) as workspace:
        lists = workspace.wordlists
        if args.action == "import":
            workspace.require_writable()
            _require_admin(args, workspace)
            try:
                text = Path(args.file).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise ValidationError(
                    tr("Cannot read {file}: {problem}", file=args.file, problem=exc)
                ) from None
            with workspace.edit():
                count = lists.import_text(text, args.kind)
            print(tr("Read {count} word list entries from {file}.", count=count, file=args.file))
            return 0
        if args.action == "export":
            text = lists.export_csv(args.kind)
            try:
                Path(args.file).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise ValidationError(
                    tr("Cannot write {file}: {problem}", file=args.file, problem=exc)
                ) from None
            print(
                tr("Wrote {count} entries to {file}.", count=text.count("\n") - 1, file=args.file)
            )
            return 0
        entries = [
            {
                name: getattr(entry, name)
                for name in ("kind", "word", "level", "replacement", "note")
            }
            for entry in lists.entries(args.kind)
        ]
    lines = [f"{e['kind']}\t{e['word']}\t{e['level']}\t{e['replacement']}" for e in entries]
    _emit({"entries": entries}, args.json, "\n".join(lines))
    return 0
