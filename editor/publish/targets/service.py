"""发布到网站: the publish service of an open site (`HostPublisher(workspace)`).

It ties the site's targets (`workspace.targets`), their secrets (the OS keyring), the
local bundle and the engine together::

    host = HostPublisher(workspace)
    host.add_target("live", "sftp://deploy@example.com/srv/site", secret="…")
    result = host.publish("live", progress=..., cancel=...)   # exports first when needed
    host.releases("live"); host.rollback("live")

The bundle a publish sends lives in the user data folder (one per site), exported
incrementally before each publish, so an unchanged site exports in a moment; its journals
and in-place snapshots sit beside it.
"""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime
from pathlib import Path

from editor.config import user_data_dir
from editor.errors import NewsdeskError, ValidationError
from editor.i18n import tr
from editor.publish.targets import secrets
from editor.publish.targets.bundle_view import LocalBundle
from editor.publish.targets.engine import Engine, PublishCancelled, PublishResult
from editor.publish.targets.outputs import Delivery, ExportedBundle, FolderOutput
from editor.publish.targets.transport import Transport
from editor.publish.targets.urls import MODES, TargetURL, parse_target_url

SUPPORTED = ("file", "sftp", "ftp", "ftps", "s3")


def open_transport(
    spec: TargetURL, secret: str | None, *, host_key: str = "", pin=None, timeout: float = 15.0
) -> Transport:
    """A transport for a parsed target URL (not yet connected)."""
    if spec.scheme == "file":
        from editor.publish.targets.transport import LocalTransport

        return LocalTransport(spec.path)
    if spec.scheme == "sftp":
        from editor.publish.targets.sftp import SftpTransport

        return SftpTransport(spec, secret, host_key=host_key, pin=pin, timeout=timeout)
    if spec.scheme in ("ftp", "ftps"):
        from editor.publish.targets.ftp import FtpTransport

        return FtpTransport(spec, secret, host_key=host_key, pin=pin, timeout=timeout)
    if spec.scheme == "s3":
        from editor.publish.targets.s3 import S3Transport

        return S3Transport(spec, secret, timeout=timeout)
    raise ValidationError(
        tr(
            "Publishing to {scheme}:// targets is not available in this version.",
            scheme=spec.scheme,
        )
    )


