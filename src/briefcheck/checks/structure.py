"""structure: the parts a brief must carry, judged by content, not by headings.

A brief answers seven questions (ANNOTATION.md, section structure): impact,
cause, mitigation, fix, risk, updates, ask. A part is present when a sentence
carries its content: an impact sentence has a figure, a cause says when it will
be confirmed, a fix and an update promise have a time. Headings and lead-in
labels ("**Cause.**", "*Next update:*") are hints only: they say which part the
sentences under them are meant to be, which loosens the cue a sentence needs,
and they are where a finding is placed. A heading whose content is missing does
not make the part present.

The words each part listens for (its heading hints and content cues) are data
in rules/structure.yml, under each rule's ``options``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from briefcheck.checks.figures import has_figure
from briefcheck.checks.registry import detector
from briefcheck.checks.timeline import has_concrete_time
from briefcheck.context import Candidate, DocContext
from briefcheck.document import Block
from briefcheck.rulepack import Rule, load_ruleset

if TYPE_CHECKING:
    from spacy.tokens import Span

PARTS = ("impact", "cause", "mitigation", "fix", "risk", "updates", "ask")

# The time a message carries about itself ("Posted 15 March, 09:05", "Updated at
# 14:20 UTC"): it says when this was written, not when anything will happen.
_STAMP_WORD = (
    r"(?:\d{1,2}[:.]\d{2}|\d{1,4}(?:st|nd|rd|th)?|utc|gmt|bst|cet|cest|et|pt|am|pm"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)"
)
_STAMP_TIMES = rf"(?:\s+(?:at|on))?:?(?:[\s,]+{_STAMP_WORD}\b)+"
_STAMP = rf"(?:posted|updated|published|issued){_STAMP_TIMES}"
# Inside a text, only a capitalised stamp ("... service update Posted 09:10 GMT", a
# line run on) or one after punctuation ("(updated 14:20 UTC)") is one: "we updated
# the config at 14:00" says what was done.
_STAMP_INSIDE = (
    rf"(?:(?-i:Posted|Updated|Published|Issued)|(?<![\w,]\s)(?<![\w,])"
    rf"(?:posted|updated|published|issued)){_STAMP_TIMES}"
)
_STAMP_START = re.compile(rf"(?i){_STAMP}")
# Numbers that are names, not figures or times: versions ("8.14", "1.8.2 patch"),
# status codes ("502 errors", "5xx"), identifiers ("INC-4471", "p99", "k8s").
# (The word start is tested once for all the alternatives that need one:
# Python's re would otherwise test it once for each, at every character.)
_NOT_NUMBERS = re.compile(
    r"(?ix)\b(?:"
    r"(?:v|version|release|patch|build|update|app)\s*\d+(?:\.\d+)+[a-z]?\b"
    r"|\d+(?:\.\d+){2,}\b"
    r"|\d+\.\d+(?=\s+(?:patch|release|update|build|version|app|client)\b)"
    r"|http\s*[1-5]\d\d\b|[1-5]\d\ds?(?=\s*(?:errors?|responses?|status|codes?)\b)"
    r"|[1-5]\d\ds\b|[1-5]xxs?\b|code\s+\d+\b"
    r"|(?!q[1-4]\b)[a-z]++[-_]?\d[\w-]*"  # (a letter given back is no digit: possessive)
    r"|[2-5][dg]\b"  # "3D scans", "5G": names, not counts
    # "3DS", "2FA": a digit that starts a name, not a unit ("3rd", "10am", "5mins")
    r"|\d(?!(?:st|nd|rd|th|am|pm|mins?|hrs?|km|kg|ms|gb|mb|tb|kb|secs?|bn|days?|weeks?"
    r"|hours?|months?|years?)\b)[a-z]{2,}\b"
    r"|one\s+(?:by\s+one|at\s+a\s+time|after\s+another)\b"  # a manner, not a count
    r"|quick\s+one\b"  # "Quick one on the booking problem": a message, not a count
    rf"|{_STAMP_INSIDE}"  # when this message was written: "Posted 09:10 GMT, Friday"
    # a chat message's header, its writer in bold and its time: "**Tom Reyes** 09:52"
    # (the bold markers are blanked to spaces, hence two or more), or its writer and
    # role: "Dana Whitfield (CEO) 10:55"; not a day's
    r"|^(?!(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|today\b|tomorrow\b)"
    r"(?-i:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3})"
    r"(?:(?:\s\([^)]{1,30}\))?\s{2,}|\s\([^)]{1,30}\)\s+)\d{1,2}[:.]\d{2}\b"
    r")|\#\d+"
)
# "More in an hour", "more at 15:00": the next update, its words dropped.
_MORE_AT = re.compile(r"\s*more\s+(?:in|at|by|around)\b")
# A cadence is a promise of updates even without a clock time.
_CADENCE = re.compile(
    r"(?ix)\b(?:every\s+(?:\d+\s+|few\s+|other\s+|single\s+)?(?:min(?:ute)?s?|hours?|days?|"
    r"mornings?|evenings?|week(?:day)?s?|shifts?)\b"
    r"|(?:hourly|daily|twice\s+a\s+day|on\s+the\s+hour)\b"
    r"|within\s+the\s+(?:next\s+)?hour\b|top\s+of\s+the\s+hour\b)"
)
# A line may start with a list marker, or a bullet or emoji typed as text ("• ", "🔴 ").
_MARKER = r"(?:[-*+]\s+|\d+[.)]\s+|[^\w\s*_]{1,3}\s*)?"
# A line that is only emphasis ("**What members are seeing**") acts as a heading.
_EMPHASIS_LINE = re.compile(rf"^\s*{_MARKER}(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1\s*$")
# A lead-in label at the start of a line: "Cause:", "**Cause.**", "*Next update:*".
# (The label's characters are taken possessively: none of them is ":" or ".", so
# trying each shorter label first, as a lazy one would, only costs time. The
# label then keeps any spaces before the colon, which are cut off when it is read.)
_LEAD_IN = re.compile(r"^\s*(?:[^\w\s]{1,3}\s*)?([^\W\d_][\w'’()/& -]{0,48}+)\s*([:.])(?=\s|$)")
# A question at the start of a line, with its answer after it on the line.
_QUESTION_LEAD = re.compile(r"^\s*(?:[^\w\s]{1,3}\s*)?([A-Z][^?\n]{2,80}\?)(?=\s+\S)")
_EMPHASIS_START = re.compile(rf"^\s*{_MARKER}(?:\*\*|__|\*|_)")
_MAX_LABEL_WORDS = 6
# The number of a numbered heading: "4. " in "## 4. What is the permanent fix?"
_SECTION_NUMBER = re.compile(r"^\d{1,2}[.)]\s+")
_TRAILING_DEADLINE = re.compile(r"(?i)\s+(?:by|before|until)\s+\S*\d.*$")
_MAX_QUESTION_WORDS = 10  # a question heading says more: "What is the permanent fix?"
# A lead-in that opens with a determiner and has a verb is a statement before its
# colon, not a label: "The cause is confirmed:", "The fix depends on the cause:",
# not "What is happening:".
_STATEMENT = re.compile(
    r"(?i)(?:the|our|this|that|a|an)\b.*\b(?:is|are|was|were|depends|will|has|needs|looks|seems)\b"
)
# How many words from a figure an impact word may stand: "About 2,400 ticket
# purchases were declined" puts "declined" four words after the figure.
_IMPACT_REACH = 8
_FEW = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten)"
# Counts of people working on the incident are not figures of impact, nor are
# counts of the system's own parts: "went down on two pods".
_RESPONDERS = re.compile(
    rf"(?i)\b{_FEW}\s+(?:extra\s+|more\s+|additional\s+)?"
    r"(?:engineers|developers|responders|people\s+(?:on|working|joined)|team\s+members|"
    r"members\s+of\s+staff|specialists|contractors)\b"
    rf"|\b(?:{_FEW}|both)\s+(?:of\s+(?:our|the)\s+)?"
    r"(?:[\w-]+\s+)?(?:pods|servers|nodes|instances|replicas|hosts|containers|shards|clusters|"
    r"brokers|workers|databases|machines|load\s+balancers)\b"
    # the effort spent, not the harm done: "we spent 3 hours tracing it"
    r"|\bspent\s+(?:about\s+|over\s+|nearly\s+)?\d[\w\s,.]{0,24}?\s(?:tracing|investigating|"
    r"looking|debugging|reviewing|on\s+(?:it|this))\b"
)
_CONTRACTION = re.compile(r"(\w)('ll|'d|'re|'ve|'s|'m|n't)\b")
_TRAILING_APOSTROPHE = re.compile(r"(?<=\w)'(?!\w)")
# Words as typed on a phone, read as the cue lists spell them.
_CHAT_SPELLINGS = {"u": "you", "ur": "your", "pls": "please", "plz": "please", "thx": "thanks"}
_WORD = re.compile(r"[\w'%&/-]+")
_DIGIT = re.compile(r"\d")


def _words(text: str) -> list[str]:
    """The lower-cased words of ``text``, contractions split off ("can't" -> "ca", "n't")."""
    return _lowered_words(text.lower().replace("’", "'"))


def _lowered_words(text: str) -> list[str]:
    """_words of a text already lowered, with ’ as '."""
    if "'" in text:  # most sentences have no apostrophe: skip the search
        # ("three days' work" -> "days": a plural's apostrophe, or a closing quote)
        text = _CONTRACTION.sub(r"\1 \2", _TRAILING_APOSTROPHE.sub("", text))
    if "-wise" in text:  # "Fix-wise, ..." speaks of the fix: "fix wise"
        text = text.replace("-wise", " wise")
    words = _WORD.findall(text)
    if not _CHAT_SPELLINGS.keys().isdisjoint(words):  # "pls can u OK ...", typed on a phone
        words = [_CHAT_SPELLINGS.get(word, word) for word in words]
    return words


