"""docs/results/<profile>.md: the tables of a complete run, written by ./reproduce, never by hand.

After every notebook of a profile has run, the Markdown tables it wrote to results/<profile>/tables/
are copied into one page under docs/, headed with the date, the commit and the CPU model of the run
that made them. Only profiles whose record in profiles.json says "docsTables": true are written (the
smoke profile's numbers mean nothing, and CI runs it).
"""
import datetime
from pathlib import Path


def write(results: Path, root: Path, profile: str, record: dict, commit: str, cpu: str, now=None,
          prefix: str = "", page: str = ""):
    """Writes docs/results/<profile><page>.md from results/tables/<prefix>*.md (every table by default;
    the study beyond the paper: prefix "10-beyond", page "-beyond"); returns its path, or None when the
    profile has no such page."""
    if not record.get("docsTables", False):
        return None
    tables = sorted((results / "tables").glob(f"{prefix}*.md"))
    if not tables:
        raise FileNotFoundError(f"{results / 'tables'} holds no Markdown tables: nothing to write to docs/results/{profile}.md")
    when = (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f"# The tables of profile `{profile}`, as its last complete run printed them" if not prefix else
        f"# The tables `{prefix}*` of profile `{profile}`, as their last run printed them",
        "",
        "Written by `./reproduce` from `results/" + profile + "/tables/`; do not edit by hand (the next",
        "run that makes them replaces this page). The results page of the run is `results/" + profile + "/index.html`.",
        "",
        f"- run finished: {when}",
        f"- commit: {commit}",
        f"- host CPU: {cpu}",
        "",
    ]
    for t in tables:
        parts += [f"## {t.stem}", "", t.read_text(encoding="utf-8").rstrip(), ""]
    out = root / "docs" / "results" / f"{profile}{page}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".md.tmp")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(out)
    return out
