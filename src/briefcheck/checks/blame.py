"""blame: wording that puts the failure on a person's fault or character.

Blameless writing describes what the system and the process allowed. A system
as subject ("the deploy failed") and collective ownership ("we made a mistake")
are fine; a named person or a person-role as the one who failed is not.

This runs on ``spacy.blank("en")``: no part-of-speech tags and no entities. A
person is recognised from word lists (roles, pronouns) and from the shape of a
name, checked against the rest of the document; a failure from the verb that
follows the person and the words around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from briefcheck.checks.common import words
from briefcheck.checks.registry import condition, detector
from briefcheck.context import Candidate, DocContext, Match

_COLLECTIVE = words("we i us our ours my me")
_POLICY_CUES = words("blameless avoid avoiding policy not n't no nobody never without")

# --- who ------------------------------------------------------------------

_PERSONAL = words("he she")
_INDEFINITE = words("someone somebody whoever")
_NEGATIVE = words("nobody noone")
_ROLE_NOUNS = words(
    "intern interns hire hires engineer engineers developer developers dev devs dba dbas "
    "admin admins administrator administrators sysadmin sysadmins operator operators "
    "contractor contractors guy guys person analyst analysts manager managers employee "
    "employees staffer staffers colleague colleagues technician technicians tester testers "
    "reviewer reviewers approver author owner lead sre sres programmer programmers coder "
    "architect consultant consultants on-call on-caller team teams squad squads member "
    # everyday jobs outside IT: the same blame when "a planner" or "our accountant" acts
    "accountant accountants planner planners dispatcher dispatchers editor editors trainee "
    "trainees apprentice apprentices clerk clerks officer officers coordinator coordinators "
    "assistant assistants supervisor supervisors specialist specialists designer designers "
    "marketer marketers recruiter recruiters receptionist receptionists bookkeeper cashier "
    "cashiers nurse nurses pharmacist doctor doctors teacher journalist journalists "
    "temp temps volunteer volunteers newcomer starter staff"
)
_DETERMINERS = words("the a an our its their your")  # not "that": "said that Ana ..."
_GROUPS = words("team teams squad squads guys members")
_ROLE_OPENERS = words(
    "the a an our one their his her some someone somebody nobody that this any each every"
)
# People a brief is about, not people who caused the incident: "they missed a train".
_AUDIENCE_NOUNS = words(
    "customer customers user users members rider riders player players merchant "
    "merchants shopper shoppers passenger passengers patient patients student students "
    "client clients traveller travellers travelers guest guests viewer viewers buyer buyers "
    "subscriber subscribers people visitor visitors driver drivers caller callers "
    "policyholders policyholder pharmacists partners partner banks vendor vendors"
)
# Nouns that are the system, not a person: a capitalised one starting a table
# cell or a bullet ("Pipeline ran", "Agent restarted") is not a name.
_SYSTEM_NOUNS = words(
    "service services system systems job jobs pipeline pipelines deploy deploys deployment "
    "release releases build builds server servers database databases cluster clusters node "
    "nodes pod pods agent agents alert alerts monitor monitors script scripts task tasks "
    "process processes app apps website site gateway cache queue queues worker workers "
    "consumer consumers producer producers broker brokers certificate config change changes "
    "update updates patch migration backup backups network firewall vendor provider tool "
    "tools bot automation rollout check checks test tests dashboard feature flag request "
    "requests traffic decision workload workloads visit visits order orders payment "
    "payments error errors incident outage issue impact cause fix summary timeline status "
    "root region zone disk memory load balancer key token password account data"
)
_NOT_NAMES = words(
    "i we you it they he she our the this that these those there here then today tomorrow "
    "yesterday tonight monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december support "
    "engineering finance ops security product sales marketing legal nobody someone everyone "
    "anyone no yes also however meanwhile honestly basically preliminary separately update "
    "why what how when who where next after before during since until note action actions "
    "owner owners impact cause risk ask fix mitigation summary background"
)
# Word endings that English nouns, adjectives and adverbs have and given names rarely do.
_WORD_ENDINGS = (
    "ly", "ing", "ed", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "able",
    "ible", "ful", "ous", "ise", "ize", "ism", "ers", "ors", "ings", "ions", "ics",
    "ships", "ware", "less", "ward", "wards",
)  # fmt: skip

# --- what they did ----------------------------------------------------------

# Verbs that only a person does, and that describe a failing in themselves.
_PERSON_FAILURE_VERBS = words(
    "forgot forgets forget ignored ignores neglected overlooked skipped skips slept botched "
    "misconfigured mistyped fat-fingered messed screwed bypassed circumvented overrode "
    "disregarded mishandled misread misjudged fumbled goofed rushed"
)
# Failures that systems have too: on a person they put the fault on the person.
_FAULT_VERBS = words(
    "broke breaks missed dropped deleted wiped truncated corrupted leaked exposed crashed "
    "erased destroyed overwrote caused"
)
# "took down", "knocked out": a fault with its particle.
_FAULT_PHRASAL = words("took brought knocked")
_FAULT_PARTICLES = words("down out offline over")
# Ordinary actions that become blame when a named person is made the cause.
_CAUSAL_VERBS = words(
    "set changed ran deployed configured edited modified turned shut killed renamed "
    "moved migrated rebooted restarted released upgraded reconfigured altered switched "
    "disabled pushed merged approved removed committed shipped introduced applied executed "
    "triggered muted silenced re-partitioned repartitioned"
)
# Everyday ways of passing data on: the fault only when the clause says where or
# how it went wrong ("emailed the payroll file to the wrong supplier", "shared the
# link publicly"). Without such a marker, even a named person is just reporting.
_SHARING_VERBS = words(
    "uploaded emailed e-mailed mailed published posted shared sent copied exported "
    "forwarded downloaded pasted attached tweeted transferred printed faxed"
)
# Words between the subject and the verb that do not change who acted.
_AUXILIARIES = words(
    "had has have also just then again did already still actually apparently simply"
)
_FAULT_ADVERBS = words("accidentally mistakenly wrongly inadvertently unknowingly carelessly")
# "X didn't ...", "X failed to ...": the person did not do their part.
_NEGATIONS = words("n't not never")
_NEGATING_VERBS = words("failed neglected forgot")
# Words in the verb phrase that make an ordinary action the fault.
_FAULT_MARKERS = words(
    "without instead bad wrong wrongly incorrect incorrectly untested unreviewed unapproved "
    "unannounced broken faulty buggy accidentally mistakenly inadvertently mistake accident "
    "peak public publicly unencrypted unredacted unsecured unprotected unauthorised "
    "unauthorized unchecked unverified embargoed personal password passwords credential "
    "credentials secret secrets"
)
# The action was the ordinary, expected one: "ran the standard playbook".
_ROUTINE_CUES = words(
    "standard usual usually routine planned scheduled normal normally designed agreed "
    "runbook playbook procedure stale obsolete unused duplicate old free clean-up cleanup"
)
# "Tableau shared the dashboard publicly by default": a product acting on its own.
_AUTOMATIC_CUES = words("automatically default automated nightly hourly daily")
# Things that protect the service: switching one off is the fault, adding one is the fix.
_SAFEGUARDS = words(
    "alert alerts alarm alarms check checks monitor monitors monitoring test tests guard "
    "guards safeguard safeguards review reviews backup backups dashboard dashboards "
    "limit limits protection validation"
)
# What a person is meant to notice: missing one is a failing.
_SIGNALS = words(
    "alert alerts page pages warning warnings sign signs signal signals jump spike spikes "
    "error errors message messages email emails deadline expiry step check checks review "
    "test tests issue issues problem problems bug bugs change changes notification "
    "notifications ticket tickets report reports dashboard renewal date"
)
_SWITCHING_OFF = words("disabled removed deleted turned shut killed muted silenced dropped")
# The action limits or repairs the damage: a named person fixing things is not blame.
_MITIGATION_CUES = words(
    "fix fixed fixing restore restored restoring recover recovered resolve resolved "
    "mitigate mitigated rollback reverted revert stop stopped limit contain contained "
    "workaround unblock unblocked"
)
# "didn't have access", "never received the page": not doing is not failing here.
_NOT_DOING = words("have has had receive received get got know knew need needed hear heard see saw")
# After "nobody", verbs that do not describe someone failing to act.
_NOT_NEGATIVE_FAULT = words(
    "is was were are be been could would can will may might knew expected predicted "
    "anticipated foresaw lost got"
)
_IRREGULAR_PAST = words(
    "thought saw caught told took read did went gave made sent brought kept found heard "
    "spoke wrote ran run done seen known taken given written gone set put shut left paid "
    "sold bought"
)
# Noticing, reporting or repairing: never the fault, whatever the clause says
# ("the on-call engineer spotted the wrong value").
_RESPONSE_VERBS = words(
    "noticed spotted found saw reported flagged caught discovered detected fixed corrected "
    "reverted restored replaced identified investigated confirmed checked escalated warned "
    "told asked raised explained apologised apologized called rolled backed recovered "
    "resolved mitigated repaired traced diagnosed paged alerted"
)
_CLAUSE_BREAKS = words("and but so which because while although who whose where when")
_PREPOSITIONS = words("on in at of from with into onto to for by due over through")


@dataclass(frozen=True)
class _NameEvidence:
    """What the whole document says about capitalised words."""

    lowercase: frozenset[str]  # words the document also writes in lower case
    casual: bool  # chat-style text that starts most sentences in lower case
    things: frozenset[str]  # capitalised words used as products: "the Cassandra cluster"


@dataclass(frozen=True)
class _Person:
    start: int  # first token of the person phrase
    kind: str  # name | role | indefinite | negative | pronoun
    sure: bool  # False for a capitalised word that only might be a name
    product: bool = False  # the document uses the word as a product: "the Kafka cluster"


def _evidence(context: DocContext) -> _NameEvidence:
    cached = context.state.get("blame-names")
    if cached is None:
        lowercase: set[str] = set()
        things: set[str] = set()
        openers = [0, 0]  # sentences starting in lower case, all sentences
        for doc in context.docs:
            for tok in doc:
                if tok.is_alpha and tok.text.islower():
                    lowercase.add(tok.text)
                elif _name_shaped(tok) and _used_as_thing(tok):
                    things.add(tok.text)
            for sent in doc.sents:
                first = next((t for t in sent if t.is_alpha), None)
                if first is not None:
                    openers[0] += first.text.islower()
                    openers[1] += 1
        casual = openers[1] >= 3 and openers[0] * 2 >= openers[1]
        cached = context.state["blame-names"] = _NameEvidence(
            frozenset(lowercase), casual, frozenset(things)
        )
    return cached


def _used_as_thing(tok: Token) -> bool:
    """'the Travis build', 'our Hugo site', 'Cassandra 4.0': a product, not a person."""
    doc = tok.doc
    before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (
        before in _DETERMINERS
        or after is not None
        and (after.lower_ in _SYSTEM_NOUNS or after.text[0].isdigit() or after.lower_ == "v")
    )


def _name_shaped(tok: Token) -> bool:
    text = tok.text
    return (
        len(text) > 1
        and all(part.isalpha() for part in text.split("-"))
        and text[0].isupper()
        and text[1:].replace("-", "").lower() == text[1:].replace("-", "")
    )


@cache
def given_names() -> frozenset[str]:
    """Given names from many languages (see scripts/given_names.py for the source)."""
    text = resources.files(__package__).joinpath("given-names.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _name_certainty(doc: Doc, i: int, evidence: _NameEvidence) -> int:
    """2: surely a name, 1: maybe (a capitalised word of unknown kind), 0: not a name.

    A known given name, or one the text treats as a person ("Jess's change",
    "Luca, who ..."), is sure; any other capitalised word may be a product
    ("Kubernetes restarted the pods"), so it needs a clearer failure to count.
    """
    tok = doc[i]
    lower = tok.lower_
    if evidence.casual and tok.text.islower():
        # "dave pushed a bad config" in a chat-style note: a known name, maybe.
        known = tok.text.capitalize() in given_names()
        return int(known and not tok.is_stop and lower not in _NOT_NAMES | _SYSTEM_NOUNS)
    if (
        not _name_shaped(tok)
        or tok.is_stop
        or lower in _NOT_NAMES
        or lower in _SYSTEM_NOUNS
        or lower in _ROLE_NOUNS
        or lower in _AUDIENCE_NOUNS
        or lower in evidence.lowercase
    ):
        return 0
    if tok.text in evidence.things:
        return 1
    if tok.text in given_names():
        return 2
    if lower.endswith(_WORD_ENDINGS):
        return 0
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("'s", "’s"):
        return 2
    if nxt is not None and nxt.text == "," and i + 2 < len(doc) and doc[i + 2].lower_ == "who":
        return 2
    if i > 0 and doc[i - 1].text in given_names():  # a surname: "Dave Okafor"
        return 2
    if nxt is not None and _name_shaped(nxt):
        return 0  # Title Case ("Config Push Skipped Review") or a product ("Traffic Manager")
    return 1


def _antecedent_is_person(doc: Doc, i: int, evidence: _NameEvidence, plural: bool) -> bool:
    """Whether the pronoun at i most likely refers to a staff member or team."""
    for k in range(i - 1, max(-1, i - 80), -1):
        lower = doc[k].lower_
        if lower in _AUDIENCE_NOUNS:
            return False
        if lower in _ROLE_NOUNS or lower in _INDEFINITE:
            return True
        if not plural and _name_certainty(doc, k, evidence) == 2:
            return True
    return not plural


def _role_start(doc: Doc, i: int, lower_bound: int) -> int | None:
    """Start of "the locum on-call engineer", "one of our developers", "Femi's team".

    A role that opens the sentence needs no determiner: "Developers skipped ...".
    """
    if i == lower_bound and doc[i].lower_.endswith("s") and doc[i].lower_ not in _GROUPS:
        return i
    j = i
    while j - 1 >= lower_bound and i - j < 4 and not doc[j - 1].is_punct:
        j -= 1
        if doc[j].lower_ in ("'s", "’s") and j - 1 >= lower_bound:
            return j - 1
        if doc[j].lower_ in _ROLE_OPENERS:
            if j - 2 >= lower_bound and doc[j - 1].lower_ == "of" and doc[j - 2].lower_ == "one":
                return j - 2
            return j
    return None


def _person_at(doc: Doc, i: int, sent: Span, evidence: _NameEvidence) -> _Person | None:
    """The person phrase ending at token i, if there is one."""
    lower = doc[i].lower_
    if lower in _INDEFINITE:
        return _Person(i, "indefinite", True)
    if lower in _NEGATIVE:
        return _Person(i, "negative", True)
    if lower == "one" and i > sent.start and doc[i - 1].lower_ == "no":
        return _Person(i - 1, "negative", True)
    if lower in _PERSONAL or lower == "they":
        if _antecedent_is_person(doc, i, evidence, plural=lower == "they"):
            return _Person(i, "pronoun", True)
        return None
    if lower in _ROLE_NOUNS:
        start = _role_start(doc, i, sent.start)
        return None if start is None else _Person(start, "role", True)
    certainty = _name_certainty(doc, i, evidence)
    if certainty:
        start = i - 1 if i > sent.start and _name_certainty(doc, i - 1, evidence) else i
        return _Person(start, "name", certainty == 2, product=doc[i].text in evidence.things)
    return None


# --- the person-fault detector ----------------------------------------------


@dataclass(frozen=True)
class _Verb:
    index: int
    negated: bool  # "didn't", "never", "failed to"
    adverb_fault: bool  # "accidentally deleted"
    passive: bool  # "was paged": done to the person, not by them
    personal: bool = False  # "forgot to", "neglected to": only a person does that


def _skip_qualifier(doc: Doc, j: int, end: int) -> int:
    """Skip "on the performance team", "from ops" after "someone" or "nobody"."""
    after = j
    if j < end and doc[j].lower_ in ("on", "from", "in", "at"):
        for k in range(j + 1, min(end, j + 6)):
            if doc[k].is_punct or _looks_past(doc[k].lower_):
                break
            if doc[k].lower_ in _ROLE_NOUNS or doc[k].lower_ in ("ops", "support", "call"):
                after = k + 1
        else:
            return after
        # "someone in procurement emailed": a department name is part of the person
        if after == j and k > j + 1 and _looks_past(doc[k].lower_):
            after = k
    return after


def _verb_at(doc: Doc, j: int, end: int) -> _Verb | None:
    """The main verb at or after j, skipping auxiliaries and adverbs."""
    negated = adverb_fault = passive = personal = False
    if j < end and doc[j].lower_ == "not":
        return None  # a note, not a sentence: "Kyverno not kept up to date"
    while j < end:
        lower = doc[j].lower_
        if lower in ("was", "were", "been"):
            passive = True
        elif lower in _NEGATIONS:
            negated = True
        elif lower in _FAULT_ADVERBS:
            adverb_fault = True
        elif lower in _NEGATING_VERBS and j + 1 < end and doc[j + 1].lower_ == "to":
            negated = True
            personal = personal or lower in _PERSON_FAILURE_VERBS
            j += 1
        elif lower in ("have", "has", "had") and not _auxiliary_have(doc, j, end):
            break  # "didn't have access": the main verb
        elif lower not in _AUXILIARIES and lower not in ("'d", "’d"):
            break
        j += 1
    if j >= end or not _is_word(doc[j]):
        return None
    # "was paged" is done to the person; "wasn't watching" is still their doing.
    passive = passive and not doc[j].lower_.endswith("ing")
    return _Verb(j, negated, adverb_fault, passive, personal)


def _auxiliary_have(doc: Doc, j: int, end: int) -> bool:
    """'had pushed', 'had not checked', 'has been': 'have' helps another verb."""
    k = j + 1
    while k < end and doc[k].lower_ in _NEGATIONS | _FAULT_ADVERBS | words("also just already"):
        k += 1
    return k < end and (doc[k].lower_ == "been" or _looks_past(doc[k].lower_))


def _is_word(tok: Token) -> bool:
    return all(part.isalpha() for part in tok.text.split("-"))


def _looks_past(lower: str) -> bool:
    """A past-tense verb, for subjects with no verb list of their own ("nobody")."""
    return (
        lower.endswith("ed")
        or lower in _PERSON_FAILURE_VERBS
        or lower in _FAULT_VERBS
        or lower in _CAUSAL_VERBS
        or lower in _IRREGULAR_PAST
    )


def _clause_end(doc: Doc, j: int, end: int, limit: int) -> int:
    k = j + 1
    while k < end and k - j < limit and doc[k].lower_ not in _CLAUSE_BREAKS:
        if doc[k].is_punct and doc[k].text not in ("'", "’"):  # "the candidates' CVs"
            break
        k += 1
    return k


def _has_object(doc: Doc, k: int, end: int) -> bool:
    """The verb is followed by what it acted on, not a preposition or nothing."""
    return k + 1 < end and not doc[k + 1].is_punct and doc[k + 1].lower_ not in _PREPOSITIONS


def _is_fault(
    doc: Doc, person: _Person, verb: _Verb, sent: Span, response: bool, aside: bool = False
) -> bool:
    """Whether what the person did, as the verb at ``verb`` says, is the failure.

    ``response`` is a table cell, a time-stamped line or a mitigation section,
    and ``aside`` a relative clause ("Kenji, who ran the rotation, ..."): in
    both an ordinary action is the response or background, not the failure.
    """
    lower = doc[verb.index].lower_
    after = doc[verb.index + 1].lower_ if verb.index + 1 < sent.end else ""
    if lower in _FAULT_PHRASAL and after in _FAULT_PARTICLES:
        lower = "broke"  # "took down the site" is a fault like "broke the site"
    clause = doc[verb.index : _clause_end(doc, verb.index, sent.end, 16)]
    marked = verb.adverb_fault or any(t.lower_ in _FAULT_MARKERS for t in clause)
    if verb.passive:
        return False
    if person.kind == "negative":
        return not verb.negated and lower not in _NOT_NEGATIVE_FAULT and _looks_past(lower)
    person_only = verb.personal or lower in _PERSON_FAILURE_VERBS
    if not person.sure:
        # A capitalised word may be a system ("Pipeline failed to ..."): only a
        # failing that needs a person, or an action marked as wrong, counts.
        if person_only:
            return True
        if person.product:
            return False  # "the Salesforce export ... Salesforce sent the leads to the wrong list"
        acted = lower in _FAULT_VERBS or _is_causal(lower)
        automatic = any(t.lower_ in _AUTOMATIC_CUES for t in clause)
        return (
            acted
            and marked
            and not automatic
            and _has_object(doc, verb.index, sent.end)
            and not _acts_on_system(clause)
        )
    if person_only or (verb.negated and lower not in _NOT_DOING):
        return True
    if lower not in _FAULT_VERBS and not _is_causal(lower):
        # Any other past action of a known person or role, when the clause says it
        # was wrong: "booked the venue for the wrong date", "paid it twice by mistake".
        return (
            marked
            and _looks_past(lower)
            and lower not in _RESPONSE_VERBS
            and not _mitigation(sent)
            and _has_object(doc, verb.index, sent.end)
        )
    if lower == "missed" and not any(t.lower_ in _SIGNALS for t in clause):
        return False  # "the support team missed 400 calls" is impact, not a failing
    if marked:
        return True
    if lower in _SHARING_VERBS:
        return False  # "Fenna sent the apology to all customers": not wrong as said
    if aside or response or _mitigation(sent) or any(t.lower_ in _ROUTINE_CUES for t in clause):
        return False
    guards = any(t.lower_ in _SAFEGUARDS for t in clause)
    if guards:
        # "Dave disabled the alert" is the fault; "Dave set up an alert" is the fix.
        return lower in _SWITCHING_OFF
    return lower in _FAULT_VERBS or person.kind == "name"


def _acts_on_system(clause: Span) -> bool:
    """The verb's object is a part of the system: "Rundeck executed the job", "Airflow
    ran the migration". Said of a word that may be a product, that is a product at work."""
    for tok in clause[1:]:
        if tok.lower_ in _PREPOSITIONS:
            return False
        if tok.lower_ in _SYSTEM_NOUNS:
            return True
    return False


