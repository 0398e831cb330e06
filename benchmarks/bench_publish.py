"""Publish benchmark: a 10,000-article site over SFTP through a 50 ms round-trip delay.

    python benchmarks/bench_publish.py [--articles 10000] [--delay-ms 50] [--keep]

Starts OpenSSH sshd on 127.0.0.1 for a throwaway user (needs root, like the tests) and a
TCP proxy on 127.0.0.1 that holds every chunk 25 ms in each direction (50 ms round trip;
bandwidth is not limited). The site (benchmarks/make_export_corpus.py) is published in
release mode through the proxy:

- first: the first publish (full export, every file sent; in the later repeats the bundle
  is already exported, to a new target folder);
- no_change: publishing again with nothing changed;
- one_article: one article's body edited, then published (its page, the lists and feeds
  that show it, the sitemap, a new release, the switch) once the server has made the spare
  copy of the live release it prepares after each switch (`spare_ready_after_seconds`);
- one_article_no_spare: the same with that spare copy removed first (the publish clones
  the live release itself);
- rollback: back to the previous release.

Each scenario is timed end to end as the editor sees it (the export before a publish
included; `export_seconds` says how long the export took — the login runs meanwhile), with
the SFTP requests the transport sent, the bytes that crossed the proxy towards the server,
and the files sent; medians of `--repeat` runs. `peak_rss_mb` is the largest resident
memory of this process, `peak_rss_children_mb` that of the largest of the export's
rendering workers. The load average before and after is included. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "targets"))  # the tests' server helpers

from benchmarks import make_export_corpus  # noqa: E402


class DelayProxy:
    """A TCP proxy on 127.0.0.1 that delays each chunk by `delay` seconds each way and
    counts the bytes sent towards the server."""

    def __init__(self, target_port: int, delay: float) -> None:
        self.target_port = target_port
        self.delay = delay
        self.upstream_bytes = 0
        self.loop = asyncio.new_event_loop()
        self.port = 0
        ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait()

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self.loop.run_forever()

    async def _client(self, reader, writer) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        await asyncio.gather(
            self._pump(reader, up_writer, upstream=True),
            self._pump(up_reader, writer, upstream=False),
        )

    async def _pump(self, reader, writer, *, upstream: bool) -> None:
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                if data is None:
                    break
                wait = due - self.loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                writer.write(data)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(deliver())
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                if upstream:
                    self.upstream_bytes += len(data)
                queue.put_nowait((self.loop.time() + self.delay, data))
        except ConnectionError:
            pass
        queue.put_nowait((0, None))
        try:
            await sender
        except ConnectionError:
            pass

    def stop(self) -> None:
        """Stop the proxy's loop."""
        self.loop.call_soon_threadsafe(self.loop.stop)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--sections", type=int, default=200)
    parser.add_argument("--delay-ms", type=float, default=50.0, help="round trip added")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs; medians are reported")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print(json.dumps({"skipped": "needs root to start sshd for a throwaway user"}))
        return 0

    corpus = Path(make_export_corpus.DEFAULT_OUT)
    if (args.articles, args.sections) != (10000, 200):
        corpus = corpus.with_name(f"export-{args.articles}-{args.sections}.newsdesk")
    if not make_export_corpus.existing(corpus, args.articles, args.sections):
        make_export_corpus.build(corpus, args.articles, args.sections)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-publish-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ.setdefault("NEWSDESK_USER", "bench")
    db = work / "site.newsdesk"
    shutil.copy2(corpus, db)

    from servers import create_account, delete_account, start_sshd, stop

    account = create_account(work)
    sshd = start_sshd(work, account)
    proxy = DelayProxy(sshd.port, args.delay_ms / 2000.0)
    try:
        report = run(db, sshd, proxy, args)
    finally:
        proxy.stop()
        stop(sshd.process)
        delete_account(account)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def run(db: Path, sshd, proxy: DelayProxy, args) -> dict:
    from editor.publish.targets import service
    from editor.publish.targets.service import HostPublisher
    from editor.workspace import Workspace

    transports = []
    original = service.open_transport

    def counting(*a, **k):
        transport = original(*a, **k)
        transports.append(transport)
        return transport

    service.open_transport = counting
    runs: dict[str, list[dict]] = {}
    load_before = os.getloadavg()
    with Workspace.open(str(db), user="bench") as workspace:
        host = HostPublisher(workspace)

        def measure(name: str, action) -> dict:
            transports.clear()
            before = proxy.upstream_bytes
            exported = {}
            original_export = host.export_bundle

            def timed_export(*a, **k):
                started = time.perf_counter()
                try:
                    return original_export(*a, **k)
                finally:
                    exported["seconds"] = time.perf_counter() - started

            host.export_bundle = timed_export
            phases: dict[str, float] = {}
            last = {"phase": "", "at": time.perf_counter()}

            def progress(phase, *_counts):
                moment = time.perf_counter()
                if phase != last["phase"]:
                    if last["phase"]:
                        phases[last["phase"]] = round(
                            phases.get(last["phase"], 0.0) + moment - last["at"], 3
                        )
                    last.update(phase=phase, at=moment)

            started = time.perf_counter()
            last["at"] = started
            result = action(progress)
            seconds = time.perf_counter() - started
            host.export_bundle = original_export
            figures = {
                "seconds": round(seconds, 3),
                "export_seconds": round(exported.get("seconds", 0.0), 3),
                "files_sent": result.sent,
                "requests": sum(t.requests for t in transports),
                "bytes_sent": proxy.upstream_bytes - before,
                "release": result.release,
                "phases": phases,  # seconds from one progress phase to the next
            }
            runs.setdefault(name, []).append(figures)
            return figures

        def edit(article_id: int) -> None:
            article = workspace.articles.get(article_id)
            fields = workspace.articles.fields_of(article_id)
            with workspace.edit():
                workspace.articles.update(
                    article_id,
                    {**fields, "body": fields["body"] + "\n\n补充一段。"},
                    article.version,
                )

        spare_waits = []
        for repeat in range(args.repeat):
            name = f"bench{repeat}"
            root = sshd.folder(f"site{repeat}")
            url = f"sftp://{sshd.user}@127.0.0.1:{proxy.port}{root}?key={sshd.key}"
            host.add_target(name, url)
            publish = lambda progress, name=name: host.publish(name, progress=progress)  # noqa: E731
            first = measure("first", publish)
            measure("no_change", publish)
            spare_waits.append(wait_for_spare(root, first["release"]))
            edit(1 + repeat)
            changed = measure("one_article", publish)
            # the same without the spare copy the server prepares after each switch
            # (a publish right after another one, or by a workstation of an older version)
            spare_waits.append(wait_for_spare(root, changed["release"]))
            shutil.rmtree(root / "releases" / f".spare-{changed['release']}")
            edit(1 + args.repeat + repeat)
            measure("one_article_no_spare", publish)
            measure("rollback", lambda progress, name=name: host.rollback(name))
        files = len(json.loads((root / "current" / "manifest.json").read_text())["files"])
    keys = ("seconds", "export_seconds", "files_sent", "requests", "bytes_sent")
    scenarios = {
        name: {
            **{key: round(statistics.median(r[key] for r in rows), 3) for key in keys},
            "runs_seconds": [r["seconds"] for r in rows],
            "phases_of_median_run": sorted(rows, key=lambda r: r["seconds"])[len(rows) // 2][
                "phases"
            ],
        }
        for name, rows in runs.items()
    }
    return {
        "articles": args.articles,
        "files_in_bundle": files + 1,
        "round_trip_ms": args.delay_ms,
        "transport": "sftp (asyncssh) to OpenSSH sshd, release mode",
        "repeats": args.repeat,
        "scenarios": scenarios,
        "spare_ready_after_seconds": spare_waits,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_children_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
    }


def wait_for_spare(root: Path, release: str, limit: float = 120.0) -> float:
    """Seconds until the server's spare copy of `release` is there (the benchmark waits,
    as an editor's next publish usually comes minutes later)."""
    started = time.perf_counter()
    spare = root / "releases" / f".spare-{release}"
    while not spare.is_dir() and time.perf_counter() - started < limit:
        time.sleep(0.05)
    return round(time.perf_counter() - started, 3)


if __name__ == "__main__":
    sys.exit(main())
