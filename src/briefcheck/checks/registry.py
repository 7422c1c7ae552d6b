"""Named conditions and detectors that rule packs refer to.

Packs hold no code. Where a phrase list cannot express a rule, the pack names a
condition (``unless: [figure-in-sentence]``) or a detector (``detector:
missing-part``) registered here by the category modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefcheck.context import Candidate, DocContext, Match
    from briefcheck.rulepack import Rule

Condition = Callable[["Match"], bool]
Detector = Callable[["Rule", "DocContext"], Iterable["Candidate"]]

CONDITIONS: dict[str, Condition] = {}
DETECTORS: dict[str, Detector] = {}


def condition(name: str) -> Callable[[Condition], Condition]:
    def register(func: Condition) -> Condition:
        CONDITIONS[name] = func
        return func

    return register


def detector(name: str) -> Callable[[Detector], Detector]:
    def register(func: Detector) -> Detector:
        DETECTORS[name] = func
        return func

    return register