def _is_causal(lower: str) -> bool:
    return (
        lower in _CAUSAL_VERBS
        or lower in _SHARING_VERBS
        or (lower.startswith("re-") and lower.endswith("ed"))
    )


def _mitigation(sent: Span) -> bool:
    return any(t.lower_ in _MITIGATION_CUES for t in sent)


def _find(
    doc: Doc, sent: Span, i: int, evidence: _NameEvidence, response: bool
) -> tuple[int, int] | None:
    """Token range of a person-fault phrase whose person ends at i."""
    person = _person_at(doc, i, sent, evidence)
    if person is None:
        return None
    end = sent.end
    # "Jess's schema change upstream broke the table"
    if person.kind in ("name", "role") and i + 1 < end and doc[i + 1].lower_ in ("'s", "’s"):
        for k in range(i + 2, min(end, i + 6)):
            phrasal = k + 1 < end and doc[k + 1].lower_ in _FAULT_PARTICLES
            if doc[k].lower_ in _FAULT_VERBS or (doc[k].lower_ in _FAULT_PHRASAL and phrasal):
                return person.start, _clause_end(doc, k, end, 6)
            if doc[k].is_punct:
                break
        return None
    if person.sure and person.kind in ("name", "role"):
        held = _held_responsible(doc, person.start, sent.start)
        if held is not None:  # "this one is on Kevin"
            return held, i + 1
    agent = _passive_agent(doc, person, sent, response)
    fallback = None if agent is None else (agent, _clause_end(doc, i, end, 4))
    j = _skip_qualifier(doc, i + 1, end)
    who = j if j < end and doc[j].lower_ == "who" else None
    if who is None and j + 1 < end and doc[j].text == "," and doc[j + 1].lower_ == "who":
        who = j + 1
    if who is not None:
        # "Luca, who skipped the load test", "an engineer who skipped the canary":
        # the relative clause is the failure, unless it is background.
        close = next((k for k in range(who + 1, min(end, who + 12)) if doc[k].text == ","), None)
        verb = _verb_at(doc, who + 1, close or end)
        if verb is not None and _is_fault(doc, person, verb, sent, response, aside=True):
            return person.start, _clause_end(doc, verb.index, close or end, 10)
        if close is None:
            return fallback
        j = close + 1
    elif j + 1 < end and doc[j].text == ",":
        # An aside: "Kenji, our on-call engineer, skipped ...", "Our SRE, Tomás, ignored ..."
        close = next((k for k in range(j + 1, min(end, j + 7)) if doc[k].text == ","), None)
        if close is None or person.kind not in ("name", "role"):
            return fallback
        j = close + 1
    verb = _verb_at(doc, j, end)
    if verb is None or not _is_fault(doc, person, verb, sent, response):
        return fallback
    return person.start, _clause_end(doc, verb.index, end, 12)


