"""The upload-target protocol: the folder, zip and delta-zip outputs deliver what
`export --zip/--delta-zip` always wrote, and a host target is one more output."""

from __future__ import annotations

import zipfile

from target_helpers import edit_article, first_article

from editor.publish.targets.outputs import (
    DeltaZipOutput,
    ExportedBundle,
    FolderOutput,
    UploadTarget,
    ZipOutput,
)
from editor.publish.targets.service import HostTarget


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_outputs_follow_the_protocol(site, tmp_path):
    for output in (
        FolderOutput(tmp_path / "a"),
        ZipOutput(tmp_path / "a.zip"),
        DeltaZipOutput(tmp_path / "d.zip"),
        HostTarget(site),
    ):
        assert isinstance(output, UploadTarget)


def test_zip_outputs_hold_what_the_exporter_writes(site, tmp_path):
    folder = FolderOutput(tmp_path / "site")
    first = folder.produce(site)
    assert folder.deliver(first).files == len(list((tmp_path / "site").rglob("*.*")))
    edit_article(site, first_article(site), "\n\n输出。")
    bundle = folder.produce(site)
    assert 0 < len(bundle.changed) < 20
    whole = ZipOutput(tmp_path / "whole.zip").deliver(bundle)
    delta = DeltaZipOutput(tmp_path / "delta.zip").deliver(bundle)
    assert whole.files == sum(1 for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert delta.files == len(bundle.changed)
    # the exporter's own zips of the same change, into a second folder
    reference = tmp_path / "reference"
    site.publisher.export(reference)
    edit_article(site, first_article(site), "\n\n输出二。")
    result = site.publisher.export(
        reference, zip_path=tmp_path / "r.zip", delta_zip_path=tmp_path / "rd.zip"
    )
    again = ExportedBundle.from_export(result)
    ZipOutput(tmp_path / "whole2.zip").deliver(again)
    DeltaZipOutput(tmp_path / "delta2.zip").deliver(again)
    assert _members(tmp_path / "whole2.zip") == _members(tmp_path / "r.zip")
    assert _members(tmp_path / "delta2.zip") == _members(tmp_path / "rd.zip")
    assert "deleted.txt" in _members(tmp_path / "delta2.zip")


def test_a_host_target_delivers_the_bundle(site, tmp_path):
    from editor.publish.targets.service import HostPublisher

    HostPublisher(site).add_target("live", f"file://{tmp_path / 'www'}")
    bundle = FolderOutput(tmp_path / "site").produce(site)
    delivery = HostTarget(site, "live").deliver(bundle)
    assert delivery.files > 50 and delivery.location
    assert (tmp_path / "www" / "current" / "index.html").is_file()
