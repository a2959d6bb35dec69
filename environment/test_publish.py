"""Unit tests of publish.py (run by ./run-tests): a notebook's outputs are published whole or not at all."""
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import publish  # noqa: E402


class PublishTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.results = Path(self.tmp.name) / "results"
        (self.results / "tables").mkdir(parents=True)
        (self.results / "tables" / "table1.csv").write_text("old 1\n")
        (self.results / "tables" / "08-speedup.csv").write_text("by notebook 08\n")

    def tearDown(self):
        self.tmp.cleanup()

    def run_notebook(self, label, writes):
        staging = publish.stage(self.results, label)
        # The notebook can read what earlier notebooks published.
        self.assertEqual("by notebook 08\n", (staging / "tables" / "08-speedup.csv").read_text())
        for rel, text in writes.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).write_text(text)
        return staging

    def test_a_successful_notebook_publishes_what_it_wrote_and_its_pages(self):
        staging = self.run_notebook("04", {"tables/table1.csv": "new 1\n", "tables/01-bad-files.csv": "bad\n"})
        changed, removed = publish.publish(self.results, "04", staging, {"04.ipynb": "{}", "04.html": "<html>"})
        self.assertEqual("new 1\n", (self.results / "tables" / "table1.csv").read_text())
        self.assertEqual("bad\n", (self.results / "tables" / "01-bad-files.csv").read_text())
        self.assertEqual("{}", (self.results / "04.ipynb").read_text())
        self.assertEqual("<html>", (self.results / "04.html").read_text())
        self.assertEqual([], removed)
        self.assertFalse(staging.exists())

    def test_a_table_a_later_run_no_longer_writes_is_removed_and_another_notebooks_is_kept(self):
        publish.publish(self.results, "01", self.run_notebook("01", {"tables/01-bad-files.csv": "bad\n", "tables/01-ok.csv": "ok\n"}), {})
        _, removed = publish.publish(self.results, "01", self.run_notebook("01", {"tables/01-ok.csv": "ok\n"}), {})
        self.assertEqual([Path("tables/01-bad-files.csv")], removed)
        self.assertFalse((self.results / "tables" / "01-bad-files.csv").exists())
        self.assertTrue((self.results / "tables" / "01-ok.csv").exists(), "rewritten unchanged: still this notebook's")
        self.assertTrue((self.results / "tables" / "08-speedup.csv").exists(), "another notebook's table is never removed")

    def test_a_shared_asset_found_in_place_is_not_removed(self):
        first = self.run_notebook("00", {"figures/plotly.min.js": "plotly\n", "figures/f.html": "<html>"})
        publish.publish(self.results, "00", first, {})
        # The next run finds plotly.min.js in place and does not write it again.
        again = self.run_notebook("00", {"figures/f.html": "<html>"})
        _, removed = publish.publish(self.results, "00", again, {})
        self.assertEqual([], removed)
        self.assertTrue((self.results / "figures" / "plotly.min.js").is_file())

    def test_a_failed_notebook_leaves_the_published_results_as_they_were(self):
        staging = self.run_notebook("04", {"tables/table1.csv": "half-written\n"})
        outputs = publish.discard(self.results, "04", staging)
        self.assertEqual("old 1\n", (self.results / "tables" / "table1.csv").read_text())
        self.assertEqual("half-written\n", (outputs / "tables" / "table1.csv").read_text())
        self.assertFalse(staging.exists())
        # failed/ holds what the notebook wrote, not the staged copies of the published results.
        written = sorted(p.relative_to(outputs).as_posix() for p in outputs.rglob("*") if p.is_file())
        self.assertEqual(["tables/table1.csv"], written)
        self.assertFalse((self.results / ".staging").exists(), "no empty .staging/ stays")


if __name__ == "__main__":
    unittest.main()