def normalise(text: str) -> str:
    """Lower-cased words separated by single spaces, contractions split off
    ("can't" -> "ca n't"), padded with a space on each side for whole-word search."""
    return " " + " ".join(_words(text)) + " "


@dataclass(frozen=True)
class Label:
    """A heading or lead-in that names a part (``part`` is None when it names none)."""

    start: int
    end: int
    part: str | None
    heading: bool  # a heading (or emphasis-only line) rules until the next heading


class _lazy:  # noqa: N801 (used as a decorator, like cached_property)
    """functools.cached_property without the lock it takes on Python 3.11, which
    costs more than most of the values it guards here."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class Sentence:
    """A sentence of the outline, or a piece of one cut at a label.

    Only ``text``, ``start`` and ``hint`` are known when it is made: the rest is
    worked out on first use, because each part's test stops at the first sentence
    that carries the part, so many sentences are never read.
    """

    def __init__(self, text: str, raw_body: str, start: int, hint: str | None) -> None:
        self.text = text
        self.raw_body = raw_body  # the text after a heading or lead-in label it starts with
        self.start = start  # source offset
        self.hint = hint  # the part its heading or lead-in names

    def __repr__(self) -> str:
        return f"Sentence({self.text!r}, start={self.start}, hint={self.hint!r})"

    @_lazy
    def _body_words(self) -> tuple[str, frozenset[str]]:
        found = _lowered_words(self.lowered)
        return " " + " ".join(found) + " ", frozenset(found)

    @_lazy
    def lowered(self) -> str:
        """The text after a label it starts with, lowered, with ’ as ': each word of
        body is part of it."""
        return self.raw_body.lower().replace("’", "'")

    @_lazy
    def lowered_text(self) -> str:
        """The text, lowered, with ’ as ': each word of norm is part of it."""
        if self.raw_body.strip() == self.text:  # no label: most sentences
            return self.lowered
        return self.text.lower().replace("’", "'")

    def may_hold(self, phrases: Phrases) -> bool:
        """False when body cannot hold one of the phrases (True says nothing)."""
        # Most sentences are asked about a few cue lists only, and most hold none of
        # a list's words: a look for them in the lowered text tells that sooner than
        # reading the sentence word by word, which is then left undone. Once it is
        # read, though, a look at its words is quicker still.
        return "_body_words" in self.__dict__ or phrases.may_be_in(self.lowered)

    def holds(self, phrases: Phrases) -> bool:
        """Whether body holds one of the phrases."""
        return self.may_hold(phrases) and phrases.found_in(self.body, self.words)

    @_lazy
    def body(self) -> str:
        """normalise(text after a heading or lead-in label it starts with)"""
        return self._body_words[0]

    @_lazy
    def words(self) -> frozenset[str]:
        """The words of body."""
        return self._body_words[1]

    @_lazy
    def _norm_words(self) -> tuple[str, frozenset[str]]:
        if self.raw_body.strip() == self.text:  # no label: most sentences
            return self._body_words
        found = _lowered_words(self.lowered_text)
        return " " + " ".join(found) + " ", frozenset(found)

    @_lazy
    def norm(self) -> str:
        """normalise(text), the label included."""
        return self._norm_words[0]

    @_lazy
    def norm_words(self) -> frozenset[str]:
        """The words of norm."""
        return self._norm_words[1]

    @_lazy
    def clean(self) -> str:
        """The text with version numbers, status codes and identifiers blanked."""
        # Each of those names holds a digit, or "one" ("one by one"): a text with
        # neither is already clean.
        text = self.text
        return _NOT_NUMBERS.sub(" ", text) if _DIGIT.search(text) or "one" in text else text

    @_lazy
    def concrete_time(self) -> bool:
        """Whether it names a time, a date, a day or a duration."""
        return has_concrete_time(self.clean)

    @_lazy
    def timed(self) -> bool:
        """Whether it names a time, a date, a duration or a cadence."""
        return self.concrete_time or _CADENCE.search(self.clean) is not None


