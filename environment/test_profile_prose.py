"""Prose that states a profile's optimiser, steps, learning rate or k agrees with profiles.json.

Every sentence of the notebooks' Markdown and of README.md that names a profile (`mini`, `quick`, ...,
or "the default profile") is read for the schedule facts it states: "k = N", "N steps", "learning
rate X" (and "then X"), "Adam", "plain SGD". Each must hold for at least one profile the sentence
names, as profiles.json declares it (a compressed schedule: the paper's steps and late steps / k,
its learning rates x k). A notebook that says the default trains with Adam, or a k the profile no
longer uses, fails here with the file and the sentence.
"""
import json
import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAPER = {"I": (18000, 3000), "original": (18000, 3000), "II": (6000, 1000), "III": (6000, 1000)}
PAPER_LR = (0.001, 0.0001)


def facts(profile: dict) -> dict:
    """The k values, step counts, learning rates and optimisers a profile's schedules use."""
    ks, steps, lrs, opts = set(), set(), set(), set()
    for key, node in profile.get("stages", {}).items():
        stage = key if key in PAPER else "I" if key.startswith(("rgsm", "gl", "gsbc")) else "II"
        if "paperCompressedBy" in node:
            k = node["paperCompressedBy"]
            ks.add(k)
            total, late = PAPER[stage]
            steps |= {round(total / k), round(late / k), round((total - late) / k)}
            lrs |= {round(lr * k, 10) for lr in PAPER_LR}
            opts.add("sgd")
        else:
            steps |= {node.get("steps"), node.get("lateSteps"), node.get("steps", 0) - node.get("lateSteps", 0)}
            lrs |= {node.get("lr"), node.get("lrLate")}
            opts.add(node.get("optimizer", "sgd"))
    if profile["id"] == "paper":
        steps |= {18000, 6000, 3000, 1000, 15000, 5000}
        lrs |= set(PAPER_LR)
        opts.add("sgd")
    return {"k": ks, "steps": steps, "lr": lrs, "opt": opts}


def number(s: str) -> float:
    return float(s.replace(",", ""))


def violations(text: str, profiles: dict, default: str, where: str) -> list:
    out = []
    plain = re.sub(r"\$", "", text)
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z(`*])|\n\s*\n", plain):
        named = set(re.findall(r"`(" + "|".join(map(re.escape, profiles)) + r")`", sentence))
        if re.search(r"\bdefault profile\b|\(the default\)", sentence):
            named.add(default)
        if not named:
            continue
        f = {key: set().union(*(facts(profiles[p])[key] for p in named)) for key in ("k", "steps", "lr", "opt")}
        said = " ".join(sentence.split())
        for m in re.finditer(r"\bk\s*=\s*(\d+)", sentence):
            if int(m.group(1)) not in f["k"] and not re.search(r"calibrat|at k = \d+ (?:loses|diverges)|other k", sentence):
                out.append(f"{where}: k = {m.group(1)} is not a k of {sorted(named)} ({sorted(f['k'])}): {said}")
        for m in re.finditer(r"(\d[\d,]*) steps", sentence):
            if number(m.group(1)) not in f["steps"]:
                out.append(f"{where}: {m.group(1)} steps is not a step count of {sorted(named)}: {said}")
        for m in re.finditer(r"learning rates? (?:of )?(\d*\.\d+)(?:,? then (\d*\.\d+))?", sentence):
            for lr in filter(None, m.groups()):
                if round(float(lr), 10) not in f["lr"]:
                    out.append(f"{where}: learning rate {lr} is not one of {sorted(named)} ({sorted(f['lr'])}): {said}")
        if re.search(r"\bAdam\b", sentence) and "adam" not in f["opt"]:
            out.append(f"{where}: Adam, but {sorted(named)} train with {sorted(f['opt'])}: {said}")
        if re.search(r"plain SGD", sentence) and "sgd" not in f["opt"]:
            out.append(f"{where}: plain SGD, but {sorted(named)} train with {sorted(f['opt'])}: {said}")
    return out


def load_profiles():
    doc = json.loads((ROOT / "lib/src/main/resources/io/slimkws/env/profiles.json").read_text(encoding="utf-8"))
    return {p["id"]: p for p in doc["profiles"]}, doc["default"]


class ProfileProseTest(unittest.TestCase):
    def test_every_notebook_and_the_readme_state_the_profiles_as_profiles_json_declares_them(self):
        profiles, default = load_profiles()
        found = []
        for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
            cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
            for i, c in enumerate(cells):
                if c["cell_type"] == "markdown":
                    found += violations("".join(c["source"]), profiles, default, f"{nb.name} cell {i}")
        found += violations((ROOT / "README.md").read_text(encoding="utf-8"), profiles, default, "README.md")
        self.assertEqual([], found)

    def test_wrong_prose_is_caught(self):
        profiles, default = load_profiles()
        self.assertTrue(violations("Under `mini` the network trains with Adam.", profiles, default, "x"))
        self.assertTrue(violations("The default profile runs at k = 13 for Stage I.", profiles, default, "x"))
        self.assertTrue(violations("Under `mini` each Stage-I run takes 1,800 steps.", profiles, default, "x"))
        self.assertTrue(violations("Under `paper`: learning rate 0.01, then 0.0001.", profiles, default, "x"))
        k = sorted(facts(profiles["mini"])["k"])[0]
        self.assertEqual([], violations(f"Under `mini` the paper's schedule is compressed at k = {k} with plain SGD.",
                                        profiles, default, "x"))
        self.assertEqual([], violations("Under `quick` (Adam, not the paper's optimiser) the term enters first.",
                                        profiles, default, "x"))


if __name__ == "__main__":
    unittest.main()
