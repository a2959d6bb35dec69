"""A first run with no data fetches the test set: from a local HTTP server on 127.0.0.1 serving an
archive this test builds, through an interrupted download that the next run resumes; --offline
never fetches.

    .venv/bin/python -m unittest environment/test_first_run.py
"""
import hashlib
import http.server
import io
import json
import os
import subprocess
import tarfile
import tempfile
import threading
import unittest
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wav_bytes() -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(os.urandom(32000))  # one second of noise: incompressible, so the archive is big enough to cut
    return buf.getvalue()


def archive(unsafe: bool = False) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for name in ("yes/0a7c2a8d_nohash_0.wav", "no/0a7c2a8d_nohash_0.wav", "_background_noise_/noise.wav"):
            data = wav_bytes()
            info = tarfile.TarInfo("./" + name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
        if unsafe:
            evil = tarfile.TarInfo("../escaped.txt")
            evil.size = 4
            t.addfile(evil, io.BytesIO(b"evil"))
    return buf.getvalue()


class Server(http.server.BaseHTTPRequestHandler):
    payload = b""
    cut_first = True
    ranges = []

    def do_GET(self):  # noqa: N802
        rng = self.headers.get("Range")
        Server.ranges.append(rng)
        start = int(rng.split("=")[1].split("-")[0]) if rng else 0
        body = Server.payload[start:]
        self.send_response(206 if rng else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if Server.cut_first:
            # The first answer stops halfway: the connection closes, as a dropped network would.
            Server.cut_first = False
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class FirstRunTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        Server.payload = archive()
        Server.cut_first = True
        Server.ranges = []
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Server)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        manifest = self.tmp / "archives.json"
        manifest.write_text(json.dumps([{
            "id": "test-v0.02", "url": f"http://127.0.0.1:{self.httpd.server_address[1]}/speech_commands_test_set_v0.02.tar.gz",
            "size": len(Server.payload), "sha256": hashlib.sha256(Server.payload).hexdigest(),
            "folder": "speech_commands_test_set_v0.02"}]))
        nowhere = self.tmp / "locations"
        nowhere.write_text("no/such/folder\n")
        self.env = dict(os.environ, SLIMKWS_ARCHIVES=str(manifest), SLIMKWS_DATA_DIR=str(self.tmp / "data"),
                        SLIMKWS_DATA_LOCATIONS=str(nowhere))
        self.env.pop("SLIMKWS_DATA", None)

    def tearDown(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def reproduce(self, *args):
        return subprocess.run([str(ROOT / "reproduce"), *args], env=self.env, capture_output=True, text=True, timeout=600)

    def test_an_interrupted_first_fetch_resumes_on_the_next_run(self):
        first = self.reproduce("fetch", "--profile", "mini")
        self.assertNotEqual(first.returncode, 0, first.stdout + first.stderr)
        self.assertIn("run again to resume", first.stderr)
        part = self.tmp / "data" / "speech_commands_test_set_v0.02.tar.gz.part"
        self.assertTrue(part.exists() and 0 < part.stat().st_size < len(Server.payload))
        kept = part.stat().st_size

        second = self.reproduce("fetch", "--profile", "mini")
        self.assertEqual(second.returncode, 0, second.stdout + second.stderr)
        self.assertEqual(Server.ranges[-1], f"bytes={kept}-", "the second run asks for the rest only")
        folder = self.tmp / "data" / "speech_commands_test_set_v0.02"
        self.assertIn(f"data: {folder}", second.stdout)
        self.assertTrue((folder / "yes" / "0a7c2a8d_nohash_0.wav").is_file())
        self.assertIn("%", second.stderr, "progress is shown")

    def test_an_unsafe_archive_is_reported_as_unsafe_not_as_a_network_failure(self):
        Server.payload = archive(unsafe=True)
        Server.cut_first = False
        manifest = Path(self.env["SLIMKWS_ARCHIVES"])
        entry = json.loads(manifest.read_text())[0]
        entry.update(size=len(Server.payload), sha256=hashlib.sha256(Server.payload).hexdigest())
        manifest.write_text(json.dumps([entry]))
        r = self.reproduce("fetch", "--profile", "mini")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("unsafe archive, refused", r.stderr)
        self.assertIn("../escaped.txt", r.stderr)
        self.assertNotIn("no network", r.stderr)
        self.assertNotIn("Exception", r.stderr, "one line, no stack trace")
        self.assertFalse((self.tmp / "escaped.txt").exists() or (self.tmp / "data" / "escaped.txt").exists())

    def test_offline_never_fetches(self):
        r = self.reproduce("fetch", "--profile", "mini", "--offline")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--offline", r.stderr)
        self.assertEqual(Server.ranges, [])


if __name__ == "__main__":
    unittest.main()
