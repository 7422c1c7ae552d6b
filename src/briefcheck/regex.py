"""Regular expressions from rule packs, run by a linear-time engine.

Rule packs may come from users. A backtracking engine can be hung by a pattern
such as ``(a+)+$``; RE2 cannot, so every pack regex goes through it.
"""

from __future__ import annotations

from functools import lru_cache

import re2


class RegexError(ValueError):
    pass


def _quiet_options():
    options = re2.Options()
    options.log_errors = False  # RE2 would otherwise print parse errors to stderr
    return options


_OPTIONS = _quiet_options()


@lru_cache(maxsize=1024)
def compile_regex(pattern: str):
    try:
        return re2.compile(pattern, options=_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else "not a valid RE2 pattern"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise RegexError(str(reason)) from None
