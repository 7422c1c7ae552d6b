"""Rule packs: YAML data, loaded safely and validated at start-up.

A pack is a YAML mapping with a ``rules`` list (a bare list is accepted too).
Packs hold data only: phrases, spaCy token patterns, RE2 regexes, and the names
of context conditions and detectors, which live in ``briefcheck.checks``.
Every error names the file, the line and the reason.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefcheck import cache
from briefcheck.findings import Severity
from briefcheck.model import ANNOTATIONS

if TYPE_CHECKING:
    import yaml  # imported where a pack is parsed: a run from the cache never needs it

CATEGORIES = (
    "jargon",
    "blame",
    "figures",
    "timeline",
    "structure",
    "readability",
    "length",
    "tone",
)
AUDIENCES = ("executive", "engineering")
KINDS = ("brief", "status", "postmortem")


class RulePackError(Exception):
    """A pack that cannot be used. str() is one line: file:line: reason."""

    def __init__(self, path: str | Path, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Examples:
    fire: tuple[str, ...] = ()
    quiet: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    category: str
    severity: Severity
    message: str
    what: str
    why: str
    fix: str
    examples: Examples
    source_file: str
    line: int
    replacement: str | None = None
    phrases: tuple[str, ...] = ()
    case_sensitive: bool = False
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    regex: tuple[str, ...] = ()
    detector: str | None = None
    unless: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    audiences: tuple[str, ...] = AUDIENCES
    kinds: tuple[str, ...] = KINDS
    url: str | None = None
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # Annotations only a trained pipeline gives (POS, DEP, ENT_TYPE, ...). Without
    # them the rule is skipped; the rules it ``replaces`` run in its place.
    needs: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.id.split("/", 1)[1]

    def format_message(self, text: str) -> str:
        # str.replace, not str.format: a user's pack must not reach attributes.
        return self.message.replace("{text}", text)

    def explain(self) -> str:
        """Plain-text documentation: what, why, examples, fix."""
        lines = [f"{self.id}  ({self.category}, {self.severity})", ""]
        lines += ["What it does", f"  {self.what}", "", "Why it matters", f"  {self.why}", ""]
        if self.examples.fire:
            lines.append("Flagged")
            lines += [f"  ✗ {ex}" for ex in self.examples.fire]
            lines.append("")
        if self.examples.quiet:
            lines.append("Fine")
            lines += [f"  ✓ {ex}" for ex in self.examples.quiet]
            lines.append("")
        lines += ["How to fix", f"  {self.fix}"]
        if self.replacement:
            lines.append(f"  Quick fix: replace with {self.replacement!r}.")
        return "\n".join(lines)

    def explain_markdown(self) -> str:
        parts = [f"**{self.id}** ({self.severity})", "", self.what, "", f"*Why:* {self.why}", ""]
        if self.examples.fire:
            parts.append("*Flagged:* " + "; ".join(f"“{ex}”" for ex in self.examples.fire[:2]))
        if self.examples.quiet:
            parts.append("*Fine:* " + "; ".join(f"“{ex}”" for ex in self.examples.quiet[:2]))
        parts += ["", f"*Fix:* {self.fix}"]
        return "\n".join(parts)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    digest: str  # hash of every pack's bytes: a cache key for compiled matchers
    packs: tuple[str, ...] = ()  # the files read, includes too

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and other.digest == self.digest

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def get(self, rule_id: str) -> Rule | None:
        return self.by_id().get(rule_id)


def builtin_rules_dir() -> Path:
    """The packs shipped in the wheel, or the repository's rules/ in a checkout."""
    shipped = resources.files("briefcheck") / "rules"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_pack_paths() -> list[Path]:
    return sorted(builtin_rules_dir().glob("*.yml"))


def load_ruleset(extra: tuple[str, ...] = ()) -> RuleSet:
    """Built-in packs plus ``extra`` user packs, validated.

    Kept for the life of the process while every pack it read (includes too)
    has the size and mtime it had: a language server picks up an edited house
    pack at its next lint, without a restart, as it does an edited config file.
    """
    kept = _loaded.get(extra)
    if kept is not None and _stamp(kept[1].packs) == kept[0]:
        return kept[1]
    ruleset = _read_ruleset(extra)
    _loaded[extra] = (_stamp(ruleset.packs), ruleset)
    return ruleset


