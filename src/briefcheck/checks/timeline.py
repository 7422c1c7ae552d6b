"""timeline: vague times where the reader needs a time, a date or a duration."""

from __future__ import annotations

import re

from briefcheck.checks.common import words
from briefcheck.checks.registry import condition
from briefcheck.context import Match

_NUM_WORD = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|forty-five|sixty|ninety|half an?|a couple of|\d+(?:[.,]\d+)?)"
)
_UNIT = r"(?:min(?:ute)?s?|hours?|hrs?|h|days?|business days?|working days?|weeks?|months?)"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# What makes a sentence commit to a concrete time. Each alternative is a time a
# reader can put in a calendar: a clock time, a date, a weekday, a duration.
CONCRETE_TIME = re.compile(
    r"(?ix)"
    r"\b\d{1,2}[:.]\d{2}\b"  # 16:00, 4.30
    r"|\b\d{1,2}\s?(?:am|pm)\b"
    r"|\b(?:noon|midday|midnight)\b"
    r"|\b(?:half|quarter)\s+(?:past|to)\s+\w+"
    r"|\b\w+\s+o'clock\b"
    rf"|\b{_NUM_WORD}(?:\s*(?:-|–|to)\s*\d+)?\s*{_UNIT}\b"
    rf"|\b\d+{_UNIT}\b"  # 24h, 30min
    rf"|\b{_WEEKDAY}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|\b(?:end|close) of (?:the )?(?:business |working )?(?:day|week|month)\b"
    r"|\b(?:eod|cob|eow)\b"
    r"|\b(?:today|tonight|tomorrow)\b"
    r"|\bq[1-4]\b"
)

_PROMISE = words("will 'll wo shall going aim aiming expect expecting plan planning hope intend")


def has_concrete_time(text: str) -> bool:
    return CONCRETE_TIME.search(text) is not None


@condition("concrete-time-in-sentence")
def concrete_time_in_sentence(match: Match) -> bool:
    sent = match.sent
    outside = (
        sent.text[: match.span.start_char - sent.start_char]
        + " "
        + sent.text[match.span.end_char - sent.start_char :]
    )
    return has_concrete_time(outside)


@condition("promise-in-sentence")
def promise_in_sentence(match: Match) -> bool:
    """The sentence speaks of the future: 'we will', 'we'll', 'expect to'."""
    return any(tok.lower_ in _PROMISE for tok in match.sent)
