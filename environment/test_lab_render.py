"""Checks that an executed notebook's figures render in JupyterLab with no internet.

Starts JupyterLab on localhost, opens the notebook in Debian's headless Chromium (driven over
the DevTools protocol with tornado, which the venv already has), waits until plotly has drawn
its SVG into the page, and keeps a screenshot. Exit 0 only if every figure of the notebook has
an <svg class="main-svg"> in the page.

    .venv/bin/python environment/test_lab_render.py results/smoke/00-environment.ipynb
"""
import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_http(url, seconds):
    t0 = time.time()
    while time.time() - t0 < seconds:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read()
        except Exception:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


async def drive(ws_url, page_url, expected, shot, seconds):
    ws = await websocket_connect(ws_url, max_message_size=256 * 1024 * 1024)
    seq = 0

    async def call(method, **params):
        nonlocal seq
        seq += 1
        my = seq
        ws.write_message(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(await ws.read_message())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    await call("Page.enable")
    await call("Emulation.setDeviceMetricsOverride", width=1400, height=2400, deviceScaleFactor=1, mobile=False)
    await call("Page.navigate", url=page_url)
    js = "document.querySelectorAll('.js-plotly-plot svg.main-svg').length"
    found, t0 = 0, time.time()
    while time.time() - t0 < seconds:
        r = await call("Runtime.evaluate", expression=js, returnByValue=True)
        found = r.get("result", {}).get("value", 0) or 0
        # plotly draws two main-svg layers per figure
        if found >= 2 * expected:
            break
        await _sleep(1.0)
    # Scroll the first figure into view for the screenshot.
    await call("Runtime.evaluate", expression="(document.querySelector('.js-plotly-plot')||document.body).scrollIntoView()")
    await _sleep(1.0)
    img = await call("Page.captureScreenshot", format="png")
    Path(shot).write_bytes(base64.b64decode(img["data"]))
    ws.close()
    return found


async def _sleep(s):
    import asyncio
    await asyncio.sleep(s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    ap.add_argument("--screenshot", default=None)
    ap.add_argument("--timeout", type=float, default=120)
    a = ap.parse_args()

    root = Path(a.root).resolve()
    nb_path = Path(a.notebook).resolve()
    if not nb_path.is_file():
        sys.exit(f"test_lab_render: error: {nb_path} does not exist (run ./reproduce first)")
    nb = json.loads(nb_path.read_text())
    expected = sum(1 for c in nb["cells"] for o in c.get("outputs", [])
                   if "application/vnd.plotly.v1+json" in o.get("data", {}))
    if expected == 0:
        sys.exit(f"test_lab_render: error: {nb_path} has no plotly figure output")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("test_lab_render: error: no chromium on PATH (environment/setup --with browser installs Debian's)")
    shot = Path(a.screenshot or nb_path.with_name(nb_path.stem + "-jupyterlab.png"))

    tmp = Path(tempfile.mkdtemp(prefix="slimkws-lab-"))
    lab_port, cdp_port = free_port(), free_port()
    venv_bin = Path(sys.executable).parent
    lab = subprocess.Popen(
        [str(venv_bin / "jupyter"), "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
         f"--port={lab_port}", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={root}",
         f"--LabApp.workspaces_dir={tmp / 'ws'}", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=open(tmp / "lab.log", "w"), stderr=subprocess.STDOUT)
    chrome = None
    try:
        wait_http(f"http://127.0.0.1:{lab_port}/api", 60)
        chrome = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp / 'chrome'}", f"--remote-debugging-port={cdp_port}", "about:blank"],
            stdout=open(tmp / "chrome.log", "w"), stderr=subprocess.STDOUT)
        targets = json.loads(wait_http(f"http://127.0.0.1:{cdp_port}/json", 30))
        ws_url = next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")
        rel = nb_path.relative_to(root).as_posix()
        page_url = f"http://127.0.0.1:{lab_port}/lab/tree/{rel}"
        found = IOLoop.current().run_sync(lambda: drive(ws_url, page_url, expected, shot, a.timeout),
                                          timeout=a.timeout + 60)
    finally:
        for p in (chrome, lab):
            if p is not None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
    ok = found >= 2 * expected
    print(f"test_lab_render: {nb_path.name}: {found} plotly SVG layers for {expected} figure(s) in JupyterLab "
          f"-> {'PASS' if ok else 'FAIL'}; screenshot {shot}")
    if not ok:
        print(f"test_lab_render: logs in {tmp}", file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
