"""History lives in git and in dated docs that cite commits: no tracked text file labels it with a
working-stop number, a label no reader can map to a date or a commit."""
import re
import subprocess
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Split so that this file does not match itself.
LABEL = re.compile(r"\bst" r"ops?\s+[0-9]+|\bthis st" r"op\b", re.IGNORECASE)
TEXT = {".md", ".java", ".py", ".ipynb", ".json", ".xml", ".txt", ".cff", ".sh", ".jsh", ".properties", ".csv", ""}


class HistoryLabelsTest(unittest.TestCase):
    def test_no_tracked_text_file_says_stop_and_a_number(self):
        try:
            files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
        except (OSError, subprocess.CalledProcessError) as e:
            self.skipTest(f"not a git checkout ({e})")
        bad = []
        for rel in files:
            p = ROOT / rel
            if p.suffix not in TEXT or not p.is_file():
                continue
            try:
                text = p.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            for n, line in enumerate(text.splitlines(), 1):
                if LABEL.search(line):
                    bad.append(f"{rel}:{n}: {line.strip()[:100]}")
        self.assertEqual([], bad, "history labelled by stop number (cite a date and a commit instead):\n" + "\n".join(bad))


if __name__ == "__main__":
    unittest.main()