def _held_responsible(doc: Doc, start: int, lower_bound: int) -> int | None:
    """Start of "is on" in "this one is (all) on Kevin", or None."""
    k = start - 1
    if k <= lower_bound or doc[k].lower_ != "on":
        return None
    k -= 1
    if doc[k].lower_ in ("all", "entirely", "squarely", "completely", "really") and k > lower_bound:
        k -= 1
    return k if doc[k].lower_ in ("is", "was", "'s", "’s") else None


def _passive_agent(doc: Doc, person: _Person, sent: Span, response: bool) -> int | None:
    """Start of "was pushed by Dave" when the person is the agent of a failure."""
    by = person.start - 1
    if by - 2 < sent.start or doc[by].lower_ != "by" or person.kind == "negative":
        return None
    verb = by - 1
    if doc[verb - 1].lower_ not in ("was", "were", "been"):
        return None
    lower = doc[verb].lower_
    if lower in ("caused", "triggered", "introduced"):
        return verb
    active = _Verb(verb, negated=False, adverb_fault=False, passive=False)
    return verb if _is_fault(doc, person, active, sent, response) else None


# Section labels ("**Mitigation.**", "What we've done:", "## Next steps") under
# which people's actions are the response to the incident, not its cause.
_RESPONSE_SECTIONS = words(
    "mitigation mitigations done doing response recovery remediation resolution workaround "
    "fix fixes action actions next steps owner owners follow-up follow-ups update updates"
)
_CAUSE_SECTIONS = words("cause causes why wrong happened background root")


