"""jargon: terms and acronyms an executive reader would not know.

The rules in rules/jargon.yml find candidates (a vocabulary, technical compounds,
capitals, code-style names); the conditions here decide from context:

- a term is plain once the text defines it ("our content delivery network (CDN)",
  "the gateway (the service that passes card details to the banks)", "IaC:
  Infrastructure as Code"), and the defining text itself is never flagged;
- any term in the team glossary is plain from the start;
- capitals that are not abbreviations stay quiet: emphasis and headings ("NOT",
  "CARD PAYMENTS OUTAGE"), initials, time zones after a time, ticket numbers,
  organisation names, sign-offs;
- mixed case is code only when written like code ("maxRetries", "ConfigMap"), not
  a brand or a name ("PayPal", "McDonald");
- a word with an everyday sense is jargon only in its technical one ("the commit"
  but not "we commit to").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from briefcheck.checks.registry import condition
from briefcheck.context import DocContext, Match
from briefcheck.syllables import known_word

if TYPE_CHECKING:
    from briefcheck.rulepack import Rule

# "content delivery network (CDN)", "CDN (content delivery network)",
# "gateway (the service that ...)": a parenthesis that names or explains.
_PARENTHESIS = re.compile(r"\(\s*([^()]{2,}?)\s*\)")
# "the TTL, which is how long ...", "TTL, i.e. ...", "the broker - the service that ...".
# A bare clause after a comma or a dash ("the queue, which is full") explains nothing.
# An appositive naming what kind of thing it is explains too: ", the messaging
# service our docks use". These are the kinds it may name.
_KINDS_OF_THING = (
    "system", "service", "tool", "software", "program", "device", "computer", "machine",
    "procedure", "process", "database", "network", "platform", "format", "standard",
    "protocol",
)  # fmt: skip
_EXPLAINED_AFTER = re.compile(
    r",\s*(?:which\s+(?:is|are|means)\s+(?:a|an|the|how|what|where|when|our)\b|i\.e\.|meaning\b"
    r"|that\s+is\b)"
    r"|(?:,|\s[-–—])\s*(?:the|a|an|our)\s+(?:[\w'-]+\s+){0,3}?(?:that|which|who|where)\b"
    rf"|(?:,|\s[-–—])\s*(?:the|a|an|our)\s+(?:[\w'-]+\s+){{0,2}}?(?:{'|'.join(_KINDS_OF_THING)})s?\b"
)
# An explanation in brackets reads like a description: "(the service that ...)",
# "(i.e. ...)", "(our booking system)", "(the file store we rent)". An aside
# explains nothing: "(about 4,200 customers)", "(see below)", "(the third time
# this month)".
_EXPLANATION = re.compile(
    r"(?:i\.e\.|meaning|also called|also known as|known as|aka|short for|which|that|or)\b"
    r"|(?:the|a|an|our|their|its)\s+(?:[\w'-]+\s+){0,3}?(?:that|which|who|where|used\s+to|for)\b"
    r"|(?:the|a|an|our|their|its)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:system|service|tool|database|platform|software|provider|partner|supplier|vendor|app|site|"
    r"website|network|server|program|programme|process|component|device|file|list|record|standard|"
    r"protocol|setting|limit|area|store|team|procedure|guide|document|checklist|instructions|"
    r"plan|rule|machine|computer)s?(?:\s*$|\s+(?:we|you|they|our|customers|staff)\s+[a-z]+"
    r"|\s+of\s+[a-z]+)"
    # "(the system adds servers by itself when it gets busy)": what the thing does
    r"|(?:the|a|an|our|their|its)\s+(?:system|service|tool|software|platform|app|network|"
    r"server|process|device|program|programme)s?\s+[a-z]+s\b",
    re.I,
)
# An abbreviation and then what it is, in one bracket: "(IdP: the company that checks passwords)".
_ABBREVIATION_THEN_GLOSS = re.compile(r"([A-Za-z][A-Za-z0-9&]{1,11})\s*[:;,–—]\s+\S")
# A term named after its explanation: "the written procedure for this alert (our runbook)".
_NAMED_IN_BRACKETS = re.compile(
    r"(?:our|the|an?)\s+[\"“‘']?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)[\"”’']?"
)
# "IaC: Infrastructure as Code", "USE method: utilisation, saturation, errors".
_COLON_DEFINITION = re.compile(
    r"\b([A-Za-z][A-Za-z0-9&]{1,11})(?:\s+[a-z]+)?:\s+([A-Za-z][^.;:()]{3,120})"
)
# "Border Gateway Protocol, or BGP,": the expansion comes first.
_OR_ABBREVIATION = re.compile(r",?\s+or\s+([A-Z][A-Za-z0-9&]{1,11})\b")
# "BGP stands for ...", "TTL means ...", "the WAF is short for ...".
_STANDS_FOR = re.compile(
    r"\b([A-Z][A-Za-z0-9&]{1,11})\s+(?:stands\s+for|is\s+short\s+for|means|refers\s+to)\b"
)
_ABBREVIATION = re.compile(r"[A-Za-z][A-Za-z0-9&-]{1,15}")
_EXPANSION_THEN_ABBREVIATION = re.compile(
    r"([A-Za-z][\w -]+?),?\s+(?:or\s+)?([A-Z][A-Za-z0-9&]{1,11})"
)
_WORD = re.compile(r"[\w'-]+")


@dataclass
class Definitions:
    at: dict[str, int] = field(default_factory=dict)  # folded term -> offset it is plain from
    regions: list[tuple[int, int]] = field(default_factory=list)  # defining text: never flagged

    def add(self, term: str, offset: int) -> None:
        key = _fold(term)
        if key and (key not in self.at or offset < self.at[key]):
            self.at[key] = offset

    def covers(self, term: str, offset: int) -> bool:
        key = _fold(term)
        for candidate in (key, key[:-1] if key.endswith("s") else None):
            if candidate and candidate in self.at and self.at[candidate] <= offset:
                return True
        return False


def _fold(term: str) -> str:
    return " ".join(term.casefold().split())


def definitions(context: DocContext) -> Definitions:
    """Every term the document defines, and where (computed once per document)."""
    found = context.state.get("jargon.definitions")
    if found is not None:
        return found
    found = Definitions()
    for index, (block, _doc) in enumerate(context.pairs()):
        text = block.text  # the Doc's text, without joining its tokens again
        readers = [read for may_define, read in _READERS if may_define(text)]
        if not readers:
            continue  # most blocks define nothing, and need not be cut into sentences
        for sent in context.sentences(index):
            base = block.start + sent.start_char
            for read in readers:
                read(text[sent.start_char : sent.end_char], base, found)
    context.state["jargon.definitions"] = found
    return found


# Each reader records what one sentence defines; ``base`` is the sentence's source
# offset. The order they run in does not matter: a term is plain from its earliest
# definition, and the defining regions are a set.


def _read_parentheses(text: str, base: int, found: Definitions) -> None:
    for m in _PARENTHESIS.finditer(text):
        inner = m.group(1)
        before = list(_WORD.finditer(text[: m.start()]))[-7:]
        if _ABBREVIATION.fullmatch(inner) and not inner.islower():
            # "electronic health record (EHR)": the abbreviation is plain from here on,
            # and so is its expansion when the initials spell it.
            found.add(inner, base)
            if inner.endswith("s") and inner[:-1].isupper():
                found.add(inner[:-1], base)  # "networks (CDNs)" defines one CDN too
            if spelled := _spelled_by(inner, before):
                _define_phrase(found, before[-spelled:], base, base + m.end())
        elif (listed := _EXPANSION_THEN_ABBREVIATION.fullmatch(inner)) and _spells(
            listed.group(2), listed.group(1)
        ):
            # "(single sign-on, SSO)": the abbreviation is plain from here on
            found.add(listed.group(2), base)
            found.regions.append((base + m.start(), base + m.end()))
        elif (labelled := _ABBREVIATION_THEN_GLOSS.match(inner)) and _spelled_by(
            labelled.group(1), before
        ):
            # "identity provider (IdP: the company that checks passwords)"
            found.add(labelled.group(1), base)
            found.regions.append((base + m.start(), base + m.end()))
        elif before and (_EXPLANATION.match(inner) or _spells(before[-1].group(), inner)):
            # "the gateway (the service that ...)", "CDN (content delivery network)"
            _define_phrase(found, before[-3:], base, base + m.end())
        elif len(before) >= 3 and (named := _NAMED_IN_BRACKETS.fullmatch(inner)):
            # "followed the written procedure for this alert (our runbook)": the words
            # before say what the name in brackets is
            found.add(named.group(1), base)
            found.regions.append((base + m.start(), base + m.end()))


def _read_explained_after(text: str, base: int, found: Definitions) -> None:
    for m in _EXPLAINED_AFTER.finditer(text):
        before = list(_WORD.finditer(text[: m.start()]))[-3:]
        if before:
            _define_phrase(found, before, base, base + m.end())


def _read_or_abbreviation(text: str, base: int, found: Definitions) -> None:
    for m in _OR_ABBREVIATION.finditer(text):
        before = list(_WORD.finditer(text[: m.start()]))[-7:]
        if spelled := _spelled_by(m.group(1), before):
            found.add(m.group(1), base)
            _define_phrase(found, before[-spelled:], base, base + m.end())


def _read_stands_for(text: str, base: int, found: Definitions) -> None:
    for m in _STANDS_FOR.finditer(text):
        found.add(m.group(1), base)
        found.regions.append((base + m.start(), base + m.end()))


def _read_colon_definition(text: str, base: int, found: Definitions) -> None:
    for m in _COLON_DEFINITION.finditer(text):
        if _spells(m.group(1), m.group(2)):
            found.add(m.group(1), base)
            found.regions.append((base + m.start(), base + m.end()))


# Tests of a block's text that pass wherever a reader's regex could find something
# in one of the block's sentences: substring checks, far cheaper than the regexes.
# Most blocks fail them all and are never cut into sentences.
_OR_WORD = re.compile(r"\sor\s")
_COLON_SPACE = re.compile(r":\s")


def _may_explain_after(text: str) -> bool:
    """Whether _EXPLAINED_AFTER could match: its words, as plain substrings."""
    return ("," in text or "-" in text or "–" in text or "—" in text) and any(
        word in text for word in _EXPLAINING_WORDS
    )


_EXPLAINING_WORDS = ("that", "which", "who", "where", "i.e.", "meaning", *_KINDS_OF_THING)


def _may_say_stands_for(text: str) -> bool:
    return "stands" in text or "short" in text or "means" in text or "refers" in text


_READERS: list[tuple[Callable[[str], bool], Callable[[str, int, Definitions], None]]] = [
    (lambda text: "(" in text, _read_parentheses),
    (_may_explain_after, _read_explained_after),
    (lambda text: "or" in text and _OR_WORD.search(text) is not None, _read_or_abbreviation),
    (_may_say_stands_for, _read_stands_for),
    (lambda text: ":" in text and _COLON_SPACE.search(text) is not None, _read_colon_definition),
]


def _define_phrase(found: Definitions, words: list[re.Match], base: int, end: int) -> None:
    """Define the phrase and its last words ("delivery network", "network"), and
    an abbreviation that names the kind ("DICOM files, the standard file format ...")."""
    parts = [w.group() for w in words]
    for i in range(len(parts)):
        found.add(" ".join(parts[i:]), base)
    if len(parts) >= 2 and parts[-2].isupper() and len(parts[-2]) >= 2:
        found.add(parts[-2], base)
    found.regions.append((base + words[0].start(), end))


def _spelled_by(abbreviation: str, before: list[re.Match]) -> int:
    """How many of the last words before the abbreviation spell it ("content
    delivery network" for "CDN"): the fewest that do, or 0."""
    words = [w.group() for w in before]
    return next((k for k in range(1, len(words) + 1) if _spells(abbreviation, words[-k:])), 0)


def _spells(abbreviation: str, expansion: str | list[str]) -> bool:
    """The abbreviation's capitals are the expansion's initials, in order, from its first word.

    "EHR" / "electronic health record", "IaC" / "Infrastructure as Code",
    "MFA" / "multi-factor authentication".
    """
    letters = [c for c in abbreviation if c.isupper()]
    if len(letters) < 2:
        return False
    text = expansion if isinstance(expansion, str) else " ".join(expansion)
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z]+", text)]
    if not initials or initials[0] != letters[0]:
        return False
    rest = iter(initials)
    return all(letter in rest for letter in letters)


