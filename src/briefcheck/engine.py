"""The engine: text and config in, findings out. It knows nothing of Click or LSP."""

from __future__ import annotations

import re
from functools import lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from briefcheck import model, suppress
from briefcheck.config import Config, ConfigError
from briefcheck.context import Candidate, DocContext, Match
from briefcheck.document import Document, markup_for_path, parse
from briefcheck.findings import Finding
from briefcheck.lexflags import with_flags, word_test
from briefcheck.regex import compile_regex
from briefcheck.rulepack import Rule, RuleSet, load_ruleset
from briefcheck.sources import read_source

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.matcher import Matcher

    # What a Doc must hold for a token pattern to match: one of these word
    # hashes, or a word that passes this test.
    Need = frozenset[int] | Callable[[str], bool]

# spaCy (a second to import) and the checks that use it are imported where a
# text is linted, not here: the CLI imports this module to name the pipeline
# and list skipped rules, and a run whose results all come from the cache
# never needs spaCy.


class CompiledRules:
    """Every rule's phrases, token patterns and regexes, compiled once per rule set
    and pipeline. Rules that need annotations the pipeline lacks are left out.

    Token patterns are the costly part: spaCy's Matcher builds two Token objects
    for every token it is given and tests every pattern at each, and its ``IN``
    sets are Python calls. So a block is matched only with the patterns whose
    required words it holds (see ``_required_words``), and only around those
    words (see ``_windows``). The patterns of a block share one Matcher; that
    changes nothing, as greedy filtering is per rule.
    """

    def __init__(self, ruleset: RuleSet, package: str | None = None) -> None:
        from spacy.matcher import PhraseMatcher

        from briefcheck.pipeline import get_nlp

        nlp = get_nlp(package)
        have = _annotations(package)
        self.rules = ruleset.by_id()
        self._vocab = nlp.vocab
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        # A need is what a Doc must hold for a pattern to match: word hashes, or
        # a test one word passes. Each need is numbered and sets of needs are
        # bits (need i is 1 << i), so a block's needs are one OR of ints.
        self._need_count = 0
        self._named: dict[int, int] = {}  # word hash -> the needs that name it
        self._word_tests: list[tuple[int, Callable[[str], bool]]] = []  # (need bit, test)
        # Every token pattern, numbered: its (rule id, index in the rule), its
        # needs, and the need it is matched around (None: it is matched everywhere).
        self._pattern_keys: list[tuple[str, int]] = []
        self._pattern_needs: list[int] = []
        self._pattern_anchors: list[_Anchor | None] = []
        self._allowed: dict[frozenset[str], frozenset[int]] = {}  # active rules -> patterns
        self._plans: dict[tuple, _Plan] = {}  # (needs met, active rules) -> plan
        # What each word seen so far meets (0 for nothing), learnt once per word (see _learn).
        self._meets: dict[int, int] = {}
        from spacy.attrs import LOWER

        self._lower = nlp.vocab.lex_attr_getters.get(LOWER, str.lower)
        self._token_matchers: dict[tuple, Matcher] = {}  # by the patterns it holds
        self._flagged: dict[str, list[list[dict]]] = {}  # rule id -> patterns, with flags
        self._regexes: list[tuple[Rule, object]] = []
        for rule in ruleset.rules:
            if not set(rule.needs) <= have:
                continue
            if rule.phrases:
                target = self._exact if rule.case_sensitive else self._folded
                target.add(rule.id, list(nlp.tokenizer.pipe(rule.phrases)))
            for index, pattern in enumerate(rule.patterns):
                self._add_pattern(rule.id, index, pattern)
            for pattern in rule.regex:
                self._regexes.append((rule, compile_regex(pattern)))
        # The token forms whose hashes the prefilter reads: NORM only when a
        # need names norms (a token's norm can differ from its word's lowercase).
        self.word_forms = ("ORTH", "NORM") if _names_norms(ruleset) else ("ORTH",)
        self._names = nlp.vocab.strings
        # Most blocks match no regex at all. One search for any of them rules
        # such a block out; RE2 is linear, so the alternation costs one pass.
        self._any_regex = _any_of([p for rule in ruleset.rules for p in rule.regex])

    def matches(
        self,
        doc,
        active: set[str] | frozenset[str] | None = None,
        text: str | None = None,
        forms: list[list[int]] | None = None,
    ):
        """Yield (rule, span) for every place a rule matched in ``doc``.

        ``active`` (rule ids) skips the token patterns of other rules; phrases
        and regexes of every rule are still yielded. ``text`` is the text the
        Doc was made from, if the caller has it: ``Doc.text`` joins every token.
        ``forms`` are its tokens' hashes for each of ``word_forms``, if it has them.
        """
        for matcher in (self._folded, self._exact):
            for key, start, end in matcher(doc):
                yield self.rules[self._names[key]], doc[start:end]
        if text is None:
            text = doc.text
        if active is not None and not isinstance(active, frozenset):
            active = frozenset(active)
        if forms is None:
            forms = [doc.to_array(form).tolist() for form in self.word_forms]
        token_needs = self._token_needs(forms)
        plan = self._plan(reduce(or_, token_needs, 0), active)
        if plan.patterns:
            matcher = self._matcher(plan.patterns)
            for start, end in _windows(plan, token_needs):
                # The Matcher's offsets are the window's; a window of the whole block is the Doc.
                window = doc if end - start == len(doc) else doc[start:end]
                for key, first, last in matcher(window):
                    yield self.rules[self._names[key]], doc[start + first : start + last]
        if self._any_regex is not None and not self._any_regex.search(text):
            return
        for rule, regex in self._regexes:
            for found in regex.finditer(text):
                span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
                if span is not None and span.text.strip():
                    yield rule, span

    def _add_pattern(self, rule_id: str, index: int, pattern: list[dict]) -> None:
        needs = 0
        anchor: _Anchor | None = None
        rarest = None  # how many words the anchor's need allows (tests: unknown, last)
        for position, token_needs in enumerate(_required_words(pattern, self._vocab)):
            reach = _reach(pattern, position)
            for need in token_needs:
                bit = self._index(need)
                needs |= bit
                if reach is None:
                    continue
                # Matched around the need the fewest words meet: one that lists
                # the fewest, where the match reaches least far.
                rank = (len(need) if isinstance(need, frozenset) else float("inf"), sum(reach))
                if rarest is None or rank < rarest:
                    rarest, anchor = rank, _Anchor(bit, *reach)
        self._pattern_keys.append((rule_id, index))
        self._pattern_needs.append(needs)
        self._pattern_anchors.append(anchor)

    def _index(self, need: Need) -> int:
        """Number a need; its bit."""
        bit = 1 << self._need_count
        self._need_count += 1
        if isinstance(need, frozenset):
            for word in need:
                self._named[word] = self._named.get(word, 0) | bit
        else:
            self._word_tests.append((bit, need))
        return bit

    def _token_needs(self, forms: list[list[int]]) -> list[int]:
        """The needs each token meets (bits), by any of its forms' hashes."""
        columns = []
        for hashes in forms:
            needs = list(map(self._meets.get, hashes))
            if None in needs:  # words not seen before
                self._learn({word for word, met in zip(hashes, needs, strict=True) if met is None})
                needs = list(map(self._meets.get, hashes))
            columns.append(needs)
        return columns[0] if len(columns) == 1 else list(map(or_, *columns))

    def _learn(self, words: set[int]) -> None:
        """Work out what each new word meets: the needs naming it or its lower
        case (LOWER is the word's own lowercase, so it is not read per token),
        and the word tests it passes. A word's string never changes, so this
        is done once per word and process, not once per block. (The language
        server lints on two threads: each word is stored in one step.)
        """
        from spacy.strings import get_string_id

        strings = self._vocab.strings
        for word in words:
            text = strings[word]
            meets = self._named.get(word, 0) | self._named.get(get_string_id(self._lower(text)), 0)
            for bit, test in self._word_tests:
                if test(text):
                    meets |= bit
            self._meets[word] = meets

    def _plan(self, met: int, active: frozenset[str] | None) -> _Plan:
        """The patterns whose needs ``met`` meets, among the active rules, and
        where they can match. Blocks meet the same few sets again and again."""
        key = (met, active)
        plan = self._plans.get(key)
        if plan is None:
            due = [n for n, needs in enumerate(self._pattern_needs) if needs & met == needs]
            if active is not None:
                allowed = self._allowed_patterns(active)
                due = [n for n in due if n in allowed]
            anchors = [self._pattern_anchors[n] for n in due]
            if None in anchors:  # a pattern that can match anywhere
                plan = _Plan(tuple(due), 0, 0, 0)
            else:
                plan = _Plan(
                    tuple(due),
                    reduce(or_, (anchor.need for anchor in anchors), 0),
                    max((anchor.before for anchor in anchors), default=0),
                    max((anchor.after for anchor in anchors), default=0),
                )
            if len(self._plans) >= 4096:
                self._plans.clear()
            self._plans[key] = plan
        return plan

    def _allowed_patterns(self, active: frozenset[str]) -> frozenset[int]:
        found = self._allowed.get(active)
        if found is None:
            keys = self._pattern_keys
            found = frozenset(n for n, (rule_id, _) in enumerate(keys) if rule_id in active)
            self._allowed[active] = found
        return found

    def _matcher(self, due: tuple[int, ...]) -> Matcher:
        """One Matcher for these patterns (numbers), built on first use.

        A Matcher call builds a Token object for every token of the Doc, and
        tries every pattern it holds at each of them. So a block is matched
        once, for all its rules, with only the patterns whose words it holds.
        Results are the same: a pattern left out could not match, and greedy
        filtering is per rule id.
        """
        matcher = self._token_matchers.get(due)
        if matcher is None:
            from spacy.matcher import Matcher

            # validate=False: the packs are validated on load, and the schema
            # does not know the flag bits with_flags puts in.
            matcher = Matcher(self._vocab, validate=False)
            by_rule: dict[str, list[int]] = {}
            for number in due:
                rule_id, index = self._pattern_keys[number]
                by_rule.setdefault(rule_id, []).append(index)
            for rule_id, indexes in by_rule.items():
                patterns = self._patterns(rule_id)
                matcher.add(rule_id, [patterns[i] for i in indexes], greedy="LONGEST")
            if len(self._token_matchers) >= 1024:
                self._token_matchers.clear()  # unusual texts made many sets: start again
            self._token_matchers[due] = matcher
        return matcher

    def _patterns(self, rule_id: str) -> list[list[dict]]:
        found = self._flagged.get(rule_id)
        if found is None:
            patterns = self.rules[rule_id].patterns
            found = self._flagged[rule_id] = [
                with_flags(self._vocab, list(p), _lead(p)) for p in patterns
            ]
        return found


