"""timeline: vague times where the reader needs a time, a date or a duration.

A vague time is fine when the same sentence commits to a concrete time ("next
update at 16:00 UTC, or sooner if anything changes"). A duration counts as a
commitment only when it is used as one ("within 4 hours", "in the next 2
hours", "every 30 minutes"); "data more than an hour old" or "email up to 2
hours late" describe the incident and promise nothing. A vague word in past
narrative ("the alert fired soon after the release") promises nothing either.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.strings import get_string_id

from briefcheck.checks.common import fold_case, words
from briefcheck.checks.registry import condition
from briefcheck.context import Match

if TYPE_CHECKING:
    from briefcheck.document import Block

_NUM_WORD = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|forty-five|sixty|ninety|half an?|a couple of|"
    r"\d+(?:[.,]\d+)?)"
)
_CLOCK_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?:min(?:ute)?s?|hours?|hrs?|h|days?|business days?|working days?|weeks?|months?)"
# Full day names, and the short forms that are not also words ("sat", "sun", "wed")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|thu(?:rs?)?|fri)"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_SPELLED_DURATION = rf"{_NUM_WORD}(?:\s*(?:-|–|to)\s*\d+)?\s*{_UNIT}\b"  # "2 hours", "two days"
_DIGIT_DURATION = rf"\d+{_UNIT}\b"  # "2h", "30min"
_DURATION = rf"{_SPELLED_DURATION}|{_DIGIT_DURATION}"
# "six o'clock": any word before it. Tried at every word of every sentence, this
# one alternative was a fifth of the regexes' time, so it is looked for apart.
_OCLOCK = r"\w+\s+o['’]clock\b"
# Points in time a reader can put in a calendar: a clock time, a date, a day.
# Each starts at a word boundary, tested once for all of them: Python's re
# would otherwise test it again for each alternative, twice the time.
_POINTS = (
    r"\d{1,2}:\d{2}\b",  # 16:00
    # 4.30 is a time only beside a time word: "version 8.15" is not
    r"(?:at|by|until|before|from)\s+\d{1,2}\.\d{2}\b",
    r"\d{1,2}\.\d{2}\s?(?:am|pm|a\.m\.|p\.m\.|utc|gmt)\b",
    r"\d{1,2}\s?(?:am|pm)\b",
    rf"{_CLOCK_WORD}(?:[\s-](?:fifteen|thirty|forty-five))?\s*(?:am|pm|a\.m\.|p\.m\.|o'clock|o’clock)",
    r"(?:noon|midday|midnight)\b",
    r"(?:half|quarter)\s+(?:past|to)\s+\w+",
    _OCLOCK,
    # "Tuesday's change" names an event; "by Friday's board meeting" is a time; so
    # is "by the Friday deadline", but "the Sunday alert rota" is a rota
    rf"(?<!the\s){_WEEKDAY}\b(?!['’]s\b)",
    rf"(?:by|on|until|before|after)\s+the\s+{_WEEKDAY}\b",
    rf"(?:by|before|until|at|for|after)\s+{_WEEKDAY}['’]s\b",
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\b",
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    r"\d{4}-\d{2}-\d{2}\b",
    r"(?!24/7\b)\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    r"(?:end|close) of (?:the )?(?:business |working )?(?:day|week|month)\b",
    r"(?:eod|cob|eob|eow)\b",
    r"(?:today|tonight|tomorrow)\b",
    r"(?:by|before|until|at)\s+(?:early\s+|late\s+|mid-?)?(?:morning|afternoon|evening|lunchtime|lunch)\b",
    r"this\s+(?:afternoon|evening)\b",
    r"within\s+the\s+(?:hour|day)\b",
    r"(?:every|each)\s+(?:other\s+)?(?:hour|half[\s-]hour|day|morning|evening)\b",
    r"(?:hourly|daily|weekly)\b",
    r"q[1-4]\b",
    r"(?:next|this)\s+(?:week|month|quarter|year)\b",
    r"end\s+of\s+(?:the\s+)?(?:quarter|year)\b",
    rf"(?:in|by|before|until|during)\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+)?{_MONTH}\b",
)
_POINT = rf"\b(?:{'|'.join(_POINTS)})"
# What makes a sentence carry a concrete time: a point in time or a duration.
# (Patterns for lowercased text, compiled once below: compiling each of these
# long alternations costs ~10 ms of start-up.)
CONCRETE_TIME = rf"\b(?:{'|'.join(_POINTS)}|{_SPELLED_DURATION})|{_DIGIT_DURATION}"

# A duration is a commitment when it is used as one: "within 4 hours", "in the
# next 2 hours", "every 30 minutes", "takes about 2 days", "2 hours from now".
_COMMITTED_DURATION = (
    r"\b(?:within|in|every|another|takes?|taking|need|needs|eta|(?:for|over|in)\s+the\s+next)"
    r"\s+(?:the\s+next\s+|about\s+|approximately\s+|approx\.?\s+|around\s+|roughly\s+|"
    rf"another\s+|less\s+than\s+|under\s+)?(?:{_DURATION})"
    rf"|\b(?:{_DURATION})\s+(?:from\s+now|time)\b"
)
# Points in time that only place past events: "since 07:00", "from 09:00 to 11:20".
_PAST_PLACING = (
    r"\b(?:since|from|between)\s+(?:about\s+|around\s+|roughly\s+)?"
    r"\d{1,2}[:.]\d{2}(?:\s*(?:to|and|-|–|until)\s*\d{1,2}[:.]\d{2})?"
)
COMMITTED_TIME = rf"{_POINT}|{_COMMITTED_DURATION}"

_FUTURE = words(
    "will shall going gonna aim aiming plan planning plans expect expecting expects intend "
    "intending hope hoping next eta should promised promise promises"
)
_WRITER = words("we i he she")  # a named colleague's promise is the team's: "she'll call"
# "We should be careful when ..." is advice, not a promise: no "should" here.
_WRITER_FUTURE = words("will shall going gonna aim plan expect intend hope")
_WILL = words("will shall")
_UPDATE_WORDS = words("update updates report note call")
# What a clause that drops its subject and verb promises: "more when we have it".
_NEWS_WORDS = words("more update updates details info news")
_EVENT_OPENERS = words("when once after as")
_NEXT = words("next nxt further")
# "Will this happen again?" asks; "will ping again when ..." promises.
_QUESTION_SUBJECTS = words(
    "this that it there the a an we i you they he she our your their these those any"
)
# Past-tense words that need no "-ed": enough to recognise incident narrative.
_IRREGULAR_PAST = words(
    "was were had did went came saw found made took began rose fell knew heard told said sent "
    "left hit ran broke became got gave kept lost led put set spent stood thought understood "
    "woke wrote caught brought built chose drove felt forgot grew held meant met paid read "
    "sold shut slept spoke stuck struck swept taught threw tore won wore"
)
_NOT_PAST_ED = words(
    "need indeed proceed exceed succeed speed embed hundred feed seed bleed breed shed red bed"
)
# After these an "-ed" word is a participle or an adjective, not a past tense:
# "to be confirmed", "is fixed", "the scheduled fix".
_PARTICIPLE_BEFORE = words(
    "be been being is are am to get gets getting 's ’s the a an our your their its any no all "
    # after a preposition the word describes a noun: "for affected claimants"
    "for of with on in from into about"
)
_TIME_WORDS = words(
    "time timing times timeline timelines timeframe date dates eta etas when deadline deadlines "
    "schedule scheduled due target completion delivery launch release rollout go-live window "
    "day days week weeks update updates restore restoration resolution availability ready "
    "estimate estimates"
)
# What the team does, as a passive: "will be deployed", "will be removed".
_TEAM_DEEDS = words(
    "deployed released fixed patched removed restored refunded reprocessed processed resent "
    "reissued corrected replaced rolled applied published shared sent updated reviewed "
    "completed finished shipped migrated upgraded rebuilt rerun reversed credited"
)
_MONEY_BEFORE_ESTIMATE = words("cost costs budget price pricing spend revenue loss financial")
_CLAUSE_WORDS = 8  # how far back a TBD's subject ("the timeline for the fix is TBD") may sit
# "to quickly switch", "as quickly as", and "a later release" / "the sooner the
# better" (after a determiner the word describes a thing, not a time)
_MANNER_BEFORE = words("to as how so too very fairly a an the this its our their")
_REPAIR_VERBS = words(
    "fix resolve sort solve handle restore address repair patch close correct remedy "
    "contain clear recover"
)
_AFTER_AN_INTERVAL = words(
    "minute minutes hour hours day days week weeks month months year years moment moments "
    "attempts attempt tries time"
)


# The regexes run without IGNORECASE, on text folded by fold_case: three times
# as fast, and the same matches (tested).
_CONCRETE_FOLDED = re.compile(CONCRETE_TIME.replace(f"|{_OCLOCK}|", "|"))
_COMMITTED_FOLDED = re.compile(COMMITTED_TIME.replace(f"|{_OCLOCK}|", "|"))
_OCLOCK_FOLDED = re.compile(rf"\b{_OCLOCK}")
_PAST_PLACING_FOLDED = re.compile(_PAST_PLACING)


def has_concrete_time(text: str) -> bool:
    """True when ``text`` names a time, a date, a day or a duration."""
    return _has_time(_CONCRETE_FOLDED, fold_case(text))


def has_committed_time(text: str) -> bool:
    """True when ``text`` commits to a time: a point in time, or a duration used as a
    deadline or a cadence. Times that only place past events do not count."""
    return _has_time(_COMMITTED_FOLDED, _PAST_PLACING_FOLDED.sub(" ", fold_case(text)))


def _has_time(regex: re.Pattern[str], folded: str) -> bool:
    """``regex`` or the o'clock alternative taken out of it matches ``folded``: the
    same test as the whole alternation, which matches where one of its parts does."""
    return regex.search(folded) is not None or (
        "clock" in folded and _OCLOCK_FOLDED.search(folded) is not None
    )


# The conditions below read each block's words from lists built once per block
# (a spaCy Token object per word read was most of their cost), and what they
# find about a whole sentence once per sentence, as vague phrases cluster.


def _norm_ids(match: Match) -> list[int]:
    """The norms' hashes (compared with hashes: no string is looked up)."""
    return match.context.column(match.block_index, "NORM")


