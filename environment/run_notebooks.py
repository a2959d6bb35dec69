"""Executes slimkws notebooks headless with the `slimkws` kernel (called by ./reproduce).

For each notebook: execute it with nbclient, passing profile and data as environment variables
(papermill has no Java translator), stream the kernel's printed output to the console, then
write the executed notebook and its HTML export into results/<profile>/. A notebook that fails
is written to results/<profile>/failed/ instead, never over a complete result, and the run stops
with a message naming the notebook and the cell.
"""
import argparse
import fcntl
import functools
import json
import os
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import publish  # noqa: E402
import docs_tables  # noqa: E402
import provenance  # noqa: E402

# Seconds one cell may run; paper-profile training cells run for hours, so no limit there.
# From the profile's record in profiles.json (0 = no limit: long training cells).
PROFILES_JSON = Path(__file__).resolve().parent.parent / "lib/src/main/resources/io/slimkws/env/profiles.json"
CELL_TIMEOUT = {p["id"]: (p.get("cellTimeoutSeconds") or None) for p in json.loads(PROFILES_JSON.read_text())["profiles"]}


class ConsoleClient(NotebookClient):
    """Prints what cells write to stdout/stderr (progress bars, logs) as it arrives."""

    def __init__(self, nb, label, **kw):
        super().__init__(nb, **kw)
        self.label = label
        self.pending = {}

    def output(self, outs, msg, display_id, cell_index):
        if msg["msg_type"] == "stream":
            # Streams arrive in pieces: print whole lines; a carriage return (progress bar) ends one too.
            text = self.pending.pop(cell_index, "") + msg["content"].get("text", "")
            parts = text.replace("\r", "\n").split("\n")
            self.pending[cell_index] = parts.pop()
            for line in parts:
                if line.strip():
                    print(f"  [{self.label} cell {cell_index}] {line}", flush=True)
        return super().output(outs, msg, display_id, cell_index)

    def flush_pending(self):
        for cell_index, rest in self.pending.items():
            if rest.strip():
                print(f"  [{self.label} cell {cell_index}] {rest}", flush=True)
        self.pending.clear()


