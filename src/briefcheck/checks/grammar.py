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

from briefcheck.checks.blame import given_names
from briefcheck.checks.registry import CONDITIONS, DETECTORS, detector
from briefcheck.context import Candidate, DocContext, Match
from briefcheck.rulepack import Rule

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
    """A personal name: a known given name, or a PERSON entity of two or more words.

    The small model's NER alone is not enough: it tags many given names ORG or
    GPE ("Lukas", "Kenji") and some products PERSON ("Kafka"), and it reads a
    capitalised "Pipeline" at the start of a line as a proper noun.
    """
    text = token.text
    if not (token.is_alpha and len(text) > 1 and text[0].isupper() and text[1:].islower()):
        return False
    if token.lower_ in _option_words(rule, "not_names") or token.is_stop:
        return False
    if text in given_names():
        return True
    if token.ent_type_ != "PERSON":
        return False
    entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return entity is not None and len(entity) > 1


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
        subjects = [c for c in seen.children if c.dep_ == "nsubj"]
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


def _at_fault(verb: Token, rule: Rule) -> bool:
    """The clause says the action was wrong: a step left out ("... without telling
    anyone", "... instead of on the replica"), a faulty object or destination ("a bad
    config", "to the wrong supplier", "to a public website") or a faulty manner
    ("shared it publicly", "sent it by mistake")."""
    after = [t for t in verb.subtree if t.i > verb.i]
    if any(t.lower_ == "instead" or _step_left_out(t) for t in after):
        return True
    manner = _option_words(rule, "faulty_manner")
    if any(t.lower_ in manner and t.dep_ in ("advmod", "pobj") for t in verb.subtree):
        return True
    faulty = _option_words(rule, "faulty")
    return any(
        t.dep_ == "amod" and t.lower_ in faulty and t.head.dep_ in ("dobj", "pobj") for t in after
    )


def _step_left_out(token: Token) -> bool:
    """'without telling anyone', 'without a review'; not 'without being asked',
    which is something not done to the subject (a volunteer, not a skipped step)."""
    if token.lower_ != "without":
        return False
    return not any(c.dep_ == "auxpass" for child in token.children for c in child.children)


def _speaker_label(subject: Token, verb: Token) -> bool:
    """'Ravi: roughly 41,000 customers have tried and failed': Ravi is speaking."""
    lo, hi = sorted((subject.i, verb.i))
    return any(t.text == ":" for t in subject.doc[lo:hi])


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
    """The span's first subject is a thing, not a person or a role."""
    for block, doc in context.pairs():
        if block.start <= cand.start and cand.end <= block.start + len(doc.text):
            span = doc.char_span(cand.start - block.start, cand.end - block.start, "expand")
            subjects = [t for t in span if t.dep_ == "nsubj"] if span is not None else []
            if not subjects:
                return False
            first = subjects[0]
            # A common noun, or a proper noun that is not a known given name
            # ("Visits switched", "Grafana skipped the scrape": the small model
            # calls Grafana a PERSON, so a one-word entity is not proof).
            return first.pos_ in ("NOUN", "PROPN") and _person(first, cand.rule) is None
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
            if any(c.dep_ == "auxpass" for c in verb.children):  # passives: blame/passive
                continue
            subjects, antecedent = _subjects(verb)
            nobody = any(s.lower_ in ("nobody", "no-one") for s in subjects)
            negated = nobody or any(c.dep_ == "neg" for c in verb.children)
            strong = lemma in failures or verb.lower_ in failures or negated
            # Any other action counts when the clause says it was wrong ("booked the
            # venue for the wrong date"); noticing or repairing never does.
            if (
                not strong
                and lemma not in actions
                and verb.lower_ not in actions
                and (lemma in _option_words(rule, "response_verbs") or not _at_fault(verb, rule))
            ):
                continue
            if _is_mitigation(verb, rule):
                continue
            if any(_speaker_label(s, verb) for s in subjects):
                continue
            kinds = [k for k in (_person(s, rule) for s in subjects) if k]
            start_token = None
            if kinds and not any(s.lower_ in _COLLECTIVE for s in subjects):
                if not strong and not _at_fault(verb, rule):
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