# extra packs -> (stamp of the packs read, the rule set); a handful of entries
_loaded: dict[tuple[str, ...], tuple[tuple, RuleSet]] = {}


def loaded_packs() -> set[Path]:
    """Every pack file the rule sets loaded so far were read from, resolved."""
    return {Path(pack).resolve() for _, ruleset in list(_loaded.values()) for pack in ruleset.packs}


def _stamp(packs: Iterable[str]) -> tuple:
    """Size and mtime of each pack. Every lint asks (a few times), so this is
    os.stat on the stored strings: building a Path for each took three times as long."""
    stamp = []
    for pack in packs:
        try:
            info = os.stat(pack)
        except OSError:
            stamp.append(None)  # gone: reading it again reports it
            continue
        stamp.append((info.st_size, info.st_mtime_ns))
    return tuple(stamp)


def _read_ruleset(extra: tuple[str, ...]) -> RuleSet:
    paths = [*builtin_pack_paths(), *(Path(p) for p in extra)]
    cache_key = _cache_key(paths)
    cached = _cached_ruleset(cache_key)
    if cached is not None:
        return cached
    digest = hashlib.sha256()
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    read: list[tuple[str, str]] = []  # (pack, hash of its bytes), includes too
    for path, data, pack_rules in _packs_with_includes(paths):
        read.append((str(path), hashlib.sha256(data).hexdigest()))
        digest.update(str(path.name).encode() + b"\0" + data)
        for rule in pack_rules:
            if rule.id in seen:
                raise RulePackError(
                    path,
                    rule.line,
                    f"duplicate rule id {rule.id!r} (first in {seen[rule.id].source_file})",
                )
            seen[rule.id] = rule
            rules.append(rule)
    for rule in rules:
        unknown = [name for name in rule.replaces if name not in seen]
        if unknown:
            raise RulePackError(
                rule.source_file, rule.line, f"replaces unknown rule {unknown[0]!r}"
            )
    ruleset = RuleSet(tuple(rules), digest.hexdigest(), tuple(path for path, _ in read))
    if cache_key is not None:
        cache.store("rules", cache_key, (read, ruleset))
    return ruleset


# Validating packs means parsing YAML and compiling every pattern with spaCy:
# most of a one-file run's start-up. A valid rule set is kept in the user cache,
# keyed by the packs' bytes, the code and spaCy's version; packs they include
# are checked against the hashes recorded with the entry.


def _cache_key(paths: list[Path]) -> str | None:
    if not cache.enabled():
        return None
    try:
        packs = [part for p in paths for part in (str(p), p.read_bytes())]
    except OSError:
        return None  # the normal load reports the unreadable pack
    return cache.key(cache.code_stamp(), cache.dependency_versions("spacy"), *packs)


def _cached_ruleset(cache_key: str | None) -> RuleSet | None:
    entry = cache.load("rules", cache_key) if cache_key else None
    if not isinstance(entry, tuple) or len(entry) != 2:
        return None
    read, ruleset = entry
    for path, sha in read:
        try:
            if hashlib.sha256(Path(path).read_bytes()).hexdigest() != sha:
                return None
        except OSError:
            return None
    return ruleset if isinstance(ruleset, RuleSet) else None


def _packs_with_includes(paths: list[Path]):
    """Yield (path, bytes, rules) for each pack, each included pack before its includer.

    ``include: [other.yml]`` names packs relative to the including file. A pack
    that includes itself, directly or through others, is an error; a pack
    reached twice by different routes is read once.
    """
    done: set[Path] = set()

    def visit(path: Path, chain: tuple[Path, ...]):
        resolved = path.resolve()
        if resolved in chain:
            loop = " -> ".join(p.name for p in (*chain, resolved))
            raise RulePackError(chain[-1], None, f"pack includes itself ({loop})")
        if resolved in done:
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RulePackError(
                path, None, f"cannot read rule pack: {exc.strerror or exc}"
            ) from None
        pack_rules, includes = _parse(data.decode("utf-8", errors="replace"), path)
        for name in includes:
            yield from visit(path.parent / name, (*chain, resolved))
        done.add(resolved)
        yield path, data, pack_rules

    for path in paths:
        yield from visit(path, ())


# ---------------------------------------------------------------- parsing


