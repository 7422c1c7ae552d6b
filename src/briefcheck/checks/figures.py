"""figures: impact stated in vague size words where the reader needs a number.

A vague phrase is fine when the same sentence gives a figure *for that
quantity*: a gloss right after it ("many customers (about 4,200)"), a count of
the same thing elsewhere in the sentence ("... 1,200 merchants ..."), or, for
impact that money or time measures ("a huge impact", "revenue loss"), any
amount, share or duration. A figure about something else does not count: in
"3,212 orders were refunded and a lot of restaurants lost their rush" the
restaurants are still uncounted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from briefcheck.checks.common import words
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
    r"(?ix)\b\d{1,2}:\d{2}(?:\s*(?:utc|gmt|am|pm))?\b"  # clock times
    r"|(?<![$£€¥\d.])\b\d{1,2}\.\d{2}\s*(?:utc|gmt|am|pm)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b"
    r"|\b(?:19|20)\d{2}\b"  # years
    r"|\b(?:one|some|any|no|every)\s*(?:one|body|thing)\b|\bone\s+of\b"  # not counts
    r"|\b\d+xx\b"  # status-code classes: 5xx
    r"|\bv?\d+(?:\.\d+){2,}\b"  # version numbers: 1.8.2
    r"|\b(?:code|error|http|status|version|build|release|ticket|incident|sev|p)[\s#-]*v?\d+(?:\.\d+)*\b"
)


def has_figure(text: str) -> bool:
    """True when ``text`` states a count, share, amount or duration (not a clock time)."""
    return FIGURE.search(_NOT_FIGURES.sub(" ", text)) is not None


_DURATION = re.compile(
    rf"(?i)\b(?:\d[\d.,]*|{_NUMBER_WORDS}|an?|half an?)\s*-?\s*"
    r"(?:seconds?|secs?|min(?:ute)?s?|hours?|hrs?|h|days?|weeks?|months?)\b"
)
# A count written before the noun it counts: "4,200", "610k", "3.1M", "three thousand".
_COUNT = rf"(?:\d[\d,.]*\s*(?:k|m|bn|million|thousand|billion)?|(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}))*)"
# A count standing alone, so it counts whatever the sentence is about: "(about
# 300)", "300 in total". Money is not a count of people or things.
_BARE_COUNT = re.compile(
    rf"(?i)\(\s*(?:(?:about|around|roughly|approximately|approx\.?|nearly|almost|over|"
    rf"more than|at least|some|an estimated|~)\s*)?(?<![$£€¥]){_COUNT}\s*(?:\)|[,;]|since\b)"
    rf"|(?<![$£€¥\d.,]){_COUNT}\s+(?:in total|so far|to date|overall|altogether|in all)\b"
)
_GLOSS_OPENERS = "([:—–-,"
_GLOSS_WORDS = 4  # a gloss gives its figure within its first few words
_PRONOUN_HEADS = words("them those these us you")
# "how many files you can monitor" asks, and "we need some data from the vendor"
# or "we are reviewing several accounts" is work on the incident: neither sizes it.
_NOT_IMPACT_BEFORE = words(
    "how need needs needed collect collecting collected gather gathering gathered request "
    "requesting requested want wants review reviewing reviewed analyse analysing analyze "
    "analyzing check checking sample sampling pull pulling contact contacting"
)
# "alerting for elevated error rates": a condition to watch for, not impact seen
_WATCHING = words(
    "alert alerts alerting alarm alarms monitor monitors monitoring detect detects detecting "
    "detection dashboard dashboards threshold thresholds watch watching page paging"
)
_RESPONDER_NOUNS = words("team teams staff crew squad department side rota shift")
_RESPONDER_VERBS = words("working investigating helping looking handling")
# "many people worked through the night": the people named are the responders
_RESPONDER_DEEDS = words(
    "worked helped joined stayed pitched volunteered contributed responded investigated"
)


# A count or a share and the few words after it: "4,200 affected customers",
# "3% of our customers". Compiled once; the noun is compared in Python.
_COUNTED = re.compile(rf"(?i)(?:\b{_COUNT}\s*(?:%\s+of)?|%\s+of)((?:\s+[\w'’-]+){{1,4}})")


def _same_noun_counted(noun: str, text: str) -> bool:
    """``text`` counts ``noun`` itself: '4,200 (affected) customers', '3% of customers'."""
    stem = noun[:-2] if len(noun) > 6 else noun[:-1] if len(noun) > 3 else noun
    return any(
        word.lower().startswith(stem)
        for found in _COUNTED.finditer(text)
        for word in found.group(1).split()
    )


def _gloss_has_figure(after: str) -> bool:
    """The phrase is glossed right away: '(about 4,200)', ', 6,200 since 07:00', ': 18%'."""
    after = after.lstrip()
    if not after or after[0] not in _GLOSS_OPENERS:
        return False
    return has_figure(" ".join(after.lstrip(_GLOSS_OPENERS + " ").split()[:_GLOSS_WORDS]))


def _head(match: Match) -> str:
    span = match.span
    head = span[0] if match.rule.options.get("head") == "first" else span[-1]
    return head.lower_


@condition("figure-for-quantity")
def figure_for_quantity(match: Match) -> bool:
    """The sentence gives a figure for the quantity the vague phrase sizes."""
    sent = match.sent
    text = sent.text
    rel_start = match.span.start_char - sent.start_char
    rel_end = match.span.end_char - sent.start_char
    if _gloss_has_figure(text[rel_end:]):
        return True
    head = _head(match)
    if head in _PRONOUN_HEADS:  # "a large number of them": the group's count is not the part's
        return False
    outside = _NOT_FIGURES.sub(" ", text[:rel_start] + " … " + text[rel_end:])
    options = match.rule.options
    if options.get("any_figure") or head in options.get("any_figure_nouns", ()):
        if head in options.get("money_nouns", ()):
            # "significant revenue loss during the 3-hour outage": the hours are not the money
            outside = _DURATION.sub(" ", outside)
        return FIGURE.search(outside) is not None
    return _same_noun_counted(head, outside) or _BARE_COUNT.search(outside) is not None


@condition("figure-in-sentence")
def figure_in_sentence(match: Match) -> bool:
    """The same sentence gives any figure, outside the vague phrase itself."""
    sent = match.sent
    text = sent.text
    rel_start = match.span.start_char - sent.start_char
    rel_end = match.span.end_char - sent.start_char
    return has_figure(text[:rel_start] + " " + text[rel_end:])


@condition("not-about-impact")
def not_about_impact(match: Match) -> bool:
    """The vague words are not a claim about impact: 'how many files', 'alerting for
    elevated error rates', or the people responding rather than the people hit
    ('several people on the data team are on it')."""
    doc, span, sent = match.doc, match.span, match.sent
    if span.start > sent.start and doc[span.start - 1].lower_ in _NOT_IMPACT_BEFORE:
        return True
    if any(tok.lower_ in _WATCHING for tok in doc[max(sent.start, span.start - 3) : span.start]):
        return True
    after = doc[span.end : min(sent.end, span.end + 5)]
    if (
        len(after) >= 2
        and after[0].lower_ in ("on", "from", "in", "at", "of")
        and any(tok.lower_ in _RESPONDER_NOUNS for tok in after[1:])
    ):
        return True
    if after and after[0].lower_ in _RESPONDER_DEEDS:
        return True
    if span[-1].lower_ == "lessons" and any(t.lower_ in ("learned", "learnt") for t in after[:3]):
        return True  # "many lessons were learned": the review, not a school's lessons
    return (
        len(after) >= 2
        and after[0].lower_ in ("are", "were")
        and (after[1].lower_ in _RESPONDER_VERBS or after[1].lower_ == "on")
    )


# --- a vague quantity of any group, when the sentence says the group was hurt --

_NEGATORS = words("not n't never no")
# Where the clause about the group ends: what follows is about something else.
_CLAUSE_BREAKS = frozenset((";", ":", "—", "–", "but", "while", "although", "whereas", "because"))
# "... and our load balancers were unable": the harm is another subject's
_SUBJECTS = words("the our their its this that these those we they it he she there")
_PLACE_PREPOSITIONS = words("in at on within across inside")
_HARM_REACH = 14  # tokens after the group in which its predicate is looked for


@lru_cache(maxsize=16)
def _phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a list of phrases, longest first, on word boundaries."""
    ordered = sorted({" ".join(p.lower().split()) for p in phrases}, key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])")


