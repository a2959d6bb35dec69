"""Publishing one notebook's outputs whole (used by run_notebooks.py).

A notebook runs against a staging copy of results/<profile>/ (its tables and figures, so that it can
read what earlier notebooks wrote). Only when it succeeds are the files it wrote moved into the
results, together with its executed notebook and HTML export; files it wrote on an earlier run and
no longer writes are removed (a manifest per notebook remembers them). A notebook that fails leaves
the published results exactly as they were.
"""
import filecmp
import os
import shutil
from pathlib import Path

OUTPUT_DIRS = ("tables", "figures", "models")


SHARED_ASSETS = {"plotly.min.js"}


def stage(results: Path, label: str) -> Path:
    """A fresh staging folder for notebook `label`, holding copies of the published tables and figures."""
    staging = results / ".staging" / label
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for d in OUTPUT_DIRS:
        if (results / d).is_dir():
            shutil.copytree(results / d, staging / d)
        else:
            (staging / d).mkdir()
    # The copies get the epoch as their time: whatever has a later one afterwards, the notebook wrote.
    for d in OUTPUT_DIRS:
        for f in (staging / d).rglob("*"):
            if f.is_file():
                os.utime(f, (0, 0))
    return staging


def written(results: Path, staging: Path):
    """Files under staging's output folders that are new or differ from the published ones (relative paths)."""
    out = []
    for d in OUTPUT_DIRS:
        for f in sorted((staging / d).rglob("*")):
            if not f.is_file():
                continue
            rel = f.relative_to(staging)
            pub = results / rel
            if not pub.is_file() or not filecmp.cmp(f, pub, shallow=False):
                out.append(rel)
    return out


def produced(staging: Path):
    """Files the notebook wrote during its run, changed or not (the staged copies are dated at the epoch)."""
    out = []
    for d in OUTPUT_DIRS:
        for f in sorted((staging / d).rglob("*")):
            if f.is_file() and f.stat().st_mtime > 0:
                out.append(f.relative_to(staging))
    return out


def manifest_path(results: Path, label: str) -> Path:
    return results / ".manifest" / f"{label}.txt"


def publish(results: Path, label: str, staging: Path, pages: dict):
    """Moves what notebook `label` wrote into the results; removes what it wrote before and no longer does.

    pages: file name -> text (the executed notebook and its HTML), written last, side by side.
    Returns (published, removed) lists of relative paths.
    """
    now = set(produced(staging))
    changed = [rel for rel in written(results, staging) if rel in now]
    for rel in changed:
        dest = results / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, dest)
    mf = manifest_path(results, label)
    before = set(Path(line) for line in mf.read_text().splitlines() if line) if mf.exists() else set()
    # A shared asset (plotly.min.js, read by every figure page) is never removed: a notebook that
    # finds it already in place does not write it again, yet the other pages still need it.
    removed = sorted(rel for rel in before - now if (results / rel).is_file() and rel.name not in SHARED_ASSETS)
    for rel in removed:
        (results / rel).unlink()
    mf.parent.mkdir(parents=True, exist_ok=True)
    tmp = mf.with_name(mf.name + ".part")
    tmp.write_text("".join(f"{rel.as_posix()}\n" for rel in sorted(now)))
    os.replace(tmp, mf)
    # The notebook and its HTML: both written beside each other first, then renamed in.
    parts = []
    for name, text in pages.items():
        p = results / (name + ".part")
        p.write_text(text, encoding="utf-8")
        parts.append((p, results / name))
    for p, dest in parts:
        os.replace(p, dest)
    shutil.rmtree(staging, ignore_errors=True)
    tidy(results)
    return changed, removed


def discard(results: Path, label: str, staging: Path) -> Path:
    """A failed notebook's outputs go to results/failed/<label>-outputs/, never into the results:
    only the files it wrote (not the staged copies of everything published), and no staging is left."""
    dest = results / "failed" / f"{label}-outputs"
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True, exist_ok=True)
    for rel in produced(staging):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging / rel), str(dest / rel))
    shutil.rmtree(staging, ignore_errors=True)
    tidy(results)
    return dest


def tidy(results: Path):
    """Removes results/.staging when no notebook's staging is left in it."""
    root = results / ".staging"
    if root.is_dir() and not any(root.iterdir()):
        root.rmdir()
