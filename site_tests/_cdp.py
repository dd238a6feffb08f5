"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (stdlib only).

Chromium reads protocol messages from file descriptor 3 and writes them to descriptor 4, each
a JSON object followed by a NUL byte; no websocket, no extra package, no browser download.
Used by ``test_browser.py`` to open every page of the built book in Debian's headless Chromium.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

# The flags these machines need (see /work/.library/env/machines/python.md): no sandbox as
# root, and no background connections, which a closed network refuses many at a time.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--window-size=1280,1600",
]

CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]


def find_chromium() -> str | None:
    """Return the Chromium executable ($CHROMIUM, else the first candidate on PATH), or None."""
    env = os.environ.get("CHROMIUM")
    if env:
        return env if shutil.which(env) else None
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


class CDPError(RuntimeError):
    """A protocol command failed or timed out."""


class Chromium:
    """A headless Chromium with a fresh profile, driven through the DevTools pipe."""

    def __init__(self, executable: str, *, timeout: float = 30.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="site-test-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # Move the child's ends above 9 so that `3<&N 4>&M` can never clobber them (bash, not
        # dash: dash takes single-digit descriptors only).
        child_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        script = f'exec "$0" "$@" 3<&{child_r} 4>&{child_w} {child_r}<&- {child_w}>&-'
        cmd = [shutil.which("bash") or "/bin/bash", "-c", script, executable, *FLAGS]
        cmd += [f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(
            cmd,
            pass_fds=(child_r, child_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            # dbus and GPU chatter; the page's own errors come through the protocol.
            stderr=None if os.environ.get("SITE_TEST_DEBUG") else subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(child_r)
        os.close(child_w)
        self._next_id = 0
        self._lock = threading.Lock()
        self._cond = threading.Condition()
        self._responses: dict[int, dict] = {}
        self._events: list[dict] = []
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        self.version = self.send("Browser.getVersion")["product"]

    # -- transport --------------------------------------------------------------------------
    def _read_loop(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_chrome, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buf += chunk
            *messages, buf = buf.split(b"\0")
            with self._cond:
                for raw in messages:
                    msg = json.loads(raw)
                    if "id" in msg:
                        self._responses[msg["id"]] = msg
                    else:
                        self._events.append(msg)
                self._cond.notify_all()
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def send(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float | None = None,
    ) -> dict:
        """Send one command and return its result (raise CDPError on error or timeout)."""
        with self._lock:
            self._next_id += 1
            msg_id = self._next_id
            msg = {"id": msg_id, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            data = json.dumps(msg).encode() + b"\0"
            while data:
                data = data[os.write(self._to_chrome, data) :]
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cond:
            while msg_id not in self._responses:
                left = deadline - time.monotonic()
                if self._closed:
                    raise CDPError(f"{method}: Chromium exited")
                if left <= 0:
                    raise CDPError(f"{method}: no answer within {timeout or self.timeout} s")
                self._cond.wait(left)
            reply = self._responses.pop(msg_id)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def wait_event(
        self, method: str, session: str, timeout: float | None = None, match=None
    ) -> dict:
        """Wait for the first event `method` of `session` whose params satisfy `match`.

        Events already received count.
        """
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cond:
            while True:
                for ev in self._events:
                    if (
                        ev.get("method") == method
                        and ev.get("sessionId") == session
                        and (match is None or match(ev.get("params", {})))
                    ):
                        return ev
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise CDPError(f"no {method} within {timeout or self.timeout} s")
                self._cond.wait(left)

    def events(self, session: str) -> list[dict]:
        """All events received so far for `session`."""
        with self._cond:
            return [ev for ev in self._events if ev.get("sessionId") == session]

    def forget(self, session: str) -> None:
        """Drop the stored events of `session`."""
        with self._cond:
            self._events = [ev for ev in self._events if ev.get("sessionId") != session]

    # -- pages ------------------------------------------------------------------------------
    def open(self, url: str, *, timeout: float | None = None) -> tuple[str, str]:
        """Open `url` in a new tab with Page/Runtime/Log/Network events on; wait for `load`."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=session)
        self.send("Page.setLifecycleEventsEnabled", {"enabled": True}, session=session)
        nav = self.send("Page.navigate", {"url": url}, session=session)
        if nav.get("errorText"):
            raise CDPError(f"navigating to {url}: {nav['errorText']}")
        # The `load` of this navigation (not of the tab's initial about:blank).
        loader = nav.get("loaderId")
        self.wait_event(
            "Page.lifecycleEvent",
            session,
            timeout,
            match=lambda p: p.get("name") == "load" and p.get("loaderId") == loader,
        )
        return target, session

    def evaluate(self, session: str, expression: str, *, timeout: float | None = None):
        """Evaluate `expression` (awaiting a promise) in the page; return its JSON value."""
        t = timeout or self.timeout
        res = self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session=session,
            timeout=t + 5,
        )
        if "exceptionDetails" in res:
            raise CDPError(f"evaluation failed: {res['exceptionDetails']}")
        return res["result"].get("value")

    def screenshot(self, session: str, path: Path) -> None:
        """Save a PNG of the whole page."""
        import base64

        data = self.send(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True},
            session=session,
        )["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def close_tab(self, target: str, session: str) -> None:
        """Close a tab opened by `open` and forget its events."""
        try:
            self.send("Target.closeTarget", {"targetId": target}, timeout=5)
        finally:
            self.forget(session)

    def close(self) -> None:
        """Stop the browser (this process group only) and remove its profile."""
        try:
            self.send("Browser.close", timeout=5)
        except CDPError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait(timeout=10)
        for fd in (self._to_chrome, self._from_chrome):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)
