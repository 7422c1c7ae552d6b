from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests too")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def lint():
    """Lint a Markdown string with default settings (or the given Config)."""
    from briefcheck.config import Config
    from briefcheck.engine import lint_text

    def run(text: str, config: Config | None = None, markup: str = "markdown"):
        return lint_text(text, config or Config(), markup=markup)

    return run