class _Anchor(NamedTuple):
    """A need every match of a pattern meets with one token, and how many
    tokens the match can hold before and after that token."""

    need: int  # its bit
    before: int
    after: int


class _Plan(NamedTuple):
    """The token patterns due on a block (numbers), and where in it they can match."""

    patterns: tuple[int, ...]
    anchors: int  # every match holds a token meeting one of these needs; 0: anywhere
    before: int  # how many tokens a match can hold before that token, at most
    after: int  # and after it


# Windows this close together are matched as one: a Matcher call costs about
# as much as eight tokens.
_WINDOW_GAP = 8


def _windows(plan: _Plan, token_needs: list[int]) -> list[tuple[int, int]]:
    """The (start, end) token ranges of a block that hold every match of the
    plan's patterns: around each token meeting an anchor, joined where close.

    The Matcher finds the same matches in a window as in the whole Doc: whether
    a pattern matches some tokens depends on those tokens only. Windows apart
    share no match, so greedy filtering in each is filtering in the whole.
    """
    length = len(token_needs)
    if not plan.anchors:
        return [(0, length)]
    windows: list[tuple[int, int]] = []
    for i, needs in enumerate(token_needs):
        if needs & plan.anchors:
            start, end = max(0, i - plan.before), min(length, i + 1 + plan.after)
            if windows and start <= windows[-1][1] + _WINDOW_GAP:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
    return windows


