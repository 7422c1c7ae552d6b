"""Skeleton documents for ``briefcheck new``: the seven parts, each with a hint.

Hints are Markdown comments, so they are never linted; the ``[bracketed]`` slots
are, as structure/placeholder findings, until the writer fills them in.
"""

from __future__ import annotations

from importlib import resources

KINDS = ("brief", "status")


def skeleton(kind: str = "brief") -> str:
    if kind not in KINDS:
        raise ValueError(f"no skeleton for kind {kind!r} (one of {', '.join(KINDS)})")
    return (resources.files(__package__) / f"{kind}.md").read_text(encoding="utf-8")
