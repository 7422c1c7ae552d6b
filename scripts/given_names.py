"""Regenerate src/briefcheck/checks/given-names.txt from Faker's first-name lists.

The blame check needs to tell "Dave pushed a bad config" (a person) from
"Pipeline ran" (a system) when the capitalised word starts a sentence or a
table cell, and a blank spaCy pipeline has no entity recogniser. Faker (MIT
licence) keeps first-name lists for many locales; this copies the ones written
in Latin script into a plain text file that ships with briefcheck, so the
linter loads it in milliseconds and needs no Faker at run time.

Usage (a development step, not run by the linter or the tests):
    pip install faker && python3 scripts/given_names.py
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "briefcheck" / "checks" / "given-names.txt"
# One capital and lower-case letters, accents allowed: "Dave", "Álvaro", "Raúl".
NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+")
# Entries in Faker's lists that are common English words or product names in
# incident prose; spaCy's stop words are dropped as well.
_NOT_NAMES_TEXT = """
    safari alexa siri hudson apollo atlas aurora athena hermes okta mac echo spring
    delta alpha india sierra phoenix orion vega loki ember
    add among arch author banks branch cap carry case cash dev doc early ever fleet
    general green haven job kick less line link little long lot made major media
    minor page park peer per press price reason roll rush said server skip star
    storm tone tore unique unknown valid wage west worth
"""
NOT_NAMES = set(_NOT_NAMES_TEXT.split())
# Short forms people sign and name each other by in chat ("Kev pushed ..."),
# which Faker's lists of formal first names leave out.
_SHORT_FORMS_TEXT = """
    Kev Jen Raj Rob Mike Andy Pete Phil Matt Nick Dan Steve Chris Jess Becky Liz Tony Greg
    Jeff Josh Zach Drew Nate Rich Rick Dave Ben Sam Alex Jon Kate Katie Sue Meg Beth Jim
"""
SHORT_FORMS = set(_SHORT_FORMS_TEXT.split())


def first_names() -> set[str]:
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            if not attr.startswith(("first_name", "first_romanized_name")):
                continue
            value = getattr(provider, attr)
            if isinstance(value, list | tuple | dict | set):
                names.update(n for n in value if isinstance(n, str) and NAME.fullmatch(n))
    return names


def main() -> None:
    import faker
    from spacy.lang.en.stop_words import STOP_WORDS

    names = sorted(
        n
        for n in first_names() | SHORT_FORMS
        if n.lower() not in STOP_WORDS and n.lower() not in NOT_NAMES
    )
    header = (
        f"# Given names in Latin script, from Faker {faker.VERSION} (MIT licence,\n"
        "# https://github.com/joke2k/faker), and common short forms (Kev, Jen).\n"
        "# Regenerate with scripts/given_names.py.\n"
    )
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
