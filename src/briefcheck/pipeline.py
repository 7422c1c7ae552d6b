"""The spaCy pipeline, built once per process and reused.

The default is ``spacy.blank("en")``: a tokenizer and a sentencizer, no trained
weights and nothing to download. The tokenizer keeps hyphenated words whole
(``ledger-svc``, ``re-partitioned``, ``24-48``): in incident prose a hyphenated
word is one name or one figure, and the rules read it as one.

``get_nlp("en_core_web_sm")`` loads an installed trained pipeline instead (the
model tier, see ``briefcheck.model``). It gets the same tokenizer change and the
same sentencizer, placed before its parser: the parser respects those sentence
starts, so both tiers see the same tokens and the same sentences, and the rule
packs' phrases, patterns and sentence conditions behave alike on both.
"""

from __future__ import annotations

import gc
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from briefcheck.model import ANNOTATIONS

_HYPHEN_BETWEEN_LETTERS = "(?<=[{a}0-9])(?:{h})(?=[{a}])"

# Text without sentence punctuation (a pasted log, a list run together) would
# make one endless "sentence", and every sentence-level check would then cost
# time in proportion to its length for each match: quadratic. No real sentence
# is this long, so one is cut every MAX_SENTENCE_TOKENS tokens.
MAX_SENTENCE_TOKENS = 80


@Language.component("briefcheck_sentence_cap")
def cap_sentence_length(doc):
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return doc  # nothing to cut, and listing the sentences costs more than the rest
    for sent in list(doc.sents):
        for i in range(sent.start + MAX_SENTENCE_TOKENS, sent.end, MAX_SENTENCE_TOKENS):
            doc[i].is_sent_start = True
    return doc


# "expired on 19 Sept. Priya forgot to renew it": spaCy keeps "Sept." as one
# token, so its full stop ends no sentence; after a day number and before a
# capital, it ends the date and the sentence.
_DATE_THEN_SENTENCE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s+(?=[A-Z])"
)


@Language.component("briefcheck_date_ends")
def end_sentences_after_dates(doc):
    for found in _DATE_THEN_SENTENCE.finditer(doc.text):
        span = doc.char_span(found.end(), found.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


# The offsets (in the Doc's text) where a line of a chat-style block begins: the
# engine sets them before the pipeline runs (see document.line_starts).
LINE_STARTS = "briefcheck_line_starts"


@Language.component("briefcheck_line_starts")
def start_sentences_at_lines(doc):
    """Each line of a message written a thought per line starts a sentence, as its
    full stop would: "cleared it at 8:30\nwill ping again once things settle"."""
    starts = doc.user_data.get(LINE_STARTS)
    if not starts:
        return doc
    wanted = set(starts)
    for token in doc[1:]:
        if token.idx in wanted:
            token.is_sent_start = True
    return doc


def get_nlp(model: str | None = None) -> Language:
    """The blank rules pipeline, or the installed trained pipeline ``model``.

    Loading never downloads: a name that is not installed raises OSError.
    """
    # lru_cache keys get_nlp() and get_nlp(None) apart: without this one
    # spelling, the rules pipeline would be built twice (a tenth of a second).
    return _build(model)


@lru_cache(maxsize=4)
def _build(model: str | None) -> Language:
    nlp = _build_pipeline(model)
    # spaCy, its pipeline and everything imported so far live as long as the
    # process. Moved out of the collector's sight, they are not walked again by
    # each full collection: the first one alone cost 50 ms of every start-up.
    gc.freeze()
    return nlp


def _build_pipeline(model: str | None) -> Language:
    if model is None:
        nlp = _blank_english()
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("briefcheck_date_ends")
        nlp.add_pipe("briefcheck_line_starts")
        nlp.add_pipe("briefcheck_sentence_cap")
        return nlp
    nlp = spacy.load(model)
    _keep_hyphenated_words(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sentencizer", before="parser")
        nlp.add_pipe("briefcheck_date_ends", before="parser")
        nlp.add_pipe("briefcheck_line_starts", before="parser")
        nlp.add_pipe("briefcheck_sentence_cap", before="parser")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("briefcheck_date_ends")
        nlp.add_pipe("briefcheck_line_starts")
        nlp.add_pipe("briefcheck_sentence_cap")
    return nlp


@lru_cache(maxsize=4)
def annotations(model: str | None = None) -> frozenset[str]:
    """Which of ANNOTATIONS the pipeline sets, found by running it on one sentence."""
    if model is None:
        return frozenset()
    probe = get_nlp(model)("Dave Smith deployed the new build in London.")
    return frozenset(name for name in ANNOTATIONS if probe.has_annotation(name))


def _blank_english() -> Language:
    """``spacy.blank("en")`` with hyphenated words kept whole.

    The infixes are given to the tokenizer as it is built: setting them on a
    built tokenizer (as ``_keep_hyphenated_words`` must for a trained pipeline)
    reloads its 2,700 special cases, a twentieth of a second at start-up.
    """
    from spacy.lang.en import English

    class BriefDefaults(English.Defaults):
        infixes = [p for p in English.Defaults.infixes if not _is_hyphen_infix(p)]

    class BriefEnglish(English):
        Defaults = BriefDefaults

    return BriefEnglish()


def _keep_hyphenated_words(nlp: Language) -> None:
    infixes = [p for p in nlp.Defaults.infixes if not _is_hyphen_infix(p)]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _is_hyphen_infix(pattern: str) -> bool:
    # spaCy's English infixes include one rule that splits on a hyphen between
    # letters; it is the only one that mentions the hyphen class and a lookahead
    # for letters only.
    from spacy.lang.char_classes import ALPHA, HYPHENS

    return pattern == _HYPHEN_BETWEEN_LETTERS.format(a=ALPHA, h=HYPHENS)