@condition("defined-on-first-use")
def defined_on_first_use(match: Match) -> bool:
    defs = definitions(match.context)
    if not defs.at and not defs.regions:
        return False  # most documents define nothing
    start, end = match.start, match.end
    if any(a <= start and end <= b for a, b in defs.regions):
        return True
    return any(defs.covers(text, start) for text in _names(match))


@condition("in-glossary")
def in_glossary(match: Match) -> bool:
    config = match.config
    if not config.glossary:
        return False
    return any(
        config.knows(text) or (text.endswith("s") and config.knows(text[:-1]))
        for text in _names(match)
    )


@condition("allowed")
def allowed(match: Match) -> bool:
    """The matched text is in the rule's ``options.allow`` list (exact case)."""
    allow = _option_set(match, "allow")
    return any(text in allow or (text[-1:] == "s" and text[:-1] in allow) for text in _names(match))


def _names(match: Match) -> tuple[str, ...]:
    """The matched text, and for "DNS-level" or "Redis-backed" also the word in front."""
    text = _matched_text(match)
    head = text.split("-", 1)[0]
    return (text, head) if head != text and len(head) >= 2 else (text,)


def _matched_text(match: Match) -> str:
    """``match.span.text``, cut from the block's text: Span.text builds a Token per word."""
    span = match.span
    return match.block.text[span.start_char : span.end_char]


