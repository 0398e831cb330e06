"""Maps the top-level resources/ folder into the wheel as the package `newsdesk_resources`."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["editor", "editor.*"]), "newsdesk_resources"],
    package_dir={"newsdesk_resources": "resources"},
    package_data={"newsdesk_resources": ["**/*"]},
    include_package_data=True,
)