def write_atomically(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# HTML exports load MathJax from their own folder (a copy of jupyter-server-mathjax's MathJax 2.7).
MATHJAX_URL = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"


def html_export(nb) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.mathjax_url = MATHJAX_URL
    body, _ = exporter.from_notebook_node(nb)
    return body


def copy_mathjax(results: Path):
    """results/<profile>/mathjax/: MathJax's static files, copied once per version."""
    import jupyter_server_mathjax

    src = Path(jupyter_server_mathjax.__file__).parent / "static"
    dest = results / "mathjax"
    stamp = dest / ".slimkws-version"
    from importlib.metadata import version as dist_version

    version = dist_version("jupyter-server-mathjax")
    if stamp.exists() and stamp.read_text() == version:
        return
    tmp = results / "mathjax.part"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(src, tmp)
    (tmp / ".slimkws-version").write_text(version)
    shutil.rmtree(dest, ignore_errors=True)
    tmp.replace(dest)


def first_error(nb):
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return i, f"{out.get('ename')}: {out.get('evalue')}"
    return None, None


def execution_failure(error, timeout: float):
    """What went wrong in a notebook's execution, or None when nothing was raised.

    Any exception fails the notebook, whatever its outputs hold: a kernel can report an execution
    error without an error output (a JJava compile error, a cell interrupted), and that notebook
    must never be published as a success.
    """
    if error is None:
        return None
    if isinstance(error, CellTimeoutError):
        return f"a cell ran past the {timeout} s limit: {str(error).splitlines()[0] if str(error) else 'timeout'}"
    if isinstance(error, DeadKernelError):
        return f"the kernel died: {error}"
    if isinstance(error, CellExecutionError):
        ename = getattr(error, "ename", None) or "error"
        evalue = getattr(error, "evalue", None) or (str(error).strip().splitlines() or ["(no message)"])[-1]
        return f"{ename}: {evalue}"
    return f"{type(error).__name__}: {error}"


def figure_pngs(results: Path):
    """A PNG beside every standalone figure page, where Debian's Chromium is installed (headless)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    figures = results / "figures"
    if not chromium or not figures.is_dir():
        return
    import subprocess
    import tempfile

    for png in figures.glob("*.png"):
        if not png.with_suffix(".html").exists() and not png.with_suffix(".svg").exists():
            png.unlink()  # its figure is no longer made
    made = 0
    with tempfile.TemporaryDirectory(prefix="slimkws-png-") as profile_dir:
        for page in sorted(figures.glob("*.html")):
            png = page.with_suffix(".png")
            if png.exists() and png.stat().st_mtime >= page.stat().st_mtime:
                continue
            tmp = png.with_name(png.name + ".part.png")
            cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile_dir}", "--hide-scrollbars", "--window-size=1100,650",
                   "--virtual-time-budget=8000", f"--screenshot={tmp}", page.resolve().as_uri()]
            try:
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, check=True)
                tmp.replace(png)
                made += 1
            except Exception as e:
                print(f"reproduce: no PNG for {page.name}: {e}", file=sys.stderr)
    if made:
        print(f"reproduce: {made} figure PNG(s) written with headless Chromium", flush=True)


VERDICT_COLOUR = {"PASS": "#1a7f37", "FAIL": "#cf222e", "NOT RESOLVED": "#9a6700"}


@functools.lru_cache(maxsize=1)
def cpu_model() -> str:
    """The host's CPU as the library reports it (io.slimkws.cli.HostCpu: the one reader of /proc/cpuinfo)."""
    import subprocess
    root = Path(__file__).resolve().parent.parent
    try:
        out = subprocess.run([str(root / "environment" / "run-java"), "io.slimkws.cli.HostCpu"],
                             capture_output=True, text=True, timeout=300)
        lines = [l for l in out.stdout.splitlines() if l.strip()]
        if out.returncode == 0 and lines:
            return lines[-1].strip()
        return f"unknown CPU (io.slimkws.cli.HostCpu exited {out.returncode}: {out.stderr.strip()[-200:]})"
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unknown CPU ({e})"


def git_commit(root: Path) -> str:
    import subprocess
    try:
        return subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10).stdout.strip() or "unknown"
    except Exception:
        return "unknown"


def profile_record(root: Path, profile: str) -> dict:
    import json
    doc = json.loads((root / "lib/src/main/resources/io/slimkws/env/profiles.json").read_text(encoding="utf-8"))
    return next((p for p in doc["profiles"] if p["id"] == profile), {})


def schedule_lines(rec: dict) -> list:
    """How each stage's schedule departs from the paper's, read from the profile's record."""
    out = []
    for stage, node in rec.get("stages", {}).items():
        if "paperCompressedBy" in node:
            k = node["paperCompressedBy"]
            line = (f"Stage {stage}: the paper's schedule, plain SGD" if k == 1 else
                    f"Stage {stage}: the paper's plain-SGD schedule compressed {k:g}-fold (steps ÷ {k:g}, learning rates and ρ × {k:g})")
            if node.get("clipNorm"):
                line += f", gradients clipped to norm {node['clipNorm']:g}"
            if node.get("warmupSteps"):
                line += f", learning-rate warm-up over {node['warmupSteps']} steps"
        else:
            line = (f"Stage {stage}: {node.get('optimizer', 'sgd')}, {node.get('steps')} steps of batch {node.get('batch')}, "
                    f"lr {node.get('lr')} (not the paper's schedule)")
        out.append(line)
    return out


