#!/usr/bin/env python3
"""Turns OUT/state.db back into the manifest.json (format 2) an older
reportgen wrote, without levels and plan, and removes the state: the
input of the "older directory is imported once" tests (t_state,
t_progress).  --index-digests keeps index.pdf's digests too.

usage: state_to_manifest.py OUT [--index-digests]
"""
import json
import os
import sqlite3
import sys

out = sys.argv[1]
db = sqlite3.connect(os.path.join(out, "state.db"))
db.row_factory = sqlite3.Row
prof = []
for r in db.execute("SELECT * FROM entry ORDER BY path"):
    e = {k: r[k] for k in r.keys() if r[k] is not None and
         k not in ("levels", "plan", "outcome")}
    prof.append(e)
meta = dict(db.execute("SELECT key, value FROM meta"))
db.close()
for f in ("state.db", "state.db-wal", "state.db-shm"):
    if os.path.exists(os.path.join(out, f)):
        os.unlink(os.path.join(out, f))
m = {"format": 2, "profiles": prof}
if "--index-digests" in sys.argv[2:]:
    for k in ("index_sha256", "index_output_sha256"):
        if meta.get(k):
            m[k] = meta[k]
json.dump(m, open(os.path.join(out, "manifest.json"), "w"))