def _punct(match: Match) -> list[int]:
    return match.context.column(match.block_index, "IS_PUNCT")


def _ids(words: frozenset[str]) -> frozenset[int]:
    return frozenset(get_string_id(word) for word in words)


_FUTURE_IDS = _ids(_FUTURE)
_WRITER_FUTURE_IDS = _ids(_WRITER_FUTURE)


def _per_sentence(match: Match, name: str, compute) -> bool:
    """``compute(match)`` for the match's sentence, computed once per sentence."""
    cache = match.context.state.setdefault(f"timeline.{name}", {})
    key = (match.block_index, match.sent.start)
    found = cache.get(key)
    if found is None:
        found = cache[key] = compute(match)
    return found


# Where a sentence moves on to another commitment; ", or sooner", ", and sooner
# if ..." and ", and no later than 14:00" stay one.
_CLAUSE_JOIN = re.compile(
    r";\s*|,\s+(?:and|but|while)\s+"
    r"(?!(?:sooner|earlier|faster|quicker|no|not|by|at|within|before|on|in)\b)",
    re.IGNORECASE,
)


def _sentence_text(match: Match) -> str:
    sent = match.sent
    # the Doc's text is the block's text: slicing it builds no Token objects
    return match.block.text[sent.start_char : sent.end_char]


