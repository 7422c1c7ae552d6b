"""Accuracy on the labelled dev corpus, measured by the shared scoring tool.

The tool (../shared/tools/score_corpus.py) runs ``briefcheck check --format json``
once per (kind, audience) group and prints precision, recall and F1 per category
(see ../shared/ANNOTATION.md). Skipped when ../shared is not beside the repository.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

TOOL = SHARED / "tools" / "score_corpus.py"
CORPUS = SHARED / "corpus" / "dev"
THRESHOLDS = {"jargon": 0.85, "blame": 0.85, "figures": 0.85, "timeline": 0.85, "structure": 0.85}
ROW = re.compile(r"^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$")

pytestmark = pytest.mark.skipif(
    not (TOOL.is_file() and CORPUS.is_dir()), reason="../shared corpus and tools not present"
)


@pytest.fixture(scope="module")
def f1_by_category() -> dict[str, float]:
    cmd = shlex.join([sys.executable, "-m", "briefcheck", "check", "--format", "json"])
    done = subprocess.run(
        [sys.executable, str(TOOL), str(CORPUS), "--cmd", cmd],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    rows = {}
    for line in done.stdout.splitlines():
        found = ROW.match(line)
        if found:
            rows[found.group(1)] = float(found.group(7))
    assert set(THRESHOLDS) <= set(rows), done.stdout
    return rows


@pytest.mark.parametrize("category", list(THRESHOLDS))
def test_dev_corpus_f1(f1_by_category, category):
    assert f1_by_category[category] >= THRESHOLDS[category], (
        f"{category} F1 {f1_by_category[category]:.3f} < {THRESHOLDS[category]}"
    )
