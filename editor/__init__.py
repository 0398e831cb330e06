"""Newsdesk (编辑台): a desktop editorial workstation for Chinese media portals."""

from __future__ import annotations

from editor.pg_driver import defer_postgresql_drivers

defer_postgresql_drivers()  # peewee's import leaves psycopg2 to a PostgreSQL site's opening


def __getattr__(name: str) -> str:
    """`editor.__version__`, read from the installed package's metadata when first asked
    for (importing importlib.metadata costs every command's start-up a noticeable time)."""
    if name != "__version__":
        raise AttributeError(f"module 'editor' has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("newsdesk")
    except metadata.PackageNotFoundError:  # a checkout that was never installed
        version = "0.1.0"
    globals()["__version__"] = version
    return version
