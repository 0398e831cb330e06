"""peewee without its PostgreSQL driver until a PostgreSQL site is opened.

peewee imports psycopg2 (and with it ssl and its type casters) the moment peewee itself is
imported, whatever the site: a third of peewee's import time, spent by every command on a
SQLite site. `defer_postgresql_drivers` (called by `editor/__init__.py`, before any module
of the package imports peewee) makes that first import of peewee see no PostgreSQL driver;
`load_postgresql_driver` (called by `editor.store.db.connect` for a PostgreSQL target) then
imports psycopg2 and gives peewee what its own import would have set.

A peewee of another series than the one this was written for (4.x), or whose module lacks
the names set here, is imported again with its drivers, as before: the deferral never leaves
a peewee without a driver it cannot be given later.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

# what peewee tries to import at its top for PostgreSQL
DRIVERS = ("psycopg2cffi", "psycopg2", "psycopg")
# the names of peewee's module that `load_postgresql_driver` sets later (pg_extensions and
# pg_register_uuid too, which peewee leaves undefined when psycopg2 is missing)
PEEWEE_NAMES = ("psycopg2", "Json_pg2", "Psycopg2Adapter")
PEEWEE_SERIES = "4."  # peewee's module-level driver code as `load_postgresql_driver` knows it


class _WithoutDrivers:
    """peewee's loader, running peewee's module with the PostgreSQL drivers hidden."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def __getattr__(self, name: str) -> Any:  # get_source, is_package… of the real loader
        return getattr(self.loader, name)

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        """The real loader's module (None: the default one)."""
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        """Run peewee's module with the drivers hidden (with them, for another peewee)."""
        hidden = [name for name in DRIVERS if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # `import name` raises ImportError at once
        try:
            self.loader.exec_module(module)
        finally:
            for name in hidden:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]
        known = str(getattr(module, "__version__", "")).startswith(PEEWEE_SERIES)
        if hidden and not (known and all(hasattr(module, name) for name in PEEWEE_NAMES)):
            self.loader.exec_module(module)  # another peewee: import it whole after all


class _PeeweeFinder:
    """Finds peewee once, through the other finders, with `_WithoutDrivers` as its loader."""

    @classmethod
    def find_spec(
        cls, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """peewee's spec with the wrapped loader; None for every other module."""
        if name != "peewee":
            return None
        if cls in sys.meta_path:
            sys.meta_path.remove(cls)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _WithoutDrivers(spec.loader)
        return spec


def defer_postgresql_drivers() -> None:
    """Have peewee, when first imported, load without psycopg2 (nothing when it is loaded)."""
    if "peewee" not in sys.modules and _PeeweeFinder not in sys.meta_path:
        sys.meta_path.insert(0, _PeeweeFinder)


def load_postgresql_driver() -> None:
    """Import psycopg2 and hand it to peewee, as peewee's own import does when psycopg2 is
    there (ImportError when it is not installed); nothing when peewee already has it."""
    import peewee

    if peewee.psycopg2 is not None:
        return
    try:  # as peewee does: psycopg2cffi, where installed, stands in for psycopg2
        from psycopg2cffi import compat
    except ImportError:
        pass
    else:
        compat.register()
    import psycopg2
    from psycopg2 import extensions
    from psycopg2.extras import Json, register_uuid

    register_uuid()
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    peewee.pg_extensions = extensions
    peewee.pg_register_uuid = register_uuid
    peewee.Json_pg2 = Json
    peewee.psycopg2 = psycopg2  # last: the mark that peewee has its driver
