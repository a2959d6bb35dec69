"""One results folder is one consistent run: a notebook of other data is refused, the index says what each notebook came from."""
import tempfile
import unittest
from pathlib import Path

import sys
from pathlib import Path as _Path

sys.path.insert(0, str(_Path(__file__).resolve().parent))
import provenance  # noqa: E402


class ProvenanceTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def corpus(self, name, sizes):
        root = self.tmp / name
        (root / "yes").mkdir(parents=True)
        for i, n in enumerate(sizes):
            (root / "yes" / f"c{i}.wav").write_bytes(b"x" * n)
        return str(root)

    def test_the_fingerprint_follows_the_audio_not_the_folder_name(self):
        a = provenance.data_identity(self.corpus("a", [10, 20]))
        b = provenance.data_identity(self.corpus("b", [10, 20]))
        c = provenance.data_identity(self.corpus("c", [10, 21]))
        self.assertEqual(a["fingerprint"], b["fingerprint"])
        self.assertNotEqual(a["fingerprint"], c["fingerprint"])
        self.assertEqual(2, a["clips"])

    def test_a_notebook_of_other_data_is_refused_naming_both_datasets(self):
        results = self.tmp / "results"
        results.mkdir()
        real = provenance.data_identity(self.corpus("real", [10, 20]))
        other = provenance.data_identity(self.corpus("other", [5]))
        for label in ("01-data", "04-stage1-channel-pruning"):
            provenance.record(results, label, {"data": real, "commit": "abc"})
        line = provenance.conflict(provenance.load(results), ["01-data"], other)
        self.assertIsNotNone(line)
        self.assertIn(real["path"], line)
        self.assertIn(other["path"], line)
        self.assertIn("04-stage1-channel-pruning", line)
        self.assertIn("./reproduce all --data", line)
        # Re-running every published notebook on the other data, or the same data, is one consistent run.
        self.assertIsNone(provenance.conflict(provenance.load(results), ["01-data", "04-stage1-channel-pruning"], other))
        self.assertIsNone(provenance.conflict(provenance.load(results), ["01-data"], real))


if __name__ == "__main__":
    unittest.main()
