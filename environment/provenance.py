"""What each published notebook of a results folder was computed from (used by run_notebooks.py).

results/<profile>/provenance.json maps every published notebook to the data it read (its folder and
a fingerprint of its audio: every WAV's path and size), the profile, the seeds and the commit. A run
whose data differs from that of a published notebook it does not re-run is refused before anything
executes, so that one results page never mixes two datasets; the index shows each notebook's record
and flags one computed at another commit.
"""
import hashlib
import json
import os
from pathlib import Path

FILE = "provenance.json"


def data_identity(data: str) -> dict:
    """The data folder and a fingerprint of its audio (relative path and size of every WAV, sorted)."""
    if not data:
        return {"path": "", "fingerprint": "none"}
    root = Path(data).resolve()
    h = hashlib.sha256()
    n = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for f in sorted(filenames):
            if f.lower().endswith(".wav"):
                p = Path(dirpath) / f
                h.update(f"{p.relative_to(root)}\0{p.stat().st_size}\n".encode())
                n += 1
    return {"path": str(root), "fingerprint": h.hexdigest()[:16], "clips": n}


def load(results: Path) -> dict:
    f = results / FILE
    try:
        return json.loads(f.read_text(encoding="utf-8")) if f.exists() else {}
    except (OSError, json.JSONDecodeError):
        return {}


def conflict(records: dict, running: list, data: dict):
    """One line naming both datasets when a published notebook that this run does not re-run was
    computed on other data; None when the folder stays one consistent run."""
    others = {label: r for label, r in records.items()
              if label not in running and r.get("data", {}).get("fingerprint") != data["fingerprint"]}
    if not others:
        return None
    label, r = sorted(others.items())[0]
    theirs = r.get("data", {})
    return (f"the published notebooks {', '.join(sorted(others))} were computed on {theirs.get('path') or 'no data'} "
            f"(fingerprint {theirs.get('fingerprint')}), this run's data is {data['path'] or 'none'} "
            f"(fingerprint {data['fingerprint']}); one results folder holds one dataset: run every notebook on this "
            f"data (./reproduce all --data {data['path'] or 'PATH'}) or give this run its own folder "
            f"(SLIMKWS_RESULTS=results/other-data ./reproduce ...)")


def record(results: Path, label: str, entry: dict):
    """Adds or replaces one notebook's record, atomically."""
    records = load(results)
    records[label] = entry
    tmp = results / (FILE + ".tmp")
    tmp.write_text(json.dumps(records, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(results / FILE)
