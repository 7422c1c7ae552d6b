"""One module per category. Importing this package registers every condition
and detector the rule packs can name."""

from briefcheck.checks import (
    blame,
    figures,
    grammar,
    jargon,
    readability,
    registry,
    structure,
    timeline,
)

__all__ = [
    "blame",
    "figures",
    "grammar",
    "jargon",
    "readability",
    "registry",
    "structure",
    "timeline",
]
