"""The command line shared by the data scripts (``make data`` runs them all).

Every script takes ``--out DIR`` (default: the package's data folder, which the chapters read),
``--quick`` (a small run that checks the pipeline in seconds; it never overwrites the package's
data unless ``--out`` says so) and reports progress on stderr. Every file records its
provenance (``isingneuron.booktools.save_data``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parents[1] / "src" / "isingneuron" / "data"
QUICK_DATA = Path(__file__).resolve().parents[1] / "_build" / "data-quick"


def parse(description: str, argv=None) -> argparse.Namespace:
    """Parse ``--out`` and ``--quick``; ``args.out`` is the folder to write to."""
    first, _, rest = description.partition("\n\n")
    p = argparse.ArgumentParser(
        description=first,
        epilog=rest or None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"folder to write to (default: {PACKAGE_DATA.relative_to(PACKAGE_DATA.parents[2])}; "
        f"with --quick: {QUICK_DATA.relative_to(QUICK_DATA.parents[1])})",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="a small run that checks the pipeline in seconds (results not fit for the book)",
    )
    args = p.parse_args(argv)
    if args.out is None:
        args.out = QUICK_DATA if args.quick else PACKAGE_DATA
    # Fail now, not after minutes of computation, if the folder cannot be written.
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        probe = args.out / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        p.error(f"--out {args.out}: cannot write there ({exc.strerror or exc})")
    args.run = {
        "script": Path(sys.argv[0]).name,
        "args": list(sys.argv[1:] if argv is None else argv),
    }
    return args


class Progress:
    """Progress lines on stderr, with the time since the start."""

    def __init__(self, name: str):
        self.name = name
        self.t0 = time.monotonic()

    def __call__(self, message: str) -> None:
        print(
            f"[{self.name} {time.monotonic() - self.t0:6.1f} s] {message}",
            file=sys.stderr,
            flush=True,
        )
