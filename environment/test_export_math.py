"""Checks exported notebook pages in Debian's headless Chromium, with no internet: the equations are
typeset and no page shows a rendering error.

Each page is opened (it loads MathJax from results/<profile>/mathjax/ and plotly.js from its own
folder), left to run, and its DOM and console are read. A page fails on a MathJax error ("Math
Processing Error", a TeX error box), on TeX left untypeset in its visible text, or on a script error
in its console (e.g. a plotly figure that could not draw). Pages given with --expect-math must also
hold typeset formulas.

    .venv/bin/python environment/test_export_math.py --expect-math results/smoke/03-proximal-operators.html \\
        results/smoke/*.html
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MATH_ERRORS = ("Math Processing Error", "Math input error", 'class="merror"', "TeX parse error", "Undefined control sequence")


def visible_text(dom: str) -> str:
    dom = re.sub(r"(?is)<script.*?</script>", " ", dom)
    dom = re.sub(r"(?is)<style.*?</style>", " ", dom)
    return re.sub(r"(?s)<[^>]+>", " ", dom)


def console_errors(stderr: str) -> list:
    """Script errors Chromium logged from the page's console (--enable-logging=stderr)."""
    out = []
    for line in stderr.splitlines():
        if "CONSOLE" in line and re.search(r"Uncaught|Error|error", line):
            out.append(line.split("CONSOLE", 1)[1].strip()[:200])
    return out


def problems(dom: str, stderr: str, expect_math: bool) -> list:
    text = visible_text(dom)
    found = [f"MathJax error: {m}" for m in MATH_ERRORS if m in dom]
    raw = [m for m in ("$$", "\\frac", "\\mathrm", "\\|") if m in text]
    if raw:
        found.append(f"raw TeX left in the text: {raw}")
    typeset = len(re.findall(r'class="MathJax(_Display|_CHTML|_SVG)?"', dom))
    if expect_math and typeset == 0:
        found.append("no typeset formula")
    found += [f"console: {c}" for c in console_errors(stderr)]
    return found


def render(chromium: str, page: Path):
    with tempfile.TemporaryDirectory(prefix="slimkws-math-") as profile_dir:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile_dir}", "--virtual-time-budget=20000",
               "--dump-dom", page.as_uri()]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    return r.stdout, r.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--expect-math", action="append", default=[], help="a page that must hold typeset formulas")
    ap.add_argument("pages", nargs="*")
    a = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("test_export_math: error: no chromium on PATH (environment/setup --with browser installs Debian's)")
    expect = {Path(p).resolve() for p in a.expect_math}
    pages = sorted({Path(p).resolve() for p in a.pages} | expect)
    failed = 0
    for page in pages:
        if not page.is_file():
            sys.exit(f"test_export_math: error: no page {page}")
        dom, stderr = render(chromium, page)
        found = problems(dom, stderr, page in expect)
        typeset = len(re.findall(r'class="MathJax(_Display|_CHTML|_SVG)?"', dom))
        print(f"test_export_math: {page.name}: {typeset} typeset formulas; "
              f"{'PASS' if not found else 'FAIL: ' + '; '.join(found)}")
        failed += bool(found)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