class HostPublisher:
    """Publish targets of one open site (see the module docstring)."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace
        key = hashlib.sha256(workspace.target.describe().encode("utf-8")).hexdigest()[:16]
        self.home = user_data_dir() / "publish" / key
        self.bundle_dir = self.home / "bundle"
        self.timeout = 15.0  # seconds a network target may stay silent

    # ---- targets -----------------------------------------------------------------------

    def add_target(
        self,
        name: str,
        url: str,
        *,
        mode: str | None = None,
        base_url: str = "",
        secret: str | None = None,
    ):
        """Add a target; its secret (when given) goes to the keyring, never the database."""
        spec = parse_target_url(url)
        if spec.scheme not in SUPPORTED:
            open_transport(spec, None)  # raises the "not available" message
        allowed = MODES[spec.scheme]
        mode = mode or allowed[0]
        if mode not in allowed:
            raise ValidationError(
                tr(
                    "{scheme}:// targets cannot use release mode (no symbolic links): use "
                    "--mode in-place.",
                    scheme=spec.scheme,
                )
            )
        if spec.needs_password and not secret and not spec.query.get("key"):
            raise ValidationError(tr("This target needs a password."))
        with self.workspace.edit():
            info = self.workspace.targets.add(name, spec.describe(), mode=mode, base_url=base_url)
        if secret:
            try:
                secrets.store_secret(info.secret_key, secret)
            except NewsdeskError:
                with self.workspace.edit():
                    self.workspace.targets.remove(info.name)
                raise
        return info

    def remove_target(self, name: str) -> None:
        """Remove a target and forget its secret."""
        with self.workspace.edit():
            info = self.workspace.targets.remove(name)
        secrets.delete_secret(info.secret_key)

    def connect(self, name: str | None = None) -> tuple[object, Transport]:
        """The target's record and a transport for it (not yet open)."""
        info = self.workspace.targets.get(name)
        spec = parse_target_url(info.url)
        needed = spec.needs_password
        secret = secrets.load_secret(info.secret_key, required=needed)

        def pin(host_key: str) -> None:
            with self.workspace.edit():
                self.workspace.targets.pin_host_key(info.name, host_key)

        return info, open_transport(
            spec, secret, host_key=info.host_key, pin=pin, timeout=self.timeout
        )

    def test(self, name: str | None = None) -> dict:
        """Log in and probe writing, renaming over a file, symbolic and hard links."""
        info, transport = self.connect(name)
        with transport:
            found = transport.capabilities()
        modes = ["in-place"] if found["write"] else []
        if found["write"] and found["rename"] and found["symlink"]:
            modes.insert(0, "release")
        return {
            "target": info.name,
            "url": info.url,
            **found,
            "modes": modes,
            "mode_ok": info.mode in modes,
        }

    # ---- publishing --------------------------------------------------------------------

    def _engine(self, info, transport, progress=None, cancel=None) -> Engine:
        return Engine(
            transport,
            name=info.name,
            mode=info.mode,
            user=self.workspace.user,
            journal=self.home / "journal" / f"{info.name}.jsonl",
            keep=info.keep,
            base_url=info.base_url,
            snapshots=self.home / "snapshots" / info.name,
            progress=progress,
            cancel=cancel,
        )

    def export_bundle(self, progress=None, cancel=None) -> ExportedBundle:
        """Bring the local bundle up to date (incremental; quick when nothing changed)."""

        def exporting(done: int, total: int, _message: str) -> None:
            if progress is not None:
                progress("exporting", done, total, 0, 0)

        return FolderOutput(self.bundle_dir).produce(
            self.workspace, progress=exporting, cancel=cancel
        )

    def publish(
        self,
        name: str | None = None,
        *,
        dry_run: bool = False,
        break_lock: bool = False,
        progress=None,
        cancel=None,
        bundle: ExportedBundle | None = None,
    ) -> PublishResult:
        """Export when needed, then publish to the target (the default one when unnamed)."""
        info = self.workspace.targets.get(name)
        started = time.perf_counter()
        moment = None
        try:
            moment = datetime.now().replace(microsecond=0)
            info, transport = self.connect(info.name)
            if bundle is None:  # log in while the export runs
                login = Login(transport)
                try:
                    bundle = self.export_bundle(progress, cancel)
                except BaseException:
                    login.finish(abandon=True)
                    raise
                login.finish()
            else:
                if progress is not None:
                    progress("connecting", 0, 0, 0, 0)
                transport.open()
            try:
                engine = self._engine(info, transport, progress, cancel)
                result = engine.publish(
                    LocalBundle.load(bundle.folder), dry_run=dry_run, break_lock=break_lock
                )
            finally:
                transport.close()
        except NewsdeskError as exc:
            from editor.publish.export import ExportCancelled

            cancelled = isinstance(exc, PublishCancelled | ExportCancelled)
            outcome = "cancelled" if cancelled else "failed"
            self._record(info.name, "publish", moment, started, None, outcome, str(exc))
            raise
        self._record(
            info.name, "dry-run" if dry_run else "publish", moment, started, result, "ok", ""
        )
        return result

    def releases(self, name: str | None = None) -> list[dict]:
        """The kept releases of a target, newest first."""
        info, transport = self.connect(name)
        with transport:
            return self._engine(info, transport).releases()

    def rollback(self, name: str | None = None, release: str | None = None) -> PublishResult:
        """Make a kept release live again (the previous one by default)."""
        info, transport = self.connect(name)
        moment, started = datetime.now().replace(microsecond=0), time.perf_counter()
        try:
            with transport:
                result = self._engine(info, transport).rollback(release)
        except NewsdeskError as exc:
            self._record(info.name, "rollback", moment, started, None, "failed", str(exc))
            raise
        self._record(info.name, "rollback", moment, started, result, "ok", "")
        return result

    def history(self, name: str | None = None) -> list:
        """The publish history of a target, newest first."""
        return self.workspace.targets.history(self.workspace.targets.get(name).name)

    def _record(self, target, action, moment, started, result, outcome, message) -> None:
        values = {
            "action": action,
            "user": self.workspace.user,
            "seconds": time.perf_counter() - started,
            "result": outcome,
            "message": message[:2000],
        }
        if moment is not None:
            values["started_at"] = moment
        if result is not None:
            values.update(
                release=result.release,
                sent=result.sent,
                unchanged=result.unchanged,
                deleted=result.deleted,
                bytes=result.bytes,
            )
        with self.workspace.edit():
            self.workspace.targets.record(target, **values)


class Login:
    """Opens a transport in a thread of its own (a login is mostly waiting for the server),
    so a publish logs in while its export runs. A host key seen on a first connection is
    pinned in the calling thread, by `finish`."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport
        self.pin = getattr(transport, "pin", None)
        self.seen: list[str] = []
        if self.pin is not None:
            transport.pin = self.seen.append
        self.error: BaseException | None = None
        self.guard = threading.Lock()
        self.ended = self.abandoned = False
        self.thread = threading.Thread(target=self._open, name="publish-login", daemon=True)
        self.thread.start()

    def _open(self) -> None:
        try:
            self.transport.open()
        except BaseException as exc:  # raised again by finish, in the publishing thread
            self.error = exc
        with self.guard:
            self.ended = True
            if self.abandoned:  # nobody waits: the export failed or was cancelled
                self.transport.close()

    def finish(self, *, abandon: bool = False) -> None:
        """Wait for the login; raise what it raised. `abandon` (the export failed or was
        cancelled): do not wait; the connection is closed when the login ends."""
        if abandon:
            with self.guard:
                self.abandoned = True
                ended = self.ended
            if ended:
                self.transport.close()
            return
        self.thread.join()
        if self.pin is not None:
            self.transport.pin = self.pin
            for key in self.seen:
                self.pin(key)
        if self.error is not None:
            raise self.error


class HostTarget:
    """A publish target on a host as an output of the upload-target protocol."""

    kind = "host"

    def __init__(self, workspace, name: str | None = None) -> None:
        self.host = HostPublisher(workspace)
        self.name = name

    def deliver(
        self, bundle: ExportedBundle, *, dry_run=False, progress=None, cancel=None
    ) -> Delivery:
        """Publish the bundle to the target."""
        result = self.host.publish(
            self.name, dry_run=dry_run, progress=progress, cancel=cancel, bundle=bundle
        )
        return Delivery(result.target, result.release, result.sent, result)


def bundle_folder(workspace) -> Path:
    """Where the site's publish bundle lives."""
    return HostPublisher(workspace).bundle_dir
