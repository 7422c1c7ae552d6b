"""jargon: terms and acronyms an executive reader would not know.

A term is plain once the text defines it ("our content delivery network (CDN)",
"the gateway (the service that passes card details to the banks)"), and any
term in the team glossary is plain from the start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    allow = match.rule.options.get("allow", ())
    text = match.span.text
    return text in allow or (text.endswith("s") and text[:-1] in allow)
