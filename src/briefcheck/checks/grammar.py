"""Grammar checks for the model tier: detectors that read POS, DEP and ENT_TYPE.

They run only on a trained pipeline (their rules declare ``needs``; see
rules/grammar.yml). The word lists live in each rule's ``options``; this module
holds the structure: who is the subject of which verb, whether a passive names
its agent, which noun a vague quantity modifies.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Span, Token

from briefcheck.checks.registry import DETECTORS, detector
from briefcheck.context import Candidate, DocContext
from briefcheck.rulepack import Rule

_SUBJECTS = ("nsubj",)
_COLLECTIVE = frozenset(("we", "i", "us", "you"))
_RELATIVE = frozenset(("who", "that", "which", "whom"))


@lru_cache(maxsize=64)
def _option_words(rule: Rule, key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in rule.options.get(key, ()))


def _sentences(context: DocContext) -> Iterator[tuple[int, Span]]:
    for block, doc in context.pairs():
        for sent in doc.sents:
            yield block.start, sent


# --- blame: a person as the subject of a failure ----------------------------


def _looks_like_name(token: Token, rule: Rule) -> bool:
    """A personal name: a PERSON entity, or a capitalised proper noun that NER left
    unlabelled or mislabelled (the small model tags many given names ORG or GPE)."""
    text = token.text
    if not (token.is_alpha and len(text) > 1 and text[0].isupper() and text[1:].islower()):
        return False
    if token.lower_ in _option_words(rule, "not_names") or token.is_stop:
        return False
    if token.ent_type_ == "PERSON":
        return True
    # An inflected common noun ("Visits", "Consumers") is not a name.
    return token.pos_ == "PROPN" and token.ent_type_ in ("", "ORG", "GPE", "NORP")


def _person(token: Token, rule: Rule) -> str | None:
    """'name', 'role' or 'pronoun' when the subject token refers to a person."""
    lower = token.lower_
    if lower in _COLLECTIVE:
        return None
    if lower in _option_words(rule, "pronouns"):
        return "pronoun"
    if token.lemma_.lower() in _option_words(rule, "roles") or lower in _option_words(
        rule, "roles"
    ):
        return "role"
    if lower == "one":  # "one of our developers"
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for noun in prep.children:
                    if noun.dep_ == "pobj" and _person(noun, rule):
                        return "role"
        return None
    if _looks_like_name(token, rule):
        return "name"
    return None


def _subjects(verb: Token) -> tuple[list[Token], Token | None]:
    """The verb's subject tokens and, for a relative clause, its antecedent.

    A verb joined to another ("forgot and pushed", "failed to check") shares its
    subject; in "Luca, who skipped", the subject 'who' stands for 'Luca'.
    """
    seen = verb
    for _ in range(3):
        subjects = [c for c in seen.children if c.dep_ in _SUBJECTS]
        if subjects:
            if seen.dep_ == "relcl" and subjects[0].lower_ in _RELATIVE:
                return [seen.head], seen.head
            return subjects, None
        if seen.dep_ not in ("conj", "xcomp") or seen.head is seen:
            break
        seen = seen.head
    return [], None


def _possessor(subject: Token, rule: Rule) -> Token | None:
    """'Jess' in "Jess's schema change broke the table"."""
    for token in subject.subtree:
        if token.dep_ == "poss" and (_person(token, rule) or token.lower_ in ("his", "her")):
            return token
    return None


def _verb_phrase_end(verb: Token, sent: Span) -> int:
    """End of the verb phrase: its right-hand dependents up to a clause break."""
    end = verb.i + 1
    limit = min(sent.end, verb.i + 9)
    for token in verb.doc[verb.i + 1 : limit]:
        if token.is_punct or token.dep_ in ("cc", "conj", "relcl", "advcl"):
            break
        if not verb.is_ancestor(token):
            break
        end = token.i + 1
    return end


def _is_mitigation(verb: Token, rule: Rule) -> bool:
    """'Dave rolled back the release', 'Priya pushed the fix': repair, not fault."""
    mitigation = _option_words(rule, "mitigation")
    for child in verb.children:
        if child.dep_ in ("prt", "advmod") and child.lower_ == "back":
            return True
        if child.dep_ in ("dobj", "attr") and child.lemma_.lower() in mitigation:
            return True
    return False


def _acted_carelessly(verb: Token) -> bool:
    """A step left out: "... without telling anyone", "... instead of on the replica"."""
    return any(t.lower_ in ("without", "instead") for t in verb.subtree if t.i > verb.i)


@detector("grammar-person-fault")
def grammar_person_fault(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """A person, or a person-role, as the subject of a failure verb.

    Failure verbs ('skipped', 'ignored', 'forgot') in the past fire with any
    person subject, and any action fires with 'nobody' as subject. Ordinary
    actions ('set', 'ran') fire with a named person, or with a role when the
    clause says a step was left out; never when the action was a repair. A
    system as subject ("the deploy job pushed a bad config") does not fire.

    ``options.refines`` names the lexical detector this rule refines: its finds
    are kept unless the parse shows their subject is a thing, not a person, so
    a sentence the small model misparses loses nothing.
    """
    yield from _parsed_person_faults(rule, context)
    lexical = rule.options.get("refines")
    if lexical in DETECTORS:
        for cand in DETECTORS[lexical](rule, context):
            if not _subject_is_a_thing(cand, context):
                yield cand


def _subject_is_a_thing(cand: Candidate, context: DocContext) -> bool:
    """The span's first subject is a common noun that is not a role ("Visits switched")."""
    for block, doc in context.pairs():
        if block.start <= cand.start and cand.end <= block.start + len(doc.text):
            span = doc.char_span(cand.start - block.start, cand.end - block.start, "expand")
            subjects = [t for t in span if t.dep_ == "nsubj"] if span is not None else []
            if not subjects:
                return False
            first = subjects[0]
            return (
                first.pos_ == "NOUN"
                and first.ent_type_ != "PERSON"
                and _person(first, cand.rule) is None
            )
    return False


