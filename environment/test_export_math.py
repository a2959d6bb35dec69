"""Checks that the equations of an exported notebook page are typeset with no internet.

Opens the HTML export in Debian's headless Chromium (the page loads MathJax from results/<profile>/
mathjax/, copied from the jupyter-server-mathjax package), lets it run, and reads the DOM. Exit 0
only if MathJax typeset the page (its output elements are there) and no TeX delimiter is left in
the visible text.

    .venv/bin/python environment/test_export_math.py results/smoke/03-proximal-operators.html
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def visible_text(dom: str) -> str:
    dom = re.sub(r"(?is)<script.*?</script>", " ", dom)
    dom = re.sub(r"(?is)<style.*?</style>", " ", dom)
    return re.sub(r"(?s)<[^>]+>", " ", dom)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    a = ap.parse_args()
    page = Path(a.page).resolve()
    if not page.is_file():
        sys.exit(f"test_export_math: error: no page {page}")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("test_export_math: error: no chromium on PATH (environment/setup --with browser installs Debian's)")
    with tempfile.TemporaryDirectory(prefix="slimkws-math-") as profile_dir:
        cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               f"--user-data-dir={profile_dir}", "--virtual-time-budget=20000", "--dump-dom", page.as_uri()]
        dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    typeset = len(re.findall(r'class="MathJax(_Display|_CHTML|_SVG)?"', dom))
    text = visible_text(dom)
    raw = [m for m in ("$$", "\\frac", "\\mathrm", "\\|") if m in text]
    ok = typeset > 0 and not raw
    print(f"test_export_math: {page.name}: {typeset} typeset formulas, raw TeX left in the text: {raw or 'none'} -> "
          f"{'PASS' if ok else 'FAIL'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
