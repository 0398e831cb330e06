"""Newsdesk (编辑台): a desktop editorial workstation for Chinese media portals."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("newsdesk")
except metadata.PackageNotFoundError:  # a checkout that was never installed
    __version__ = "0.1.0"