def _parsed_person_faults(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    failures = _option_words(rule, "failure_verbs")
    actions = _option_words(rule, "action_verbs")
    for offset, sent in _sentences(context):
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("auxpass", "aux"):
                continue
            lemma = verb.lemma_.lower()
            # Past events only: "managers are approving every punch by hand" is
            # today's workaround, not a fault.
            if verb.tag_ not in ("VBD", "VBN") or lemma in ("be", "have"):
                continue
            subjects, antecedent = _subjects(verb)
            nobody = any(s.lower_ in ("nobody", "no-one") for s in subjects)
            negated = nobody or any(c.dep_ == "neg" for c in verb.children)
            strong = lemma in failures or verb.lower_ in failures or negated
            if not strong and lemma not in actions and verb.lower_ not in actions:
                continue
            if _is_mitigation(verb, rule):
                continue
            kinds = [k for k in (_person(s, rule) for s in subjects) if k]
            start_token = None
            if kinds and not any(s.lower_ in _COLLECTIVE for s in subjects):
                kind = "name" if "name" in kinds else kinds[0]
                if not strong and kind != "name" and not _acted_carelessly(verb):
                    continue
                if not strong and kind == "name" and _mentions(sent, rule, "mitigation"):
                    continue
                start_token = antecedent or min((s.left_edge for s in subjects), key=lambda t: t.i)
            elif subjects and lemma in failures:
                start_token = _possessor(subjects[0], rule)
            if start_token is None:
                continue
            start = max(start_token.i, sent.start)
            end = _verb_phrase_end(verb, sent)
            span = sent.doc[start:end]
            yield Candidate(rule, offset + span.start_char, offset + span.end_char)


def _mentions(sent: Span, rule: Rule, key: str) -> bool:
    words = _option_words(rule, key)
    return any(t.lemma_.lower() in words or t.lower_ in words for t in sent)


# --- blame/passive: a failure with its actor hidden --------------------------


@detector("agentless-failure-passive")
def agentless_failure_passive(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """'Mistakes were made', 'the alert was ignored': a passive with no 'by ...'.

    Only failure verbs with a subject that is a warning or a safeguard (or a
    mistake that "was made") count; "orders were refunded" is plain reporting.
    """
    verbs = _option_words(rule, "verbs")
    signals = _option_words(rule, "signals")
    made = _option_words(rule, "made")
    for offset, sent in _sentences(context):
        for verb in sent:
            if verb.pos_ != "VERB":
                continue
            children = list(verb.children)
            if any(c.dep_ == "agent" for c in children):
                continue
            subjects = [c for c in children if c.dep_ == "nsubjpass"]
            if not subjects or not any(c.dep_ == "auxpass" for c in children):
                continue
            subject = subjects[0]
            if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
                subject = verb.head
            noun = subject.lemma_.lower()
            lemma = verb.lemma_.lower()
            if not ((lemma in verbs and noun in signals) or (lemma == "make" and noun in made)):
                continue
            span = sent.doc[min(subject.left_edge.i, verb.i) : verb.i + 1]
            yield Candidate(rule, offset + span.start_char, offset + span.end_char)