def _section_words(doc: Doc) -> set[str]:
    """The words of a block's lead-in label: the text before its first ':' or '.'."""
    label = set()
    for tok in doc[:8]:
        if tok.text in (":", ".", "—", "–"):
            return label
        label.add(tok.lower_)
    return set()


def _is_response_section(label: set[str]) -> bool:
    return bool(label & _RESPONSE_SECTIONS) and not label & _CAUSE_SECTIONS


@detector("person-fault")
def person_fault(rule, context: DocContext):
    evidence = _evidence(context)
    section: set[str] = set()
    for block, doc in context.pairs():
        if block.kind == "heading":
            section = {t.lower_ for t in doc}
        label = _section_words(doc) or section
        # In a table cell, a time-stamped line or a response section, what
        # people did is the response; only a failing or a marked action counts.
        response = block.kind == "cell" or _is_response_section(label)
        for sent in doc.sents:
            first = sent[0].text
            timeline = ":" in first and first[0].isdigit()
            i = sent.start
            while i < sent.end:
                found = _find(doc, sent, i, evidence, response or timeline)
                if found is None:
                    i += 1
                    continue
                start, stop = found
                span = doc[start:stop]
                yield Candidate(rule, block.start + span.start_char, block.start + span.end_char)
                i = stop


# --- conditions for the phrase rules ----------------------------------------


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