def _stated_without_negation(clause: str, regex: re.Pattern[str]) -> bool:
    """A harm phrase in ``clause`` that is not denied: "were not affected" is no harm,
    while "could not", which holds its own "not", is one."""
    for found in regex.finditer(clause):
        phrase_negative = any(w in _NEGATORS for w in re.split(r"\s+|(?=n't)", found.group()))
        before = clause[: found.start()].split()[-2:]
        if phrase_negative or not any(w in _NEGATORS or w.endswith("n't") for w in before):
            return True
    return False


@condition("harm-to-group")
def harm_to_group(match: Match) -> bool:
    """The sentence says the vaguely sized group was hurt: a harm said after it ("a
    few wholesalers could not log in"), a harm verb just before it ("the outage
    affected many warehouses"), or harm in the phrase itself ("a flood of", "angry").

    A noun on the rule's ``impact_nouns`` list is left to figures/vague-quantity,
    which flags it with or without a stated harm.
    """
    options = match.rule.options
    span, doc, sent = match.span, match.doc, match.sent
    if span[-1].lower_ in options.get("impact_nouns", ()):
        return False
    in_phrase = frozenset(options.get("harm_in_phrase", ()))
    if any(tok.lower_ in in_phrase for tok in span):
        return True
    before = frozenset(options.get("harm_before", ()))
    lead = doc[max(sent.start, span.start - 3) : span.start]
    if any(tok.lower_ in before for tok in lead) and not any(
        tok.lower_ in _NEGATORS for tok in lead
    ):
        return True
    if span.start > sent.start and doc[span.start - 1].lower_ in _PLACE_PREPOSITIONS:
        return False  # "in some subnets": where, not who was hurt
    stop = min(sent.end, span.end + _HARM_REACH)
    for tok in doc[span.end : stop]:
        new_subject = tok.lower_ in ("and", "or") and tok.i + 1 < stop
        if tok.lower_ in _CLAUSE_BREAKS or (new_subject and doc[tok.i + 1].lower_ in _SUBJECTS):
            stop = tok.i
            break
    regex = _phrase_regex(tuple(options.get("harm_after", ())))
    return _stated_without_negation(doc[span.end : stop].text.lower(), regex)
