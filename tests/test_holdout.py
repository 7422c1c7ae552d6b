"""Accuracy on the hold-out corpus: briefs written by people who never saw the rules.

See tests/corpus/holdout/ABOUT.md. The floors sit a little under today's
scores (jargon 0.936, blame 0.961, figures 0.961, timeline 0.981, structure
0.970), so a change that costs a category a few findings fails here.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_scoring import CATEGORIES, Tally, score

HOLDOUT = Path(__file__).parent / "corpus" / "holdout"
FLOORS = {"jargon": 0.925, "blame": 0.945, "figures": 0.945, "timeline": 0.97, "structure": 0.96}
SHARED_TOOL = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_corpus.py"
ROW = re.compile(r"^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s")


@pytest.fixture(scope="module")
def tally() -> Tally:
    return score(HOLDOUT)


def test_the_corpus_is_there_and_labelled():
    documents = sorted(HOLDOUT.glob("*.expect.json"))
    assert len(documents) >= 1348
    assert all(doc.with_name(doc.name.replace(".expect.json", ".md")).exists() for doc in documents)


@pytest.mark.parametrize("category", CATEGORIES)
def test_holdout_f1_stays_above_its_floor(tally, category):
    f1 = tally.f1(category)
    assert f1 >= FLOORS[category], (
        f"{category}: F1 {f1:.3f} < {FLOORS[category]} "
        f"({tally.hits[category]} hits, {tally.false_alarms[category]} false alarms, "
        f"{tally.misses[category]} misses)"
    )


@pytest.mark.skipif(not SHARED_TOOL.is_file(), reason="../shared/tools not present")
def test_scoring_agrees_with_the_shared_tool(tally):
    cmd = shlex.join([sys.executable, "-m", "briefcheck", "check", "--format", "json"])
    done = subprocess.run(
        [sys.executable, str(SHARED_TOOL), str(HOLDOUT), "--cmd", cmd],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    theirs = {
        found.group(1): tuple(int(found.group(k)) for k in (2, 3, 4))
        for found in map(ROW.match, done.stdout.splitlines())
        if found
    }
    ours = {c: (tally.hits[c], tally.false_alarms[c], tally.misses[c]) for c in CATEGORIES}
    assert ours == {c: theirs[c] for c in CATEGORIES}
