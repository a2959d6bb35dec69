#!/usr/bin/env python3
"""Per-package score of a PIT run, from lib/target/pit-reports/mutations.xml.

    environment/mutation_score.py [mutations.xml] [--survivors] [--min PCT]

The score is PIT's test strength: killed / covered, where a mutant counts as covered when some
test ran its line (NO_COVERAGE mutants are listed apart) and as killed when a test failed, erred
or timed out on it. With --survivors every surviving mutant is listed (class, line, mutator,
what it changed); with --min the exit status is 1 when the total falls below PCT.
"""
import argparse
import collections
import sys
import xml.etree.ElementTree as ET

KILLED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xml", nargs="?", default="lib/target/pit-reports/mutations.xml")
    ap.add_argument("--survivors", action="store_true")
    ap.add_argument("--min", type=float, default=None)
    a = ap.parse_args()
    try:
        root = ET.parse(a.xml).getroot()
    except (OSError, ET.ParseError) as e:
        sys.exit(f"mutation_score: cannot read {a.xml}: {e} (run ./run-tests mutation first)")
    per = collections.defaultdict(collections.Counter)
    survivors = []
    for m in root.iter("mutation"):
        cls = m.findtext("mutatedClass")
        pkg = cls.rsplit(".", 1)[0]
        status = m.get("status")
        c = per[pkg]
        c["generated"] += 1
        if status == "NO_COVERAGE":
            c["uncovered"] += 1
        elif status in KILLED:
            c["killed"] += 1
        else:
            c["survived"] += 1
            survivors.append((cls, int(m.findtext("lineNumber")), m.findtext("mutatedMethod"),
                              m.findtext("mutator").rsplit(".", 1)[-1], m.findtext("description")))
    if not per:
        sys.exit(f"mutation_score: {a.xml} lists no mutant")
    total = collections.Counter()
    print(f"{'package':28} {'mutants':>7} {'covered':>7} {'killed':>6} {'score':>6}")
    for pkg in sorted(per):
        c = per[pkg]
        total.update(c)
        covered = c["killed"] + c["survived"]
        print(f"{pkg:28} {c['generated']:7d} {covered:7d} {c['killed']:6d} {100 * c['killed'] / max(covered, 1):5.1f} %")
    covered = total["killed"] + total["survived"]
    score = 100 * total["killed"] / max(covered, 1)
    print(f"{'all':28} {total['generated']:7d} {covered:7d} {total['killed']:6d} {score:5.1f} %"
          f"   ({total['uncovered']} not covered by the mutation tests)")
    if a.survivors:
        for s in sorted(survivors):
            print("survived: %s:%d %s  %s: %s" % s)
    if a.min is not None and score < a.min:
        print(f"mutation_score: {score:.1f} % of covered mutants killed, below {a.min} %", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