def _speaks_of_future(match: Match) -> bool:
    sent = match.sent
    if not _FUTURE_IDS.isdisjoint(_norm_ids(match)[sent.start : sent.end]):
        return True
    # Chat drops subject and verb: "more updates later", "update later".
    lowers = match.context.lowers(match.block_index)
    punct = _punct(match)
    lead = range(sent.start, match.span.start)
    words = [lowers[i] for i in lead if not punct[i]]
    return bool(words) and len(words) <= 2 and all(word in _NEWS_WORDS for word in words)


def _tells_past(match: Match) -> bool:
    sent = match.sent
    lowers = match.context.lowers(match.block_index)
    punct = _punct(match)
    return any(_is_past(lowers, punct, i, sent.start) for i in range(sent.start, sent.end))


_HARM_ADJECTIVES = words("affected impacted unaffected")


def _is_past(lowers: list[str], punct: list[int], i: int, first: int) -> bool:
    """The word at ``i`` is a past tense; ``first`` is its sentence's first word."""
    lower = lowers[i]
    if lower in _IRREGULAR_PAST:
        return True
    if len(lower) < 5 or not lower.endswith("ed") or lower in _NOT_PAST_ED:
        return False
    if (
        lower in _HARM_ADJECTIVES
        and i == first + 1
        and not lowers[first].endswith("s")  # "Outages affected stores": a subject
        and i + 1 < len(lowers)
        and lowers[i + 1].endswith("s")
    ):
        return False  # "Offer affected customers a credit": which ones, not what happened
    # "-ed" after a word that makes it a participle ("to be confirmed", "was
    # rolled") or after punctuation ("— planned, date TBC") is no past tense.
    return i > first and not punct[i - 1] and lowers[i - 1] not in _PARTICIPLE_BEFORE