def _any_of(patterns: list[str]):
    """One regex matching wherever any of ``patterns`` matches, or None."""
    if not patterns:
        return None
    try:
        return compile_regex("|".join(f"(?:{p})" for p in patterns))
    except ValueError:  # e.g. two packs use one group name: search them one by one
        return None


# The word forms a required token can be ruled out by. Their hashes share one
# string store, so one set of a doc's hashes serves every check. LOWER is left
# out of the set: it is learnt from ORTH, once per word (CompiledRules._learn);
# NORM too, unless a pack's need names norms (CompiledRules.word_forms).
_WORD_ATTRS = {"LOWER", "TEXT", "ORTH", "NORM"}


def _names_norms(ruleset: RuleSet) -> bool:
    """Whether a required pattern token lists or matches NORM values (not only NOT_IN)."""
    for rule in ruleset.rules:
        for pattern in rule.patterns:
            for spec in pattern:
                value = next((v for k, v in spec.items() if str(k).upper() == "NORM"), None)
                if value is None or not _is_required(spec.get("OP")):
                    continue
                if isinstance(value, str) or (
                    isinstance(value, dict) and value.keys() & {"IN", "REGEX"}
                ):
                    return True
    return False


def _required_words(pattern, vocab) -> list[list[Need]]:
    """What a Doc must hold for a token pattern to match it, for each token of
    the pattern (none for a token it can do without): the hashes of the words
    allowed there, or a test one of its words must pass. Tokens described
    otherwise (flags, lemmas, lengths) rule nothing out.
    """
    from spacy.strings import get_string_id

    def hashes(words: list[str]) -> frozenset[int]:
        return frozenset(get_string_id(w) for w in words)

    required: list[list[Need]] = []
    for spec in pattern:
        needs: list[Need] = []
        required.append(needs)
        if not _is_required(spec.get("OP")):
            continue
        test = word_test(vocab, spec)  # its IN, NOT_IN and REGEX tests on the word's text
        covered = test.keys if test is not None else []
        in_lists = [spec[key]["IN"] for key in covered if "IN" in spec[key]]
        if in_lists:
            needs.append(hashes(in_lists[0]))  # a word list rules out more cheaply
        elif test is not None:
            # _learn runs the test on every form of each new word; the Matcher
            # tests one of those forms, so this finds more, never less.
            needs.append(test)
        for key, value in spec.items():
            attr = str(key).upper()
            if key in covered or attr not in _WORD_ATTRS:
                continue
            if isinstance(value, str):
                needs.append(hashes([value]))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                needs.append(hashes(value["IN"]))  # NORM: its words are in the Doc's set
            elif isinstance(value, dict) and set(value) == {"REGEX"}:
                needs.append(re.compile(value["REGEX"]).search)
    return required


