"""jargon: terms and acronyms an executive reader would not know.

A term is plain once the text defines it ("our content delivery network (CDN)",
"the gateway (the service that passes card details to the banks)"), and any
term in the team glossary is plain from the start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from briefcheck.checks.registry import condition
from briefcheck.context import DocContext, Match

# "content delivery network (CDN)": the parenthesis names the acronym.
_ACRONYM_AFTER = re.compile(
    r"([A-Za-z][\w'-]*(?:\s+[\w'-]+){0,6}?)\s*\(\s*([A-Za-z][A-Za-z0-9-]{1,15})\s*\)"
)
# "CDN (content delivery network)", "gateway (the service that ...)", "TTL, i.e. ...":
# the words before are explained by what follows.
_EXPLAINED_BY = re.compile(
    r"([\w'-]+(?:\s+[\w'-]+){0,2})\s*"
    r"(?:\(\s*[^()]{3,}?\)|,\s*(?:which\s+(?:is|are|means)|i\.e\.|meaning|that\s+is)\b|\s[-–—]\s(?:the|a|an)\s)"
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
    for block, doc in context.pairs():
        for sent in doc.sents:
            text = sent.text
            base = block.start + sent.start_char
            for m in _ACRONYM_AFTER.finditer(text):
                found.add(m.group(2), base)
                # The expansion's last words: "network" and "delivery network"
                for phrase in _suffixes(m.group(1)):
                    found.add(phrase, base)
                found.regions.append((base + m.start(), base + m.end()))
            for m in _EXPLAINED_BY.finditer(text):
                for phrase in _suffixes(m.group(1)):
                    found.add(phrase, base)
                found.regions.append((base + m.start(), base + m.end()))
    context.state["jargon.definitions"] = found
    return found


def _suffixes(phrase: str) -> list[str]:
    parts = _WORD.findall(phrase)
    return [" ".join(parts[i:]) for i in range(max(0, len(parts) - 4), len(parts))]


@condition("defined-on-first-use")
def defined_on_first_use(match: Match) -> bool:
    defs = definitions(match.context)
    if any(a <= match.start and match.end <= b for a, b in defs.regions):
        return True
    return defs.covers(match.span.text, match.start)


@condition("in-glossary")
def in_glossary(match: Match) -> bool:
    text = match.span.text
    config = match.config
    return config.knows(text) or (text.endswith("s") and config.knows(text[:-1]))


@condition("allowed")
def allowed(match: Match) -> bool:
    """The matched text is in the rule's ``options.allow`` list (exact case)."""
    allow = _option_set(match, "allow")
    text = match.span.text
    return text in allow or (text.endswith("s") and text[:-1] in allow)


def _option_set(match: Match, key: str) -> frozenset[str]:
    return _frozen(match.rule.id, key, tuple(match.rule.options.get(key, ())))


@lru_cache(maxsize=64)
def _frozen(rule_id: str, key: str, items: tuple[str, ...]) -> frozenset[str]:
    return frozenset(items)


# ------------------------------------------------------------ capitals that are not acronyms

# Financial periods and clock times: "FY24", "Q3", "10AM".
_PERIOD_OR_TIME = re.compile(r"(?:FY|CY|Q[1-4]|H[12])'?\d{2,4}|\d{1,2}(?:AM|PM)")
# What comes before a time zone: "14:00", "9am", "9 a.m.".
_CLOCK_TIME = re.compile(r"\d{1,2}[:.h]\d{2}|\d{1,2}(?:am|pm)|am|pm|a\.m\.|p\.m\.")
# A sign-off line: "— Priya, SRE lead", "-- Tom (VP Eng)".
_SIGN_OFF = re.compile(r"^\s*(?:[—–]|--?)\s*[A-Z]")
_CLOSINGS = re.compile(
    r"^\s*(?:thanks|thank you|best|regards|kind regards|best regards|cheers)\b[\s,.!]*$", re.I
)


@condition("plain-capitals")
def plain_capitals(match: Match) -> bool:
    """Capitals that are not an abbreviation: emphasis, headings, initials, time zones."""
    span = match.span
    text = span.text
    bare = text[:-1] if len(text) > 3 and text.endswith("s") else text
    if _is_plain_word(match, bare) or _PERIOD_OR_TIME.fullmatch(text):
        return True
    before = match.doc[span.start - 1] if span.start > 0 else None
    if before is not None and _CLOCK_TIME.fullmatch(before.lower_):
        return True  # "14:00 ET": a time zone
    words = [t for t in span.sent if t.is_alpha or t.text.isalnum()]
    if len(words) >= 2 and all(t.text.isupper() for t in words):
        # A sentence in capitals: a list of initials ("RF, PW, AN"), or a shouted
        # heading whose long words are words ("OUTAGE RECOVERY PLAN").
        if all(len(t) <= 3 for t in words):
            return True
        if len(bare) >= 5 and any(_is_plain_word(match, t.text) for t in words):
            return True
    return _in_sign_off(match)


def _is_plain_word(match: Match, text: str) -> bool:
    return text.lower() in STOP_WORDS or text in _option_set(match, "plain_words")


def _in_sign_off(match: Match) -> bool:
    """The line is a short sign-off: a dash and a name, or the line after "Thanks,"."""
    document = match.context.document
    index = document.index
    line, _ = index.line_col(match.start)
    text = index.line_text(line)
    if len(text.split()) > 12:
        return False
    if _SIGN_OFF.match(text):
        return True
    return line > 1 and bool(_CLOSINGS.match(index.line_text(line - 1)))


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
    humps = _HUMP.findall(text)
    if "".join(humps) == text and len(humps) >= 2:
        # CamelCase: three parts is code ("CrashLoopBackOff"); two parts is code
        # only with a technical part ("ConfigMap"), else a brand or a name
        # ("PayPal", "McDonald").
        return len(humps) >= 3 or _has_tech_part(match, humps)
    return False


def _has_tech_part(match: Match, humps: list[str]) -> bool:
    parts = _option_set(match, "tech_parts")
    return any(h.lower() in parts for h in humps)


# ------------------------------------------------------------ plain senses of ambiguous words


@condition("plain-sense")
def plain_sense(match: Match) -> bool:
    """The word is used in its everyday sense: "we commit to", "staging the launch"."""
    doc, span = match.doc, match.span
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in _option_set(match, "plain_before") or after in _option_set(
        match, "plain_after"
    )


@condition("plain-compound")
def plain_compound(match: Match) -> bool:
    """A hyphenated everyday word that merely ends like a system name."""
    text = match.span.text.casefold()
    if text in _option_set(match, "plain") or text.rstrip("s") in _option_set(match, "plain"):
        return True
    parts = text.split("-")
    return len(parts) == 2 and parts[0] in _option_set(match, "plain_prefixes")
