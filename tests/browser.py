"""A headless Chromium driven over the DevTools protocol, for the tests of the HTML report.

The browser is the distribution's (/usr/bin/chromium, or $TRACKER_CHROMIUM), started once per
test session with a fresh profile and no network of its own; nothing is downloaded. `Page`
speaks the protocol over one WebSocket (websocket-client) and keeps every event it receives,
so a test can ask afterwards what the console said, which exceptions were thrown and which
requests the page made.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import websocket

CHROMIUM = os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
START_SECONDS = 30
"""How long the browser may take to open its DevTools port: a cold start on a loaded 2-core
machine takes a few seconds; this bounds a browser that never comes up."""
CALL_SECONDS = 60
"""How long one protocol call may take before the test fails instead of hanging."""


class BrowserMissing(RuntimeError):
    """No Chromium where the tests look for one."""


class Browser:
    """One Chromium process with a fresh profile; `page()` attaches to its first tab."""

    def __init__(self) -> None:
        if not (shutil.which(CHROMIUM) or Path(CHROMIUM).is_file()):
            raise BrowserMissing(
                f"no Chromium at {CHROMIUM}: install the distribution's "
                "(apt-get install chromium), as .ci/run does, or set TRACKER_CHROMIUM"
            )
        self.profile = Path(tempfile.mkdtemp(prefix="tracker-chromium-"))
        self.log = (self.profile / "chromium.log").open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
        )
        self.endpoint = self._endpoint()

    def _endpoint(self) -> str:
        """host:port of the DevTools server, from the file Chromium writes in its profile
        once it listens."""
        active = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None:
            lines = active.read_text().split() if active.is_file() else []
            if len(lines) == 2:
                return f"127.0.0.1:{lines[0]}"
            time.sleep(0.05)
        log = (self.profile / "chromium.log").read_text(errors="replace")[-2000:]
        self.close()
        raise RuntimeError(f"Chromium did not open its DevTools port:\n{log}")

    def page(self) -> Page:
        with urllib.request.urlopen(f"http://{self.endpoint}/json/list", timeout=10) as answer:
            targets = json.load(answer)
        tab = next(t for t in targets if t["type"] == "page")
        return Page(tab["webSocketDebuggerUrl"])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab: protocol calls, and the events seen since the last `load`."""

    def __init__(self, url: str) -> None:
        self.socket = websocket.create_connection(url, timeout=CALL_SECONDS, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The next event named `method` (or one already received since the last load)."""
        for event in self.events:
            if event["method"] == method:
                return event
        while True:
            message = json.loads(self.socket.recv())
            if "method" in message:
                self.events.append(message)
                if message["method"] == method:
                    return message

    def load(self, url: str) -> None:
        """Open `url` and wait for its load event; the events of the previous page are gone."""
        self.events = []
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int, *, mobile: bool = False) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    def media(self, media: str) -> None:
        """Emulate a CSS media type ("print", "screen"; "" resets it)."""
        self.call("Emulation.setEmulatedMedia", media=media)

    def screenshot(self, clip: dict[str, float] | None = None) -> bytes:
        """The viewport (or `clip`, in page coordinates) as PNG bytes."""
        params: dict[str, Any] = {"format": "png"}
        if clip is not None:
            params["clip"] = {**clip, "scale": 1}
            params["captureBeyondViewport"] = True
        return base64.b64decode(self.call("Page.captureScreenshot", **params)["data"])

    def problems(self) -> list[str]:
        """What the console and the browser's log said at warning level or above, and every
        uncaught exception, since the last load."""
        found = []
        for event in self.events:
            params = event["params"]
            if event["method"] == "Runtime.consoleAPICalled" and params["type"] in (
                "error",
                "warning",
                "assert",
            ):
                found.append(f"console.{params['type']}: {params['args']}")
            elif event["method"] == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] in (
                "error",
                "warning",
            ):
                found.append(f"log: {params['entry']['text']}")
        return found

    def requests(self) -> list[str]:
        """The URL of every request the page made since the last load."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        self.socket.close()
