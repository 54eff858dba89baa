#!/usr/bin/env python3
"""Joins a validation set with `evalctl score` output and reports accuracy per category.

Usage: evaluate_language_mix.py SET.jsonl SCORES.jsonl [--misses N]
"""
import importlib.util
import json
import math
import os
import re
import sys

GOALS = {"script-en": ("caught", 0.995), "script-other": ("caught", 0.99), "latin-en": ("caught", 0.95),
         "latin-other": ("caught", 0.99), "clean-en": ("false positives", 0.005), "clean-other": ("false positives", 0.01),
         "benign-en": ("false positives", 0.005)}


def wilson(successes, total, z=1.96):
    """The 95% Wilson score interval of a proportion: the rates a row of `total` texts cannot tell apart."""
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def generator():
    """The set's generator, for the lists it inserts from."""
    spec = importlib.util.spec_from_file_location("language_mix_set", os.path.join(os.path.dirname(__file__), "language_mix_set.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SET = generator()
SYMBOLS = set(SET.BENIGN_MATH + SET.BENIGN_UNITS + SET.BENIGN_MONEY + SET.BENIGN_QUOTES + SET.BENIGN_EMOJI)
REPEATED = re.compile(r"^(\w+)(, \1 and \1| \1|, \1, \1)$")


def benign_kind(inserted):
    """What a benign text's insertion is: loanword, repeat, symbols or name."""
    if inserted in SET.LOANWORDS:
        return "loanword"
    if REPEATED.match(inserted):
        return "repeat"
    if inserted in SYMBOLS:
        return "symbols"
    return "name"


def main():
    set_path, scores_path = sys.argv[1], sys.argv[2]
    misses = int(sys.argv[sys.argv.index("--misses") + 1]) if "--misses" in sys.argv else 0
    rows = {}
    for line in open(set_path, encoding="utf-8"):
        row = json.loads(line)
        rows[row["id"]] = row
    stats = {}
    examples = {}
    for line in open(scores_path, encoding="utf-8"):
        score = json.loads(line)
        row = rows[score["id"]]
        category = row["label"]["category"]
        flagged = score["passed"] is False
        wrong = flagged != row["label"]["intrusion"]
        total, bad = stats.get(category, (0, 0))
        stats[category] = (total + 1, bad + wrong)
        if wrong and len(examples.setdefault(category, [])) < misses:
            examples[category].append((row, score))
    ok = True
    print(f"{'category':14} {'lines':>6} {'measure':>16} {'value':>8} {'95% interval':>17} {'goal':>8}")
    for category, (total, bad) in sorted(stats.items()):
        measure, goal = GOALS[category]
        if measure == "caught":
            value = 1 - bad / total
            met = value >= goal
            shown = f"≥{goal:.1%}"
        else:
            value = bad / total
            met = value <= goal
            shown = f"≤{goal:.1%}"
        ok &= met
        low, high = wilson(round(value * total), total)
        interval = f"{low:.2%}–{high:.2%}"
        print(f"{category:14} {total:6} {measure:>16} {value:8.2%} {interval:>17} {shown:>8} {'' if met else 'MISSED'}")
    # Per intrusion language (latin-en) and per expected language (latin-other, clean-other): the
    # issue's floor is 85% for each language with 50 examples or more.
    for category, key in (("latin-en", "from"), ("latin-other", "expected"), ("clean-other", "expected")):
        groups = {}
        for line in open(scores_path, encoding="utf-8"):
            score = json.loads(line)
            row = rows[score["id"]]
            if row["label"]["category"] != category:
                continue
            name = row["label"].get(key) if key == "from" else row["expect"]["language"]
            total, bad = groups.get(name, (0, 0))
            groups[name] = (total + 1, bad + ((score["passed"] is False) != row["label"]["intrusion"]))
        if groups:
            measure = "false positives" if category == "clean-other" else "caught"
            cells = []
            for name, (total, bad) in sorted(groups.items(), key=lambda item: -item[1][0]):
                value = bad / total if measure == "false positives" else 1 - bad / total
                cells.append(f"{name} {value:.0%} ({total})")
            print(f"\n{category} {measure} by language: " + ", ".join(cells))
            if category == "latin-en":
                low = [name for name, (total, bad) in groups.items() if total >= 50 and 1 - bad / total < 0.85]
                if low:
                    print(f"  below 85% with 50+ examples: {', '.join(sorted(low))}")
                    ok = False
    # Benign English by what was inserted: a loanword phrase of the split's half, a repeated word,
    # maths/units/money/quotes/emoji, or a place name (tzdata's).
    kinds = {}
    for line in open(scores_path, encoding="utf-8"):
        score = json.loads(line)
        row = rows[score["id"]]
        if row["label"]["category"] == "benign-en":
            kind = benign_kind(row["label"].get("inserted", ""))
            total, bad = kinds.get(kind, (0, 0))
            kinds[kind] = (total + 1, bad + (score["passed"] is False))
    if kinds:
        print("\nbenign-en false positives by insertion: "
              + ", ".join(f"{kind} {bad}/{total}" for kind, (total, bad) in sorted(kinds.items())))
    for category, items in examples.items():
        if not items:
            continue
        print(f"\n-- {category}: misses")
        for row, score in items:
            print(json.dumps({"text": row["output"][:300], "label": row["label"], "spans": score.get("spans")}, ensure_ascii=False))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
