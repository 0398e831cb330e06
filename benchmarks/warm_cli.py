"""The command line with every import followed by a full export into a throwaway folder,
so that a benchmark's next full export finds the site exported before (the Markdown cache
of bodies with marks stored, the compiled templates cached).

    ND="python benchmarks/warm_cli.py" python ../shared/bench/vs_hugo.py 10000

With it, the side-by-side tool's `nd_full_s` is the full export of a site exported once
already ("cached") instead of one straight after the import; its `nd_import_s` then
includes that first export. Every other command runs unchanged.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str]) -> int:
    """Run the command line; after a successful `import`, export the site once."""
    from editor.cli.core import main as cli_main

    code = cli_main(argv)
    if code or "import" not in argv or "--db" not in argv:
        return code
    database = argv[argv.index("--db") + 1]
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-warm-"))
    try:
        with redirect_stdout(io.StringIO()):
            code = cli_main(["--db", database, "export", str(folder / "site"), "--full"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
