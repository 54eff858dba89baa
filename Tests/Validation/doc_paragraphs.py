#!/usr/bin/env python3
"""Real English prose nobody here wrote: the paragraphs of the README and NEWS files Debian's
packages install under /usr/share/doc, as JSON lines for `evalctl score --scorer language-mix`.

Usage: doc_paragraphs.py [--split dev|test] --out docs.jsonl

Each package's folder is in one half, by a hash of its name: rules are tuned on the dev half and
the test half is reported.

A paragraph is text between blank lines, whitespace collapsed, of 60 to 800 characters, at least
70% letters and nine words, each distinct paragraph once. Nothing labels them: most are English,
some are not (a German README) or hold names in other scripts, so a flagged paragraph is read
before it is called a false positive. The set follows the packages installed.
"""
import argparse
import gzip
import hashlib
import json
import os
import re


def half_of(package):
    return "dev" if int(hashlib.sha256(package.encode()).hexdigest(), 16) % 2 == 0 else "test"


def paragraphs(folder):
    """(package, path, paragraph), each distinct paragraph once, where it comes first: a
    paragraph two packages share is in the first one's half only."""
    seen = set()
    for root, _, files in sorted(os.walk(folder)):
        if root.count("/") > folder.count("/") + 1:
            continue
        package = os.path.relpath(root, folder).split("/")[0]
        for name in sorted(files):
            if not (name.startswith("README") or name.startswith("NEWS")):
                continue
            path = os.path.join(root, name)
            try:
                data = gzip.open(path).read() if name.endswith(".gz") else open(path, "rb").read()
                text = data.decode("utf-8")
            except (OSError, UnicodeDecodeError, EOFError):
                continue
            for block in re.split(r"\n\s*\n", text):
                paragraph = " ".join(block.split())
                if not 60 <= len(paragraph) <= 800 or paragraph.count(" ") < 8:
                    continue
                if sum(c.isalpha() for c in paragraph) < 0.7 * len(paragraph):
                    continue
                digest = hashlib.sha1(paragraph.encode()).hexdigest()
                if digest not in seen:
                    seen.add(digest)
                    yield package, path, paragraph


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", default="/usr/share/doc")
    parser.add_argument("--split", choices=["dev", "test"])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    count = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for package, path, paragraph in paragraphs(args.folder):
            if args.split and half_of(package) != args.split:
                continue
            out.write(json.dumps({"id": f"doc-{count}", "output": paragraph, "source": path}, ensure_ascii=False) + "\n")
            count += 1
    print(f"wrote {count} paragraphs to {args.out}")


if __name__ == "__main__":
    main()
