"""Word tests in token patterns, answered once per word instead of once per token.

spaCy's Matcher runs a pattern token such as ``{"LOWER": {"IN": [...]}}`` or
``{"TEXT": {"REGEX": "..."}}`` as a Python call on a new Token object, for every
token of every Doc it is given: most of a lint's matching time. Such a test
depends only on the word's own text, so spaCy can store its answer on the word:
``Vocab.add_flag`` keeps one bit per lexeme, computed for each new word when it is
first seen, and the Matcher checks a flag in C. There are about 45 free bits; tests
beyond them stay ordinary predicates, with the same results.

NORM is left alone: a token's norm can differ from its word's (tokenizer
exceptions set it per token), so a test on it cannot be stored on the word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.vocab import Vocab

# The attributes a word's text alone decides. LOWER uses the vocabulary's own
# getter, so a test agrees with the token's LOWER by construction.
TEXT_ATTRS = ("ORTH", "TEXT", "LOWER")
_OPS = ("IN", "NOT_IN", "REGEX")


class WordTest:
    """The text-only tests of one pattern token, all of which a word must pass.

    ``key`` names the tests, so a vocabulary that already holds their flag (the
    same token in another rule, or a rule set compiled again) reuses the bit.
    ``keys`` are the pattern token's keys the test stands for.
    """

    def __init__(self, keys: list, parts: list[tuple[str, str, object]], lower: Callable):
        self.keys = keys
        self.key = json.dumps(sorted(parts, key=repr), sort_keys=True, default=str)
        checks = [_check(attr, op, arg, lower) for attr, op, arg in parts]
        # Called for every word the vocabulary holds or meets: one check is
        # called directly (most tokens have one).
        self._test = checks[0] if len(checks) == 1 else lambda t: all(c(t) for c in checks)

    def __call__(self, text: str) -> bool:
        return self._test(text)


def _check(attr: str, op: str, arg, lower: Callable) -> Callable[[str], bool]:
    form = lower if attr == "LOWER" else str
    if op == "IN":
        allowed = frozenset(arg)
        return lambda text: form(text) in allowed
    if op == "NOT_IN":
        blocked = frozenset(arg)
        return lambda text: form(text) not in blocked
    regex = re.compile(arg)  # the Matcher's own test: re.search on the string
    return lambda text: regex.search(form(text)) is not None


def word_test(vocab: Vocab, spec: dict) -> WordTest | None:
    """The IN, NOT_IN and REGEX tests on ORTH, TEXT and LOWER in one pattern
    token, as one test; None if it has none. Other keys are not covered."""
    from spacy.attrs import LOWER

    keys, parts = [], []
    for key, value in spec.items():
        attr = str(key).upper()
        if attr not in TEXT_ATTRS or not isinstance(value, dict) or not _readable(value):
            continue
        keys.append(key)
        attr = "ORTH" if attr == "TEXT" else attr
        parts.extend((attr, op, arg) for op, arg in value.items())
    if not keys:
        return None
    return WordTest(keys, parts, vocab.lex_attr_getters.get(LOWER, str.lower))


def _readable(value: dict) -> bool:
    for op, arg in value.items():
        if op not in _OPS:
            return False
        if op == "REGEX" and not isinstance(arg, str):
            return False
        if op != "REGEX" and not (isinstance(arg, list) and all(isinstance(v, str) for v in arg)):
            return False
    return True


def with_flags(vocab: Vocab, pattern: list[dict], lead: int) -> list[dict]:
    """``pattern`` with the word tests of its first ``lead`` tokens replaced by flags.

    The Matcher tries a pattern's leading tokens at every token of the Doc and
    the rest only where those matched, so the leading ones get the few bits.
    """
    return [_spec_with_flag(vocab, spec) if i < lead else spec for i, spec in enumerate(pattern)]


def _spec_with_flag(vocab: Vocab, spec: dict) -> dict:
    test = word_test(vocab, spec)
    flag = _flag(vocab, test) if test is not None else None
    if flag is None:
        return spec
    out = {key: value for key, value in spec.items() if key not in test.keys}
    out[flag] = True
    return out


def _flag(vocab: Vocab, test: WordTest) -> int | None:
    """The flag bit holding ``test`` in ``vocab``, added if need be; None when none is free."""
    for bit, getter in vocab.lex_attr_getters.items():
        if isinstance(getter, WordTest) and getter.key == test.key:
            return bit
    try:
        return vocab.add_flag(test)
    except ValueError:  # every bit is taken: the test stays a Python predicate
        return None
