"""The engine: text and config in, findings out. It knows nothing of Click or LSP."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.matcher import Matcher, PhraseMatcher

from briefcheck import model, suppress
from briefcheck.checks.registry import CONDITIONS, DETECTORS
from briefcheck.config import Config, ConfigError
from briefcheck.context import Candidate, DocContext, Match
from briefcheck.document import Document, markup_for_path, parse
from briefcheck.findings import Finding
from briefcheck.pipeline import annotations, get_nlp
from briefcheck.regex import compile_regex
from briefcheck.rulepack import Rule, RuleSet, load_ruleset
from briefcheck.sources import read_source


class CompiledRules:
    """Every rule's phrases, token patterns and regexes, compiled once per rule set
    and pipeline. Rules that need annotations the pipeline lacks are left out."""

    def __init__(self, ruleset: RuleSet, package: str | None = None) -> None:
        nlp = get_nlp(package)
        have = annotations(package)
        self.rules = ruleset.by_id()
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._tokens = Matcher(nlp.vocab)
        self._regexes: list[tuple[Rule, object]] = []
        for rule in ruleset.rules:
            if not set(rule.needs) <= have:
                continue
            if rule.phrases:
                target = self._exact if rule.case_sensitive else self._folded
                target.add(rule.id, list(nlp.tokenizer.pipe(rule.phrases)))
            if rule.patterns:
                self._tokens.add(rule.id, [list(p) for p in rule.patterns], greedy="LONGEST")
            for pattern in rule.regex:
                self._regexes.append((rule, compile_regex(pattern)))
        self._names = nlp.vocab.strings

    def matches(self, doc):
        """Yield (rule, span) for every place a rule matched in ``doc``."""
        for matcher in (self._folded, self._exact, self._tokens):
            for key, start, end in matcher(doc):
                yield self.rules[self._names[key]], doc[start:end]
        for rule, regex in self._regexes:
            for found in regex.finditer(doc.text):
                span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
                if span is not None and span.text.strip():
                    yield rule, span


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


def rules_for_pipeline(rules: list[Rule], package: str | None) -> tuple[list[Rule], list[Rule]]:
    """(rules that run, rules skipped) on this pipeline.

    A rule that needs annotations the pipeline lacks does not run. If it
    replaces a lexical rule, that rule runs instead and nothing is lost; if not,
    it is reported as skipped. Where it does run, the rules it replaces do not.
    """
    have = annotations(package)
    runnable = [rule for rule in rules if set(rule.needs) <= have]
    replaced = {name for rule in runnable for name in rule.replaces}
    skipped = [rule for rule in rules if rule not in runnable and not rule.replaces]
    return [rule for rule in runnable if rule.id not in replaced], skipped


def skipped_rules(config: Config) -> list[Rule]:
    """Active rules that cannot run on the configured pipeline and have no lexical form."""
    rules = active_rules(load_ruleset(config.extra_rules), config)
    return rules_for_pipeline(rules, pipeline_for(config))[1]


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
    """Run the spaCy pipeline over every prose block of the document."""
    nlp = _load(pipeline_for(config), config)
    docs = list(nlp.pipe(block.text for block in document.blocks))
    return DocContext(document, docs, config)


def _load(package: str | None, config: Config):
    try:
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
    findings = suppress.apply(findings, document)
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def _candidates(context: DocContext, rules: list[Rule], compiled: CompiledRules) -> list[Candidate]:
    active = {rule.id for rule in rules}
    out: list[Candidate] = []
    for i, (block, doc) in enumerate(context.pairs()):
        for rule, span in compiled.matches(doc):
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
