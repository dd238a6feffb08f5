"""Fixtures for the tests of the built site (``make site``, the last step of ``make test``).

These tests read ``_build/html`` (built by ``make build`` just before) and never build it
themselves. The browser tests need Chromium (Debian: ``apt-get install -y chromium``) and are
skipped, with a message saying so, when it is missing; ``.ci/run`` installs it.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
import yaml
from _site import HTML, ROOT


@pytest.fixture(scope="session")
def html_dir() -> Path:
    """The built site; fail clearly if it has not been built."""
    if not (HTML / "index.html").is_file():
        pytest.fail(f"{HTML} has no index.html: build the book first (`make book`).")
    return HTML


@pytest.fixture(scope="session")
def book_config() -> dict:
    """`_config.yml`, parsed."""
    return yaml.safe_load((ROOT / "_config.yml").read_text())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="session")
def http_root(html_dir):
    """The built site served on a loopback port for the session."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def pytest_terminal_summary(terminalreporter):
    """List the theme's accessibility findings (reported, not failed) after the tests."""
    report = ROOT / "_build" / "site-test" / "theme-accessibility.txt"
    if not report.is_file():
        return
    lines = report.read_text().splitlines()
    rules = sorted({line.split(": ", 1)[1].split(" (")[0] for line in lines})
    terminalreporter.write_line(
        f"theme accessibility findings (header and sidebars, not the book's content): "
        f"{len(lines)} on {len({line.split(': ')[0] for line in lines})} pages, rules "
        f"{', '.join(rules)}; details in {report.relative_to(ROOT)}"
    )
