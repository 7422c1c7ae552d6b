"""figures: impact stated in vague size words where the reader needs a number."""

from __future__ import annotations

import re

from briefcheck.checks.registry import condition
from briefcheck.context import Match

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|dozen"
)
# A figure: a count, a share, an amount of money, a duration. Clock times and
# dates are not figures of impact, so they are blanked out before this runs.
FIGURE = re.compile(
    rf"(?ix)"
    rf"\d"
    rf"|\b(?:{_NUMBER_WORDS})\b"
    rf"|\b(?:half|a\s+third|a\s+quarter|two\s+thirds|three\s+quarters)\s+(?:of|the)\b"
    rf"|\b(?:a|one)\s+in\s+(?:{_NUMBER_WORDS}|\d+)\b"
)
_NOT_FIGURES = re.compile(
    r"(?ix)\b\d{1,2}[:.]\d{2}(?:\s*(?:utc|gmt|am|pm))?\b"  # clock times
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b"
    r"|\b(?:19|20)\d{2}\b"  # years
    r"|\b(?:one|some|any|no|every)\s*(?:one|body|thing)\b|\bone\s+of\b"  # not counts
)


def has_figure(text: str) -> bool:
    return FIGURE.search(_NOT_FIGURES.sub(" ", text)) is not None


@condition("figure-in-sentence")
def figure_in_sentence(match: Match) -> bool:
    """The same sentence gives a figure, outside the vague phrase itself."""
    sent = match.sent
    text = sent.text
    rel_start = match.span.start_char - sent.start_char
    rel_end = match.span.end_char - sent.start_char
    return has_figure(text[:rel_start] + " " + text[rel_end:])
