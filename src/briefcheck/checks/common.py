"""Small helpers the category modules share: sentence text and word sets."""

from __future__ import annotations

from functools import lru_cache

from briefcheck.context import Match


def sentence_text(match: Match) -> str:
    return match.sent.text


@lru_cache(maxsize=256)
def words(spec: str) -> frozenset[str]:
    """A frozenset from a space-separated word list, lowercased."""
    return frozenset(spec.lower().split())


def tokens_before(match: Match, count: int):
    sent = match.sent
    start = max(sent.start, match.span.start - count)
    return match.doc[start : match.span.start]


def tokens_after(match: Match, count: int):
    sent = match.sent
    end = min(sent.end, match.span.end + count)
    return match.doc[match.span.end : end]
