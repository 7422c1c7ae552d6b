"""The engine: text and config in, findings out. It knows nothing of Click or LSP."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

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

    Token patterns are the costly part: spaCy's Matcher tests every token
    against every pattern, and its ``IN`` sets are Python calls. So each rule
    gets its own Matcher, built on first use, and runs only on a Doc holding
    the words its patterns cannot match without (see ``_required_words``).
    One Matcher per rule changes nothing else: greedy filtering is per rule.
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
        # Every token pattern, numbered: its (rule id, index in the rule) and the
        # needs a Doc must meet for it to match, where a need is an index into
        # self._needs: word hashes, or a test one word passes.
        self._pattern_keys: list[tuple[str, int]] = []
        self._pattern_needs: list[frozenset[int]] = []
        self._by_need: dict[int, list[int]] = {}  # need -> the patterns that have it
        self._needless: list[int] = []  # patterns that no need rules out
        self._allowed: dict[frozenset[str], frozenset[int]] = {}  # active rules -> patterns
        self._due_for: dict[tuple, tuple[int, ...]] = {}  # (needs met, active rules) -> due
        self._needs: list[Need] = []
        self._named: dict[int, list[int]] = {}  # word hash -> the needs that name it
        self._word_tests: list[int] = []  # needs met by a word that passes a test
        # What each word seen so far meets, learnt once per word (see _learn).
        self._seen_words: set[int] = set()
        self._meets: dict[int, set[int]] = {}  # word hash -> needs, for words that meet any
        self._meeting: set[int] = set()  # the keys of _meets, as a set for fast intersection
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
                self._add_pattern(rule.id, index, self._index(_required_words(pattern, nlp.vocab)))
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
        words: set[int] | None = None,
    ):
        """Yield (rule, span) for every place a rule matched in ``doc``.

        ``active`` (rule ids) skips the token patterns of other rules; phrases
        and regexes of every rule are still yielded. ``text`` is the text the
        Doc was made from, if the caller has it: ``Doc.text`` joins every token.
        ``words`` are the hashes of its tokens' ``word_forms``, if it has them.
        """
        for matcher in (self._folded, self._exact):
            for key, start, end in matcher(doc):
                yield self.rules[self._names[key]], doc[start:end]
        if text is None:
            text = doc.text
        if active is not None and not isinstance(active, frozenset):
            active = frozenset(active)
        if words is None:
            words = set(doc.to_array(list(self.word_forms)).ravel().tolist())
        due = self._due(self._met(words), active)
        if due:
            for key, start, end in self._matcher(due)(doc):
                yield self.rules[self._names[key]], doc[start:end]
        if self._any_regex is not None and not self._any_regex.search(text):
            return
        for rule, regex in self._regexes:
            for found in regex.finditer(text):
                span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
                if span is not None and span.text.strip():
                    yield rule, span

    def _add_pattern(self, rule_id: str, index: int, needs: frozenset[int]) -> None:
        number = len(self._pattern_keys)
        self._pattern_keys.append((rule_id, index))
        self._pattern_needs.append(needs)
        for need in needs:
            self._by_need.setdefault(need, []).append(number)
        if not needs:
            self._needless.append(number)

    def _due(self, met: set[int], active: frozenset[str] | None) -> tuple[int, ...]:
        """The patterns (numbers) whose needs ``met`` meets, among the active rules.

        Only patterns sharing a need with ``met`` are looked at: a block usually
        meets few needs, and then this costs next to nothing.
        """
        key = (frozenset(met), active)  # blocks meet the same few sets again and again
        found = self._due_for.get(key)
        if found is None:
            due = {
                n
                for need in met
                for n in self._by_need.get(need, ())
                if self._pattern_needs[n] <= met
            }
            due.update(self._needless)
            if active is not None:
                due &= self._allowed_patterns(active)
            if len(self._due_for) >= 4096:
                self._due_for.clear()
            found = self._due_for[key] = tuple(sorted(due))
        return found

    def _allowed_patterns(self, active: frozenset[str]) -> frozenset[int]:
        found = self._allowed.get(active)
        if found is None:
            keys = self._pattern_keys
            found = frozenset(n for n, (rule_id, _) in enumerate(keys) if rule_id in active)
            self._allowed[active] = found
        return found

    def _index(self, needs: list[Need]) -> frozenset[int]:
        ids = []
        for need in needs:
            ids.append(len(self._needs))
            self._needs.append(need)
            if isinstance(need, frozenset):
                for word in need:
                    self._named.setdefault(word, []).append(ids[-1])
            else:
                self._word_tests.append(ids[-1])
        return frozenset(ids)

    def _met(self, words: set[int]) -> set[int]:
        """The needs a Doc with these words (hashes of its word_forms) meets: those
        naming one of its words (in any form), and the word tests one passes."""
        new = words - self._seen_words
        if new:
            self._learn(new)
        met: set[int] = set()
        # A set intersection (in C) leaves the few words that meet something.
        for word in words & self._meeting:
            met.update(self._meets[word])
        return met

    def _learn(self, words: set[int]) -> None:
        """Work out what each new word meets: the needs naming it or its lower
        case (LOWER is the word's own lowercase, so it is not read per token),
        and the word tests it passes. A word's string never changes, so this
        is done once per word and process, not once per block.

        The language server lints on two threads: a word's needs are stored
        before it is marked seen, so a thread that finds it seen finds them too.
        """
        from spacy.strings import get_string_id

        strings = self._vocab.strings
        for word in words:
            text = strings[word]
            meets = set(self._named.get(word, ()))
            meets.update(self._named.get(get_string_id(self._lower(text)), ()))
            meets.update(i for i in self._word_tests if self._needs[i](text))
            if meets:
                self._meets[word] = meets
                self._meeting.add(word)
        self._seen_words.update(words)

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


def _required_words(pattern, vocab) -> list[Need]:
    """What a Doc must hold for a token pattern to match it, one entry per
    token the pattern cannot do without: the hashes of the words allowed
    there, or a test one of its words must pass. Tokens described otherwise
    (flags, lemmas, lengths) rule nothing out.
    """
    from spacy.strings import get_string_id

    def hashes(words: list[str]) -> frozenset[int]:
        return frozenset(get_string_id(w) for w in words)

    required: list[Need] = []
    for spec in pattern:
        if not _is_required(spec.get("OP")):
            continue
        test = word_test(vocab, spec)  # its IN, NOT_IN and REGEX tests on the word's text
        covered = test.keys if test is not None else []
        in_lists = [spec[key]["IN"] for key in covered if "IN" in spec[key]]
        if in_lists:
            required.append(hashes(in_lists[0]))  # a word list rules out more cheaply
        elif test is not None:
            # _learn runs the test on every form of each new word; the Matcher
            # tests one of those forms, so this finds more, never less.
            required.append(test)
        for key, value in spec.items():
            attr = str(key).upper()
            if key in covered or attr not in _WORD_ATTRS:
                continue
            if isinstance(value, str):
                required.append(hashes([value]))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                required.append(hashes(value["IN"]))  # NORM: its words are in the Doc's set
            elif isinstance(value, dict) and set(value) == {"REGEX"}:
                required.append(re.compile(value["REGEX"]).search)
    return required


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
        words = {word for form in compiled.word_forms for word in context.column(i, form)}
        for rule, span in compiled.matches(doc, active, block.text, words):
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