def _option_set(match: Match, key: str) -> frozenset[str]:
    return _word_set(match.rule, key)


@lru_cache(maxsize=128)
def _word_set(rule: Rule, key: str) -> frozenset[str]:
    """A word list from the rule's options, as a set (rules hash by identity)."""
    return frozenset(rule.options.get(key, ()))


# ------------------------------------------------------------ capitals that are not acronyms

# Financial periods, clock times, Roman numerals and incident severities:
# "FY24", "10AM", "Phase III", "SEV1".
_NUMBER_LIKE = re.compile(r"(?:FY|CY|Q[1-4]|H[12])'?\d{2,4}|\d{1,2}(?:AM|PM)|[IVX]{3,5}|SEV\d")
# What comes before a time zone: "14:00", "9am", "9 a.m.".
_CLOCK_TIME = re.compile(r"\d{1,2}[:.h]\d{2}|\d{1,2}(?:am|pm)|am|pm|a\.m\.|p\.m\.")
# A sign-off line: "— Priya, SRE lead", "-- Tom (VP Eng)".
_SIGN_OFF = re.compile(r"^\s*(?:[—–]|--?)\s*[A-Z]")
_CLOSINGS = re.compile(
    r"^\s*(?:thanks|thank you|best|regards|kind regards|best regards|cheers)\b[\s,.!]*$", re.I
)


