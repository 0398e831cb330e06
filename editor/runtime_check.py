"""Before `make run` opens the window: the system libraries Qt needs on a Linux X11 desktop
(the xcb platform plugin, OpenGL/EGL, fonts, D-Bus), named with the Debian/Ubuntu package
that provides each, so a bare system says what to install instead of Qt's bare
“could not load the Qt platform plugin "xcb"”.

    python -m editor.runtime_check      # exit 0 when all are there, 1 with the list
"""

from __future__ import annotations

import ctypes.util
import os
import sys

# library name (as ld knows it) -> Debian/Ubuntu package
QT_RUNTIME_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-image": "libxcb-image0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon": "libxkbcommon0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "GL": "libgl1",
    "OpenGL": "libopengl0",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
    "nss3": "libnss3",
}


def missing_libraries(names: dict[str, str] | None = None) -> dict[str, str]:
    """The libraries of `names` (default: QT_RUNTIME_LIBRARIES) the system does not have,
    with their packages."""
    names = QT_RUNTIME_LIBRARIES if names is None else names
    return {lib: package for lib, package in names.items() if not ctypes.util.find_library(lib)}


def main() -> int:
    """Print what is missing (in Chinese and English) and return 1, else return 0."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return 0
    missing = missing_libraries()
    if not missing:
        return 0
    packages = " ".join(sorted(set(missing.values())))
    print(
        "编辑台的图形界面缺少以下系统库 / Newsdesk's window needs these system libraries:\n  "
        + ", ".join(f"lib{lib}" for lib in missing)
        + f"\n安装 / install:\n  sudo apt-get install {packages}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