def data_description(data: str) -> tuple:
    """(what the data is, attribution or '')."""
    if not data:
        return "none", ""
    d = Path(data)
    if (d / "SYNTHETIC.md").exists():
        return f"the synthetic corpus of data-scripts/synthesize in {d.name} (speech synthesis, not real recordings)", ""
    return (f"Speech Commands ({d.name})",
            "Speech Commands by Pete Warden (arXiv:1804.03209), CC BY 4.0.")


def ledger_html(csv_path: Path, results: Path) -> tuple:
    """(summary line with coloured counts, the ledger as an HTML table with rows linked to their notebook)."""
    import csv
    import html
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    counts = {v: sum(1 for r in rows if r.get("verdict") == v) for v in VERDICT_COLOUR}
    badges = " ".join(f"<span class='badge' style='background:{c}'>{counts[v]} {v}</span>" for v, c in VERDICT_COLOUR.items())
    summary = f"<p class='counts'>{len(rows)} claims: {badges}</p>"
    cols = [c for c in (rows[0].keys() if rows else []) if c not in ("verdict", "notebook")]
    t = ["<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in cols) + "<th>verdict</th><th>shown in</th></tr>"]
    for r in rows:
        nb = (r.get("notebook") or "").strip()
        page = next(iter(sorted(results.glob(f"{nb}-*.html"))), None) if nb else None
        cell = shown_in(results, page.stem, r.get("where", "")) if page else None
        anchor = f"#cell-id={cell}" if cell else ""
        link = f"<a href='{page.name}{anchor}'>{html.escape(page.stem)}</a>" if page else html.escape(nb)
        v = r.get("verdict", "")
        t.append("<tr>" + "".join(f"<td>{html.escape(r[c])}</td>" for c in cols)
                 + f"<td style='color:{VERDICT_COLOUR.get(v, '#000')};font-weight:bold'>{html.escape(v)}</td><td>{link}</td></tr>")
    t.append("</table>")
    return summary, "\n".join(t)


def shown_in(results: Path, stem: str, where: str):
    """The id of the cell of notebook `stem` that shows `where` (e.g. "Table 1, Fig. 2"): the first
    cell whose metadata slimkws.shows names one of its parts, in the order the claim names them."""
    import json
    nb_file = results / f"{stem}.ipynb"
    if not nb_file.exists():
        return None
    try:
        cells = json.loads(nb_file.read_text(encoding="utf-8")).get("cells", [])
    except ValueError:
        return None
    for part in [p.strip() for p in where.split(",")]:
        for c in cells:
            if part in c.get("metadata", {}).get("slimkws", {}).get("shows", []):
                return c.get("id")
    return None


def page_title(f: Path) -> str:
    import re
    if f.suffix == ".html":
        m = re.search(r"<title>(.*?)</title>|<caption>(.*?)</caption>", f.read_text(encoding="utf-8", errors="replace")[:20000], re.S)
        if m:
            return (m.group(1) or m.group(2)).strip()
    return f.stem


def beyond_html(results: Path) -> list:
    """The study beyond the paper (notebook 10), when it ran: its answer, frontier and finals table."""
    import html

    answer = results / "tables" / "10-beyond-answer.md"
    if not answer.exists():
        return []
    try:
        import mistune
        answer_html = mistune.html(answer.read_text(encoding="utf-8"))
    except ImportError:
        answer_html = f"<pre>{html.escape(answer.read_text(encoding='utf-8'))}</pre>"
    parts = ["<h2>Beyond the paper (notebook 10)</h2>", answer_html]
    fig = results / "figures" / "10-beyond-frontier.html"
    if fig.exists():
        png = fig.with_suffix(".png")
        img = f"<img src='figures/{png.name}' alt='frontier' style='max-width:800px;border:1px solid #ccc'>" if png.exists() else "the frontier"
        parts.append(f"<p><a href='figures/{fig.name}'>{img}</a></p>")
    for stem in ("10-beyond-finals", "10-beyond-against-group-lasso"):
        t = results / "tables" / f"{stem}.html"
        if t.exists():
            parts.append(t.read_text(encoding="utf-8"))
    parts.append("<p>The whole study, with the sweep and its reading: "
                 "<a href='10-beyond-group-lasso.html'>10-beyond-group-lasso.html</a>.</p>")
    return parts


def write_index(results: Path, profile: str, root: Path, timings: dict, data: str = "", total: float = 0.0):
    """results/<profile>/index.html: what the run is, the claims at a glance, the deviations, figures and tables."""
    import html
    import subprocess

    commit = git_commit(root)
    rec = profile_record(root, profile)
    what, attribution = data_description(data)
    seeds = os.environ.get("SLIMKWS_SEEDS", "1")
    seeds_for = os.environ.get("SLIMKWS_SEEDS_FOR", "").strip()
    e = html.escape
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>slimkws results: {e(profile)}</title>",
        "<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;font-size:14px;vertical-align:top}"
        "th{background:#f0f0f0}dt{font-weight:bold;float:left;width:11em}dd{margin-left:12em;margin-bottom:4px}"
        ".badge{color:white;padding:3px 10px;border-radius:10px;font-weight:bold;margin-right:6px}"
        ".thumbs{display:flex;flex-wrap:wrap;gap:14px}.thumbs figure{margin:0;width:270px}"
        ".thumbs img{width:270px;border:1px solid #ccc}.thumbs figcaption{font-size:13px}</style></head><body>",
        "<h1>slimkws: Lyu &amp; Sheen (2019) rebuilt from raw audio</h1>",
        "<h2>What this run is</h2><dl>",
        f"<dt>profile</dt><dd><b>{e(profile)}</b>: {e(rec.get('summary', ''))}</dd>",
        f"<dt>data</dt><dd>{e(what)}" + (f"; {e(data)}" if data else "") + "</dd>",
        f"<dt>seeds</dt><dd>{e(seeds)} per training run"
        + (f" of {e(seeds_for.replace(',', ', '))} (with the runs they start from); 1 for the others" if seeds_for and seeds != "1" else "")
        + "</dd>",
        f"<dt>host CPU</dt><dd>{e(cpu_model())}</dd>",
        f"<dt>written</dt><dd>{time.strftime('%Y-%m-%d %H:%M:%S %Z')}, "
        f"{total / 60:.1f} min for the notebooks of this invocation (runs finished earlier are loaded, not retrained)</dd>",
        f"<dt>commit</dt><dd>{e(commit)}</dd></dl>",
    ]
    if attribution:
        parts.append(f"<p>{e(attribution)}</p>")
    claims = results / "tables" / "09-claims.csv"
    parts.append("<h2>Claims of the paper, checked</h2>")
    if claims.exists():
        summary, table = ledger_html(claims, results)
        parts += [summary, table]
    else:
        parts.append("<p>Not produced yet: run <code>./reproduce 09-claims</code>.</p>")
    parts += beyond_html(results)
    parts.append("<h2>Where this run departs from the paper</h2><ul>")
    for d in rec.get("deviations", []) + schedule_lines(rec):
        parts.append(f"<li>{e(d)}</li>")
    parts.append("</ul>")
    figs = results / "figures"
    parts.append("<h2>Figures</h2><div class='thumbs'>")
    if figs.is_dir():
        for f in sorted(figs.glob("*.html")) + sorted(figs.glob("*.svg")):
            thumb = f.with_suffix(".png") if f.suffix == ".html" else f
            img = f"<img src='figures/{thumb.name}' alt='{e(f.stem)}'>" if thumb.exists() else ""
            parts.append(f"<figure><a href='figures/{f.name}'>{img}</a><figcaption>{e(page_title(f))}</figcaption></figure>")
    parts.append("</div>")
    parts.append("<h2>Tables</h2><ul>")
    tabs = results / "tables"
    for f in sorted(tabs.glob("*.html")) if tabs.is_dir() else []:
        parts.append(f"<li><a href='tables/{f.name}'>{e(page_title(f))}</a> "
                     f"(<a href='tables/{f.stem}.csv'>csv</a>, <a href='tables/{f.stem}.md'>md</a>)</li>")
    parts.append("</ul>")
    models = results / "models"
    if models.is_dir() and any(models.glob("*.skws")):
        parts.append("<h2>Slim models</h2><ul>")
        for f in sorted(models.glob("*.skws")):
            parts.append(f"<li><a href='models/{f.name}'>{e(f.name)}</a> ({f.stat().st_size:,} bytes; "
                         f"<code>environment/run-java io.slimkws.cli.ClassifyMain {e(str(f))} WAV_OR_FOLDER...</code>)</li>")
        parts.append("</ul>")
    records = provenance.load(results)
    parts.append("<h2>Notebooks</h2><p>Each notebook with what it was computed from.</p><table><tr><th>notebook</th>"
                 "<th>executed</th><th>HTML</th><th>wall time, last run</th><th>data</th><th>seeds</th><th>commit</th></tr>")
    for nb in sorted(results.glob("[0-9][0-9]-*.ipynb")):
        stem = nb.stem
        wall = f"{timings[stem]:.1f} s" if stem in timings else ""
        r = records.get(stem, {})
        d = r.get("data", {})
        data_cell = f"{e(d.get('path', ''))} ({e(str(d.get('fingerprint', '')))})" if r else "not recorded"
        rc = r.get("commit", "")
        commit_cell = e(rc) if not rc or rc == commit else f"<b>{e(rc)}: another commit than this page's {e(commit)}</b>"
        parts.append(f"<tr><td>{e(stem)}</td><td><a href='{nb.name}'>{nb.name}</a></td>"
                     f"<td><a href='{stem}.html'>{stem}.html</a></td><td>{wall}</td><td>{data_cell}</td>"
                     f"<td>{e(str(r.get('seeds', '')))}</td><td>{commit_cell}</td></tr>")
    parts.append("</table></body></html>")
    write_atomically(results / "index.html", "\n".join(parts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--profile", required=True)
    ap.add_argument("--data", default="")
    ap.add_argument("--results", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--all", action="store_true", help="the notebooks are those of ./reproduce all")
    ap.add_argument("notebooks", nargs="+")
    a = ap.parse_args()

    root = Path(a.root)
    results = Path(a.results)
    results.mkdir(parents=True, exist_ok=True)

    lock_path = results / ".lock"
    lock = open(lock_path, "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.seek(0)
        holder = lock.read().strip() or "another process"
        sys.exit(f"reproduce: error: {results} is in use by another ./reproduce ({holder}); "
                 f"wait for it to finish or use another --profile")
    lock.seek(0)
    lock.truncate()
    lock.write(f"pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')}")
    lock.flush()

    # One results folder is one consistent run: refuse before anything executes when a published
    # notebook this run does not re-run was computed on other data.
    data_id = provenance.data_identity(a.data)
    clash = provenance.conflict(provenance.load(results), [Path(p).stem for p in a.notebooks], data_id)
    if clash:
        print(f"reproduce: error: {clash}", file=sys.stderr, flush=True)
        sys.exit(2)
    commit = git_commit(root)

    os.environ.update({
        "SLIMKWS_PROFILE": a.profile,
        "SLIMKWS_DATA": a.data,
        "SLIMKWS_HOME": str(root),
        "SLIMKWS_RESULTS": str(results),
        "SLIMKWS_RESULTS_PUBLISHED": str(results),
    })
    # HTML exports load plotly.js from their own folder: no CDN is reachable offline.
    plotly_js = os.environ.get("SLIMKWS_PLOTLYJS")
    if plotly_js:
        shutil.copyfile(plotly_js, results / "plotly.min.js")
    copy_mathjax(results)

    timings = []
    total0 = time.time()
    for path in map(Path, a.notebooks):
        label = path.stem
        print(f"reproduce: {label} (profile {a.profile}) ...", flush=True)
        nb = nbformat.read(path, as_version=4)
        # The notebook writes into a staging copy; its outputs are published whole when it succeeds.
        staging = publish.stage(results, label)
        os.environ["SLIMKWS_RESULTS"] = str(staging)
        client = ConsoleClient(
            nb, label,
            kernel_name="slimkws",
            timeout=CELL_TIMEOUT[a.profile],
            startup_timeout=180,
            resources={"metadata": {"path": str(path.parent.resolve())}},
        )
        t0 = time.time()
        error = None
        try:
            client.execute()
        except Exception as e:  # a cell's error, a timeout, a dead kernel, a kernel that could not start
            error = e
        wall = time.time() - t0
        client.flush_pending()
        cell, err = first_error(nb)
        failure = execution_failure(error, CELL_TIMEOUT[a.profile])
        if failure is not None or cell is not None:
            failed = results / "failed" / path.name
            write_atomically(failed, nbformat.writes(nb))
            outputs = publish.discard(results, label, staging)
            where = f"cell {cell}" if cell is not None else "while executing"
            print(f"reproduce: FAILED {path.name}, {where}: {err or failure}\n"
                  f"reproduce: the executed notebook is in {failed}, the tables and figures it wrote in {outputs}; "
                  f"complete results in {results} are untouched",
                  file=sys.stderr, flush=True)
            sys.exit(1)
        changed, removed = publish.publish(results, label, staging,
                                           {path.name: nbformat.writes(nb), label + ".html": html_export(nb)})
        provenance.record(results, label, {
            "data": data_id, "profile": a.profile, "commit": commit,
            "seeds": os.environ.get("SLIMKWS_SEEDS", "1"), "seeds_for": os.environ.get("SLIMKWS_SEEDS_FOR", ""),
            "time": time.strftime("%Y-%m-%d %H:%M:%S %Z")})
        for rel in removed:
            print(f"reproduce: removed {rel} (written by an earlier run of {label}, not by this one)", flush=True)
        stale = results / "failed" / path.name
        if stale.exists():
            stale.unlink()
        if (results / "failed").is_dir() and not any((results / "failed").iterdir()):
            (results / "failed").rmdir()
        timings.append((label, wall))
        print(f"reproduce: {label} done in {wall:.1f} s -> {results / path.name}", flush=True)

    total = time.time() - total0
    lines = ["notebook,wall_seconds"] + [f"{n},{w:.1f}" for n, w in timings]
    write_atomically(results / "timings-last-run.csv", "\n".join(lines) + "\n")
    figure_pngs(results)
    write_index(results, a.profile, root, dict(timings), a.data, total)
    complete = a.all  # every notebook of ./reproduce all ran and none failed (a failure exits above)
    if complete and results.resolve() == (root / "results" / a.profile).resolve():
        # A complete run into the profile's own folder: its tables become docs/results/<profile>.md
        # (documented profiles only; a run into SLIMKWS_RESULTS, e.g. on other data, does not).
        page = docs_tables.write(results, root, a.profile, profile_record(root, a.profile), git_commit(root), cpu_model())
        if page:
            print(f"reproduce: the tables of this run -> {page}", flush=True)
    if "10-beyond-group-lasso" in dict(timings) and results.resolve() == (root / "results" / a.profile).resolve():
        # The study beyond the paper runs on its own (not part of all): its tables get their own page.
        page = docs_tables.write(results, root, a.profile, profile_record(root, a.profile), git_commit(root),
                                 cpu_model(), prefix="10-beyond", page="-beyond")
        if page:
            print(f"reproduce: the tables of the study beyond the paper -> {page}", flush=True)
    print("reproduce: wall time per notebook")
    for n, w in timings:
        print(f"  {n:<28} {w:8.1f} s")
    print(f"  {'total':<28} {total:8.1f} s")


if __name__ == "__main__":
    main()