_RULE_KEYS = {
    "id": str,
    "category": str,
    "severity": str,
    "message": str,
    "what": str,
    "why": str,
    "fix": str,
    "replacement": str,
    "phrases": list,
    "case_sensitive": bool,
    "patterns": list,
    "regex": list,
    "detector": str,
    "unless": list,
    "requires": list,
    "audiences": list,
    "kinds": list,
    "url": str,
    "examples": dict,
    "options": dict,
    "needs": list,
    "replaces": list,
}
_REQUIRED = ("id", "category", "severity", "message", "what", "why", "fix", "examples")


def parse_pack(text: str, path: str | Path) -> list[Rule]:
    return _parse(text, path)[0]


def _parse(text: str, path: str | Path) -> tuple[list[Rule], list[str]]:
    """The rules of one pack, and the packs it includes."""
    import yaml

    includes: list[str] = []
    try:
        root = _compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RulePackError(
            path, mark.line + 1 if mark else None, f"invalid YAML: {problem}"
        ) from None
    if root is None:
        raise RulePackError(path, None, "empty rule pack")
    if isinstance(root, yaml.MappingNode):
        keys = {k.value: v for k, v in root.value}
        unknown = set(keys) - {"rules", "name", "description", "include"}
        if unknown:
            bad = sorted(unknown)[0]
            raise RulePackError(path, _line(root), f"unknown pack key {bad!r}")
        if "include" in keys:
            node = keys["include"]
            if not isinstance(node, yaml.SequenceNode) or not all(
                isinstance(item, yaml.ScalarNode) and item.value for item in node.value
            ):
                raise RulePackError(path, _line(node), "'include' must be a list of pack files")
            includes = [item.value for item in node.value]
        if "rules" not in keys:
            if includes:
                return [], includes
            raise RulePackError(path, _line(root), "a pack needs a 'rules' list")
        root = keys["rules"]
    if not isinstance(root, yaml.SequenceNode):
        raise RulePackError(path, _line(root), "'rules' must be a list of rules")
    loader = yaml.SafeLoader("")
    rules = []
    for node in root.value:
        if not isinstance(node, yaml.MappingNode):
            raise RulePackError(path, _line(node), "each rule must be a mapping")
        try:
            raw = loader.construct_document(node)
        except yaml.YAMLError as exc:
            raise RulePackError(path, _line(node), f"invalid YAML: {exc}") from None
        key_lines = {k.value: _line(k) for k, _ in node.value}
        rules.append(_build_rule(raw, path, _line(node), key_lines))
    return rules, includes