@condition("plain-capitals")
def plain_capitals(match: Match) -> bool:
    """Capitals that are not an abbreviation: emphasis, headings, initials, time zones, IDs."""
    span = match.span
    text = _names(match)[-1]  # "DNS" for "DNS-level"
    bare = text[:-1] if len(text) > 3 and text.endswith("s") else text
    if _is_plain_word(match, bare) or _NUMBER_LIKE.fullmatch(text):
        return True
    if text in _option_set(match, "airports"):
        return True
    if _is_long_word(bare):
        return True  # "SERIOUS", "IMMEDIATELY": long and pronounceable, a word in capitals
    # The words around, as strings: each doc[i] would build a Token object.
    before = match.context.lowers(match.block_index)[span.start - 1] if span.start > 0 else ""
    if _CLOCK_TIME.fullmatch(before):
        return True  # "14:00 ET": a time zone
    after = match.context.texts(match.block_index)[span.end : span.end + 2]
    if len(after) == 2 and after[0] == "-" and after[1].isdigit():
        return True  # "INC-4411": a ticket number, not a term
    if after and after[0] in _option_set(match, "org_words"):
        return True  # "TSB Bank", "ACME Group": the name of an organisation
    if text in _option_set(match, "company_suffixes") and span.start > 0:
        name = match.context.texts(match.block_index)[span.start - 1]
        stop = match.context.column(match.block_index, "IS_STOP")[span.start - 1]
        if name[:1].isupper() and not name.isupper() and not stop:
            return True  # "Barclays PLC", not "The PLC"
    if _in_list_of_initials(match) or _is_owner(match):
        return True
    if len(text) == 2 and _after_a_place_name(match):
        return True  # "Phoenix, AZ": a state in an address, not an availability zone
    if len(bare) >= 4 and _VOWELS.search(bare) and _in_capitals_run(match):
        return True  # "CARD PAYMENTS OUTAGE": a heading or a shout
    return _in_sign_off(match)