def _is_object(doc: Doc, i: int, lower_bound: int) -> bool:
    """The noun at i is what a verb acted on ("reviewed that change"), not a subject."""
    j = i - 1
    while j >= lower_bound and i - j <= 3 and not doc[j].is_punct:
        if _looks_past(doc[j].lower_):
            return True
        j -= 1
    return False


@condition("owned-by-writer")
def owned_by_writer(match: Match) -> bool:
    """The writer judges their own side: 'we screwed up', 'our carelessness'."""
    doc = match.doc
    start = match.span.start
    if start > match.sent.start and doc[start - 1].lower_ in ("our", "my"):
        return True
    for i in range(start - 1, max(match.sent.start, start - 3) - 1, -1):
        if doc[i].is_punct:
            break
        if doc[i].lower_ in ("we", "i"):
            return True
    return False


@condition("system-subject")
def system_subject(match: Match) -> bool:
    """A system did it: 'the migration messed up the indexes'."""
    start = match.span.start
    return start > match.sent.start and match.doc[start - 1].lower_ in _SYSTEM_NOUNS


_WEAK_FAULT_NOUNS = words("error errors failure failures")


@condition("person-possessor")
def person_possessor(match: Match) -> bool:
    """The one whose fault it is is a person: "Sarah's mistake", not "Friday's failure".

    "error" and "failure" also belong to systems and vendors ("Stripe's error"),
    so with them the possessor must surely be a person.
    """
    doc = match.doc
    owner = match.span.start
    lower = doc[owner].lower_
    if lower in ("his", "her", "their") or lower in _ROLE_NOUNS:
        return True
    if not _name_certainty(doc, owner, _evidence(match.context)):
        return False
    # The "'s" itself is no evidence here: a known given name is.
    return (
        doc[owner].text in given_names() or doc[match.span.end - 1].lower_ not in _WEAK_FAULT_NOUNS
    )


