"""The S3-compatible storage transport (boto3): in-place mode only.

`s3://bucket/prefix?endpoint=https://…&region=…&access_key=…[&addressing=path|virtual]`:
the access key id is named in the URL (it is not a secret), the secret access key comes
from the keyring. S3 has no rename and no symbolic links, but each PUT replaces an object
whole, so a reader sees the old page or the new one, never half of one; the engine's upload
order keeps new pages from going live before their images. Versioning is not portable
(Alibaba OSS has none), so a rollback re-publishes the kept release's files.

Objects get a Content-Type from their name (HTML and feeds as UTF-8), so a bucket served as
a website shows pages, not downloads.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

from editor.i18n import tr
from editor.publish.targets.transport import Done, RemoteTransport, TargetError, UploadJob
from editor.publish.targets.urls import TargetURL

IN_FLIGHT = 16
TEXT_TYPES = {".html": "text/html", ".xml": "application/xml", ".txt": "text/plain"}


def content_type(path: str) -> str:
    """The Content-Type an object is stored with."""
    suffix = posixpath.splitext(path)[1].lower()
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8"
    if suffix in (".css", ".js", ".json"):
        base = {".css": "text/css", ".js": "text/javascript", ".json": "application/json"}
        return f"{base[suffix]}; charset=utf-8"
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


class S3Transport(RemoteTransport):
    """A bucket (and key prefix) of S3-compatible storage."""

    scheme = "s3"
    can_symlink = False
    can_rename = False
    atomic_exclusive = False

    def __init__(self, spec: TargetURL, secret: str | None, **options) -> None:
        super().__init__(spec, secret, **options)
        self.bucket = spec.host
        self.prefix = spec.path.strip("/")
        self.client = None

    def _key(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def _fail(self, exc: Exception, action: str, path: str) -> TargetError:
        from botocore.exceptions import ClientError, EndpointConnectionError

        if isinstance(exc, ClientError):
            code = exc.response.get("Error", {}).get("Code", "")
            if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied"):
                reason = tr("the storage refused the access key or secret")
            elif code == "NoSuchBucket" or (code == "404" and path == self.bucket):
                reason = tr("there is no bucket named {bucket}", bucket=self.bucket)
            else:
                reason = exc.response.get("Error", {}).get("Message", "") or code
        elif isinstance(exc, EndpointConnectionError):
            reason = tr("the connection was lost")
        else:
            reason = str(exc)
        return TargetError(
            tr(
                "The S3 storage refused to {action} {path}: {reason}.",
                action=action,
                path=path,
                reason=reason,
            )
        )

    def open(self) -> None:
        """Make the client and check that the bucket is there and the keys work."""
        import boto3
        from botocore.config import Config

        query = self.spec.query
        key_id = query.get("access_key", "")
        if not key_id:
            raise TargetError(
                tr("An S3 target names its access key id in the URL: add &access_key=….")
            )
        addressing = query.get("addressing", "path")
        self.client = boto3.client(
            "s3",
            endpoint_url=query.get("endpoint") or None,
            region_name=query.get("region") or None,
            aws_access_key_id=key_id,
            aws_secret_access_key=self.secret,
            config=Config(
                s3={"addressing_style": "virtual" if addressing == "virtual" else "path"},
                connect_timeout=self.timeout,
                read_timeout=self.timeout,
                retries={"max_attempts": 2},
                max_pool_connections=IN_FLIGHT,
            ),
        )
        self._call(tr("read"), self.bucket, lambda: self.client.head_bucket(Bucket=self.bucket))

    def close(self) -> None:
        """Drop the client."""
        if self.client is not None:
            self.client.close()
            self.client = None

    def _call(self, action: str, path: str, work: Callable[[], object]) -> object:
        from botocore.exceptions import BotoCoreError, ClientError

        self.requests += 1
        try:
            return work()
        except (ClientError, BotoCoreError) as exc:
            raise self._fail(exc, action, path) from exc

    @staticmethod
    def _missing(exc: Exception) -> bool:
        from botocore.exceptions import ClientError

        return isinstance(exc, ClientError) and exc.response.get("Error", {}).get("Code") in (
            "NoSuchKey",
            "404",
            "NotFound",
        )

    def read(self, path: str) -> bytes | None:
        """An object's bytes, or None."""
        from botocore.exceptions import ClientError

        def get() -> bytes | None:
            try:
                return self.client.get_object(Bucket=self.bucket, Key=self._key(path))[
                    "Body"
                ].read()
            except ClientError as exc:
                if self._missing(exc):
                    return None
                raise

        return self._call(tr("read"), path, get)

    def write(self, path: str, data: bytes) -> None:
        """PUT an object (it replaces the old one whole)."""
        self.bytes_sent += len(data)
        self._call(
            tr("write"),
            path,
            lambda: self.client.put_object(
                Bucket=self.bucket, Key=self._key(path), Body=data, ContentType=content_type(path)
            ),
        )

    def create_exclusive(self, path: str, data: bytes) -> bool:
        """PUT only if absent (conditional where the storage supports it; the lock then
        reads its token back)."""
        from botocore.exceptions import ClientError

        def put() -> bool:
            try:
                self.client.put_object(
                    Bucket=self.bucket, Key=self._key(path), Body=data, IfNoneMatch="*"
                )
            except ClientError as exc:
                code = exc.response.get("Error", {}).get("Code", "")
                if code in ("PreconditionFailed", "412", "ConditionalRequestConflict"):
                    return False
                raise
            return True

        if self.size(path) is not None:
            return False
        return bool(self._call(tr("write"), path, put))

    def size(self, path: str) -> int | None:
        """An object's size, or None."""
        from botocore.exceptions import ClientError

        def head() -> int | None:
            try:
                return self.client.head_object(Bucket=self.bucket, Key=self._key(path))[
                    "ContentLength"
                ]
            except ClientError as exc:
                if self._missing(exc):
                    return None
                raise

        return self._call(tr("read"), path, head)

    def rename(self, source: str, target: str) -> None:
        """S3 has no rename."""
        raise TargetError(tr("S3 storage cannot rename objects."))

    def remove(self, path: str) -> None:
        """Delete an object (quiet when missing)."""
        self._call(
            tr("remove"),
            path,
            lambda: self.client.delete_object(Bucket=self.bucket, Key=self._key(path)),
        )

    def remove_many(self, paths: Iterable[str]) -> None:
        """Delete objects, a thousand per request."""
        paths = list(paths)
        for start in range(0, len(paths), 1000):
            chunk = [{"Key": self._key(p)} for p in paths[start : start + 1000]]
            self._call(
                tr("remove"),
                paths[start],
                lambda chunk=chunk: self.client.delete_objects(
                    Bucket=self.bucket, Delete={"Objects": chunk, "Quiet": True}
                ),
            )

    def listdir(self, path: str) -> list[str]:
        """The names under a key prefix, one level deep."""
        prefix = self._key(path).rstrip("/") + "/" if path or self.prefix else ""

        def names() -> list[str]:
            found: set[str] = set()
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix, Delimiter="/"
            )
            for page in pages:
                for entry in page.get("CommonPrefixes", []):
                    found.add(entry["Prefix"][len(prefix) :].rstrip("/"))
                for entry in page.get("Contents", []):
                    found.add(entry["Key"][len(prefix) :])
            return sorted(n for n in found if n)

        return self._call(tr("read"), path, names)

    def makedirs(self, path: str) -> None:
        """Folders are key prefixes: nothing to make."""

    def prepare_dirs(self, folders: list[str]) -> None:
        """Nothing to make."""

    def remove_tree(self, path: str) -> None:
        """Delete every object under a prefix."""
        prefix = self._key(path).rstrip("/") + "/"

        def keys() -> list[str]:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix
            )
            return [e["Key"] for page in pages for e in page.get("Contents", [])]

        found = self._call(tr("read"), path, keys)
        base = len(self.prefix) + 1 if self.prefix else 0
        self.remove_many([k[base:] for k in found])

    def upload(
        self, jobs: Iterable[UploadJob], done: Done, cancel: Callable[[], bool] | None = None
    ) -> None:
        """PUT and size-check many objects at once; each is reported as it completes, and
        the first failure stops the rest."""
        jobs = list(jobs)
        lock = threading.Lock()

        def reported(path: str, size: int) -> None:
            with lock:  # the journal and the progress are written by one thread at a time
                done(path, size)

        with ThreadPoolExecutor(IN_FLIGHT) as pool:
            pending = set()
            for job in jobs:
                if cancel is not None and cancel():
                    break
                pending.add(pool.submit(self._upload_reported, job, reported))
                if len(pending) >= IN_FLIGHT * 2:
                    finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                    for future in finished:
                        future.result()
            finished, _pending = wait(pending)
            for future in finished:
                future.result()

    def _upload_reported(self, job: UploadJob, done: Done) -> None:
        self.upload_one(job)
        done(job.path, job.size)