_VOWELS = re.compile(r"[AEIOUY]")


def _after_a_place_name(match: Match) -> bool:
    """Right after a capitalised word and a comma, as a region follows its town."""
    start = match.span.start
    texts = match.context.texts(match.block_index)
    if start < 2 or texts[start - 1] != ",":
        return False
    town = texts[start - 2]
    return town[:1].isupper() and town[1:].islower()


def _is_long_word(text: str) -> bool:
    """A word in capitals ("SERIOUS"), not a long abbreviation ("DICOM", "SCADA")."""
    return (
        text.isalpha()
        and len(text) >= 5
        and len(_VOWELS.findall(text)) >= 2
        and known_word(text.lower())
    )


def _in_list_of_initials(match: Match) -> bool:
    """ "RF, PW, AN" or "Attendees: JDS, MKR": the sentence (after its label) is only initials."""
    sent = match.sent
    texts = match.context.texts(match.block_index)
    colons = [i for i in range(sent.start, match.span.start) if texts[i] == ":"]
    start = colons[-1] + 1 if colons else sent.start
    words = [w for w in texts[start : sent.end] if w.isalnum()]  # letters or digits
    return len(words) >= 2 and all(w.isupper() and len(w) <= 3 for w in words)


# Labels before a person's initials in notes: "Owner: JDS", "owner MRT".
_OWNER_LABELS = frozenset(["owner", "owners", "assignee", "cc"])


def _is_owner(match: Match) -> bool:
    """Initials of a person in notes: "JDS to call the vendor", "Owner: JDS"."""
    span = match.span
    if span.end_char - span.start_char > 3:
        return False
    lowers = match.context.lowers(match.block_index)
    before = [i for i in range(match.sent.start, span.start) if lowers[i] != ":"]
    after = lowers[span.end : span.end + 2]
    # An action item: "JDS to call the vendor" (not "DNS to be moved"). The words
    # after are tested first: is_punct needs a Token object per word before.
    action = after[:1] == ["to"] and after[1:] != ["be"]
    if action and all(match.doc[i].is_punct for i in before):
        return True
    return bool(before) and lowers[before[-1]] in _OWNER_LABELS


def _in_capitals_run(match: Match) -> bool:
    """A neighbouring word (punctuation between is fine) is a word in capitals ("OUTAGE")."""
    span, sent = match.span, match.sent
    texts = match.context.texts(match.block_index)
    for step, start in ((-1, span.start - 1), (1, span.end)):
        i = start
        while sent.start <= i < sent.end and not texts[i].isalpha():
            if texts[i].isdigit():
                break
            i += step
        if sent.start <= i < sent.end and texts[i].isupper() and len(texts[i]) > 1:
            word = texts[i]
            if _is_long_word(word) or _is_plain_word(match, word):
                return True
    return False


def _is_plain_word(match: Match, text: str) -> bool:
    return text.lower() in STOP_WORDS or text in _option_set(match, "plain_words")


def _in_a_list(match: Match) -> bool:
    """The match is in a list item with another item next to it."""
    blocks, i = match.context.document.blocks, match.block_index
    if blocks[i].kind != "list_item":
        return False
    return any(0 <= j < len(blocks) and blocks[j].kind == "list_item" for j in (i - 1, i + 1))


def _in_sign_off(match: Match) -> bool:
    """A short sign-off line: a dash and a name, or up to three short lines after "Thanks,"."""
    index = match.context.document.index
    line, _ = index.line_col(match.start)
    text = index.line_text(line)
    if len(text.split()) > 12:
        return False
    if _SIGN_OFF.match(text):
        # "— Sam" or "- Sam" alone; not an item of a list: "- DLQ monitoring TBD"
        return not _in_a_list(match)
    for above in range(line - 1, max(0, line - 4), -1):
        previous = index.line_text(above)
        if _CLOSINGS.match(previous):
            return True
        if not previous.strip() or len(previous.split()) > 8:
            return False
    return False


# ------------------------------------------------------------ identifiers from code

