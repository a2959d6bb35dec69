"""docs/results/<profile>.md is written from the run's tables, with its provenance, for documented profiles only."""
import datetime
import tempfile
import unittest
from pathlib import Path

import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).resolve().parent))
import docs_tables  # noqa: E402


class DocsTablesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.results = self.tmp / "results" / "mini"
        (self.results / "tables").mkdir(parents=True)
        (self.results / "tables" / "06-table2.md").write_text("| run | val % |\n|---|---|\n| stage2 | 77.1 |\n")
        (self.results / "tables" / "04-calibration.md").write_text("| run | k |\n|---|---|\n| original | 20 |\n")

    def test_a_documented_profile_gets_every_table_in_order_with_date_commit_and_cpu(self):
        when = datetime.datetime(2026, 12, 6, 5, 30, tzinfo=datetime.timezone.utc)
        out = docs_tables.write(self.results, self.tmp, "mini", {"docsTables": True}, "abc123def456", "Intel(R) Xeon(R), 2 cores", when)
        text = out.read_text()
        self.assertEqual(self.tmp / "docs" / "results" / "mini.md", out)
        self.assertIn("- run finished: 2026-12-06 05:30 UTC", text)
        self.assertIn("- commit: abc123def456", text)
        self.assertIn("- host CPU: Intel(R) Xeon(R), 2 cores", text)
        self.assertIn("| stage2 | 77.1 |", text)
        self.assertLess(text.index("## 04-calibration"), text.index("## 06-table2"))

    def test_the_study_beyond_the_paper_gets_its_own_page_with_its_tables_only(self):
        (self.results / "tables" / "10-beyond-finals.md").write_text("| penalty | val % |\n|---|---|\n| l1 | 75.0 |\n")
        out = docs_tables.write(self.results, self.tmp, "mini", {"docsTables": True}, "c0ffee", "cpu",
                                prefix="10-beyond", page="-beyond")
        self.assertEqual(self.tmp / "docs" / "results" / "mini-beyond.md", out)
        text = out.read_text()
        self.assertIn("| l1 | 75.0 |", text)
        self.assertNotIn("06-table2", text)
        self.assertIn("`10-beyond*`", text)

    def test_an_undocumented_profile_writes_nothing(self):
        self.assertIsNone(docs_tables.write(self.results, self.tmp, "smoke", {}, "c", "cpu"))
        self.assertFalse((self.tmp / "docs").exists())

    def test_no_tables_is_an_error_naming_the_folder(self):
        empty = self.tmp / "results" / "paper"
        (empty / "tables").mkdir(parents=True)
        with self.assertRaises(FileNotFoundError) as e:
            docs_tables.write(empty, self.tmp, "paper", {"docsTables": True}, "c", "cpu")
        self.assertIn(str(empty / "tables"), str(e.exception))


if __name__ == "__main__":
    unittest.main()
