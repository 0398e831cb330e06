"""Publishing to S3-compatible storage (in-place mode), tested against moto's S3 server
started on 127.0.0.1 — an emulator, not a real storage service (none installs here)."""

from __future__ import annotations

import hashlib
import json

import pytest
from target_helpers import edit_article, first_article

from editor.publish.targets.service import HostPublisher
from editor.publish.targets.transport import TargetError


def _objects(client, bucket, prefix) -> dict[str, bytes]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    keys = [e["Key"] for page in pages for e in page.get("Contents", [])]
    return {
        key[len(prefix) :]: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys
    }


def _whole(objects: dict[str, bytes]) -> dict:
    state = json.loads(objects[".newsdesk/manifest.json"])
    for path, entry in state["files"].items():
        assert hashlib.sha256(objects[path]).hexdigest() == entry["sha256"], path
    return state


def test_publish_change_delete_and_roll_back_on_the_moto_s3_emulator(site, s3_bucket):
    endpoint, bucket, client = s3_bucket
    url = f"s3://{bucket}/news?endpoint={endpoint}&region=us-east-1&access_key=testing-key"
    host = HostPublisher(site)
    host.add_target("oss", url, base_url=f"{endpoint}/{bucket}/news/", secret="testing-secret")
    assert site.targets.get("oss").mode == "in-place"
    tested = host.test("oss")
    assert tested["write"] and not tested["rename"] and tested["modes"] == ["in-place"]
    first = host.publish("oss")
    assert first.sent > 50 and first.verified is True  # pages fetched back over HTTP
    objects = _objects(client, bucket, "news/")
    _whole(objects)
    head = client.head_object(Bucket=bucket, Key="news/index.html")
    assert head["ContentType"] == "text/html; charset=utf-8"
    assert host.publish("oss").sent == 0
    article_id = first_article(site)
    page = json.loads(objects["manifest.json"])["articles"][str(article_id)]
    edit_article(site, article_id, "\n\n对象存储。")
    second = host.publish("oss")
    assert 1 < second.sent < 15 and second.verified is True
    assert "对象存储" in _objects(client, bucket, "news/")[page].decode("utf-8")
    back = host.rollback("oss")
    assert back.release == first.release
    assert "对象存储" not in _objects(client, bucket, "news/")[page].decode("utf-8")
    host.rollback("oss", second.release)
    with site.edit():
        site.articles.delete(article_id)
    third = host.publish("oss")
    assert third.deleted >= 1
    objects = _objects(client, bucket, "news/")
    assert page not in objects and page not in _whole(objects)["files"]


def test_a_missing_bucket_on_the_moto_s3_emulator_is_a_clear_message(site, s3_bucket):
    endpoint, _bucket, _client = s3_bucket
    host = HostPublisher(site)
    host.add_target("nobucket", f"s3://no-such-bucket?endpoint={endpoint}&access_key=k", secret="s")
    with pytest.raises(TargetError, match="no bucket named no-such-bucket"):
        host.publish("nobucket")
    assert host.history("nobucket")[0].result == "failed"
    host.add_target("nokey", f"s3://no-such-bucket?endpoint={endpoint}", secret="s")
    with pytest.raises(TargetError, match="access key id"):
        host.publish("nokey")
