"""Maps the top-level resources/ folder into the wheel as the package `newsdesk_resources`."""

from pathlib import Path

from setuptools import find_packages, setup

RESOURCES = Path(__file__).resolve().parent / "resources"
resource_packages = ["newsdesk_resources"] + sorted(
    "newsdesk_resources." + ".".join(path.relative_to(RESOURCES).parts)
    for path in RESOURCES.rglob("*")
    if path.is_dir() and "__pycache__" not in path.parts
)

setup(
    packages=[*find_packages(include=["editor", "editor.*"]), *resource_packages],
    package_dir={"newsdesk_resources": "resources"},
    package_data={name: ["*"] for name in resource_packages},
    include_package_data=True,
)
