"""blame: wording that puts the failure on a person's fault or character.

Blameless writing describes what the system and the process allowed. A system
as subject ("the deploy failed") and collective ownership ("we made a mistake")
are fine; a named person or a person-role as the one who failed is not.
"""

from __future__ import annotations

from briefcheck.checks.common import words
from briefcheck.checks.registry import condition, detector
from briefcheck.context import Candidate, Match

_COLLECTIVE = words("we i us our ours my me")
_POLICY_CUES = words("blameless avoid avoiding policy not no never without")


@condition("collective-subject")
def collective_subject(match: Match) -> bool:
    """The writer or the whole organisation owns it: 'we should have caught this'."""
    doc = match.doc
    start = match.span.start
    for i in range(start - 1, max(match.sent.start, start - 4) - 1, -1):
        if doc[i].lower_ in _COLLECTIVE:
            return True
        if doc[i].is_punct:
            break
    return False


@condition("about-blame-itself")
def about_blame_itself(match: Match) -> bool:
    """Quoted policy or a blameless statement: 'our policy is to avoid blame'."""
    before = match.doc[max(match.sent.start, match.span.start - 4) : match.span.start]
    return any(tok.lower_ in _POLICY_CUES for tok in before)


# --- people as the agent of a failure -------------------------------------

_PRONOUNS = words("he she they someone somebody nobody anyone anybody")
_ROLE_NOUNS = words(
    "intern interns hire hires engineer engineers developer developers dev devs dba dbas "
    "admin admins administrator sysadmin operator operators contractor contractors guy guys "
    "person analyst manager employee employees staffer colleague colleagues technician tester "
    "team teams member lead"
)
_ROLE_OPENERS = words("the a an our one of their his her some someone somebody nobody that this")
# Verbs that describe a failing in themselves.
_FAILURE_VERBS = words(
    "forgot skipped ignored missed neglected overlooked broke botched misconfigured mistyped "
    "dropped deleted wiped bypassed circumvented overrode leaked exposed pushed disabled "
    "removed failed didn't didnt never accidentally mistakenly wrongly inadvertently "
    "slept sat messed screwed fat-fingered merged approved rushed"
)
# Ordinary actions that become blame when a named person is made the cause.
_CAUSAL_VERBS = words(
    "set changed ran deployed configured edited modified turned shut killed truncated renamed "
    "moved migrated rebooted restarted made released rolled upgraded re-partitioned "
    "repartitioned reconfigured altered switched enabled updated"
)
_NEGATIONS = words("didn't didnt never")
_MITIGATION_CUES = words(
    "fix fixed restored recovered resolved mitigated mitigate rollback reverted"
)
_NOT_NAMES = words(
    "i we you it they he she our the this that these those there here then today tomorrow "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december support engineering finance "
    "ops security product sales marketing legal customers users payments checkout orders "
    "nobody someone everyone anyone no yes also however meanwhile"
)


def _is_name(token) -> bool:
    text = token.text
    return (
        token.is_alpha
        and len(text) > 1
        and text[0].isupper()
        and not text.isupper()
        and text[1:].islower()
        and not token.is_stop
        and token.lower_ not in _NOT_NAMES
    )


def _person_start(doc, i: int, sent_start: int) -> int | None:
    """Start of a person phrase ending at token i, or None."""
    tok = doc[i]
    if tok.lower_ in _PRONOUNS:
        return i
    if _is_name(tok):
        return i
    if tok.lower_ in _ROLE_NOUNS:
        j = i
        # walk back over modifiers to an opener ("the locum on-call engineer")
        while j - 1 >= sent_start and i - j < 4 and not doc[j - 1].is_punct:
            j -= 1
            if doc[j].lower_ in _ROLE_OPENERS:
                return j
        return None
    return None


def _is_person_phrase(doc, i: int, sent_start: int) -> bool:
    return _person_start(doc, i, sent_start) is not None


@condition("person-subject")
def person_subject(match: Match) -> bool:
    """A person, a person-role or a personal pronoun is the subject near the match."""
    doc = match.doc
    start = match.span.start
    inside = range(start + 1, match.span.end)  # "if only he had ..."
    before = range(start - 1, max(match.sent.start, start - 6) - 1, -1)
    for i in (*inside, *before):
        if doc[i].lower_ in _COLLECTIVE:
            return False
        if _is_person_phrase(doc, i, match.sent.start):
            return True
    return False


def _verb_after(doc, i: int, end: int) -> tuple[int, bool] | None:
    """Index of a failure or causal verb right after the person phrase ending at i.

    Skips an appositive ("Kenji, who ran the rotation, skipped ...") and an
    auxiliary or adverb ("had", "also", "just").
    """
    j = i + 1
    if j < end and doc[j].text == ",":
        close = next((k for k in range(j + 1, min(end, j + 10)) if doc[k].text == ","), None)
        if close is None or doc[j + 1].lower_ not in ("who", "whose", "the", "a", "our"):
            return None
        j = close + 1
    while j < end and doc[j].lower_ in (
        "had",
        "has",
        "have",
        "also",
        "just",
        "then",
        "again",
        "did",
    ):
        j += 1
    if j >= end:
        return None
    word = doc[j].lower_
    if word in _FAILURE_VERBS:
        return j, True
    if word in _CAUSAL_VERBS or (word.startswith("re-") and word.endswith("ed")):
        return j, False
    return None


def _verb_phrase_end(doc, j: int, end: int) -> int:
    """End of the verb phrase: up to the first punctuation, at most six tokens."""
    k = j + 1
    while (
        k < end and k - j < 6 and not doc[k].is_punct and doc[k].lower_ not in ("and", "but", "so")
    ):
        k += 1
    return k


@detector("person-fault")
def person_fault(rule, context):
    for block, doc in context.pairs():
        for sent in doc.sents:
            lowered = {t.lower_ for t in sent}
            mitigation = bool(lowered & _MITIGATION_CUES)
            i = sent.start
            while i < sent.end:
                person = _person_start(doc, i, sent.start)
                found = _verb_after(doc, i, sent.end) if person is not None else None
                if found is None:
                    i += 1
                    continue
                j, strong = found
                named = _is_name(doc[i])
                if not strong and (not named or mitigation):
                    i += 1
                    continue
                if doc[i].lower_ in _PRONOUNS and not strong:
                    i += 1
                    continue
                stop = _verb_phrase_end(doc, j, sent.end)
                span = doc[person:stop]
                yield Candidate(rule, block.start + span.start_char, block.start + span.end_char)
                i = stop