@condition("concrete-time-in-sentence")
def concrete_time_in_sentence(match: Match) -> bool:
    """The sentence commits to a concrete time, inside the match or out of it:
    'soon after the review on Thursday' names its day. Where the sentence joins two
    commitments (", and we will ...", ";"), only the match's own clause counts:
    "alerts within 2 minutes, and we will repair it in due course" times the alert."""
    text = _sentence_text(match)
    at = match.span.start_char - match.sent.start_char
    period = _BROAD_PERIOD.match(text, match.span.end_char - match.sent.start_char)
    if period is None and _CLAUSE_JOIN.search(text) is None:  # most sentences
        return _per_sentence(match, "committed", lambda m: has_committed_time(text))
    if period is not None:
        # "at some point this year": the period holds the vague time, it commits to none
        text = text[: period.start()] + text[period.end() :]
        if _CLAUSE_JOIN.search(text) is None:
            return has_committed_time(text)
    starts = [0, *(found.end() for found in _CLAUSE_JOIN.finditer(text))]
    begin = max(start for start in starts if start <= at)
    later = [start for start in starts if start > begin]
    return has_committed_time(text[begin : later[0] if later else len(text)])


# A period a vague time falls in, right after it: "at some point this year".
_BROAD_PERIOD = re.compile(
    r"\s*(?:(?:early|late|later|sometime)\s+)?(?:this|next)\s+"
    r"(?:week|month|quarter|year|spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)


@condition("promise-in-sentence")
def promise_in_sentence(match: Match) -> bool:
    """The sentence speaks of the future: 'we will', 'we'll', 'expect to', 'next sync'."""
    return _per_sentence(match, "future", _speaks_of_future)


@condition("writer-promise")
def writer_promise(match: Match) -> bool:
    """The writer promises something: 'we will', "I'll", 'we aim to' ('we will
    update you once ...'). 'Attempts will fail when the disk fills' promises nothing."""
    return (
        _per_sentence(match, "writer", _writer_promises)
        or (match.span.start == 0 and _labelled_as_time(match))
        or _once_in_listed_action(match)
    )


def _once_in_listed_action(match: Match) -> bool:
    """ "once ..." in an item of a list of actions ("Actions:", "## Next steps"): each
    item is something the team undertakes, so its condition is the writer's promise
    ("when" and "after" there mostly describe: "alerts for when logs stop")."""
    blocks = match.context.document.blocks
    i = match.block_index
    if blocks[i].kind != "list_item":
        return False
    if match.context.lowers(i)[match.span.start] != "once":
        return False
    while i > 0 and blocks[i].kind == "list_item":
        i -= 1
    label = blocks[i]
    if label.kind == "list_item":
        return False
    if label.kind != "heading" and not label.text.rstrip().endswith(":"):
        return False
    text = label.text.lower()
    return "next steps" in text or not _ACTION_WORDS.isdisjoint(text.replace(":", " ").split())


# Labels over a list of what the team will do ("next steps" too).
_ACTION_WORDS = words("action actions follow-up follow-ups remediation prevention todo to-do")


def _labelled_as_time(match: Match) -> bool:
    """The block is the content of a time label: the cell beside "| Next update |",
    or the text under "### Next update". What it says there is the writer's promise."""
    return _row_label_names_time(match) or _column_names_time(match) or _heading_names_time(match)


def _heading_names_time(match: Match) -> bool:
    """The block follows a heading that names a time ("### Next update", "## ETA")."""
    i = match.block_index
    if i == 0:
        return False
    heading = match.context.document.blocks[i - 1]
    return heading.kind == "heading" and not _TIME_WORDS.isdisjoint(heading.text.lower().split())


def _is_label(lowers: list[str], i: int, end: int) -> bool:
    """ "ETA:" or "Next update:" at i: a label for a time the writer promises."""
    if lowers[i] == "eta":
        label_end = i + 1
    elif lowers[i] == "next" and i + 1 < end and lowers[i + 1] in _UPDATE_WORDS:
        label_end = i + 2
    else:
        return False
    return label_end < end and lowers[label_end] in (":", "-", "–", "—")


def _opens_clause(punct: list[int], i: int, start: int) -> bool:
    """Whether the word at i opens its clause: first in the sentence, or after punctuation."""
    return i == start or bool(punct[i - 1])


def _writer_promises(match: Match) -> bool:
    sent = match.sent
    lowers = match.context.lowers(match.block_index)
    norms = _norm_ids(match)
    punct = _punct(match)
    writer_seen = False
    for i in range(sent.start, sent.end):
        if lowers[i] in _WRITER:
            if not _WRITER_FUTURE_IDS.isdisjoint(norms[i + 1 : min(i + 3, sent.end)]):
                return True
            writer_seen = True
        # "We're watching it and will post again when ...": the writer is the
        # subject of both verbs.
        if writer_seen and lowers[i] in _WILL and lowers[i - 1] == "and":
            return True
        # "Next update: when the crews have assessed the damage", "ETA: once ...":
        # the label is the writer's promise.
        if _is_label(lowers, i, sent.end):
            return True
        # Chat style drops the verb too: "more when we have it", "update once it's in".
        if lowers[i] in _NEWS_WORDS and i + 1 < sent.end and lowers[i + 1] in _EVENT_OPENERS:
            # "Next update when ...", or "nxt" typed on a phone: the "next" opens it
            opener = i - 1 if i > sent.start and lowers[i - 1] in _NEXT else i
            if _opens_clause(punct, opener, sent.start):
                return True
        # "A permanent fix will be deployed once the vendor gets back to us": the
        # passive of something the team does is still the team's promise.
        if (
            lowers[i] in _WILL
            and i + 2 < sent.end
            and lowers[i + 1] == "be"
            and lowers[i + 2] in _TEAM_DEEDS
        ):
            return True
        # Chat style drops the subject: "fixing it now, will know more once ...".
        if (
            lowers[i] in _WILL
            and _opens_clause(punct, i, sent.start)
            and i + 1 < sent.end
            and lowers[i + 1] not in _QUESTION_SUBJECTS
        ):
            return True
    return False


@condition("no-event-to-wait-for")
def no_event_to_wait_for(match: Match) -> bool:
    """The words name no event the reader waits for: "at once" is a manner ("holds
    back updates that close 10 roads at once until a person has reviewed them"),
    and "until" after "we will not" is the writer's rule for the meantime ("we will
    not move any more homes until it is done"), not a promise of a time."""
    lowers = match.context.lowers(match.block_index)
    start, first = match.span.start, match.sent.start
    if lowers[start] == "once":
        return start > first and lowers[start - 1] == "at"
    if lowers[start] != "until":
        return False
    before = lowers[max(first, start - 12) : start]
    return any(
        word in ("will", "wo", "'ll") and before[k + 1 : k + 2] in (["not"], ["n't"])
        for k, word in enumerate(before)
    )


@condition("past-narrative")
def past_narrative(match: Match) -> bool:
    """The sentence tells what happened ('the alert fired soon after the release')
    and speaks of no future. Only words that narrative uses count (the rule's
    ``options.narrative_words``, or all of them without it): "in due course" is
    a promise even beside a past tense."""
    narrative_words = match.rule.options.get("narrative_words")
    if narrative_words is not None:
        span = match.span
        if match.block.text[span.start_char : span.end_char].lower() not in narrative_words:
            return False
    if _per_sentence(match, "future", _speaks_of_future):
        return False
    return _per_sentence(match, "past", _tells_past)


@condition("time-context")
def time_context(match: Match) -> bool:
    """A 'TBD' stands for a time: 'Timing TBD', 'ETA: TBC', 'the timeline for the
    fix is TBD'. 'TBD who writes it' or 'the threshold is TBD' is not a time."""
    span, sent = match.span, match.sent
    lowers = match.context.lowers(match.block_index)
    punct = _punct(match)
    texts = match.context.texts(match.block_index)
    for i in range(span.start - 1, max(sent.start, span.start - _CLAUSE_WORDS) - 1, -1):
        if lowers[i] in _TIME_WORDS:
            # "Estimate is TBD" is the fix's time; "the cost estimate is TBD" is money.
            return not (i > sent.start and lowers[i - 1] in _MONEY_BEFORE_ESTIMATE)
        if punct[i] and texts[i] not in ":-–—":
            break  # the clause starts here
    else:
        if span.start == 0 and _labelled_as_time(match):
            return True
    return _closes_an_action(match)


def _closes_an_action(match: Match) -> bool:
    """ "- Review the on-call runbook - TBD", "- Add idempotency checks (TBD)",
    "- Better alerting: TBD": a TBD at the end of a list item is its due date
    (not "- Owner: TBD", which names nobody yet)."""
    block = match.block
    if block.kind != "list_item":
        return False
    text = block.text
    before = text[: match.span.start_char].rstrip()
    after = text[match.span.end_char :].strip()
    if not before or after not in ("", ")", ".", ")."):
        return False
    if before[-1] == ":":
        label = before[:-1].split()
        return bool(label) and label[-1].strip("([").lower() not in _NOT_TIME_LABELS
    return before[-1] in "-–—("


# A "label: TBD" list item where the TBD is a who, not a when.
_NOT_TIME_LABELS = words("owner owners who lead assignee responsible contact person team")


def _row_label_names_time(match: Match) -> bool:
    """A table cell that opens with the TBD: the cell before it on the row is
    its label ("| Next update | TBD |")."""
    blocks = match.context.document.blocks
    block, i = match.block, match.block_index
    if block.kind != "cell" or i == 0 or blocks[i - 1].kind != "cell":
        return False
    label = blocks[i - 1]
    if "\n" in match.context.document.source[label.end : block.start]:
        return False  # the first cell of its row
    return not _TIME_WORDS.isdisjoint(label.text.lower().split())


def _column_names_time(match: Match) -> bool:
    """A table cell under a header that names a time: "| Action | Owner | Due |"
    makes the last cell of each row the action's due date."""
    if match.block.kind != "cell":
        return False
    blocks, index = match.context.document.blocks, match.context.document.index
    row = index.line_col(match.block.start)[0]
    column = 0  # the cell's place in its row
    i = match.block_index - 1
    while i >= 0 and blocks[i].kind == "cell" and index.line_col(blocks[i].start)[0] == row:
        column, i = column + 1, i - 1
    # The header is the first row of the table: the cells above, row by row.
    header: list[Block] = []
    while i >= 0 and blocks[i].kind == "cell":
        line = index.line_col(blocks[i].start)[0]
        header = []
        while i >= 0 and blocks[i].kind == "cell" and index.line_col(blocks[i].start)[0] == line:
            header.insert(0, blocks[i])
            i -= 1
    if column >= len(header):
        return False
    return not _TIME_WORDS.isdisjoint(header[column].text.lower().split())


@condition("manner-not-time")
def manner_not_time(match: Match) -> bool:
    """'Quickly' or 'later' that is not a promise of time: 'to quickly switch',
    'a later release', 'as quickly as', '6 days later than planned', 'a moment later'."""
    span, sent = match.span, match.sent
    lowers = match.context.lowers(match.block_index)
    prev = lowers[span.start - 1] if span.start > sent.start else ""
    nxt = lowers[span.end] if span.end < sent.end else ""
    # "fix this quickly": "this" is what gets fixed; "spread this quickly" is degree
    fixes_this = prev in ("this", "that") and span.start - 2 >= sent.start
    if fixes_this and lowers[span.start - 2] in _REPAIR_VERBS:
        return False
    return prev in _MANNER_BEFORE or prev in _AFTER_AN_INTERVAL or nxt == "than"