def _reach(pattern, position: int) -> tuple[int, int] | None:
    """How many tokens a match of ``pattern`` can hold before and after a token
    that ``pattern[position]`` matched; None if there is no limit."""
    most = [_most(spec.get("OP")) for spec in pattern]
    if None in most:
        return None
    spare = most[position] - 1  # its own operator may match more tokens around it
    return sum(most[:position]) + spare, sum(most[position + 1 :]) + spare


def _most(op: str | None) -> int | None:
    """How many tokens a pattern token with this Matcher operator matches at
    most; None for no limit. ("!" matches one token, one that fails its test.)"""
    if op is None or op in ("1", "?", "!"):
        return 1
    if op.startswith("{"):
        most = op.strip("{}").split(",")[-1].strip()
        return int(most) if most else None
    return None  # "+", "*"


def _lead(pattern) -> int:
    """How many tokens the Matcher tests at every position: up to the first required one."""
    for i, spec in enumerate(pattern):
        if _is_required(spec.get("OP")):
            return i + 1
    return len(pattern)


def _is_required(op: str | None) -> bool:
    """Whether a token with this Matcher operator must appear at least once."""
    if op is None or op == "+":
        return True
    if op.startswith("{"):
        least = op.strip("{}").split(",")[0].strip()
        return bool(least) and int(least) >= 1
    return False  # "?", "*", "!"


@lru_cache(maxsize=8)
def compiled_rules(ruleset: RuleSet, package: str | None = None) -> CompiledRules:
    return CompiledRules(ruleset, package)


def active_rules(ruleset: RuleSet, config: Config) -> list[Rule]:
    return [
        rule
        for rule in ruleset.rules
        if config.selects(rule.id, rule.category)
        # ignoring a rule ignores its grammar form too
        and not any(name in config.ignore for name in rule.replaces)
        and config.audience in rule.audiences
        and config.kind in rule.kinds
    ]


def pipeline_for(config: Config) -> str | None:
    """The pipeline package ``config.model`` names, or None for rules only.

    Raises ConfigError (naming the config file) when that package is not installed.
    """
    try:
        return model.check(config.model)
    except model.ModelError as exc:
        raise ConfigError(config.path, "model", str(exc)) from None


def _annotations(package: str | None) -> frozenset[str]:
    if package is None:
        return frozenset()  # the blank pipeline: known without importing spaCy
    from briefcheck.pipeline import annotations

    return annotations(package)


def rules_for_pipeline(rules: list[Rule], package: str | None) -> tuple[list[Rule], list[Rule]]:
    """(rules that run, rules skipped) on this pipeline.

    A rule that needs annotations the pipeline lacks does not run. If it
    replaces a lexical rule, that rule runs instead and nothing is lost; if not,
    it is reported as skipped. Where it does run, the rules it replaces do not.
    """
    have = _annotations(package)
    runnable = [rule for rule in rules if set(rule.needs) <= have]
    replaced = {name for rule in runnable for name in rule.replaces}
    skipped = [rule for rule in rules if rule not in runnable and not rule.replaces]
    return [rule for rule in runnable if rule.id not in replaced], skipped


