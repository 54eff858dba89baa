#!/usr/bin/env python3
"""Agreement of evalctl's code-syntax verdicts with the real toolchains' labels.

Usage: evaluate_code_syntax.py SET.jsonl SCORES.jsonl [--min-overall 0.995 --min-language 0.99]
A verdict agrees when it is `passed` for a snippet the tool accepted, or `syntax-error` for one it
rejected; `unavailable`, `no-code` or `truncated` never agree. Exits 1 when a goal is missed.
"""
import argparse, json, sys
from collections import defaultdict


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("set")
    parser.add_argument("scores")
    parser.add_argument("--min-overall", type=float, default=0.995)
    parser.add_argument("--min-language", type=float, default=0.99)
    parser.add_argument("--show", type=int, default=5, help="disagreements to print per language")
    options = parser.parse_args()
    items = {}
    with open(options.set, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            items[item["id"]] = item
    stats = defaultdict(lambda: defaultdict(int))
    shown = defaultdict(int)
    with open(options.scores, encoding="utf-8") as f:
        for line in f:
            score = json.loads(line)
            item = items.pop(score["id"])
            language, expected = item["language"], item["label"]
            verdict = score.get("verdict")
            agrees = (expected == "valid" and verdict == "passed") or (expected == "invalid" and verdict == "syntax-error")
            row = stats[language]
            row["n"] += 1
            row["agree"] += agrees
            row[expected] += 1
            row[f"{expected}-agree"] += agrees
            if verdict == "unavailable":
                row["unavailable"] += 1
            if not agrees and shown[language] < options.show:
                shown[language] += 1
                print(f"  disagree {language} #{item['id']} label={expected} verdict={verdict} corruption={item['corruption']} "
                      f"source={item['source']} error={json.dumps(score.get('error'))}", file=sys.stderr)
    if items:
        print(f"evaluate: {len(items)} snippets have no score", file=sys.stderr)
        return 1
    print(f"{'language':11s} {'snippets':>8s} {'invalid':>8s} {'agreement':>10s} {'on valid':>9s} {'on invalid':>10s} {'unavail.':>8s}")
    total = agree = 0
    failed = False
    for language in sorted(stats):
        row = stats[language]
        rate = row["agree"] / row["n"]
        failed |= rate < options.min_language
        total += row["n"]
        agree += row["agree"]
        on_valid = row["valid-agree"] / row["valid"] if row["valid"] else float("nan")
        on_invalid = row["invalid-agree"] / row["invalid"] if row["invalid"] else float("nan")
        print(f"{language:11s} {row['n']:8d} {row['invalid']:8d} {rate:10.2%} {on_valid:9.2%} {on_invalid:10.2%} {row['unavailable']:8d}")
    overall = agree / total if total else 0
    failed |= overall < options.min_overall
    print(f"{'overall':11s} {total:8d} {'':8s} {overall:10.2%}   (goals: ≥{options.min_overall:.1%} overall, ≥{options.min_language:.0%} per language)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
