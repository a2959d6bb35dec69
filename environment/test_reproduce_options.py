"""./reproduce's bad options stop before any notebook runs, with an error naming the option and
the valid values: an unknown --seeds-for run (checked by the library's PaperRun, where the run
names live), --seeds 0 or a non-number, an unknown profile, and a --data folder that is not Speech Commands.

    .venv/bin/python -m unittest environment/test_reproduce_options.py
"""
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ReproduceOptionsTest(unittest.TestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp()  # an empty folder: every case must stop before the corpus is read
        self.results = ROOT / "results" / "smoke"
        self.before = sorted(p.name for p in self.results.iterdir()) if self.results.is_dir() else []

    def reproduce(self, *args):
        r = subprocess.run([str(ROOT / "reproduce"), *args, "--data", self.data], capture_output=True, text=True,
                           timeout=900, env=dict(os.environ))
        after = sorted(p.name for p in self.results.iterdir()) if self.results.is_dir() else []
        self.assertEqual([n for n in self.before if n != ".lock"], [n for n in after if n != ".lock"],
                         "a refused run wrote nothing into results/smoke")
        return r

    def test_an_unknown_seeds_for_run_names_itself_and_the_valid_runs(self):
        r = self.reproduce("all", "--profile", "smoke", "--seeds", "2", "--seeds-for", "original,chain0.5")
        self.assertEqual(2, r.returncode, r.stderr)
        self.assertIn("--seeds-for", r.stderr)
        self.assertIn("'chain0.5'", r.stderr)
        for valid in ("original", "rgsm0.05", "stage3-0.04", "chain0.04", "chain0.05"):
            self.assertIn(valid, r.stderr)

    def test_a_data_folder_that_is_not_speech_commands_stops_before_any_notebook(self):
        r = self.reproduce("01-data", "--profile", "smoke")
        self.assertEqual(2, r.returncode, r.stderr)
        self.assertIn("is not Speech Commands", r.stderr)
        self.assertIn(str(Path(self.data).resolve()), r.stderr)
        self.assertNotIn("Exception", r.stderr)
        self.assertFalse((self.results / "failed").exists() and "01-data.ipynb" in os.listdir(self.results / "failed"))

    def test_a_notebook_of_other_data_is_refused_before_it_runs_naming_both_datasets(self):
        # A published notebook of another dataset, as a run on OTHER data would have recorded it.
        import json
        other = Path(tempfile.mkdtemp())
        (other / "yes").mkdir()
        (other / "yes" / "a_nohash_0.wav").write_bytes(b"RIFF")
        self.results.mkdir(parents=True, exist_ok=True)
        record = self.results / "provenance.json"
        saved = record.read_text() if record.exists() else None
        record.write_text(json.dumps({"04-stage1-channel-pruning": {
            "data": {"path": "/elsewhere/speech_commands", "fingerprint": "0123456789abcdef"}, "commit": "x"}}))
        try:
            r = subprocess.run([str(ROOT / "reproduce"), "01-data", "--profile", "smoke", "--data", str(other)],
                               capture_output=True, text=True, timeout=900, env=dict(os.environ))
        finally:
            if saved is None:
                record.unlink()
            else:
                record.write_text(saved)
        self.assertEqual(2, r.returncode, r.stderr)
        line = [l for l in r.stderr.splitlines() if l.startswith("reproduce: error:")]
        self.assertEqual(1, len(line), r.stderr)
        self.assertIn("/elsewhere/speech_commands", line[0])
        self.assertIn(str(other.resolve()), line[0])
        self.assertIn("04-stage1-channel-pruning", line[0])
        self.assertNotIn("01-data (profile smoke) ...", r.stdout, "refused before the notebook ran")

    def test_seeds_for_without_a_second_seed_is_a_usage_error(self):
        r = self.reproduce("all", "--profile", "smoke", "--seeds-for", "original")
        self.assertEqual(2, r.returncode, r.stderr)
        self.assertIn("--seeds N with N of at least 2", r.stderr)

    def test_seeds_must_be_a_whole_number_of_at_least_one(self):
        for bad in ("0", "-1", "two"):
            r = self.reproduce("all", "--profile", "smoke", "--seeds", bad)
            self.assertEqual(2, r.returncode, r.stderr)
            self.assertIn("--seeds must be a whole number of at least 1", r.stderr)
            self.assertIn(f"'{bad}'", r.stderr)

    def test_an_unknown_profile_lists_the_valid_ones(self):
        r = self.reproduce("all", "--profile", "mimi")
        self.assertEqual(2, r.returncode, r.stderr)
        self.assertIn("unknown profile 'mimi'", r.stderr)
        for valid in ("smoke", "quick", "mini", "paper"):
            self.assertIn(valid, r.stderr)


if __name__ == "__main__":
    unittest.main()
