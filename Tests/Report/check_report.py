#!/usr/bin/env python3
"""make check-report: render evalctl's HTML report in headless Chromium and check what a person sees.

1. Sweeps the embedded fleet's faulty scenario three times (two suites, alerts on) into a fresh store.
2. Plants hostile model output (a <script> and an onerror handler) in stored samples.
3. Writes the report, renders it with Debian's chromium: a full-page screenshot and the DOM.
4. Checks: the DOM holds no <script> element and its title is untouched (the planted script did not
   run); the screenshot shows the charts (pixels of the platform line colour) and alert markers.

Usage: check_report.py EVALCTL_BINARY OUTPUT_FOLDER
"""
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zlib
from html.parser import HTMLParser

PLATFORM_BLUE = (0x1F, 0x5F, 0xBF)
ALERT_RED = (0xD6, 0x27, 0x28)
HOSTILE = '<script>document.title="PWNED"</script><img src=x onerror="document.title=\'PWNED\'">'


def fail(message):
    print(f"check-report: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


class ElementCensus(HTMLParser):
    """Collects the elements and event-handler attributes of a rendered DOM (text stays text)."""

    def __init__(self):
        super().__init__()
        self.tags = set()
        self.handlers = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]
        # The document's own title is the first; SVG charts carry <title>s of their own.
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    fail("no chromium on PATH (make check-report installs Debian's chromium)")


def png_pixels(path):
    """Decodes an 8-bit RGB or RGBA, non-interlaced PNG: (width, height, rows of bytes, channels)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    offset, idat, header = 8, b"", None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        fail(f"unexpected PNG format depth={depth} colour={colour} interlace={interlace}")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, position = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows, channels


def count_colour(rows, channels, colour, tolerance=24):
    count = 0
    for row in rows:
        for x in range(0, len(row), channels):
            if all(abs(row[x + k] - colour[k]) <= tolerance for k in range(3)):
                count += 1
    return count


def faulty_sweeps(binary, store, fail):
    """Three sweeps of the embedded fleet's faulty scenario (two suites, alerts on) into `store`."""
    for seed in (1, 2, 3):
        run = subprocess.run(
            [binary, "sweep", "--store", store, "--scenario", "faulty", "--suite", "english-prose", "--suite", "code",
             "--seed", str(seed), "--alert", "--quiet"], capture_output=True, text=True)
        if run.returncode != 0:
            fail(f"sweep {seed} exited {run.returncode}: {run.stderr.strip()}")


def plant(db, hostile):
    """Appends `hostile` to every stored output but the reference's; returns how many.

    Diffs are built from stored tokens when both sides have them: the platforms' tokens are dropped so
    diffs show the planted text, as they would for a platform without logprobs."""
    planted = db.execute(
        "UPDATE sample SET output = output || ? WHERE platformID IN (SELECT id FROM platform WHERE name != 'reference')",
        (hostile,)).rowcount
    db.execute("DELETE FROM sample_tokens WHERE sampleID IN (SELECT s.id FROM sample s JOIN platform p ON p.id = s.platformID "
               "WHERE p.name != 'reference')")
    return planted


def faulty_store(prefix, fail):
    """The binary, the output folder (created) and a fresh store of faulty sweeps, from the arguments."""
    binary, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    store = os.path.join(tempfile.mkdtemp(prefix=prefix), "evalctl.sqlite")
    faulty_sweeps(binary, store, fail)
    return binary, out, store


def main():
    binary, out, store = faulty_store("evalctl-check-report-", fail)
    work = os.path.dirname(store)
    with sqlite3.connect(store) as db:
        planted = plant(db, HOSTILE)
        alerts = db.execute("SELECT COUNT(*) FROM alert").fetchone()[0]
    report = os.path.join(out, "report.html")
    run = subprocess.run([binary, "report", "--store", store, "--out", report], capture_output=True, text=True)
    if run.returncode != 0:
        fail(f"report exited {run.returncode}: {run.stderr.strip()}")
    html = open(report, encoding="utf-8").read()
    if "&lt;script&gt;" not in html:
        fail("the planted output does not appear (escaped) in the report's worst examples")

    browser = chromium()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-dev-shm-usage"]
    screenshot = os.path.join(out, "report.png")
    url = "file://" + report
    shot = subprocess.run([browser, *flags, f"--screenshot={screenshot}", "--window-size=1400,2600", url],
                          capture_output=True, text=True, timeout=180)
    if shot.returncode != 0 or not os.path.exists(screenshot):
        fail(f"chromium could not take a screenshot: {shot.stderr.strip()[-400:]}")
    dom = subprocess.run([browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=180).stdout
    census = ElementCensus()
    census.feed(dom)
    if "script" in census.tags or "img" in census.tags:
        fail(f"the rendered DOM holds planted elements: {sorted(census.tags & {'script', 'img'})}")
    if census.handlers:
        fail(f"the rendered DOM holds event handlers: {census.handlers[:5]}")
    if census.title.strip() != "evalctl report":
        fail(f"the page title is {census.title!r}: a planted script ran")
    if "&lt;script&gt;" not in dom:
        fail("the planted text is not shown in the rendered page")

    width, height, rows, channels = png_pixels(screenshot)
    blue = count_colour(rows, channels, PLATFORM_BLUE)
    red = count_colour(rows, channels, ALERT_RED)
    print(f"check-report: {planted} outputs planted with a <script>; {alerts} alerts; screenshot {width}x{height}: "
          f"{blue} platform-line pixels, {red} alert-marker pixels")
    if blue < 500:
        fail(f"the charts are not visible in the screenshot ({blue} pixels of the platform line colour)")
    if alerts > 0 and red < 20:
        fail(f"{alerts} alerts stored but no alert marker visible ({red} red pixels)")
    print(f"check-report: OK — {report} and {screenshot}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