@dataclass
class Outline:
    labels: list[Label]
    sentences: list[Sentence]

    def label_for(self, part: str) -> Label | None:
        return next((label for label in self.labels if label.part == part), None)


# ---------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Phrases:
    """A cue list (normalised phrases), ready for whole-word search in normalised text.

    A phrase can only be in a text whose words include its first word, so a
    text is searched only for the phrases whose first word it has.
    """

    words: frozenset[str]  # the one-word phrases
    longer: dict[str, tuple[str, ...]]  # first word -> the longer phrases, padded
    firsts: frozenset[str]  # the keys of longer
    # One word of each phrase (its longest), less those that hold another: a text
    # holds a phrase only if its lowered form holds one of these. None when one is
    # not ASCII, whose lowering may depend on the letters around it (final sigma).
    needles: tuple[str, ...] | None = None
    # Each phrase's words, longest first, or None as for needles: a text holds a
    # phrase only if its lowered form holds each of them. A stricter look than
    # needles, and a slower one: for a whole document, before its sentences.
    word_groups: tuple[tuple[str, ...], ...] | None = None
    # The needles as one pattern, for a list with many of them: see _needle_pattern.
    needle_pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Phrases:
        words: set[str] = set()
        longer: dict[str, list[str]] = {}
        longest: set[str] = set()
        groups: list[tuple[str, ...]] = []
        phrases = tuple(phrases)
        for phrase in phrases:
            first, space, _ = phrase.partition(" ")
            if not space:
                words.add(phrase)
            else:
                longer.setdefault(first, []).append(f" {phrase} ")
            longest.add(max(phrase.split(" "), key=len))
            groups.append(tuple(sorted(set(phrase.split(" ")), key=lambda w: (-len(w), w))))
        needles = tuple(sorted(n for n in longest if not any(m in n for m in longest - {n})))
        ascii_only = all(n.isascii() for n in needles) and all(p.isascii() for p in phrases)
        return cls(
            frozenset(words),
            {first: tuple(ps) for first, ps in longer.items()},
            frozenset(longer),
            needles if ascii_only else None,
            tuple(groups) if ascii_only else None,
            _needle_pattern(needles) if ascii_only and len(needles) > _FEW_NEEDLES else None,
        )

    def may_be_in(self, lowered: str) -> bool:
        """False when no text whose lowered form (with ’ as ') is part of ``lowered``
        can hold one of the phrases."""
        if self.needle_pattern is not None:
            return self.needle_pattern.search(lowered) is not None
        if self.needles is None:
            return True
        # A loop, not any() over a generator, which takes twice as long.
        for needle in self.needles:  # noqa: SIM110
            if needle in lowered:
                return True
        return False

    def may_all_be_in(self, lowered: str) -> bool:
        """Like may_be_in, but asks for each word of a phrase."""
        if self.word_groups is None:
            return True
        # A word missing from a long text takes a search of all of it: once for each.
        missing: set[str] = set()
        for group in self.word_groups:
            for word in group:
                if word in missing or word not in lowered:
                    missing.add(word)
                    break
            else:
                return True
        return False

    def found_in(self, text: str, words: frozenset[str]) -> bool:
        """Whether normalised ``text``, whose words are ``words``, holds a phrase."""
        if not self.words.isdisjoint(words):
            return True
        if self.firsts.isdisjoint(words):
            return False
        return any(p in text for first in self.firsts & words for p in self.longer[first])


# Up to this many needles, a substring test for each is as quick as one pattern.
_FEW_NEEDLES = 24