def skipped_rules(config: Config) -> list[Rule]:
    """Active rules that cannot run on the configured pipeline and have no lexical form."""
    rules = active_rules(load_ruleset(config.extra_rules), config)
    package = pipeline_for(config)
    _load(package, config)  # a package that is not a pipeline: one clear error
    return rules_for_pipeline(rules, package)[1]


def pipeline_name(config: Config) -> str:
    """What reports say ran: 'rules' or 'en_core_web_sm 3.8.0'."""
    return model.describe(pipeline_for(config))


def lint_text(
    text: str, config: Config | None = None, *, markup: str = "markdown"
) -> list[Finding]:
    return lint_document(parse(text, markup), config or Config())


def lint_file(path: str | Path, config: Config | None = None) -> list[Finding]:
    """Lint one file. Raises sources.InputError for unreadable or non-text input."""
    config = config or Config()
    text = read_source(path, max_bytes=config.max_file_bytes)
    return lint_text(text, config, markup=markup_for_path(str(path)))


def analyse(document: Document, config: Config) -> DocContext:
    """Run the spaCy pipeline over every prose block of the document.

    spaCy tokenizes losslessly, so each Doc's text is its block's text, and
    checks slice ``block.text`` rather than join tokens (``Doc.text``, ``Span.text``).
    """
    from briefcheck.pipeline import LINE_STARTS

    nlp = _load(pipeline_for(config), config)
    docs = [nlp.make_doc(block.text) for block in document.blocks]
    for block, doc in zip(document.blocks, docs, strict=True):
        if block.line_starts:
            doc.user_data[LINE_STARTS] = block.line_starts
    docs = list(nlp.pipe(docs))
    return DocContext(document, docs, config)


def _load(package: str | None, config: Config):
    try:
        from briefcheck.pipeline import get_nlp

        return get_nlp(package)
    except Exception as exc:  # spaCy raises OSError, ValueError, ... for a package it cannot use
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(config.path, "model", f"cannot load {package!r}: {reason}") from None


def lint_document(document: Document, config: Config) -> list[Finding]:
    ruleset = load_ruleset(config.extra_rules)
    package = pipeline_for(config)
    _load(package, config)
    rules, _ = rules_for_pipeline(active_rules(ruleset, config), package)
    context = analyse(document, config)
    candidates = _candidates(context, rules, compiled_rules(ruleset, package))
    findings = [_finding(c, document, config) for c in _resolve_overlaps(candidates)]
    # A comment that disables a rule also disables the rule standing in for it on
    # the model tier (blame/person-subject for blame/person-fault).
    stands_for = {rule.id: rule.replaces for rule in rules if rule.replaces}
    findings = suppress.apply(findings, document, stands_for)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def _candidates(context: DocContext, rules: list[Rule], compiled: CompiledRules) -> list[Candidate]:
    from briefcheck.checks.registry import CONDITIONS, DETECTORS

    active = frozenset(rule.id for rule in rules)
    out: list[Candidate] = []
    for i, (block, doc) in enumerate(context.pairs()):
        forms = [context.column(i, form) for form in compiled.word_forms]
        for rule, span in compiled.matches(doc, active, block.text, forms):
            if rule.id not in active:
                continue
            match = Match(rule, block, doc, span, context, i)
            if all(CONDITIONS[name](match) for name in rule.requires) and not any(
                CONDITIONS[name](match) for name in rule.unless
            ):
                out.append(Candidate(rule, match.start, match.end, replacement=rule.replacement))
    for rule in rules:
        if rule.detector:
            out.extend(DETECTORS[rule.detector](rule, context))
    return out


def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Within a category, one finding per place: the longest span wins."""
    ordered = sorted(candidates, key=lambda c: (c.start, -(c.end - c.start), c.rule.id))
    kept: list[Candidate] = []
    reach: dict[str, int] = {}  # category -> end of the last span kept
    for cand in ordered:
        if cand.data.get("scope") == "document":
            kept.append(cand)  # about the whole document (a missing part): only placed here
            continue
        category = cand.rule.category
        if cand.end > cand.start and cand.start < reach.get(category, -1):
            continue
        kept.append(cand)
        reach[category] = max(reach.get(category, -1), cand.end)
    return kept


def _finding(cand: Candidate, document: Document, config: Config) -> Finding:
    index = document.index
    line, column = index.line_col(cand.start)
    end_line, end_column = index.line_col(cand.end)
    text = document.source[cand.start : cand.end]
    rule = cand.rule
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=config.severity_for(rule.id, rule.category, rule.severity),
        message=cand.message or rule.format_message(text),
        start=cand.start,
        end=cand.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=text,
        replacement=cand.replacement,
        data=cand.data,
    )
