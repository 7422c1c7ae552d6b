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
from dataclasses import dataclass
from functools import lru_cache

from briefcheck.checks.common import fold_case, words
from briefcheck.checks.registry import condition
from briefcheck.context import Match

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|dozen"
)
# A clock time said in words: "two in the morning", "ten o'clock".
_SPOKEN_TIME = (
    rf"(?:{_NUMBER_WORDS})\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night"
    rf"|o'?clock)\b"
)
# An order of magnitude with no count in it: "several thousand", "a few hundred".
_MAGNITUDE_ONLY = r"(?:several|few|many|some)\s+(?:hundred|thousand|million)\b"
# A figure: a count, a share, an amount of money, a duration. Clock times and
# dates are not figures of impact, so they are blanked out before this runs.
FIGURE = re.compile(
    rf"(?ix)"
    rf"\d"
    rf"|\b(?:{_NUMBER_WORDS})\b"
    rf"|\b(?:half|a\s+third|a\s+quarter|two\s+thirds|three\s+quarters"
    rf"|(?:a|one|two|three|four)\s+(?:fifth|sixth|eighth|tenth)s?)\s+(?:of|the)\b"
    rf"|\b(?:a|one)\s+in\s+(?:{_NUMBER_WORDS}|\d+)\b"
)
# Number words that count nothing: "someone", "one of", "tried it on one first".
_NOT_COUNTS = (
    r"(?:one|some|any|no|every)\s*(?:one|body|thing)\b|one\s+of\b"
    r"|one\s+(?:at\s+a\s+time|by\s+one|first(?![\w-]))"
)
# Every kind starts a word, so the word boundary is tested once, before the
# alternatives, not once per alternative at every character (twice as fast).
_NOT_FIGURES = re.compile(
    r"(?ix)\b(?:"
    r"\d{1,2}:\d{2}(?:\s*(?:utc|gmt|am|pm))?\b"  # clock times
    r"|(?<![$£€¥\d.])\d{1,2}\.\d{2}\s*(?:utc|gmt|am|pm)\b"
    r"|(?<![$£€¥\d.,])\d{1,2}\s?(?:am|pm)\b"  # "at around 6am"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)\b"  # "on the 3rd": a date
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b"
    r"|(?:19|20)\d{2}\b"  # years
    rf"|{_NOT_COUNTS}"
    rf"|{_SPOKEN_TIME}"  # "two in the morning"
    rf"|{_MAGNITUDE_ONLY}"  # "several thousand": a size, not a count
    r"|\d+xx\b|[45]\d\ds\b"  # status-code classes and plurals: 5xx, 502s
    r"|v?\d+(?:\.\d+){2,}\b"  # version numbers: 1.8.2
    r"|(?:code|error|http|status|version|build|release|ticket|incident|sev|p)[\s#-]*v?\d+(?:\.\d+)*\b"
    # phone numbers: "0300 555 0142", "+44 20 7946 0018", "1-800-555-0199"
    r"|(?:\(?0\d{2,4}\)?[\s-]|\d{1,3}[\s-]\d{2,4}[\s-])\d{3,4}[\s-]\d{3,4}\b(?![\s-]*\d)"
    r"|1?-?\d{3}-\d{3}-\d{4}\b"
    # a place or a stage named by its number: "Terminal 2", "lanes 1-4", "phase 3",
    # "(update 2)", "Semester 2"
    r"|(?:terminal|gate|platform|building|lane|ward|pier|berth|dock|bay|floor|hall|wing|room"
    r"|runway|track|door|exit|depot|store|branch|site|plant|zone|phase|stage|sprint"
    r"|update|part|step|round|semester|term|year|week|level|tier)s?"
    r"\s+\d+(?:\s*[-–]\s*\d+)?(?:(?:\s*,\s*|\s+(?:and|or|&)\s+)\d{1,2})*\b(?![.,:]?\d|\s*%)"
    r")"
)


# What _NOT_FIGURES can blank in a text without digits: every other kind holds one.
_NOT_FIGURE_WORDS = re.compile(
    rf"(?ix)\b(?:{_NOT_COUNTS}"
    rf"|{_SPOKEN_TIME}"
    rf"|{_MAGNITUDE_ONLY})"
)
_DIGIT = re.compile(r"\d")