def _compose(text: str) -> yaml.Node | None:
    """The YAML node tree, parsed by libyaml when PyYAML has it (ten times faster).

    A pack libyaml rejects is parsed again in Python, so the error a user sees
    is the same either way.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _build_rule(raw: dict[str, Any], path, line: int, key_lines: dict[str, int]) -> Rule:
    def fail(key: str | None, reason: str) -> RulePackError:
        return RulePackError(path, key_lines.get(key, line) if key else line, reason)

    for key, value in raw.items():
        if key not in _RULE_KEYS:
            return_error = fail(key, f"unknown rule key {key!r}")
            raise return_error
        if not isinstance(value, _RULE_KEYS[key]):
            want = _RULE_KEYS[key].__name__
            raise fail(key, f"{key!r} must be a {want}, not {type(value).__name__}")
    for key in _REQUIRED:
        if key not in raw:
            raise fail(None, f"rule {raw.get('id', '?')!r} is missing {key!r}")
    rule_id = raw["id"]
    if rule_id.count("/") != 1 or not all(rule_id.split("/")):
        raise fail("id", f"rule id {rule_id!r} must look like 'category/name'")
    category = raw["category"]
    if category not in CATEGORIES:
        raise fail("category", f"unknown category {category!r} (one of {', '.join(CATEGORIES)})")
    if not rule_id.startswith(category + "/"):
        raise fail("id", f"rule id {rule_id!r} must start with its category {category!r}")
    try:
        severity = Severity(raw["severity"])
    except ValueError:
        raise fail(
            "severity", f"severity must be error, warning or info, not {raw['severity']!r}"
        ) from None
    matchers = [k for k in ("phrases", "patterns", "regex", "detector") if k in raw]
    if not matchers:
        raise fail(None, f"rule {rule_id!r} needs phrases, patterns, regex or a detector")
    phrases = _strings(raw.get("phrases", []), "phrases", fail)
    regexes = _strings(raw.get("regex", []), "regex", fail)
    for pattern in regexes:
        _check_regex(pattern, fail)
    needs = _choices(raw.get("needs", []), ANNOTATIONS, "needs", fail)
    patterns = _token_patterns(raw.get("patterns", []), fail, needs)
    replaces = _strings(raw.get("replaces", []), "replaces", fail)
    if replaces and not needs:
        raise fail("replaces", "only a rule with 'needs' replaces another (its lexical form)")
    unless = _strings(raw.get("unless", []), "unless", fail)
    requires = _strings(raw.get("requires", []), "requires", fail)
    audiences = _choices(raw.get("audiences", list(AUDIENCES)), AUDIENCES, "audiences", fail)
    kinds = _choices(raw.get("kinds", list(KINDS)), KINDS, "kinds", fail)
    examples = raw["examples"]
    unknown = set(examples) - {"fire", "quiet"}
    if unknown:
        raise fail("examples", f"unknown examples key {sorted(unknown)[0]!r} (use fire and quiet)")
    fire = _strings(examples.get("fire", []), "examples.fire", fail)
    quiet = _strings(examples.get("quiet", []), "examples.quiet", fail)
    if not fire:
        raise fail("examples", f"rule {rule_id!r} needs at least one example that fires")

    from briefcheck.checks import registry  # the named conditions and detectors

    for name in (*unless, *requires):
        if name not in registry.CONDITIONS:
            raise fail("unless" if name in unless else "requires", f"unknown condition {name!r}")
    detector = raw.get("detector")
    if detector is not None and detector not in registry.DETECTORS:
        raise fail("detector", f"unknown detector {detector!r}")
    return Rule(
        id=rule_id,
        category=category,
        severity=severity,
        message=raw["message"],
        what=raw["what"].strip(),
        why=raw["why"].strip(),
        fix=raw["fix"].strip(),
        examples=Examples(tuple(fire), tuple(quiet)),
        source_file=str(path),
        line=line,
        replacement=raw.get("replacement"),
        phrases=tuple(phrases),
        case_sensitive=raw.get("case_sensitive", False),
        patterns=patterns,
        regex=tuple(regexes),
        detector=detector,
        unless=tuple(unless),
        requires=tuple(requires),
        audiences=tuple(audiences),
        kinds=tuple(kinds),
        url=raw.get("url"),
        options=raw.get("options", {}),
        needs=tuple(needs),
        replaces=tuple(replaces),
    )


def _strings(value: Iterable[Any], key: str, fail) -> list[str]:
    out = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise fail(key.split(".")[0], f"{key} must hold non-empty strings, found {item!r}")
        out.append(item)
    return out


def _choices(value, allowed, key, fail) -> list[str]:
    for item in value:
        if item not in allowed:
            raise fail(key, f"{key} must be among {', '.join(allowed)}, not {item!r}")
    return list(value)


def _token_patterns(value, fail, needs=()) -> tuple[tuple[dict[str, Any], ...], ...]:
    patterns = []
    for pattern in value:
        if (
            not isinstance(pattern, list)
            or not pattern
            or not all(isinstance(t, dict) for t in pattern)
        ):
            raise fail("patterns", "each pattern must be a non-empty list of token mappings")
        patterns.append(tuple(pattern))
        # spaCy raises mid-lint when a pattern reads an annotation the pipeline
        # lacks; a declared need lets the engine skip the rule instead.
        used = {str(k).upper() for t in pattern for k in t}
        undeclared = sorted(used & set(ANNOTATIONS) - set(needs))
        if undeclared:
            raise fail("patterns", f"pattern uses {undeclared[0]}: add it to 'needs'")
    if patterns:
        from spacy.matcher import Matcher

        from briefcheck.pipeline import get_nlp

        probe = Matcher(get_nlp().vocab)
        for pattern in patterns:
            try:
                probe.add("probe", [list(pattern)])
            except Exception as exc:  # spaCy raises several types for a bad pattern
                detail = [ln.strip("- ") for ln in str(exc).splitlines() if ln.startswith("- [")]
                reason = detail[0] if detail else str(exc).strip().splitlines()[0]
                raise fail("patterns", f"invalid token pattern: {reason}") from None
    return tuple(patterns)


def _check_regex(pattern: str, fail) -> None:
    from briefcheck.regex import RegexError, compile_regex

    try:
        compile_regex(pattern)
    except RegexError as exc:
        raise fail("regex", f"invalid regex {pattern!r}: {exc}") from None