@condition("person-subject")
def person_subject(match: Match) -> bool:
    """A person, a person-role or a personal pronoun is the subject of the match.

    Not when the clause is a purpose ("so they could have tested it"), the
    subject is "nobody" ("nobody could have known" defends people), or the
    nearest subject is the writer or a system.
    """
    doc = match.doc
    sent = match.sent
    evidence = _evidence(match.context)
    start = match.span.start
    # "if only he had ...": the subject is inside the match.
    candidates = list(range(start + 1, match.span.end)) if doc[start].lower_ == "if" else []
    candidates += range(start - 1, max(sent.start, start - 8) - 1, -1)
    skip_to = None  # after "on the team", look again from before "on"
    for i in candidates:
        if skip_to is not None and i > skip_to:
            continue
        lower = doc[i].lower_
        if lower in _COLLECTIVE or lower in ("it", "which"):
            return False
        if lower in _SYSTEM_NOUNS and not _is_object(doc, i, sent.start):
            return False
        if doc[i].is_punct and i < start:
            return False
        person = _person_at(doc, i, sent, evidence)
        if person is not None and person.sure:
            opener = person.start - 1
            if opener > sent.start and doc[opener].lower_ in ("on", "from", "in", "at"):
                skip_to = opener - 1  # "nobody on the team": the subject comes earlier
                continue
            if person.kind == "negative":
                return False
            return not (opener >= sent.start and doc[opener].lower_ in ("so", "that"))
    return False
