#!/usr/bin/env python3
"""make check-ui: load every page type of `evalctl serve` in headless Chromium and check what a person sees.

1. Sweeps the embedded fleet's faulty scenario three times (alerts on) into a fresh store.
2. Plants hostile model output in stored samples: a <script>, an onerror handler, a javascript: link.
3. Starts `evalctl serve` on a free loopback port; loads /, /platforms/<each>, /alerts, /alerts/<id>,
   /compare?a=reference&b=<platform> and /samples/<planted> in Chromium (DOM and screenshot).
4. Checks: no <script> or <img> element and no event handler in any rendered DOM, no javascript: link,
   the page title untouched (nothing ran); the planted text shown as text; the overview screenshot shows
   the grid's trend lines, the platform page its charts and alert markers.

Usage: check_ui.py EVALCTL_BINARY OUTPUT_FOLDER
"""
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_report import ALERT_RED, PLATFORM_BLUE, ElementCensus, chromium, count_colour, faulty_store, plant, png_pixels  # noqa: E402

HOSTILE = ('<script>document.title="PWNED"</script><img src=x onerror="document.title=\'PWNED\'">'
           '<a href="javascript:document.title=\'PWNED\'">click</a>')


class Links(ElementCensus):
    """Also collects every href and src attribute of the rendered elements (text stays text)."""

    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self.targets += [value or "" for name, value in attrs if name.lower() in ("href", "src", "action")]


def fail(message):
    print(f"check-ui: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    binary, out, store = faulty_store("evalctl-check-ui-", fail)
    work = os.path.dirname(store)
    with sqlite3.connect(store) as db:
        plant(db, HOSTILE)
        platforms = [row[0] for row in db.execute("SELECT name FROM platform ORDER BY id")]
        planted = db.execute("SELECT s.id FROM sample s JOIN platform p ON p.id = s.platformID "
                             "WHERE p.name != 'reference' ORDER BY s.id DESC LIMIT 1").fetchone()[0]
        alert = db.execute("SELECT MIN(id) FROM alert").fetchone()[0]
        alerted = db.execute("SELECT platform FROM alert ORDER BY id LIMIT 1").fetchone()
    if alert is None:
        fail("the faulty scenario opened no alert")
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--store", store, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            fail(f"evalctl serve did not answer on {base}: {server.stderr.read() if server.poll() is not None else ''}")
        # The platform the faulty scenario broke: its comparison has worst examples to show.
        other = alerted[0] if alerted and alerted[0] != "reference" else next(p for p in platforms if p != "reference")
        pages = {"overview": "/", "alerts": "/alerts", "alert": f"/alerts/{alert}",
                 "compare": f"/compare?a=reference&b={other}", "sample": f"/samples/{planted}"}
        for name in platforms:
            pages[f"platform-{name}"] = f"/platforms/{name}"
        browser = chromium()
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-dev-shm-usage"]
        shots = {}
        for label, path in pages.items():
            url = base + path
            dom = subprocess.run([browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=180).stdout
            census = Links()
            census.feed(dom)
            if not dom.strip():
                fail(f"{path}: chromium rendered nothing")
            if {"script", "img", "iframe", "object"} & census.tags:
                fail(f"{path}: the rendered DOM holds planted elements: {sorted({'script', 'img', 'iframe', 'object'} & census.tags)}")
            if census.handlers:
                fail(f"{path}: the rendered DOM holds event handlers: {census.handlers[:5]}")
            if any(target.strip().lower().startswith("javascript:") for target in census.targets):
                fail(f"{path}: a javascript: link is in the rendered page")
            if any(target and not target.startswith("/") for target in census.targets):
                fail(f"{path}: a link leaves the server: {[t for t in census.targets if not t.startswith('/')][:3]}")
            if "PWNED" in census.title or not census.title.strip().endswith("evalctl"):
                fail(f"{path}: the page title is {census.title!r}: a planted script ran")
            if label in ("sample", "compare") and "&lt;script&gt;" not in dom:
                fail(f"{path}: the planted text is not shown as text")
            if label == "overview" or label == f"platform-{other}":
                shot = os.path.join(out, f"ui-{label}.png")
                run = subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1400,2000", url],
                                     capture_output=True, text=True, timeout=180)
                if run.returncode != 0 or not os.path.exists(shot):
                    fail(f"{path}: chromium could not take a screenshot: {run.stderr.strip()[-300:]}")
                shots[label] = shot
        summary = []
        for label, shot in shots.items():
            width, height, rows, channels = png_pixels(shot)
            blue = count_colour(rows, channels, PLATFORM_BLUE)
            red = count_colour(rows, channels, ALERT_RED)
            summary.append(f"{label} {width}x{height}: {blue} line pixels, {red} alert pixels")
            if blue < 200:
                fail(f"{label}: no trend lines or charts visible ({blue} pixels of the line colour)")
            if label.startswith("platform-") and red < 20:
                fail(f"{label}: the platform has alerts but no alert marker is visible ({red} red pixels)")
        print(f"check-ui: {len(pages)} pages in Chromium, nothing ran; " + "; ".join(summary))
        print(f"check-ui: OK — screenshots in {out}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
