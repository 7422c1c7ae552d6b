"""Configuration: discovery, merging and validation.

Settings come from ``[tool.briefcheck]`` in ``pyproject.toml`` or from
``.briefcheck.toml`` (top level), found by searching upward from each file.
``--config`` names one file instead. Command-line flags win over files, and
``[[overrides]]`` entries apply to the files their globs match.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from briefcheck.findings import Severity
from briefcheck.model import valid_setting as valid_model_setting
from briefcheck.rulepack import AUDIENCES, CATEGORIES, KINDS

CONFIG_FILES = (".briefcheck.toml", "pyproject.toml")


class ConfigError(Exception):
    """A setting that cannot be used. str() is one line naming the file and key."""

    def __init__(self, path: str | Path | None, key: str | None, reason: str) -> None:
        self.path, self.key, self.reason = (str(path) if path else None), key, reason
        where = self.path or "configuration"
        what = f" [{key}]" if key else ""
        super().__init__(f"{where}{what}: {reason}")


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    settings: dict[str, Any]


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # rule ids or categories; empty means all
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # (rule id or category, severity)
    audience: str = "executive"
    kind: str = "brief"
    glossary: tuple[str, ...] = ()
    extra_rules: tuple[str, ...] = ()  # absolute paths of user packs
    max_grade: float = 12.0  # readability/grade threshold
    max_sentence_words: int = 25
    word_budget: int = 400
    max_file_bytes: int = 20_000_000
    model: str = "auto"  # "auto" | "none" | an installed spaCy pipeline package
    overrides: tuple[Override, ...] = ()
    path: str | None = None  # the file these settings came from, if any
    root: str | None = None  # the folder globs and relative paths are read from

    def selects(self, rule_id: str, category: str) -> bool:
        def hit(names: tuple[str, ...]) -> bool:
            return rule_id in names or category in names

        if self.select and not hit(self.select):
            return False
        return not hit(self.ignore)

    def severity_for(self, rule_id: str, category: str, default: Severity) -> Severity:
        table = dict(self.severity)
        return table.get(rule_id) or table.get(category) or default

    def knows(self, term: str) -> bool:
        return term.casefold() in _folded(self.glossary)

    def for_path(self, path: str | Path) -> Config:
        """These settings with the overrides whose globs match ``path`` applied."""
        if not self.overrides:
            return self
        rel = _relative(Path(path), self.root)
        result = self
        for override in self.overrides:
            if any(_glob_match(rel, pattern) for pattern in override.files):
                result = _apply(result, override.settings, self.path, "overrides")
        return result

    def with_flags(self, **flags: Any) -> Config:
        """Command-line flags win over files; None means 'not given'."""
        given = {k: v for k, v in flags.items() if v is not None}
        return _apply(self, given, None, "command line") if given else self


@lru_cache(maxsize=64)
def _folded(glossary: tuple[str, ...]) -> frozenset[str]:
    return frozenset(term.casefold() for term in glossary)


def _relative(path: Path, root: str | None) -> str:
    path = path.resolve() if path.is_absolute() or root else path
    if root:
        try:
            return PurePosixPath(path.relative_to(Path(root))).as_posix()
        except ValueError:
            pass
    return PurePosixPath(path).as_posix()


def _glob_match(rel: str, pattern: str) -> bool:
    # "status/" and "status/**" both mean everything under status/.
    pattern = pattern.rstrip("/") + "/**" if pattern.endswith("/") else pattern
    if fnmatch.fnmatchcase(rel, pattern):
        return True
    if pattern.endswith("/**") and rel.startswith(pattern[:-3] + "/"):
        return True
    return "/" not in pattern and fnmatch.fnmatchcase(PurePosixPath(rel).name, pattern)


# ---------------------------------------------------------------- loading

_SIMPLE_KEYS = {
    "select",
    "ignore",
    "severity",
    "audience",
    "kind",
    "glossary",
    "extra_rules",
    "max_grade",
    "max_sentence_words",
    "word_budget",
    "max_file_bytes",
    "model",
}
_FILE_KEYS = _SIMPLE_KEYS | {"overrides"}


def load_config_file(path: str | Path) -> Config:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(path, None, f"cannot read config: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, f"invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("briefcheck", {})
    base = Config(path=str(path.resolve()), root=str(path.resolve().parent))
    return _from_mapping(base, raw, path)


def _from_mapping(base: Config, raw: dict[str, Any], path: Path) -> Config:
    unknown = sorted(set(raw) - _FILE_KEYS)
    if unknown:
        raise ConfigError(path, unknown[0], f"unknown setting {unknown[0]!r}")
    config = _apply(base, {k: v for k, v in raw.items() if k != "overrides"}, path, "")
    overrides = []
    for i, entry in enumerate(raw.get("overrides", [])):
        key = f"overrides[{i}]"
        if not isinstance(entry, dict):
            raise ConfigError(path, key, "each override must be a table")
        files = entry.get("files")
        if isinstance(files, str):
            files = [files]
        if not files or not all(isinstance(f, str) for f in files):
            raise ConfigError(path, key + ".files", "an override needs 'files', a list of globs")
        settings = {k: v for k, v in entry.items() if k != "files"}
        bad = sorted(set(settings) - _SIMPLE_KEYS - {"extra_rules"})
        if bad:
            raise ConfigError(path, f"{key}.{bad[0]}", f"unknown setting {bad[0]!r}")
        _apply(config, settings, path, key)  # validate now, apply per file later
        overrides.append(Override(tuple(files), settings))
    return replace(config, overrides=tuple(overrides))


def _apply(config: Config, settings: dict[str, Any], path, prefix: str) -> Config:
    changes: dict[str, Any] = {}
    for key, value in settings.items():
        name = f"{prefix}.{key}" if prefix and prefix != "command line" else key
        if key not in _SIMPLE_KEYS:
            raise ConfigError(path, name, f"unknown setting {key!r}")
        changes[key] = _validate(key, value, path, name, config)
    return replace(config, **changes)


def _validate(key: str, value: Any, path, name: str, config: Config) -> Any:
    def fail(reason: str) -> ConfigError:
        return ConfigError(path, name, reason)

    if key in ("select", "ignore", "glossary", "extra_rules"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise fail("must be a list of strings")
        if key in ("select", "ignore"):
            for item in value:
                if "/" not in item and item not in CATEGORIES:
                    raise fail(f"{item!r} is neither a rule id (category/name) nor a category")
        if key == "extra_rules":
            base = Path(config.root) if config.root and path else Path.cwd()
            return tuple(str((base / v).resolve()) for v in value)
        return tuple(value)
    if key == "severity":
        if not isinstance(value, dict):
            raise fail("must be a table of rule id or category = error | warning | info")
        out = []
        for rule, level in value.items():
            try:
                out.append((rule, Severity(level)))
            except ValueError:
                raise fail(f"{rule!r}: severity must be error, warning or info") from None
        return tuple(out)
    if key == "audience":
        if value not in AUDIENCES:
            raise fail(f"must be one of {', '.join(AUDIENCES)}, not {value!r}")
        return value
    if key == "kind":
        if value not in KINDS:
            raise fail(f"must be one of {', '.join(KINDS)}, not {value!r}")
        return value
    if key in ("max_grade",):
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise fail("must be a positive number")
        return float(value)
    if key == "model":
        if not valid_model_setting(value):
            raise fail(f'must be "auto", "none" or a pipeline package name, not {value!r}')
        return value
    if key in ("max_sentence_words", "word_budget", "max_file_bytes"):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise fail("must be a positive whole number")
        return value
    raise fail(f"unknown setting {key!r}")  # pragma: no cover - guarded by callers


def find_config_file(start: Path) -> Path | None:
    """The nearest .briefcheck.toml, or pyproject.toml with [tool.briefcheck]."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return "briefcheck" in data.get("tool", {})


class ConfigResolver:
    """Finds and caches the config for each file; ``explicit`` (--config) wins."""

    def __init__(self, explicit: str | Path | None = None, flags: dict[str, Any] | None = None):
        self.flags = flags or {}
        self._explicit = load_config_file(explicit) if explicit else None
        self._by_file: dict[Path | None, Config] = {}
        self._by_folder: dict[str, Path | None] = {}  # folder -> its config file

    def for_path(self, path: str | Path | None) -> Config:
        if self._explicit is not None:
            base = self._explicit
        else:
            start = Path(path) if path else Path.cwd()
            # Every file of a folder has the same config file, and finding it
            # stats each folder up to the root and may parse a pyproject.toml:
            # a millisecond, once per folder rather than once per file.
            folder = str(start if path is None or start.is_dir() else start.parent)
            if folder not in self._by_folder:
                self._by_folder[folder] = find_config_file(start)
            found = self._by_folder[folder]
            if found not in self._by_file:
                self._by_file[found] = load_config_file(found) if found else Config()
            base = self._by_file[found]
        config = base.for_path(path) if path else base
        return config.with_flags(**self.flags)


def config_field_names() -> list[str]:
    return [f.name for f in fields(Config)]
