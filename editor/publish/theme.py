"""The theme: Jinja2 templates, static files and labels, with a user folder on top.

The built-in theme lives in `resources/themes/portal/` (`templates/`, `static/`,
`theme.json`). When the site settings name a templates folder (`Site.templates_dir`), any
file there with the same relative path overrides the built-in one: `templates/article.html`,
`static/css/portal.css`, or `theme.json` (whose labels and options are merged over the
built-in ones). Templates may also sit directly in the user folder (`article.html`).

The environment uses StrictUndefined (a misspelt variable is an error, not a blank) and
autoescaping; trusted HTML (rendered bodies, cached fragments) arrives as `Markup`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
)

from editor.config import APP_AUTHOR, APP_NAME, resource
from editor.errors import NewsdeskError
from editor.i18n import tr

THEME_NAME = "portal"
STATIC_DIR = "static"


def builtin_theme_dir() -> Path:
    """The folder of the built-in portal theme."""
    return resource("themes", THEME_NAME)


@dataclass
class Theme:
    """A loaded theme: Jinja environment, static files (bundle path -> file) and options."""

    env: Environment
    static_files: dict[str, Path]
    options: dict
    labels: dict
    version: str
    folders: list[Path]


class _TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs (keyed by each template's source), so an
    export or preview process does not compile the theme again; never an error."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache() -> FileSystemBytecodeCache | None:
    """The compiled-template cache in the user's cache folder (None if it cannot be made)."""
    folder = Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))


_DICT_NAMES = frozenset(dir(dict))


class PortalEnvironment(Environment):
    """The theme's Jinja environment. Pages get their values as plain dicts, and Jinja
    looks `page.title` up as an attribute first, raising and catching AttributeError on
    every dict before it reads the key; here a dict's key is read straight away unless the
    name is one of dict's own attributes (`items`, `keys`…), which Jinja finds first. The
    result is the same for every name."""

    def getattr(self, obj: object, attribute: str) -> object:  # noqa: A003 (Jinja's API)
        """`obj.attribute` in a template."""
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NewsdeskError(
            tr("The theme file {path} cannot be read: {error}.", path=path, error=exc)
        ) from exc


def load_theme(templates_dir: str = "", *, auto_reload: bool = True) -> Theme:
    """The built-in theme with the user folder (if any) layered on top. An export loads it
    for one run and passes `auto_reload=False`: templates are not looked at again on disk
    for every page that includes or extends them."""
    builtin = builtin_theme_dir()
    folders = [builtin]
    user = Path(templates_dir).expanduser() if templates_dir else None
    if user is not None:
        if not user.is_dir():
            raise NewsdeskError(
                tr(
                    "The templates folder {path} set in the site settings does not exist.",
                    path=user,
                )
            )
        folders.insert(0, user)
    search = []
    if user is not None:
        search += [str(user / "templates"), str(user)]
    search.append(str(builtin / "templates"))
    env = PortalEnvironment(
        loader=ChoiceLoader([FileSystemLoader(path) for path in search]),
        auto_reload=auto_reload,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(),
    )
    options = _read_json(builtin / "theme.json")
    labels = dict(options.get("labels", {}))
    if user is not None and (user / "theme.json").is_file():
        extra = _read_json(user / "theme.json")
        labels.update(extra.get("labels", {}))
        options.update({k: v for k, v in extra.items() if k != "labels"})
    options["labels"] = labels
    static: dict[str, Path] = {}
    for folder in reversed(folders):  # built-in first, user files replace them
        root = folder / STATIC_DIR
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    static[f"{STATIC_DIR}/{path.relative_to(root).as_posix()}"] = path
    digest = hashlib.sha256()
    for path in search:
        for file in sorted(Path(path).glob("**/*.html")) if Path(path).is_dir() else []:
            digest.update(str(file.relative_to(path)).encode())
            digest.update(file.read_bytes())
    for name, file in sorted(static.items()):
        digest.update(name.encode())
        digest.update(file.read_bytes())
    digest.update(json.dumps(options, sort_keys=True, ensure_ascii=False).encode())
    return Theme(env, static, options, labels, digest.hexdigest()[:16], folders)
