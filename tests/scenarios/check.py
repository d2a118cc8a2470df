#!/usr/bin/env python3
"""Checks `reportgen score --format json` against tests/scenarios/*.expect.

    tests/scenarios/check.py check JSONL DIR       mismatches as a table; exit 1 on any
    tests/scenarios/check.py table JSONL DIR       every assertion: profile, key,
                                             expected, tool, why (Markdown)
    tests/scenarios/check.py doc DIR               docs/scenarios.md (profile,
                                             expected, why), no tool needed

An expectation file holds `key: value` lines (`#` starts a comment) and
one `why:` line.  Keys, and where each is read in the JSON object:

    recommendation      recommendation.id
    reason              recommendation.reason ("-" means null)
    seniority           seniority
    pay.ROLE            salary.change.ROLE.comparison (a null change, no
                        comparison made, reads as "not_comparable")
    source.DIM          level_source of dimension DIM
    level.DIM           effective level of dimension DIM
    mentions.DIM.WORD   times WORD appears (whole word, any case) in the
                        evidence line of DIM
    json.A.B.C          any value by path; numbers equal within 0.05,
                        "-" means null

A key the JSON lacks reads as "(absent)" and never matches.  stdlib only.
"""
import json
import os
import re
import sys

ABSENT = "(absent)"


def load_expect(path):
    keys, why = [], ""
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            k, sep, v = line.partition(":")
            if not sep:
                raise SystemExit("%s:%d: not 'key: value'" % (path, n))
            k, v = k.strip(), v.strip()
            if k == "why":
                why = v
            else:
                keys.append((k, v))
    if not why:
        raise SystemExit("%s: no why: line" % path)
    if not keys:
        raise SystemExit("%s: asserts nothing" % path)
    return keys, why


def path_get(o, parts):
    for p in parts:
        if isinstance(o, dict) and p in o:
            o = o[p]
        elif isinstance(o, list) and p.isdigit() and int(p) < len(o):
            o = o[int(p)]
        else:
            return ABSENT
    return o


def dim(o, d):
    for x in o.get("dimensions") or []:
        if isinstance(x, dict) and x.get("id") == d:
            return x
    return None


def show(v):
    if v is None:
        return "-"
    if v is ABSENT:
        return ABSENT
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return ("%.3f" % v).rstrip("0").rstrip(".")
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)[:60]
    return str(v)


def actual(o, key):
    """The tool's value for KEY in object O, as a string."""
    parts = key.split(".")
    if key == "recommendation":
        return show(path_get(o, ["recommendation", "id"]))
    if key == "reason":
        return show(path_get(o, ["recommendation", "reason"]))
    if key == "seniority":
        return show(o.get("seniority", ABSENT))
    if parts[0] == "pay" and len(parts) == 2:
        ch = path_get(o, ["salary", "change"])
        if ch is ABSENT:
            return ABSENT
        c = ch.get(parts[1], ABSENT) if isinstance(ch, dict) else None
        if c is None:
            return "not_comparable"
        return show(path_get(c, ["comparison"]))
    if parts[0] in ("source", "level") and len(parts) == 2:
        d = dim(o, parts[1])
        if d is None:
            return ABSENT
        return show(d.get("level_source" if parts[0] == "source" else
                          "effective", ABSENT))
    if parts[0] == "mentions" and len(parts) == 3:
        d = dim(o, parts[1])
        if d is None or not isinstance(d.get("evidence"), str):
            return ABSENT
        return str(len(re.findall(r"(?<![\w-])%s(?![\w-])" % re.escape(parts[2]),
                                  d["evidence"], re.I)))
    if parts[0] == "json" and len(parts) > 1:
        return show(path_get(o, parts[1:]))
    raise SystemExit("unknown expectation key %r" % key)


def same(want, got):
    if want == got:
        return True
    try:
        return abs(float(want) - float(got)) <= 0.05
    except ValueError:
        return False


def scenarios(d):
    ids = sorted(f[:-7] for f in os.listdir(d) if f.endswith(".expect"))
    xmls = sorted(f[:-4] for f in os.listdir(d) if f.endswith(".xml"))
    return ids, xmls


def load_jsonl(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            out[o.get("id")] = o
    return out


def rows_for(d, ids, objs):
    rows = []
    for i in ids:
        keys, why = load_expect(os.path.join(d, i + ".expect"))
        o = objs.get(i)
        for k, v in keys:
            got = "(no output)" if o is None else actual(o, k)
            rows.append((i, k, v, got, same(v, got), why))
    return rows


def cell(s):
    return s.replace("|", "\\|")


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    mode = sys.argv[1]
    d = sys.argv[-1]
    ids, xmls = scenarios(d)
    if mode == "doc":
        print("| profile | expected | why |")
        print("|---|---|---|")
        for i in ids:
            keys, why = load_expect(os.path.join(d, i + ".expect"))
            exp = "<br>".join("%s: %s" % kv for kv in keys)
            print("| %s | %s | %s |" % (i, cell(exp), cell(why)))
        return 0
    objs = load_jsonl(sys.argv[2])
    bad = 0
    for x in sorted(set(ids) ^ set(xmls)):
        print("FAIL: %s has no %s" % (x, ".expect" if x in xmls else ".xml"))
        bad += 1
    if len(ids) < 24:
        print("FAIL: %d scenarios, at least 24 wanted" % len(ids))
        bad += 1
    rows = rows_for(d, ids, objs)
    if mode == "table":
        print("| profile | key | expected | tool | why |")
        print("|---|---|---|---|---|")
        for i, k, v, got, ok, why in rows:
            print("| %s | %s | %s | %s%s | %s |" % (i, k, v, cell(got),
                  "" if ok else " **(differs)**", cell(why)))
        return 0
    miss = [r for r in rows if not r[4]]
    failed = []
    for i in ids:
        m = [r for r in miss if r[0] == i]
        if m:
            failed.append((i, ", ".join("%s=%s" % (r[1], r[2]) for r in m),
                           ", ".join("%s=%s" % (r[1], r[3]) for r in m),
                           m[0][5]))
    if failed:
        print("profile | expected | tool | why")
        for f in failed:
            print(" | ".join(f))
    print("scenarios: %d profiles, %d assertions, %d mismatches in %d "
          "profiles" % (len(ids), len(rows), len(miss), len(failed)))
    return 1 if miss or bad else 0


if __name__ == "__main__":
    sys.exit(main())
