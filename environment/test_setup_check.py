"""environment/setup finds a Debian package by what it provides: a command on PATH, `py:MODULE`
(imported by /usr/bin/python3) or an absolute path (a file that need not be a command). `setup --check` lists what the asked groups
still need and changes nothing, so each kind is checked here against a hand-made package list
whose missing entries are known: setup runs as a copy in a scratch folder, beside that list.

    .venv/bin/python -m unittest environment/test_setup_check.py
"""
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PACKAGES = """\
# group  provides  package
core    sh                                  pkg-core-present
grp     py:json                             pkg-module-present
grp     py:slimkws_no_such_module_4f2a      pkg-module-missing
grp     /etc/passwd                         pkg-path-present
grp     /slimkws/no/such/file               pkg-path-missing
grp     ls                                  pkg-command-present
grp     slimkws-no-such-command-4f2a        pkg-command-missing
grp     slimkws-no-such-command-4f2b        pkg-command-missing
other   slimkws-no-such-command-4f2c        pkg-other-group
"""


class SetupCheckTest(unittest.TestCase):
    def setUp(self):
        self.root = Path(tempfile.mkdtemp())
        env = self.root / "environment"
        env.mkdir()
        shutil.copy2(ROOT / "environment" / "setup", env / "setup")
        (env / "debian-packages.txt").write_text(PACKAGES)

    def tearDown(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def setup(self, *args):
        return subprocess.run([str(self.root / "environment" / "setup"), *args], capture_output=True,
                              text=True, timeout=60)

    def test_each_kind_of_entry_is_found_or_listed_missing_once(self):
        r = self.setup("--check", "--with", "grp")
        self.assertEqual(1, r.returncode, r.stderr)
        self.assertEqual(["pkg-module-missing", "pkg-path-missing", "pkg-command-missing"],
                         r.stdout.split(), r.stderr)
        self.assertIn("nothing was installed or built", r.stderr)
        self.assertEqual(["debian-packages.txt", "setup"], sorted(p.name for p in (self.root / "environment").iterdir()))
        self.assertFalse((self.root / ".venv").exists())

    def test_a_group_not_asked_for_is_not_checked(self):
        r = self.setup("--check")
        self.assertEqual(0, r.returncode, r.stderr)
        self.assertEqual("", r.stdout)
        self.assertIn("every Debian package of groups core is present", r.stderr)

    def test_an_unknown_group_is_named_with_the_groups_there_are(self):
        r = self.setup("--check", "--with", "nosuch")
        self.assertEqual(1, r.returncode)
        self.assertIn("--with nosuch: no such group", r.stderr)
        self.assertIn("core grp other", r.stderr)


if __name__ == "__main__":
    unittest.main()