# --- figures: a vague quantity attached to an impact noun, by dependency -------


@detector("vague-quantity-by-dependency")
def vague_quantity_by_dependency(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """'several large, long-standing enterprise customers', 'many of our biggest
    merchants': the quantifier is found on the noun it modifies, however many words
    sit between them, rather than inside a fixed window of tokens.

    The rule's ``unless`` conditions (the figures module's "a figure for this
    quantity" test) apply as they do to the lexical rules, and a figure attached
    to the noun itself ("many customers (about 4,200)") is one too.
    """
    impact = _option_words(rule, "impact_nouns")
    quantifiers = _option_words(rule, "quantifiers")
    heads = _option_words(rule, "partitive_heads") | quantifiers
    sizes = _option_words(rule, "sizes")
    for i, (block, doc) in enumerate(context.pairs()):
        for noun in doc:
            if noun.pos_ not in ("NOUN", "PROPN"):
                continue
            if noun.lemma_.lower() not in impact and not _harmed_group(noun, rule):
                continue
            start = _vague_start(noun, quantifiers, heads, sizes)
            if start is None or any(
                c.like_num for c in noun.children if c.dep_ in ("nummod", "appos")
            ):
                continue
            span = doc[start : noun.i + 1]
            match = Match(rule, block, doc, span, context, i)
            if all(CONDITIONS[name](match) for name in rule.requires) and not any(
                CONDITIONS[name](match) for name in rule.unless
            ):
                yield Candidate(rule, match.start, match.end)


def _vague_start(
    noun: Token, quantifiers: frozenset[str], heads: frozenset[str], sizes: frozenset[str]
) -> int | None:
    """Where the vague phrase sizing ``noun`` starts, or None if nothing vague sizes it."""
    for child in noun.children:
        if child.dep_ in ("amod", "det", "nummod", "quantmod") and child.lower_ in quantifiers:
            before = noun.doc[child.i - 1] if child.i > 0 else None
            # "a few brokers": the article belongs to the quantifier
            return before.i if before is not None and before.lower_ == "a" else child.i
    of = noun.head  # "a lot of restaurants", "a huge rise in walk-in requests"
    if noun.dep_ != "pobj" or of.head.lower_ not in heads:
        return None
    if of.lower_ == "of":
        return of.head.left_edge.i
    # "in" only after a sized change: "a huge rise in", not "the jump in" or "a tenfold increase in"
    sized = any(c.dep_ == "amod" and c.lower_ in sizes for c in of.head.children)
    return of.head.left_edge.i if of.lower_ == "in" and sized else None


def _harmed_group(noun: Token, rule: Rule) -> bool:
    """Any plural noun the clause says was hurt: "a few wholesalers could not log
    in", "a lot of theatres cancelled", "the storm affected many warehouses".

    Not a group the rule lists as no impact ("several teams", "a few hours").
    """
    if noun.tag_ not in ("NNS", "NNPS") or noun.lower_ in _option_words(rule, "not_groups"):
        return False
    arg = noun  # in "a lot of theatres" the clause's argument is "lot"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head is not noun.head:
        arg = noun.head.head
    verb = arg.head
    if arg.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb is arg:
        return False
    lemma = verb.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in verb.children)
    harm = lemma in _option_words(rule, "harm_verbs")
    if arg.dep_ == "dobj":  # "the storm affected many warehouses"
        return lemma in _option_words(rule, "harm_verbs_on_object") and not negated
    if negated:  # "could not log in", "never received": not doing is the harm
        return not harm and lemma not in _option_words(rule, "unharmed_when_negated")
    states = _option_words(rule, "harm_states")
    for child in verb.children:
        if child.dep_ in ("acomp", "advmod", "prt", "npadvmod") and child.lower_ in states:
            return True  # "were unable", "went offline", "were paid twice"
        if child.dep_ == "dobj" and (
            child.lemma_.lower() in ("error", "failure")  # "saw errors"
            or any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)  # "got no"
        ):
            return True
    return harm