_LOWER_CAMEL = re.compile(r"[a-z]{2,}[A-Z]")  # maxRetries
_LOWER_PREFIXED_CAPS = re.compile(r"[a-z][A-Z]{2,}")  # mTLS, gRPC
_CAPS_THEN_LOWER = re.compile(r"[A-Z]{2,}[a-z]")  # OAuth, OOMKilled, DDoS
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # CEOs, KPIs: not code
_WORD_THEN_CAPS = re.compile(r"[A-Z][a-z]+[A-Z]{2,}[a-z]*")  # MongoDB, PostgreSQL, RabbitMQ
_SHORT_HUMP = re.compile(r"[A-Z][a-z]{1,2}([A-Z].*)")  # NaN, IaC, and also McDonald, DevOps
_HUMP = re.compile(r"[A-Z][a-z0-9]+")


@condition("code-identifier")
def code_identifier(match: Match) -> bool:
    """The mixed-case word is written the way code names things, not a brand or a surname."""
    text = match.span.text
    if _PLURAL_ACRONYM.fullmatch(text):
        return False
    if _LOWER_CAMEL.match(text) or _LOWER_PREFIXED_CAPS.match(text):
        return True
    if _CAPS_THEN_LOWER.match(text) or _WORD_THEN_CAPS.fullmatch(text):
        return True
    short = _SHORT_HUMP.fullmatch(text)
    if short and not re.fullmatch(r"[A-Z][a-z]{2,}", short.group(1)):
        return True  # "NaN", "IaC": an abbreviation in mixed case
    # A version or instance number at the end does not change the name: "QuoteEngine2".
    humps = _HUMP.findall(text.rstrip("0123456789"))
    if "".join(humps) == text.rstrip("0123456789") and len(humps) >= 2:
        # CamelCase: three parts is code ("CrashLoopBackOff"); two parts is code
        # only with a technical part ("ConfigMap"), else a brand or a name
        # ("PayPal", "McDonald"), as it is when a capitalised word or "app"
        # follows ("SeatStream Solutions", "DevSummit Lisbon", "the FitKey app").
        if len(humps) >= 3:
            return True
        return _has_tech_part(match, humps) and not _followed_by_a_name(match)
    return False


_TITLE_WORD = re.compile(r"[A-Z][a-z]+")


def _followed_by_a_name(match: Match) -> bool:
    """ "DevSummit Lisbon", "the FitKey app": the name of a product or an event."""
    end = match.span.end
    if end >= len(match.doc):
        return False
    after = match.doc[end].text
    return _TITLE_WORD.fullmatch(after) is not None or after.lower() in ("app", "apps")


def _has_tech_part(match: Match, humps: list[str]) -> bool:
    parts = _option_set(match, "tech_parts")
    return any(h.lower() in parts for h in humps)


# ------------------------------------------------------------ plain senses of ambiguous words


@condition("plain-sense")
def plain_sense(match: Match) -> bool:
    """The word is used in its everyday sense: "we commit to", "backfill the role".

    ``options.plain`` lists matches that are always plain ("master key").
    ``options.plain_context`` maps a word to the words that show its plain sense:
    ``before`` (the word just before), ``after`` (just after), ``near`` (among the
    next three). Without an entry, ``options.plain_before`` applies to every match.
    """
    span = match.span
    options = match.rule.options
    text = _matched_text(match).lower()
    if text in _option_set(match, "plain"):
        return True
    context = options.get("plain_context", {}).get(text)
    if context is None:
        context = {"before": options.get("plain_before", ())}
    lowers = match.context.lowers(match.block_index)
    before = lowers[span.start - 1] if span.start > 0 else ""
    following = lowers[span.end : span.end + 3]
    return (
        before in context.get("before", ())
        or (bool(following) and following[0] in context.get("after", ()))
        or any(word in context.get("near", ()) for word in following)
    )


@condition("names-a-component")
def names_a_component(match: Match) -> bool:
    """The next word is a part of a system ("job", "queue"), so the word before names one."""
    end = match.span.end
    lowers = match.context.lowers(match.block_index)
    return end < len(lowers) and lowers[end] in _option_set(match, "heads")


@condition("plain-compound")
def plain_compound(match: Match) -> bool:
    """A hyphenated everyday word that merely ends like a system name."""
    # the hyphenated word, without a head noun after it
    text = match.context.texts(match.block_index)[match.span.start].casefold()
    if text in _option_set(match, "plain") or text.rstrip("s") in _option_set(match, "plain"):
        return True
    parts = text.split("-")
    return len(parts) == 2 and parts[0] in _option_set(match, "plain_prefixes")
