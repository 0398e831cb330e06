"""The Windows version resource (file properties → Details) for newsdesk.exe.

PyInstaller reads this text format (a `VSVersionInfo(...)` expression) through its
`version=` argument; the numbers come from the one project version in pyproject.toml.
"""

from __future__ import annotations

import re
from pathlib import Path

COMPANY = "Newsdesk developers"
DESCRIPTION = "Newsdesk 编辑台 – editorial workstation"
PRODUCT = "Newsdesk 编辑台"
COPYRIGHT = "Newsdesk developers, GPL-3.0-or-later"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'1.2.3rc1' -> (1, 2, 3, 0): Windows wants exactly four small integers."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:4]]
    if not numbers:
        raise ValueError(f"no version number in {version!r}")
    numbers += [0] * (4 - len(numbers))
    return tuple(min(n, 65535) for n in numbers)  # type: ignore[return-value]


def version_info_text(version: str, exe_name: str = "newsdesk.exe") -> str:
    """The version resource as PyInstaller's text format."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": exe_name.removesuffix(".exe"),
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": exe_name,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    string_structs = ",\n            ".join(
        f"StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080404b0',
        [
            {string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200, 0x0409, 1200])])
  ]
)
"""


def write_version_info(path: Path, version: str, exe_name: str = "newsdesk.exe") -> Path:
    """Write the version resource text to path (UTF-8) and return path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_info_text(version, exe_name), encoding="utf-8")
    return path