def _blank_not_figures(text: str) -> str:
    """``text`` with clock times, dates, years, versions, codes and "someone" blanked."""
    if _DIGIT.search(text) is None:
        # The same blanks, found by the few word alternatives alone: most of the
        # cost of the full regex is trying its digit alternatives at every word.
        return _NOT_FIGURE_WORDS.sub(" ", text)
    return _NOT_FIGURES.sub(" ", text)


def _without_ignorecase(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` for text folded as fold_case folds it: matching folded text without
    IGNORECASE decides as matching the text ignoring case, and is about twice as fast
    (a test checks that folding keeps each character the patterns tell apart)."""
    assert regex.pattern.startswith("(?ix)")
    return re.compile("(?x)" + regex.pattern.removeprefix("(?ix)"))


_FIGURE_FOLDED = _without_ignorecase(FIGURE)
_NOT_FIGURES_FOLDED = _without_ignorecase(_NOT_FIGURES)
_NOT_FIGURE_WORDS_FOLDED = _without_ignorecase(_NOT_FIGURE_WORDS)


def has_figure(text: str) -> bool:
    """True when ``text`` states a count, share, amount or duration (not a clock time)."""
    folded = fold_case(text)
    if _DIGIT.search(folded) is None:
        # Blanking only removes text, so without a digit a figure needs a number
        # or fraction word, and only the word alternatives can blank anything.
        if not any(word in folded for word in _FIGURE_WORDS):
            return False
        return _FIGURE_FOLDED.search(_NOT_FIGURE_WORDS_FOLDED.sub(" ", folded)) is not None
    return _FIGURE_FOLDED.search(_NOT_FIGURES_FOLDED.sub(" ", folded)) is not None


# Every figure, count and share below holds a digit, a "%", a number word or a
# fraction word, so a sentence with none of them (most sentences) needs no closer
# look. Words are looked for anywhere, not as whole words: a piece of the
# sentence, or two pieces joined, then holds only what the whole sentence holds.
_DIGIT_OR_SHARE = re.compile(r"[\d%]")
_FIGURE_WORDS = (
    *_NUMBER_WORDS.split("|"),
    "half",
    "third",
    "quarter",
    "fifth",
    "sixth",
    "eighth",
    "tenth",
)


def _may_hold_figure(text: str) -> bool:
    if _DIGIT_OR_SHARE.search(text):
        return True
    folded = fold_case(text)
    return any(word in folded for word in _FIGURE_WORDS)


_DURATION = re.compile(
    rf"(?i)\b(?:\d[\d.,]*|{_NUMBER_WORDS}|an?|half an?)\s*-?\s*"
    r"(?:seconds?|secs?|min(?:ute)?s?|hours?|hrs?|h|days?|weeks?|months?)\b"
)
# A multiple of some other quantity: "three times normal", "2x the usual".
_MULTIPLE = re.compile(rf"(?i)\b(?:\d+(?:\.\d+)?|{_NUMBER_WORDS})\s*(?:times\b|x\b)")
# A count of other things: "6,000 orders shipped late", "two of the four kiosk
# zones" count no money. (Not "40 thousand", "6,000 pounds": those are amounts.)
_COUNT_OF_THINGS = re.compile(
    rf"(?i)\b(?:\d[\d,]*|{_NUMBER_WORDS})\s+(?:of\s+(?:the\s+|our\s+)?(?:\d[\d,]*|{_NUMBER_WORDS})\s+)?"
    r"(?:[a-z-]+\s+)?(?!(?:thousands?|millions?|billions?|"
    r"pounds|dollars|euros|pence|cents|quid|bucks)\b)[a-z]+s\b"
)
# A count written before the noun it counts: "4,200", "610k", "3.1M", "three thousand".
_COUNT = rf"(?:\d[\d,.]*\s*(?:k|m|bn|million|thousand|billion)?|(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}))*)"
# A count standing alone, so it counts whatever the sentence is about: "(about
# 300)", "300 in total". Money is not a count of people or things.
_PART_OF_WHOLE_TEXT = (
    r"(?<![$£€¥\d.,])\d[\d,]*\s+of\s+(?:the\s+|our\s+)?\d[\d,]*"
    r"(?=\s*[,;.)]|\s*$|\s+(?:have|has|had|were|was|are|is|did|will|would|could|can|so)\b)"
)
_BARE_COUNT = re.compile(
    rf"(?i)\(\s*(?:(?:about|around|roughly|approximately|approx\.?|nearly|almost|over|"
    rf"more than|at least|some|an estimated|~)\s*)?(?<![$£€¥]){_COUNT}\s*(?:\)|[,;]|since\b)"
    rf"|(?<![$£€¥\d.,]){_COUNT}\s+(?:in total|so far|to date|overall|altogether|in all)\b"
    # a part of a whole that names no other noun: "11,960 of the 14,820 have since
    # succeeded" ("14 of our 19 ATMs" counts the ATMs)
    rf"|{_PART_OF_WHOLE_TEXT}"
)
_PART_OF_WHOLE = re.compile(_PART_OF_WHOLE_TEXT)
# What a bare count needs besides the count: a sentence without it has none.
_BARE_COUNT_HINT = re.compile(r"(?i)\(|in total|so far|to date|overall|altogether|in all|\d\s+of\s")
_GLOSS_OPENERS = "([:—–-,"
_GLOSS_WORDS = 4  # a gloss gives its figure within its first few words
_CLAUSE_OPENERS = words("since because as and but while which who when where so although though if")
_PRONOUN_HEADS = words("them those these us you whom")
# Up to three words before a gloss: the noun after "those" or "these" ("of those
# small businesses (41)"), or, after an apostrophe, what the group owns
# ("customers' thermostats (23,400 homes)").
_WORDS_BEFORE_GLOSS = r"(?:\s+[^\W\d][\w'’-]*){1,3}?(?=\s*[(,:—–])"
_GROUP_NAMED = re.compile(_WORDS_BEFORE_GLOSS)
_POSSESSION = re.compile(rf"['’]s?{_WORDS_BEFORE_GLOSS}")
# "on social media", "from customers in Leeds": a short phrase of where or from whom
# the quantity came, which may stand between it and its gloss.
# "Many customers called us, 2,950 in the first two days": a short predicate, then
# the count after a comma.
_SHORT_PREDICATE = re.compile(r"(?:[\w'’-]+\s+){0,2}[\w'’-]+(?=\s*,\s*(?:about\s+|around\s+|~)?\d)")
_PLACE_BEFORE_GLOSS = re.compile(
    r"(?i)(?:on|from|in|at|across|via|to|about)(?:\s+[\w'’&-]+){1,3}(?=\s*[,(:—–])"
)
# "how many files you can monitor" asks, and "we need some data from the vendor"
# or "we are reviewing several accounts" is work on the incident: neither sizes it.
_NOT_IMPACT_BEFORE = words(
    "as how need needs needed collect collecting collected gather gathering gathered request "
    "requesting requested want wants review reviewing reviewed analyse analysing analyze "
    "analyzing check checking sample sampling pull pulling contact contacting"
)


def _opens_superlative(lower: str) -> bool:
    """A word before "most" that makes it "the most": "the most affected", "41 most"."""
    return lower in ("the", "our", "its", "their") or lower[:1].isdigit()


# "alerting for elevated error rates": a condition to watch for, not impact seen
_WATCHING = words(
    "alert alerts alerting alarm alarms monitor monitors monitoring detect detects detecting "
    "detection dashboard dashboards threshold thresholds watch watching paging"
)


def _told_of(lowers: list[str], i: int, end: int) -> bool:
    """The watching word at i is what went wrong, not a watch for it: "alerts
    delayed for some customers" (not "alerting for elevated error rates")."""
    after = lowers[i + 1] if i + 1 < end else ""
    return after.endswith("ed") or after in ("were", "was", "did", "never", "stopped")


# "page" is watching only as a verb ("we page the on-call when ...", "to page
# someone if ..."), not a page ("the page", "their registry page").
_PAGE_VERB_BEFORE = words("we they i you to will 'll would should can could must may might not n't")
_PAGE_VERB_AFTER = words("the us someone somebody whoever on-call oncall them me him her")
_RESPONDER_NOUNS = words(
    "team teams staff crew squad department side rota shift engineering marketing operations"
)
_RESPONDER_VERBS = words("working investigating helping looking handling watching monitoring")
# "many people worked through the night": the people named are the responders
_RESPONDER_DEEDS = words(
    "worked helped joined stayed pitched volunteered contributed responded investigated"
)


# A count or a share and the few words after it: "4,200 affected customers",
# "3% of our customers". Compiled once; the noun is compared in Python.
_COUNTED = re.compile(rf"(?i)(?:\b{_COUNT}\s*(?:%\s+of)?|%\s+of)((?:\s+[\w'’-]+){{1,4}})")


def _stem(noun: str) -> str:
    """The start a word must have to name ``noun``: 'customer' for 'customers'."""
    return noun[:-2] if len(noun) > 6 else noun[:-1] if len(noun) > 3 else noun


def _same_noun_counted(noun: str, text: str) -> bool:
    """``text`` counts ``noun`` itself: '4,200 (affected) customers', '3% of customers'."""
    stem = _stem(noun)
    return any(
        word.lower().startswith(stem)
        for found in _COUNTED.finditer(text)
        for word in found.group(1).split()
    )


@dataclass(frozen=True)
class _Sentence:
    """What the figure conditions read of a match's sentence, found once per sentence."""

    text: str
    may_hold_figure: bool
    may_hold_bare_count: bool


def _sentence(match: Match) -> _Sentence:
    sent = match.sent
    cache = match.context.state.setdefault("figures.sentences", {})
    key = (match.block_index, sent.start)
    found = cache.get(key)
    if found is None:
        # the Doc's text is the block's text: slicing it builds no Token objects
        text = match.block.text[sent.start_char : sent.end_char]
        may_hold_figure = _may_hold_figure(text)
        found = cache[key] = _Sentence(
            text,
            may_hold_figure,
            may_hold_figure and _BARE_COUNT_HINT.search(text) is not None,
        )
    return found


def _gloss_has_figure(after: str) -> bool:
    """The phrase is glossed right away: '(about 4,200)', ', 6,200 since 07:00', ': 18%',
    or after a few words of where: 'complaints on social media, roughly 1,300 posts'."""
    after = after.lstrip()
    place = _PLACE_BEFORE_GLOSS.match(after) or _SHORT_PREDICATE.match(after)
    if place:
        after = after[place.end() :]
    if not after or after[0] not in _GLOSS_OPENERS:
        return False
    opening = after.lstrip(_GLOSS_OPENERS + " ").split()[:_GLOSS_WORDS]
    if after[0] == "," and opening and opening[0].lower() in _CLAUSE_OPENERS:
        return False  # ", since traffic is three times normal": a new clause, not a gloss
    return has_figure(" ".join(opening))


def _predicate_gloss_has_count(after: str) -> bool:
    """The phrase's short clause ends in a colon or dash that opens with its count:
    "many orders were lost: about 6,800 did not go through"."""
    found = _PREDICATE_GLOSS.match(after)
    return found is not None and _DURATION.match(after, found.start(1)) is None


# Up to seven words of clause, a colon or dash, then an estimate of a count or share
# (a duration is the incident's length, not the count; "since 07:30" is a clock time).
_PREDICATE_GLOSS = re.compile(
    rf"(?i)\s*(?:[^\s.;:!?()—–]+\s+){{0,6}}[^\s.;:!?()—–]+\s*(?:(?<!\d):|[—–])\s*"
    rf"(?:(?:about|around|roughly|approximately|nearly|almost|over|more than|at least|"
    rf"some|an estimated|~)\s*)?((?<![$£€¥]){_COUNT})"
)


def _head(match: Match) -> str:
    span = match.span
    lowers = match.context.lowers(match.block_index)
    return lowers[span.start] if match.rule.options.get("head") == "first" else lowers[span.end - 1]


@condition("figure-for-quantity")
def figure_for_quantity(match: Match) -> bool:
    """The sentence gives a figure for the quantity the vague phrase sizes."""
    sentence = _sentence(match)
    if not sentence.may_hold_figure:
        return False
    text, sent = sentence.text, match.sent
    rel_start = match.span.start_char - sent.start_char
    rel_end = match.span.end_char - sent.start_char
    after = text[rel_end:]
    if _gloss_has_figure(after) or _predicate_gloss_has_count(after):
        return True
    owned = _POSSESSION.match(after)  # "Some customers' thermostats (23,400 homes)"
    if owned and _gloss_has_figure(after[owned.end() :]):
        return True
    head = _head(match)
    if head in _PRONOUN_HEADS:  # "a large number of them": the group's count is not the part's
        # "Many of those businesses (41, by their own count)": the gloss follows the noun
        named = _GROUP_NAMED.match(text, rel_end) if head in ("those", "these") else None
        if named is not None and _gloss_has_figure(text[named.end() :]):
            return True
        # "... most of these payments; 11,960 of the 14,820 have since succeeded"
        return _PART_OF_WHOLE.search(text[:rel_start] + " … " + text[rel_end:]) is not None
    outside = text[:rel_start] + " … " + text[rel_end:]
    options = match.rule.options
    if options.get("any_figure") or head in options.get("any_figure_nouns", ()):
        outside = _blank_not_figures(outside)
        if head in options.get("money_nouns", ()):
            # "significant revenue loss during the 3-hour outage": the hours are not the
            # money, nor is "traffic is three times normal" (a multiple of something
            # else), nor "6,000 orders shipped late" (a count of other things)
            outside = _COUNT_OF_THINGS.sub(" ", _MULTIPLE.sub(" ", _DURATION.sub(" ", outside)))
        return FIGURE.search(outside) is not None
    # Blanking clock times and dates is the costly step, so first ask whether the
    # noun (an ASCII stem is lowercased alike in any context) or a bare count's
    # words could be there at all.
    stem = _stem(head)
    may_count_noun = not stem.isascii() or stem in outside.lower()
    if not (may_count_noun or sentence.may_hold_bare_count):
        return False
    outside = _blank_not_figures(outside)
    return (may_count_noun and _same_noun_counted(head, outside)) or (
        sentence.may_hold_bare_count and _bare_count_for_phrase(outside)
    )


def _bare_count_for_phrase(outside: str) -> bool:
    """A bare count in the sentence that is not glossing another plural noun:
    in "several customers called, and a lot of calls (roughly 300) are coming",
    the 300 counts the calls. ``outside`` has the phrase replaced by "…"."""
    for found in _BARE_COUNT.finditer(outside):
        before = outside[: found.start()].split()
        owner = before[-1] if before else ""
        if found.group(0).startswith("(") and owner != "…" and _is_plural_noun(owner):
            continue
        return True
    return False


def _is_plural_noun(word: str) -> bool:
    """A word that may name a counted group: "calls", "orders" (not "was", "is")."""
    word = word.lower().strip(",;:")
    return len(word) > 3 and word.isalpha() and word.endswith("s") and not word.endswith("ss")


@condition("figure-in-sentence")
def figure_in_sentence(match: Match) -> bool:
    """The same sentence gives any figure, outside the vague phrase itself."""
    sentence = _sentence(match)
    if not sentence.may_hold_figure:
        return False
    text, sent = sentence.text, match.sent
    rel_start = match.span.start_char - sent.start_char
    rel_end = match.span.end_char - sent.start_char
    return has_figure(text[:rel_start] + " " + text[rel_end:])


@condition("not-about-impact")
def not_about_impact(match: Match) -> bool:
    """The vague words are not a claim about impact: 'how many files', 'alerting for
    elevated error rates', or the people responding rather than the people hit
    ('several people on the data team are on it')."""
    span, sent = match.span, match.sent
    start, end = span.start, span.end
    lowers = match.context.lowers(match.block_index)
    if start > sent.start and lowers[start - 1] in _NOT_IMPACT_BEFORE:
        return True
    if lowers[start] == "most" and start > sent.start and _opens_superlative(lowers[start - 1]):
        return True  # "the 41 most affected sites": which ones, not how many
    if lowers[start] == "how":  # a span read off the parse may start at "how many"
        return True
    lead = max(sent.start, start - 3)
    if any(lowers[i : i + 2] == ["rather", "than"] for i in range(lead, start - 1)):
        return True  # "for every store at once rather than for a few sites first": not done
    if any(lowers[i] in _WATCHING and not _told_of(lowers, i, start) for i in range(lead, start)):
        return True
    if any(lowers[i] == "page" and _pages_someone(lowers, i) for i in range(lead, start)):
        return True
    after = lowers[end : min(sent.end, end + 5)]
    if (
        len(after) >= 2
        and after[0] in ("on", "from", "in", "at", "of", "across")
        and not _RESPONDER_NOUNS.isdisjoint(after[1:])
        and lowers[end - 1] not in _FAULTS  # "widespread errors on the crew tablets"
    ):
        return True
    if after and after[0] in _RESPONDER_DEEDS:
        return True
    # "Payroll and finance have several people on this", "have several people on
    # the manual checks": the responders again
    if after[:2] in (["on", "it"], ["on", "this"]) and (len(after) == 2 or not after[2].isalpha()):
        return True
    if after[:1] == ["on"] and start > sent.start and lowers[start - 1] in ("have", "has"):
        return True
    if lowers[end - 1] == "lessons" and any(w in ("learned", "learnt") for w in after[:3]):
        return True  # "many lessons were learned": the review, not a school's lessons
    return (
        len(after) >= 2
        and after[0] in ("are", "were")
        and (after[1] in _RESPONDER_VERBS or after[1] == "on")
    )


# What goes wrong, never who responds: "errors on the crew tablets" are the crew's harm.
_FAULTS = words("errors failures issues problems faults crashes outages delays disruption")


def _pages_someone(lowers: list[str], i: int) -> bool:
    """The "page" at i is the verb: "we page the on-call", not "the registry page"."""
    before = lowers[i - 1] if i else ""
    after = lowers[i + 1] if i + 1 < len(lowers) else ""
    return before in _PAGE_VERB_BEFORE or after in _PAGE_VERB_AFTER


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


@dataclass(frozen=True)
class _HarmWords:
    impact_nouns: frozenset[str]
    in_phrase: frozenset[str]
    before: frozenset[str]
    after: re.Pattern[str]


def _harm_words(match: Match) -> _HarmWords:
    """The rule's harm options as sets and one regex, built once per document, not
    per match. (Keyed by rule id: a Rule's options are not part of its hash.)"""
    cache = match.context.state.setdefault("figures.harm", {})
    rule = match.rule
    found = cache.get(rule.id)
    if found is None:
        options = rule.options
        found = cache[rule.id] = _HarmWords(
            impact_nouns=frozenset(options.get("impact_nouns", ())),
            in_phrase=frozenset(options.get("harm_in_phrase", ())),
            before=frozenset(options.get("harm_before", ())),
            after=_phrase_regex(tuple(options.get("harm_after", ()))),
        )
    return found


@condition("harm-to-group")
def harm_to_group(match: Match) -> bool:
    """The sentence says the vaguely sized group was hurt: a harm said after it ("a
    few wholesalers could not log in"), a harm verb just before it ("the outage
    affected many warehouses"), or harm in the phrase itself ("a flood of", "angry").

    A noun on the rule's ``impact_nouns`` list is left to figures/vague-quantity,
    which flags it with or without a stated harm.
    """
    harm = _harm_words(match)
    span, sent = match.span, match.sent
    start, end = span.start, span.end
    lowers = match.context.lowers(match.block_index)
    if lowers[end - 1] in harm.impact_nouns:
        return False
    if not harm.in_phrase.isdisjoint(lowers[start:end]):
        return True
    lead = lowers[max(sent.start, start - 3) : start]
    if not harm.before.isdisjoint(lead) and _NEGATORS.isdisjoint(lead):
        return True
    if start > sent.start and lowers[start - 1] in _PLACE_PREPOSITIONS:
        return False  # "in some subnets": where, not who was hurt
    stop = min(sent.end, end + _HARM_REACH)
    for i in range(end, stop):
        word = lowers[i]
        new_subject = word in ("and", "or") and i + 1 < stop
        if word in _CLAUSE_BREAKS or (new_subject and lowers[i + 1] in _SUBJECTS):
            stop = i
            break
    if stop <= end:
        return _stated_without_negation("", harm.after)
    # the text of tokens end .. stop-1, as Span.text gives it, cut from the block's text
    offsets = match.context.column(match.block_index, "IDX")
    last = stop - 1
    clause_end = offsets[last] + len(match.context.texts(match.block_index)[last])
    return _stated_without_negation(match.block.text[offsets[end] : clause_end].lower(), harm.after)
