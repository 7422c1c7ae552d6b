"""Shared check: matching text folded by fold_case without IGNORECASE decides as
matching the original text with IGNORECASE does, for a module's patterns."""

from __future__ import annotations

import re
import string
import sys

from briefcheck.checks.common import fold_case


def assert_folding_agrees(patterns: str, ranges: tuple[str, ...] = ()) -> None:
    """It does as long as folding keeps the text's length and, for each character
    the patterns can tell apart (word, digit, space, their literals and the
    character ``ranges`` they use), its class."""
    body = re.sub(r"\\[A-Za-z]", "", patterns)
    literals = {c for c in body if c not in "()[]{}?*+|^$\\"} | set(string.digits)
    every_char = "".join(map(chr, range(sys.maxunicode + 1)))
    folded = fold_case(every_char)
    assert len(folded) == len(every_char)
    changed = {a for a, b in zip(every_char, folded, strict=True) if a != b}
    # an unchanged character matches a literal ignoring case only if it is that literal
    any_literal = re.compile("[" + "".join(map(re.escape, sorted(literals))) + "]", re.I)
    assert set(any_literal.findall(every_char)) <= literals | changed
    for char_range in ranges:  # likewise for a range such as "[a-z]"
        plain = {c for c in every_char if re.fullmatch(char_range, c)}
        assert {c for c in every_char if re.fullmatch(char_range, c, re.I)} <= plain | changed
    atoms = [r"\w", r"\d", r"\s", *ranges, *map(re.escape, sorted(literals))]
    for char in changed:
        for atom in atoms:
            ignoring_case = re.fullmatch(atom, char, re.IGNORECASE) is not None
            assert ignoring_case == (re.fullmatch(atom, fold_case(char)) is not None), (
                hex(ord(char)),
                atom,
            )
