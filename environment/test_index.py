"""The results index says what the run is, counts the claims, links each to its notebook, lists the
deviations read from the profile, and credits Speech Commands only when the data is Speech Commands.

    .venv/bin/python -m unittest environment/test_index.py
"""
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_notebooks  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LEDGER = """claim,where,paper,ours,rule,verdict,notebook
Original network accuracy,Table 1,88.50 %,78.22 %,|ours - paper| <= 2,FAIL,04
GL sparsity,Table 1,0 %,0 %,|ours - paper| <= 5,PASS,04
RGSM prunes more than GL,Table 1,yes,yes,ours > GL,PASS,04
Stage II recovers,Table 2,+28,+1.6 +- 2.7,gain > 0,NOT RESOLVED,06
"""


class IndexTest(unittest.TestCase):
    def build(self, synthetic: bool) -> str:
        tmp = Path(tempfile.mkdtemp())
        results, data = tmp / "results", tmp / "speech_commands_test_set_v0.02"
        (results / "tables").mkdir(parents=True)
        (results / "figures").mkdir()
        data.mkdir()
        if synthetic:
            (data / "SYNTHETIC.md").write_text("made by data-scripts/synthesize")
        (results / "tables" / "09-claims.csv").write_text(LEDGER, encoding="utf-8")
        (results / "tables" / "table1.html").write_text("<table><caption>Table 1: after Stage I</caption></table>")
        (results / "figures" / "fig2-stage1-accuracy.html").write_text("<html><head><title>Fig. 2: accuracy</title></head></html>")
        (results / "figures" / "fig2-stage1-accuracy.png").write_bytes(b"\x89PNG")
        (results / "04-stage1-channel-pruning.ipynb").write_text(
            '{"cells": [{"id": "c02", "metadata": {}}, {"id": "c05", "metadata": {"slimkws": {"shows": ["Table 1"]}}}]}')
        (results / "04-stage1-channel-pruning.html").write_text("<html></html>")
        run_notebooks.write_index(results, "mini", ROOT, {"04-stage1-channel-pruning": 12.0}, str(data), 600.0)
        return (results / "index.html").read_text(encoding="utf-8")

    def test_counts_links_deviations_and_attribution(self):
        page = self.build(synthetic=False)
        self.assertIn("4 claims", page)
        self.assertIn("1 FAIL", page)
        self.assertIn("2 PASS", page)
        self.assertIn("1 NOT RESOLVED", page)
        # each row links the page of the notebook that shows it
        self.assertEqual(page.count("<a href='04-stage1-channel-pruning.html#cell-id=c05'>04-stage1-channel-pruning</a>"), 3, page)
        # the profile's schedule, from profiles.json, in the deviations
        self.assertIn("compressed 20-fold", page)
        self.assertIn("v0.02 test set (4,890 clips", page)
        self.assertIn("Speech Commands by Pete Warden", page)
        self.assertIn("<img src='figures/fig2-stage1-accuracy.png'", page)
        self.assertIn("Fig. 2: accuracy", page)
        self.assertIn("Table 1: after Stage I", page)
        self.assertIn("10.0 min", page)

    def test_the_study_beyond_the_paper_shows_its_answer_frontier_and_finals_when_it_ran(self):
        self.assertNotIn("Beyond the paper (notebook 10)", self.build(synthetic=False))
        tmp = Path(tempfile.mkdtemp())
        results = tmp / "results"
        (results / "tables").mkdir(parents=True)
        (results / "figures").mkdir()
        (results / "tables" / "10-beyond-answer.md").write_text(
            "**group l2 + l1 (|w| 0.001) reaches the target**: 59.4 % channel sparsity\n", encoding="utf-8")
        (results / "tables" / "10-beyond-finals.html").write_text(
            "<table><caption>After Stage III: each penalty's best</caption></table>", encoding="utf-8")
        (results / "figures" / "10-beyond-frontier.html").write_text("<html></html>")
        (results / "figures" / "10-beyond-frontier.png").write_bytes(b"\x89PNG")
        run_notebooks.write_index(results, "mini", ROOT, {}, "", 1.0)
        page = (results / "index.html").read_text(encoding="utf-8")
        self.assertIn("<h2>Beyond the paper (notebook 10)</h2>", page)
        # The answer's Markdown is rendered, not shown as source.
        self.assertIn("<strong>group l2 + l1 (|w| 0.001) reaches the target</strong>", page)
        self.assertIn("<img src='figures/10-beyond-frontier.png'", page)
        self.assertIn("<caption>After Stage III: each penalty's best</caption>", page)

    def test_a_synthetic_corpus_is_named_and_not_credited_to_speech_commands(self):
        page = self.build(synthetic=True)
        self.assertIn("synthetic corpus", page)
        self.assertNotIn("Pete Warden", page)


if __name__ == "__main__":
    unittest.main()