def _needle_pattern(needles: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of ``needles``, written as a tree of their letters
    ("ab|ac" as "a(?:b|c)"): Python's re tries the alternatives of a group one by
    one, so at each place in a text this tries a few first letters, not every
    needle. One search with it is much quicker than a substring test per needle."""
    tree: dict[str, dict] = {}
    for needle in needles:
        node = tree
        for char in needle:
            node = node.setdefault(char, {})
        node[""] = {}  # a needle ends here

    def written(node: dict[str, dict]) -> str:
        if not node:
            return ""
        alternatives = [re.escape(char) + written(rest) for char, rest in sorted(node.items())]
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    return re.compile(written(tree))


_NO_PHRASES = Phrases(frozenset(), {}, frozenset(), (), ())


class CueLists(dict[tuple[str, str], Phrases]):
    """(part, cue list name) -> the list; a list the pack leaves out has no phrases."""

    def __missing__(self, key: tuple[str, str]) -> Phrases:
        return _NO_PHRASES


@dataclass(frozen=True, eq=False)  # compared by identity, so classify can be cached
class Vocabulary:
    hints: dict[str, tuple[str, ...]]  # part -> heading phrases
    cues: dict[str, dict[str, tuple[str, ...]]]  # part -> cue list name -> phrases
    lists: CueLists  # the same lists, ready for search
    # first word -> (rank, padded hint phrase, its part): the longest phrase has
    # rank 0, and phrases of one length keep the pack's order
    ranked_hints: dict[str, list[tuple[int, str, str]]]

    # Briefs reuse a few heading names ("Impact", "Next update") over and over.
    @lru_cache(maxsize=4096)  # noqa: B019 (vocabularies are themselves cached: none leak)
    def classify(self, label: str) -> str | None:
        """The part a label names: the one whose longest hint phrase it contains."""
        text = normalise(label)
        found = [
            hint
            for word in set(text.split())
            for hint in self.ranked_hints.get(word, ())
            if hint[1] in text
        ]
        if not found:
            return None
        _, phrase, part = min(found)
        # "Service update", "Tram barriers update": the title of the whole message,
        # not the section that says when the next one comes.
        titles = self.cues.get(part, {}).get("title_words", ())
        if phrase.strip() in titles and not text.startswith(phrase):
            return None
        return part

    @lru_cache(maxsize=4096)  # noqa: B019 (as for classify)
    def names_exactly(self, label: str) -> str | None:
        """The part whose heading phrase the label is, word for word ("Cause.")."""
        if len(label.split()) > _MAX_LABEL_WORDS:
            return None  # no heading phrase is this long: skip normalising a sentence
        text = normalise(label).strip()
        return next((part for part, hints in self.hints.items() if text in hints), None)

    @lru_cache(maxsize=64)  # noqa: B019 (as for classify)
    def joined(self, part: str, *names: str) -> Phrases:
        """The part's cue lists ``names`` as one list."""
        lists = self.cues.get(part, {})
        return Phrases.of(phrase for name in names for phrase in lists.get(name, ()))


@lru_cache(maxsize=8)
def _vocabulary_for(rules: tuple[Rule, ...]) -> Vocabulary:
    hints: dict[str, tuple[str, ...]] = {}
    cues: dict[str, dict[str, tuple[str, ...]]] = {}
    for rule in rules:
        part = rule.options.get("part")
        if rule.detector != "missing-part" or part not in PARTS:
            continue
        hints[part] = tuple(normalise(str(h)).strip() for h in rule.options.get("hints", []))
        cues[part] = {
            name: tuple(normalise(str(v)).strip() for v in values)
            for name, values in rule.options.items()
            if isinstance(values, list) and name != "hints"
        }
    lists = CueLists(
        ((part, name), Phrases.of(values))
        for part, phrases in cues.items()
        for name, values in phrases.items()
    )
    longest_first = sorted(
        ((p, part) for part, phrases in hints.items() for p in phrases if p),
        key=lambda hint: -len(hint[0]),
    )
    ranked: dict[str, list[tuple[int, str, str]]] = {}
    for rank, (phrase, part) in enumerate(longest_first):
        ranked.setdefault(phrase.split(" ")[0], []).append((rank, f" {phrase} ", part))
    return Vocabulary(hints, cues, lists, ranked)


def vocabulary(context: DocContext) -> Vocabulary:
    return _vocabulary_for(load_ruleset(context.config.extra_rules).rules)


# ---------------------------------------------------------------- outline


def outline(context: DocContext) -> Outline:
    """Labels and sentences of the document, computed once and shared by every part."""
    found = context.state.get("structure.outline")
    if found is None:
        found = _build_outline(context, vocabulary(context))
        context.state["structure.outline"] = found
    return found


def _build_outline(context: DocContext, vocab: Vocabulary) -> Outline:
    source = context.document.source
    labels: list[Label] = []
    sentences: list[Sentence] = []
    heading_hint: str | None = None
    row_line, row_label = -1, None  # a table row's first cell labels the row's other cells
    row_cells: list[Block] = []  # a row is also read whole: "| Failed payments | 6,300 |"

    def end_row() -> None:
        if len(row_cells) > 1:
            text = " ".join(" ".join(cell.text.split()) for cell in row_cells)
            if not _slots(text):
                hint = row_label.part if row_label is not None else heading_hint
                sentences.append(Sentence(text, text, row_cells[0].start, hint))
        row_cells.clear()

    # Most documents hold no template slot: one look at all their prose tells.
    may_hold_slots = _may_hold_slot("\n".join(block.text for block in context.document.blocks))
    for index, block in enumerate(context.document.blocks):
        leadins: list[Label] = []
        slots = _slots(block.text) if may_hold_slots else []
        if row_cells and (
            block.kind != "cell" or context.document.index.line_col(block.start)[0] != row_line
        ):
            end_row()
        if block.kind == "heading":
            label = _label(block.text, block.start, vocab, heading=True)
            labels.append(label)
            heading_hint = label.part
        elif block.kind == "cell":
            line = context.document.index.line_col(block.start)[0]
            row_cells.append(block)
            if line != row_line:
                row_line = line
                row_label = _label(block.text, block.start, vocab, heading=False)
                if row_label.part is None:
                    row_label = None
                else:
                    labels.append(row_label)
            elif row_label is not None:
                leadins.append(row_label)
        else:
            for line_start, line_end in _lines(source, block.start, block.end):
                label = _line_label(source, block, line_start, line_end, vocab)
                if label is None:
                    continue
                labels.append(label)
                leadins.append(label)
        # A sentence that runs over a label ("Risk: TBC\nNext update: 21:00.") is cut
        # there: each labelled line speaks for its own part.
        cuts = [label.start - block.start for label in leadins]
        for a, b in _pieces(context.sentences(index), cuts):
            piece = block.text[a:b]
            text = piece.strip()
            if not text or (slots and any(x < b and a < y for x, y in slots)):
                continue  # an unfilled template slot is no part's content
            if block.kind == "heading" and _SECTION_NUMBER.fullmatch(text + " "):
                continue  # "1." of "## 1. What happened?": no figure of impact
            offset = block.start + a + (len(piece) - len(piece.lstrip()))
            if not leadins and block.kind != "heading":  # most sentences: no label
                sentences.append(Sentence(text, text, offset, heading_hint))
                continue
            hint = heading_hint
            for label in leadins:
                if label.start > offset:
                    break
                if label.heading:
                    heading_hint = label.part
                    hint = label.part
                else:
                    hint = label.part or heading_hint
            body = "" if block.kind == "heading" else _body(block, leadins, offset, block.start + b)
            sentences.append(Sentence(text, body, offset, hint))
        # An emphasis-only line rules the blocks that follow, like a heading.
        for label in leadins:
            if label.heading:
                heading_hint = label.part
    end_row()
    return Outline(labels, sentences)


def _pieces(sents: list[Span], cuts: list[int]) -> list[tuple[int, int]]:
    """Each sentence's [start, end) in its block, cut at each label inside it."""
    if not cuts:  # most blocks: no iterators or lists per sentence
        return [(sent.start_char, sent.end_char) for sent in sents]
    pieces: list[tuple[int, int]] = []
    for sent in sents:
        first, last = sent.start_char, sent.end_char
        edges = [first, *(c for c in cuts if first < c < last), last]
        pieces.extend(pairwise(edges))
    return pieces


def _body(block: Block, leadins: list[Label], start: int, end: int) -> str:
    """The prose of [start, end) less a label it starts with: "Risk: none." -> "none."."""
    if not leadins:
        return block.text[start - block.start : end - block.start]
    label_end = max(
        (label.end for label in leadins if abs(label.start - start) <= 3), default=start
    )
    return block.text[max(start, label_end) - block.start : end - block.start]


def _lines(source: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        stop = source.find("\n", pos, end)
        stop = end if stop == -1 else stop
        yield pos, stop
        pos = stop + 1


def _line_label(source, block, line_start, line_end, vocab) -> Label | None:
    line = block.text[line_start - block.start : line_end - block.start]
    # The block starts after any list marker or emphasis: read the line from its start.
    raw_start = source.rfind("\n", 0, line_start) + 1
    raw_end = source.find("\n", line_start)
    raw = source[raw_start : len(source) if raw_end == -1 else raw_end]
    # Only a line that ends in emphasis can be all emphasis: the pattern would
    # otherwise read every line to its end.
    whole = _EMPHASIS_LINE.match(raw) if raw.rstrip().endswith(("*", "_")) else None
    if whole and len(whole.group(2).split()) <= _MAX_LABEL_WORDS:
        return _label(line, line_start, vocab, heading=True)
    # A title has its section's text below it in the same block ("Why\nThe ..."),
    # or stands alone in very few words: "Nothing needed from you" is an answer.
    text_below = line_end < block.end
    titled = (block.kind == "paragraph" and (text_below or len(line.split()) <= 3)) or (
        block.kind == "list_item" and text_below
    )
    if titled and _is_bare_title(line):
        # A part's name alone on its line ("Why", "What we did") is a heading
        # written without markup, as plain-text emails and chat messages do.
        label = _label(line, line_start, vocab, heading=True)
        if label.part is not None:
            return label
    alone = line_start == block.start and line_end >= block.end
    if (alone or titled) and _is_question_title(line):
        # A question on its own line heads the answer after it, as in a reply to
        # the reader's questions ("> Anything I need to do?", "1. Why did it happen?").
        label = _label(line, line_start, vocab, heading=True, max_words=_MAX_QUESTION_WORDS)
        if label.part is not None:
            return label
    if alone and block.kind in ("paragraph", "list_item"):
        # "Cause." alone in its paragraph, "3. Actions taken" above its own list:
        # a heading when it is a part's name word for word.
        title = line.strip().rstrip(".")
        part = vocab.names_exactly(title) if title and title[0].isupper() else None
        if part is not None:
            start = line_start + (len(line) - len(line.lstrip()))
            return Label(start, start + len(title), part, True)
    # "1. What happened? From 06:12 ...": the reader's question leads in its answer.
    question = _QUESTION_LEAD.match(line) if "?" in line else None
    if question:
        label = _label(
            question.group(1),
            line_start + question.start(1),
            vocab,
            heading=False,
            max_words=_MAX_QUESTION_WORDS,
        )
        if label.part is not None:
            return label
    # (The line's prose is read without the marker before it: the pattern takes
    # any spaces a line starts with, so spaces in the marker's place change nothing.)
    lead = _LEAD_IN.match(line)
    if not lead or len(lead.group(1).split()) > _MAX_LABEL_WORDS:
        return None
    # "Cause." is a label when emphasised, or when it is a part's name word for
    # word ("2. Cause. The batch stopped ..."); "Cause:" is one either way.
    if (
        lead.group(2) == "."
        and not _EMPHASIS_START.match(raw)
        and vocab.names_exactly(lead.group(1)) is None
    ):
        return None
    if _STATEMENT.match(lead.group(1)):
        return None  # "The cause is confirmed: ..." says something; it names no part
    name = lead.group(1).rstrip(" ")
    part = vocab.classify(name)
    start = line_start + lead.start(1)
    # "What we've done so far:" alone in its block introduces the list below it,
    # so it rules the blocks that follow, as a heading does.
    introduces = not line[lead.end() :].strip() and line_start == block.start
    return Label(start, start + len(name), part, introduces and line_end >= block.end)


def _is_question_title(line: str) -> bool:
    """A short question, capitalised: "What is the permanent fix, and how long?"."""
    title = line.strip()
    return title.endswith("?") and title[0].isupper() and len(title.split()) <= _MAX_QUESTION_WORDS


def _is_bare_title(line: str) -> bool:
    """A short capitalised line with no closing punctuation: "Next steps", not
    "the fix." (the end of a wrapped sentence), "we rolled back" (a chat line) or
    "Ask: none" (a label and its content)."""
    title = line.strip()
    return (
        bool(title)
        and title[0].isupper()
        and title[-1] not in ".,;:!?"
        and ": " not in title
        and len(title.split()) <= _MAX_LABEL_WORDS
    )


def _label(
    text: str, offset: int, vocab: Vocabulary, *, heading: bool, max_words: int = _MAX_LABEL_WORDS
) -> Label:
    stripped = text.strip()
    start = offset + (len(text) - len(text.lstrip()))
    # A label with a number is a time stamp ("Update 3 · 21:40 CET"), not a part's
    # name; the number of a numbered heading ("4. What is the permanent fix?") is not.
    # A deadline after the name does not make it a stamp: "Decision needed from you
    # by 17:00 today".
    name = _TRAILING_DEADLINE.sub("", _SECTION_NUMBER.sub("", stripped, count=1))
    named = len(name.split()) <= max_words and not any(map(str.isdigit, name))
    part = vocab.classify(name) if named else None
    return Label(start, start + len(stripped), part, heading)


# ---------------------------------------------------------------- content tests


class Parts:
    """Which parts a document's sentences carry, with the pack's cue words."""

    def __init__(self, context: DocContext) -> None:
        self.outline = outline(context)
        vocab = vocabulary(context)
        self.cues = vocab.cues
        self.lists = vocab.lists
        # A sentence with none of the words of these lists cannot be the part (less
        # a label naming it): one look for them rules out most sentences at once.
        self._risk_gate = vocab.joined("risk", "cues", "conditional", "possibility")
        self._mitigation_gate = vocab.joined(
            "mitigation", "cues", "team_cues", "ongoing", "phrases"
        )

    def cue(self, part: str, name: str) -> tuple[str, ...]:
        return self.cues.get(part, {}).get(name, ())

    @cached_property
    def _team_actions(self) -> frozenset[str]:
        """Action words that are mitigation only when the team does them."""
        return (
            self.lists["mitigation", "team_cues"].words | self.lists["mitigation", "ongoing"].words
        )

    @cached_property
    def _lowered(self) -> str:
        """All the sentences' text, lowered: each word of a sentence is part of it."""
        return "\n".join([s.text for s in self.outline.sentences]).lower().replace("’", "'")

    def content(self, sentence: Sentence, part: str) -> bool:
        """Whether the sentence's text is more than an empty label or a placeholder."""
        body = sentence.body.strip()
        if not body or body in self.cue(part, "empty"):
            return False
        return " " in body or body.isalpha()

    # Each test below asks its cheapest questions first (the heading hint, then cue
    # words), so that most sentences are ruled out before a time or figure search.

    def is_update(self, s: Sentence) -> bool:
        if _MORE_AT.match(s.lowered):
            return s.timed  # "More in an hour.": chat drops the subject and the verb
        if s.hint != "updates" and not s.holds(self.lists["updates", "cues"]):
            return False
        if s.holds(self.lists["updates", "final"]):
            return True
        if s.holds(self.lists["updates", "software"]) and not s.holds(
            self.lists["updates", "told"]
        ):
            return False  # "Mike pushed the till update at 18:30"
        # Timed, and under an updates label, or in the future tense, or at a cadence
        # (which is itself a time): the time search, the slowest, comes last.
        if s.hint == "updates" or s.holds(self.lists["updates", "future"]):
            return s.timed
        return _CADENCE.search(s.clean) is not None

    def is_risk(self, s: Sentence, *, in_plan: bool = False) -> bool:
        """``in_plan``: the sentence is read as (part of) a plan for the fix."""
        if s.hint != "risk" and not self._risk_gate.may_be_in(s.lowered):
            return False
        if (
            s.holds(self.lists["risk", "not"])
            and not s.holds(self.lists["risk", "repeat"])
            and not s.holds(self.lists["risk", "obligation"])
        ):
            # "we would have lost more", unless "... and a repeat would cost" or
            # "... and we would have to ask for a transfer"
            return False
        if s.hint == "risk":
            # Any content under a risk heading, except a line about updates that
            # speaks of no risk: "Further updates to follow".
            risk = self.content(s, "risk") and not (
                s.holds(self.lists["updates", "cues"]) and not self._risk_gate.may_be_in(s.lowered)
            )
        elif s.holds(self.lists["risk", "cues"]):
            risk = True
        elif s.hint in _PLAN_HINTS and not s.holds(self.lists["fix", "conditional"]):
            # In a plan, "before every release" and "until Friday" set its terms;
            # only "if" or "unless" opens a risk there.
            risk = False
        else:
            # About a fix, "before it is used" and "live before the 29 March pay
            # run" set the plan's terms, as under a fix heading.
            conditional = s.holds(self.lists["fix" if in_plan else "risk", "conditional"])
            risk = (conditional and s.holds(self.lists["risk", "consequence"])) or s.holds(
                self.lists["risk", "possibility"]
            )
        return risk and not self.is_update(s)

    def is_impact(self, s: Sentence) -> bool:
        if s.hint in ("fix", "updates", "ask", "risk"):
            return False
        cues = self.lists["impact", "cues"]
        # Without an impact word anywhere, none is near a figure: that is cheaper to
        # find out than whether there is a figure (normalise works word by word, so
        # what it finds in a stretch of words it finds in the whole). The words
        # searched below are all in the lowered text: a look there rules out most.
        if s.hint != "impact" and not cues.may_be_in(s.lowered_text):
            return False
        if s.holds(self.lists["impact", "not"]):
            return False
        if s.hint == "impact":
            return has_figure(s.clean) and not (self.is_update(s) or self.is_risk(s))
        # The figure must measure the impact: an impact word within a few words of it
        # ("2,100 orders failed"), not "we assigned 5 engineers to the outage".
        clean = s.clean
        words = _RESPONDERS.sub(" ", clean).split()
        joined = " ".join(words)
        whole = normalise(joined)
        if not cues.found_in(whole, frozenset(whole.split())):
            return False
        if not has_figure(s.clean) or self.is_update(s) or self.is_risk(s):
            return False
        # Any order of the words gives the same answer: those with a digit, most
        # figures, are tried first, so that a sentence with one is done sooner.
        digits = {joined.count(" ", 0, m.start()) for m in _DIGIT.finditer(joined)}
        for i in [*sorted(digits), *(i for i in range(len(words)) if i not in digits)]:
            if has_figure(" ".join(words[i : i + 3])):  # "a third of", "1 in 5"
                window = words[max(0, i - _IMPACT_REACH) : i + _IMPACT_REACH + 1]
                near = normalise(" ".join(window))  # once, not once per cue
                if cues.found_in(near, frozenset(near.split())):
                    return True
        return False

    def is_mitigation(self, s: Sentence) -> bool:
        if s.hint in ("fix", "risk", "updates", "ask"):
            return False
        # (A sentence read word by word has its action words looked up at once.)
        if s.hint != "mitigation" and not s.may_hold(self._mitigation_gate):
            return False
        if s.holds(self.lists["mitigation", "not"]):
            return False
        if s.hint == "mitigation" and self.content(s, "mitigation"):
            return True
        # An action word is a single word: only the pack's one-word phrases can match.
        done = self.lists["mitigation", "cues"].words
        by_team = self._team_actions
        if done.isdisjoint(s.words) and by_team.isdisjoint(s.words):
            return s.holds(self.lists["mitigation", "phrases"])
        passive = self.lists["mitigation", "done_passive"].words
        ongoing = self.lists["mitigation", "ongoing"].words
        words = s.body.split()
        agents = self.lists["mitigation", "agents"].words
        blockers = self.lists["mitigation", "blockers"].words
        describing = self.lists["mitigation", "describing"].words
        joins = self.lists["mitigation", "joins"].words
        for i, word in enumerate(words):
            before = words[max(0, i - 3) : i]
            if blockers.intersection(before):
                continue
            # "the restored service", "the column shifted": a thing, not an action;
            # but a plain action word may start a new clause ("... and restarted").
            if not describing.isdisjoint(before) and (word not in done or joins.isdisjoint(before)):
                continue
            if word in done:
                return True
            if word in passive and i >= 2 and words[i - 1] == "been" and words[i - 2] in _PERFECT:
                return True  # "a hotfix has been deployed to 300 handhelds"
            if word in ongoing and i > 0:
                # An action under way is the team's when its subject is: "we have also
                # been contacting", not "I know councillors have been asking".
                subject = _subject_before(words, i)
                if subject in agents or (subject in joins and not agents.isdisjoint(words[:i])):
                    return True  # ("we found it and are deploying a fix": the same subject)
                continue
            # A list item that starts with the verb ("Added a banner") has "we" implied,
            # but "Posted 15 March" is the message's date.
            # An action joined by "and" to an earlier one shares its agent: "we've
            # bumped the retry limit on the cron job and cleared the cache".
            if (
                word in by_team
                and (
                    i == 0
                    or agents.intersection(words[max(0, i - 7) : i])
                    or (_joined_on(words, i, joins) and not agents.isdisjoint(words[:i]))
                )
                and not _STAMP_START.match(" ".join(words[i : i + 2]))
            ):
                return True
        return s.holds(self.lists["mitigation", "phrases"])

    def is_fix(self, s: Sentence) -> bool:
        if s.hint != "fix" and not s.holds(self.lists["fix", "cues"]):
            return False
        # Under another part's heading only a sentence that names the lasting fix
        # counts: "The proper fix ... done by Monday", not "That fixes the symptom".
        if s.hint in _NOT_FIX_HINTS and not s.holds(self.lists["fix", "lasting"]):
            return False
        if s.holds(self.lists["fix", "not"]) or not s.concrete_time:
            return False
        if s.hint != "fix" and not s.holds(self.lists["fix", "ahead"]):
            return False
        if s.hint == "fix" and self.is_update(s) and not s.holds(self.lists["fix", "cues"]):
            return False  # "Next: I'll post here at 15:00" promises an update, not a fix
        # "If it is not fixed by 18:00, ..." is a risk, not a plan.
        return s.hint == "fix" or not (
            s.holds(self.lists["fix", "conditional"]) and self.is_risk(s)
        )

    def is_confirmed_cause(self, s: Sentence) -> bool:
        """A statement that the cause is confirmed ("confirmed by the vendor"), or a
        note that says just that under the cause ("Confirmed, we have the graphs")."""
        # Read the whole text: "The cause is confirmed: ..." may itself look like a label.
        confirmed = self.lists["cause", "confirmed"].found_in(s.norm, s.norm_words) or (
            s.hint == "cause" and s.norm.lstrip().startswith("confirmed ")
        )
        return confirmed and not self.lists["cause", "unconfirmed"].found_in(s.norm, s.norm_words)

    def is_cause_to_confirm(self, s: Sentence) -> bool:
        """A promise to confirm the cause by a time."""
        return s.holds(self.lists["cause", "confirm"]) and s.concrete_time

    def is_ask(self, s: Sentence) -> bool:
        if s.hint != "ask" and not self.lists["ask", "cues"].may_be_in(s.lowered):
            return False
        if s.holds(self.lists["ask", "not"]):
            return False
        if s.hint == "ask" and self.content(s, "ask"):
            return True
        return s.holds(self.lists["ask", "cues"])

    def cause_present(self) -> bool:
        sentences = self.outline.sentences
        cues = self.lists["cause", "cues"]

        def about_cause(i: int) -> bool:
            # Under a cause label, or when it or one of the three before it names the
            # cause. Asked only of the few sentences that confirm something.
            near = sentences[max(0, i - 3) : i + 1]
            return any(n.hint == "cause" or n.holds(cues) for n in near)

        # Most documents confirm nothing: one look at all their text tells, and
        # their sentences need not be read word by word for it.
        lowered = self._lowered
        if self.lists["cause", "confirmed"].may_be_in(lowered) and any(
            self.is_confirmed_cause(s) and about_cause(i) for i, s in enumerate(sentences)
        ):
            return True  # even if an earlier update said the cause was unknown
        # "We don't know why yet; we will confirm by 14:00" promises no cause, unless
        # a suspect is named: "... so that maintenance is our main suspect".
        unknown = self.lists["cause", "unknown"]
        suspect = self.lists["cause", "suspect"]
        return (
            self.lists["cause", "confirm"].may_be_in(lowered)
            and any(self.is_cause_to_confirm(s) and about_cause(i) for i, s in enumerate(sentences))
            and not (
                unknown.may_all_be_in(lowered)
                and any(s.holds(unknown) for s in sentences)
                and not (suspect.may_be_in(lowered) and any(s.holds(suspect) for s in sentences))
            )
        )

    def fix_present(self) -> bool:
        """A fix with its time, in one sentence or in the next one that refers back
        to it ("The lasting fix is an import check. We expect it live by Friday.")."""
        sentences = self.outline.sentences
        cues = self.lists["fix", "cues"]
        for i, s in enumerate(sentences):
            if s.hint != "fix" and not s.holds(cues):
                continue  # most sentences: neither a fix nor one that introduces it
            if self.is_fix(s):
                return True
            if (
                i + 1 < len(sentences)
                and s.hint not in _NOT_FIX_HINTS
                and s.holds(cues)
                and not s.holds(self.lists["fix", "not"])
                and not self.is_risk(s, in_plan=True)
            ):
                following = sentences[i + 1 : i + 3]
                # "The lasting fix has two halves. The first takes two weeks ...": a
                # sentence introducing the fix is followed by its parts and times.
                if s.holds(self.lists["fix", "lasting"]) and any(map(self.is_fix_time, following)):
                    return True
                if _refers_back(following[0]) and self.is_fix_time(following[0]):
                    return True
        return False

    def is_fix_time(self, s: Sentence) -> bool:
        """A sentence that gives the time of the fix named just before it."""
        return (
            s.hint not in _NOT_FIX_HINTS
            and s.concrete_time
            and not s.holds(self.lists["fix", "not"])
            and not self.is_risk(s, in_plan=True)
            and not self.is_update(s)
            and not self.is_ask(s)  # "Could you tell the trustees before Monday?"
        )

    def present(self, part: str) -> bool:
        if part == "cause":
            return self.cause_present()
        if part == "fix":
            return self.fix_present()
        test = {
            "impact": self.is_impact,
            "mitigation": self.is_mitigation,
            "fix": self.is_fix,
            "risk": self.is_risk,
            "updates": self.is_update,
            "ask": self.is_ask,
        }[part]
        # A loop, not any() over a generator, which costs a resumed frame a sentence.
        for sentence in self.outline.sentences:  # noqa: SIM110
            if test(sentence):
                return True
        return False


_NOT_FIX_HINTS = frozenset(("mitigation", "risk", "updates", "ask", "cause", "impact"))
_PLAN_HINTS = frozenset(("fix", "mitigation", "updates", "ask"))
# Words that open a sentence about the thing just named: "It", "This work"
# ("the" would take any sentence: "the team should have known at 22:00").
_BACK_REFERENCES = frozenset(("it", "this", "that", "these"))


# Helpers between "and" and the action it joins: "... and has released 1,200 so far".
_HELPERS = frozenset(("has", "have", "had", "is", "are", "was", "were", "'ve", "'s"))
# "has been deployed" is what the team has done; "had been deployed" tells the story.
_PERFECT = frozenset(("has", "have"))


# Words between a subject and its verb: "we have also been contacting".
_BETWEEN_SUBJECT_AND_VERB = _HELPERS | frozenset(
    ("am", "be", "been", "also", "now", "still", "since", "already", "all", "both", "currently")
)


def _subject_before(words: list[str], i: int) -> str:
    """The word before the verb at i, past auxiliaries and adverbs: its subject."""
    k = i - 1
    while k > 0 and words[k] in _BETWEEN_SUBJECT_AND_VERB:
        k -= 1
    return words[k]


def _joined_on(words: list[str], i: int, joins: frozenset[str]) -> bool:
    """The action word at i is joined to an earlier clause: "and restarted", "and has restarted"."""
    return words[i - 1] in joins or (i >= 2 and words[i - 1] in _HELPERS and words[i - 2] in joins)


def _refers_back(s: Sentence) -> bool:
    """The sentence speaks of what the one before it named, within its first words:
    "We expect it live by Friday", "This takes about 4 days"."""
    opening = [word.replace("’", "'").split("'")[0] for word in s.text.lower().split()[:4]]
    return not _BACK_REFERENCES.isdisjoint(opening)  # "That's two weeks": "that"


def parts(context: DocContext) -> Parts:
    found = context.state.get("structure.parts")
    if found is None:
        found = Parts(context)
        context.state["structure.parts"] = found
    return found


@detector("missing-part")
def missing_part(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """One finding when the rule's part is absent, on its heading or on line 1."""
    part = rule.options.get("part")
    if part not in PARTS:
        return
    found = parts(context)
    if found.present(part):
        return
    label = found.outline.label_for(part)
    if label is not None:
        yield Candidate(rule, label.start, label.end, data={"part": part, "scope": "document"})
        return
    source = context.document.source
    first_line_end = source.find("\n")
    end = len(source) if first_line_end == -1 else first_line_end
    yield Candidate(rule, 0, end, data={"part": part, "scope": "document"})


# ---------------------------------------------------------------- placeholders

# "[quantifiable impact]", "<time>", "£XX", "TBD customers": a template slot
# the writer has not filled. Links ("[text](url)", "[text][ref]"), footnotes
# ("[^1]") and bracketed code ('["a", "b"]') are not slots.
_PLACEHOLDER = re.compile(
    r"(?ix)"
    r"(?<!\])\[(?=[a-z])[^\]\[\n\"]{1,199}\](?![(\[])"
    r"|<(?!/)(?!https?:|mailto:)[a-z][a-z ,/'-]{1,40}>"
    r"|(?:[$€£¥]|\b(?:usd|eur|gbp))\s?(?:tbd|tbc|x{1,}|n|\?+)(?!\w)"
    r"|\b(?:tbd|tbc|xx+|n|\?\?+)\s?(?:%|percent\b|per\s?cent\b)"
    r"|\b(?:tbd|tbc|xx+)\s+(?:[a-z]+\s+)?(?:users|customers|orders|payments|accounts|"
    r"requests|people|merchants|transactions|sessions|bookings|minutes|hours|days)\b"
    r"|\b(?:impact|affected|figure|count|number|cost|revenue|loss|users|customers|orders)"
    r"\s*[:=]\s*(?:tbd|tbc|xx+|\?+)(?!\w)"
)
# What each of those slots holds, looser than the slot itself: a bracket or a
# "?"; a currency sign before a slot word ("$TBD", "£XX", "€ n"); "tbd", "tbc"
# or a currency code; a word that starts "xx"; an "n" before a percent. Most
# text holds none of these, and they are far cheaper to look for than the slot.
_SLOT_MARKS = ("[", "<", "?")  # single characters: a substring test finds them quickest
_CURRENCY_SIGNS = ("$", "€", "£", "¥")
# What follows a currency sign in a slot ("$TBD", "£XX", "€ n").
_AFTER_CURRENCY = re.compile(r"\s?[txn]", re.IGNORECASE)
# ("tb" stands for "tbd" and "tbc": one search of the text, not two. IGNORECASE
# reads "ſ" as "s".)
_SLOT_WORDS = ("tb", "usd", "eur", "gbp", "ſ")
# The word ones need a word start before them, and Python's re is much quicker
# at finding "xx" or "%" and looking back than at trying each word start. They
# are searched for in the lowered text: no character lowers to a word character
# unless it is one, so a word start stays a word start.
_SLOT_TAILS = (
    ("xx", re.compile(r"xx(?<=\bxx)")),
    ("%", re.compile(r"%(?<=\bn%)|%(?<=\bn\s%)")),
    # (A look back has one width: one for each way of writing the spaces.)
    (
        "cent",
        re.compile(
            r"cent(?:(?<=\bnpercent)|(?<=\bn\spercent)|(?<=\bnper\scent)|(?<=\bn\sper\scent))"
        ),
    ),
)


def _may_hold_slot(text: str) -> bool:
    """False when ``text`` cannot hold a _PLACEHOLDER match."""
    if any(mark in text for mark in _SLOT_MARKS):
        return True
    # Money is common and money slots are not: each sign is looked behind, rather
    # than the text scanned for a case-blind class, which is slow.
    for sign in _CURRENCY_SIGNS:
        at = text.find(sign)
        while at != -1:
            if _AFTER_CURRENCY.match(text, at + 1):
                return True
            at = text.find(sign, at + 1)
    lower = text.lower()
    if any(word in lower for word in _SLOT_WORDS):
        return True
    return any(tail in lower and pattern.search(lower) for tail, pattern in _SLOT_TAILS)


def _slots(text: str) -> list[tuple[int, int]]:
    """Where template slots are in ``text``."""
    if not _may_hold_slot(text):
        return []
    return [m.span() for m in _PLACEHOLDER.finditer(text)]


# HTML a writer may use on purpose; <time> is left out: it is the usual template slot.
_HTML_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "center",
        "cite",
        "code",
        "del",
        "details",
        "div",
        "em",
        "font",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "td",
        "th",
        "tr",
        "tt",
        "u",
        "ul",
        "var",
        "wbr",
    ]
)
_UNKNOWN_FIGURE = re.compile(r"\b(?:TBD|TBC|XX+)(?!\w)|\?\?+")
_HTML_TAG_CLOSE = re.compile(r"</([a-z][a-z0-9-]*)\s*>", re.IGNORECASE)


@detector("placeholder")
def placeholder(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """Template slots left in the prose."""
    source = context.document.source
    seen: set[int] = set()
    scanned: set[tuple[int, int]] = set()
    # Most documents hold no slot at all: one look at the whole source tells.
    blocks = context.document.blocks if _may_hold_slot(source) else []
    block_starts = {block.start for block in blocks}
    closed = {m.group(1).lower() for m in _HTML_TAG_CLOSE.finditer(source)} if blocks else set()
    for block in blocks:
        # Whole lines: a slot written as inline HTML ("at <time>") may end the line,
        # outside the block's prose range.
        start = source.rfind("\n", 0, block.start) + 1
        end = source.find("\n", block.end)
        end = len(source) if end == -1 else end
        # The cells of a table row share their line: it is read once.
        if (start, end) in scanned or not _may_hold_slot(source[start:end]):
            continue
        scanned.add((start, end))
        for match in _PLACEHOLDER.finditer(source, start, end):
            text = match.group(0)
            if match.start() in seen:
                continue
            seen.add(match.start())
            if text.startswith("<"):
                tag = text[1:-1].split()[0].strip("/").lower()
                if tag in closed or tag in _HTML_TAGS:
                    continue  # a real HTML element: <br>, <kbd>...</kbd>
            if text.startswith("[") and match.start() in block_starts:
                after = source[match.end() : match.end() + 2]
                if len(after) == 2 and after[0] == " " and after[1].isupper():
                    continue  # a log-style tag: "[Alerting] Kafka exporter down"
            if text.startswith("[") and text[1:-1].strip().lower() in ("x", " ", ""):
                continue  # a task-list box
            yield Candidate(rule, match.start(), match.end())
    # Under an impact heading a figure belongs: "Impact: TBD" is an unfilled slot.
    for sentence in outline(context).sentences:
        if sentence.hint != "impact":
            continue
        for match in _UNKNOWN_FIGURE.finditer(sentence.text):
            at = sentence.start + match.start()
            if at not in seen:
                seen.add(at)
                yield Candidate(rule, at, at + len(match.group(0)))
