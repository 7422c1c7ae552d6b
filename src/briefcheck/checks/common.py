"""Small helpers the category modules share: sentence text, word sets, case folding."""

from __future__ import annotations

from functools import lru_cache

from briefcheck.context import Match


def sentence_text(match: Match) -> str:
    return match.sent.text


# Case-ignoring regexes pair "İ" and "ı" with "i" and "ſ" with "s"; lower() does
# not ("İ" even becomes two characters), so these are folded first.
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def fold_case(text: str) -> str:
    """``text`` lowercased so that a regex without IGNORECASE matches it as the
    case-ignoring regex matches ``text`` (for the characters our patterns tell
    apart; tests/folding.py checks each module's patterns). Three times as fast."""
    return text.translate(_FOLD).lower()


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
