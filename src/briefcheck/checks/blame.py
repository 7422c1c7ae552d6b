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

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from spacy.strings import get_string_id

from briefcheck.checks.common import words
from briefcheck.checks.registry import condition, detector
from briefcheck.context import Candidate, DocContext, Match

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.vocab import Vocab

_COLLECTIVE = words("we i us our ours my me")
_POLICY_CUES = words("blameless avoid avoiding policy not n't no nobody never without")
_SOMEONE = words("someone somebody anyone anybody people person individuals")

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
    "temp temps volunteer volunteers newcomer starter staff treasurer secretary steward folks "
    # the people of an office or a department: "the exam office should have known"
    "office offices department departments desk desks helpdesk tech techs"
)
# Teams named by their function, as the subject of a clause ("QA signed off the
# build"): written capitalised, so "support" the verb and "it" the pronoun stay out.
_TEAMS_BY_FUNCTION = frozenset(
    ("Ops", "QA", "IT", "SRE", "SecOps", "DevOps", "Infra", "Infrastructure", "Security",
     "Support", "Networking")
)  # fmt: skip
# Words after which a new clause, and its subject, may start.
_CLAUSE_JOINS = words("and but then so")
_DETERMINERS = words("the a an our its their your")  # not "that": "said that Ana ..."
_GROUPS = words("team teams squad squads guys folks members")
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
# Words a person phrase can end at, besides names: see _person_at.
_PERSON_WORDS = _INDEFINITE | _NEGATIVE | _PERSONAL | _ROLE_NOUNS | words("they them one")
# Word endings that English nouns, adjectives and adverbs have and given names rarely do.
_WORD_ENDINGS = (
    "ly", "ing", "ed", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "able",
    "ible", "ful", "ous", "ise", "ize", "ism", "ers", "ors", "ings", "ions", "ics",
    "ships", "ware", "less", "ward", "wards",
)  # fmt: skip

# --- what they did ----------------------------------------------------------

# Verbs that only a person does, and that describe a failing in themselves.
_PERSON_FAILURE_VERBS = words(
    # (the bare forms follow "did" or "didn't": "he did skip the check")
    "forgot forgets forget ignored ignores ignore neglected neglect overlooked overlook "
    "skipped skips skip slept botched bypass disregard "
    "misconfigured mistyped fat-fingered messed screwed bypassed circumvented overrode "
    "disregarded mishandled misread misjudged fumbled goofed rushed rubber-stamped"
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
    "triggered muted silenced re-partitioned repartitioned bumped tweaked"
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
# ("instead of" marks the wrong choice; "took the orders by phone instead" is the workaround)
_FAULT_MARKERS = words(
    "without error bad wrong wrongly incorrect incorrectly untested unreviewed unapproved "
    "unannounced broken faulty buggy accidentally mistakenly inadvertently mistake accident "
    "peak public publicly unencrypted unredacted unsecured unprotected unauthorised "
    "unauthorized unchecked unverified embargoed personal password passwords credential "
    "credentials secret secrets bypassing skipping ignoring corrupted corrupt despite"
)
# "let the certificate expire": letting a safeguard lapse is the failing itself.
_LAPSING = words("expire lapse")
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
# ("has not managed to get a commitment": an effort that has not paid off yet)
_NOT_DOING = words(
    "have has had receive received get got know knew need needed hear heard see saw manage managed "
    "appear appeared show showed display displayed"
)
# After "nobody", what customers do is no duty left undone: "nobody paid more
# than the sign showed", "nobody waited longer than 10 minutes".
_NOT_DUTIES = words(
    "paid bought ordered waited complained called lost received booked travelled arrived cancelled "
    "incurred"
)
# After "nobody", verbs that do not describe someone failing to act.
_NOT_NEGATIVE_FAULT = words(
    "is was were are be been could would can will may might knew expected predicted "
    "anticipated foresaw lost got"
)
# What someone knew or expected: never a failing in itself.
_STATES = words("expecting expected expect expects aware")
# After a bare "nobody" (not "nobody on the rota"), noticing verbs tell how long
# the problem went unseen.
_UNNOTICED = words("noticed spotted saw caught looked realised realized")
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
    "resolved mitigated repaired traced diagnosed paged alerted reproduced"
)
_CLAUSE_BREAKS = words("and but so which because while although who whose where when")
_PREPOSITIONS = words("on in at of from with into onto to for by due over through")
# What puts a word in a phrase about someone: "someone on the service desk", "nobody
# from ops", "Tomasz at LockBridge".
_QUALIFYING = words("on in at from")


@dataclass(frozen=True)
class _NameEvidence:
    """What the whole document says about capitalised words."""

    # Capitalised words that may be names: shaped like one, and neither a stop
    # word, a listed word, nor a word the document also writes in lower case.
    names: frozenset[str]
    casual: bool  # chat-style text that starts most sentences in lower case
    things: frozenset[str]  # names used as products: "the Cassandra cluster"
    persons: frozenset[str]  # every word a person phrase can end at
    # The blocks holding one of them and a word that lets a person there be
    # the cause (see _Word.enabler): the detector skips every other block.
    blocks: frozenset[int]


@dataclass(slots=True)  # not frozen: a frozen __init__ sets each field by a call
class _Person:
    start: int  # first token of the person phrase
    kind: str  # name | role | indefinite | negative | pronoun
    sure: bool  # False for a capitalised word that only might be a name
    product: bool = False  # the document uses the word as a product: "the Kafka cluster"


# --- the document's words, read once -------------------------------------------


@dataclass(slots=True)  # not frozen: a frozen __init__ sets each field by a call
class _Words:
    """One block's tokens as plain strings and flags, by token index.

    The detector looks at most words more than once, and every spaCy Token
    access builds a new Python object: these lists, read once per block, are
    what keeps the blame checks cheap.
    """

    lower: list[str]
    text: list[str]
    # spaCy's IS_PUNCT and IS_STOP flags, 1 or 0
    punct: list[int]
    stop: list[int]
    sents: list[tuple[int, int]]  # each sentence's start and end token index
    starts: list[int]  # each sentence's start, for bisecting

    def __len__(self) -> int:
        return len(self.text)

    def sentence_start(self, token: int) -> int:
        """Where the sentence holding ``token`` starts."""
        return self.starts[bisect_right(self.starts, token) - 1]


def _block_words(context: DocContext, index: int) -> _Words:
    """The block's words, kept for the conditions of the block's other matches."""
    cache: dict[int, _Words] = context.state.setdefault("blame-words", {})
    found = cache.get(index)
    if found is None:
        found = cache[index] = _read_block(context, index)
    return found


def _passing_words(context: DocContext, index: int) -> _Words:
    """The block's words, for a pass that reads each block once: not kept, since
    every object kept alive is one more that Python's garbage collector walks."""
    found = context.state.get("blame-words", {}).get(index)
    return found if found is not None else _read_block(context, index)


def _read_block(context: DocContext, index: int) -> _Words:
    punct, stop = (context.column(index, name) for name in ("IS_PUNCT", "IS_STOP"))
    sents = context.sentence_bounds(index)
    return _Words(
        lower=context.lowers(index),
        text=context.texts(index),
        punct=punct,
        stop=stop,
        sents=sents,
        starts=[start for start, _ in sents],
    )


def _evidence(context: DocContext) -> _NameEvidence:
    cached = context.state.get("blame-names")
    if cached is None:
        cached = context.state["blame-names"] = _gather_evidence(context)
    return cached


def _gather_evidence(context: DocContext) -> _NameEvidence:
    """The evidence, read from the document's distinct words: most blocks hold
    no possible person, and are only ever looked at as a list of word hashes."""
    if not context.docs:
        return _NameEvidence(frozenset(), False, frozenset(), frozenset(), frozenset())
    facts = _facts_for(context.docs[0].vocab)
    orths = [context.column(index, "ORTH") for index in range(len(context.docs))]
    present = set().union(*orths)
    facts.learn(present)
    words = [facts.words[orth] for orth in facts.telling.intersection(present)]
    names = {
        word.text
        for word in words
        if word.name_lower is not None
        # not when the document also writes it in lower case (a token's is_alpha is str.isalpha)
        and word.lower_orth not in present
    }
    # In chat-style text, "dave pushed a bad config": only a lowercase given
    # name makes that style matter, and only then are sentence openers counted.
    lowercase_names = {word.text for word in words if word.lowercase_name}
    casual = bool(lowercase_names) and _mostly_lowercase_openers(context)
    persons = {word.text for word in words if word.person} | names
    if casual:
        persons |= lowercase_names
    person_hashes = {word.orth for word in words if word.text in persons}
    name_hashes = {word.orth for word in words if word.text in names}
    enabler_hashes = {word.orth for word in words if word.enabler}
    telling_hashes = person_hashes | enabler_hashes  # names are persons too
    blocks = []
    things = set()
    for index, orth in enumerate(orths):
        if person_hashes.isdisjoint(orth):
            continue
        # The block's few telling words: tested below instead of the whole block.
        held = telling_hashes.intersection(orth)
        # Without an enabler, every possible person is a capitalised word of
        # unknown kind with no verb that could make it the cause.
        if not enabler_hashes.isdisjoint(held):
            blocks.append(index)
        if name_hashes.isdisjoint(held):
            continue
        last = len(orth) - 1
        for h in name_hashes.intersection(held):
            # list.index finds the block's few names without a test of every token
            i = orth.index(h)
            while True:
                before = facts.words[orth[i - 1]].text if i > 0 else ""
                after = facts.words[orth[i + 1]].text if i < last else ""
                if _used_as_thing(before, after):
                    things.add(facts.words[h].text)
                    break  # the word is a thing: its other uses add nothing
                try:
                    i = orth.index(h, i + 1)
                except ValueError:
                    break
    return _NameEvidence(
        frozenset(names), casual, frozenset(things), frozenset(persons), frozenset(blocks)
    )


class _Word(NamedTuple):
    """What the checks need to know of one distinct word, whatever the document."""

    orth: int
    text: str
    person: bool  # its lower case is a word a person phrase ends at: "someone", "engineer"
    # Shaped like a name and neither a stop word nor a listed word: its lower case
    name_lower: str | None
    # The hash of that lower case if it is a word (alphabetic): the document
    # writing it too shows the capitalised one is no name.
    lower_orth: int | None
    lowercase_name: bool  # a given name written in lower case ("dave"), not a stop word
    # A word without which no person-fault is found: one that can make a person
    # sure (a person word, a given name, "'s", "who"; see _name_certainty), or a
    # verb that can make a capitalised word of unknown kind the cause (see _is_fault).
    enabler: bool


class _Facts:
    """_Word for each word hash, worked out on first sight and kept: the words of
    one brief repeat across its blocks, and across the lints of an edited brief."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.words: dict[int, _Word] = {}
        # The hashes of words with anything to say: most words have nothing.
        self.telling: set[int] = set()

    def learn(self, orths: set[int]) -> None:
        """Work out the facts of the words in ``orths`` not seen before."""
        if len(self.words) > 200_000:  # a long-running server sees unboundedly many words
            self.words.clear()
            self.telling.clear()
        for orth in orths.difference(self.words):  # a plain dict: tested in C
            word = self.words[orth] = _word_facts(self.vocab, orth)
            if word.person or word.name_lower or word.lowercase_name or word.enabler:
                self.telling.add(orth)


_FACTS: dict[int, _Facts] = {}  # id(vocab) -> its facts; the _Facts keeps its vocab alive


def _facts_for(vocab: Vocab) -> _Facts:
    facts = _FACTS.get(id(vocab))
    if facts is None or facts.vocab is not vocab:
        facts = _FACTS[id(vocab)] = _Facts(vocab)
    return facts


def _word_facts(vocab: Vocab, orth: int) -> _Word:
    # A token's lower_ and is_stop are its word's (spaCy's Lexeme, whose lower_ is
    # str.lower), so they are read once per distinct word.
    text = vocab.strings[orth]
    name_lower = None
    if _name_shaped(text):
        lex = vocab[text]
        lower = lex.lower_
        if not (
            lex.is_stop
            or lower in _NOT_NAMES
            or lower in _SYSTEM_NOUNS
            or lower in _ROLE_NOUNS
            or lower in _AUDIENCE_NOUNS
        ):
            name_lower = lower
    lowercase_name = False
    if text.islower() and text.capitalize() in given_names():
        lex = vocab[text]
        lowercase_name = not (
            lex.is_stop or lex.lower_ in _NOT_NAMES or lex.lower_ in _SYSTEM_NOUNS
        )
    lower = text.lower()
    person = lower in _PERSON_WORDS or text in _TEAMS_BY_FUNCTION
    enabler = (
        person
        or text in given_names()
        or lower in _SURE_CUES
        or lower in _FAULT_CAPABLE
        or (lower.startswith("re-") and lower.endswith("ed"))  # see _is_causal
    )
    lower_orth = None
    if name_lower is not None and name_lower.isalpha() and name_lower.islower():
        lower_orth = get_string_id(name_lower)
    return _Word(orth, text, person, name_lower, lower_orth, lowercase_name, enabler)


_SURE_CUES = frozenset(("'s", "’s", "who"))
_FAULT_CAPABLE = (
    _PERSON_FAILURE_VERBS
    | _FAULT_VERBS
    | _FAULT_PHRASAL
    | _CAUSAL_VERBS
    | _SHARING_VERBS
    | words("rolled signed let")  # "rolled out", "signed off", "let ... expire": see _is_fault
)


# IS_LOWER is the word's str.islower (spaCy's lexeme getter): flags only, no strings.


def _mostly_lowercase_openers(context: DocContext) -> bool:
    """Most sentences start in lower case. This reads every block, so it reads
    flags only: building each block's words as strings cost more than the rest."""
    lower_openers = sentences = 0
    for index in range(len(context.docs)):
        alpha, lower = (context.column(index, name) for name in ("IS_ALPHA", "IS_LOWER"))
        for start, end in context.sentence_bounds(index):
            for i in range(start, end):
                if alpha[i]:  # the sentence's first word
                    lower_openers += lower[i]
                    sentences += 1
                    break
    return sentences >= 3 and lower_openers * 2 >= sentences


def _used_as_thing(before: str, after: str) -> bool:
    """'the Travis build', 'our Hugo site', 'Cassandra 4.0': a product, not a person.
    ``before`` and ``after`` are the words around it, "" at the block's edges."""
    # str.lower is what spaCy's LOWER is (its lexeme getter)
    if before.lower() in _DETERMINERS:
        return True
    return after != "" and (
        after.lower() in _SYSTEM_NOUNS or after[0].isdigit() or after.lower() == "v"
    )


def _name_shaped(text: str) -> bool:
    # The capital first: it rules out most words at once.
    return (
        text[:1].isupper()
        and len(text) > 1
        and all(part.isalpha() for part in text.split("-"))
        and text[1:].replace("-", "").lower() == text[1:].replace("-", "")
    )


@cache
def given_names() -> frozenset[str]:
    """Given names from many languages (see scripts/given_names.py for the source)."""
    text = resources.files(__package__).joinpath("given-names.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _name_certainty(w: _Words, i: int, evidence: _NameEvidence) -> int:
    """2: surely a name, 1: maybe (a capitalised word of unknown kind), 0: not a name.

    A known given name, or one the text treats as a person ("Jess's change",
    "Luca, who ..."), is sure; any other capitalised word may be a product
    ("Kubernetes restarted the pods"), so it needs a clearer failure to count.
    """
    text = w.text[i]
    lower = w.lower[i]
    if evidence.casual and text.islower():
        # "dave pushed a bad config" in a chat-style note: a known name, maybe.
        known = text.capitalize() in given_names()
        return int(
            known and not w.stop[i] and lower not in _NOT_NAMES and lower not in _SYSTEM_NOUNS
        )
    if text not in evidence.names:
        return 0
    if text in evidence.things:
        return 1
    names = given_names()
    if i > 0 and _ends_a_place_name(w, i - 1, names):
        return 0
    if text in names:
        return 2
    if i > 0 and w.text[i - 1] in names:  # a surname: "Dave Okafor", "Tom Welling"
        return 2
    if lower.endswith(_WORD_ENDINGS):
        return 0
    nxt = i + 1 if i + 1 < len(w) else None
    if nxt is not None and w.lower[nxt] in ("'s", "’s"):
        return 2
    if nxt is not None and w.text[nxt] == "," and i + 2 < len(w) and w.lower[i + 2] == "who":
        return 2
    if nxt is not None and _name_shaped(w.text[nxt]):
        return 0  # Title Case ("Config Push Skipped Review") or a product ("Traffic Manager")
    return 1


# Capitalised words a person's name may follow: a title ("Dr Ridge") or a day
# or month ("On Monday Dave deployed ...").
_BEFORE_NAMES = words(
    "mr mrs ms dr prof sir dame monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december"
)


def _ends_a_place_name(w: _Words, before: int, names: frozenset[str]) -> bool:
    """Inside a sentence, a capitalised word before a name that is not itself a
    given name makes the two one proper name, a place's or a firm's: "at Hollow
    Ridge", "near Canary Wharf" (the given names include Ridge and Wharf). The
    first word of a sentence is capitalised anyway: "Yesterday Dave ..."."""
    text = w.text[before]
    return (
        text[:1].isupper()
        and text[1:].islower()
        and before > w.sentence_start(before)
        and w.sentence_start(before + 1) <= before  # "... on 19 Sept. Priya forgot": a new sentence
        and not w.stop[before]
        and text not in names
        and w.lower[before].rstrip(".") not in _BEFORE_NAMES
    )


def _antecedent_is_person(w: _Words, i: int, evidence: _NameEvidence, plural: bool) -> bool:
    """Whether the pronoun at i most likely refers to a staff member or team."""
    for k in range(i - 1, max(-1, i - 80), -1):
        lower = w.lower[k]
        if lower in _AUDIENCE_NOUNS:
            return False
        if lower in _ROLE_NOUNS or lower in _INDEFINITE:
            return True
        if not plural and _name_certainty(w, k, evidence) == 2:
            return True
    return not plural


def _role_start(w: _Words, i: int, lower_bound: int) -> int | None:
    """Start of "the locum on-call engineer", "one of our developers", "Femi's team".

    A role that opens the sentence needs no determiner: "Developers skipped ...".
    """
    lowers = w.lower
    if i == lower_bound and lowers[i].endswith("s") and lowers[i] not in _GROUPS:
        return i
    j = i
    while j - 1 >= lower_bound and i - j < 4 and not w.punct[j - 1]:
        j -= 1
        if lowers[j] in ("'s", "’s") and j - 1 >= lower_bound:
            return j - 1
        if lowers[j] in _ROLE_OPENERS:
            if j - 2 >= lower_bound and lowers[j - 1] == "of" and lowers[j - 2] == "one":
                return j - 2
            return j
    return None


def _person_at(w: _Words, i: int, sent_start: int, evidence: _NameEvidence) -> _Person | None:
    """The person phrase ending at token i, if there is one."""
    lower = w.lower[i]
    if w.text[i] in _TEAMS_BY_FUNCTION and (
        i == sent_start or w.punct[i - 1] or w.lower[i - 1] in _CLAUSE_JOINS
    ):
        # "Ops should have caught this", "... and QA should have caught it": a team, as a role
        return _Person(i, "role", True)
    if lower in _INDEFINITE:
        return _Person(i, "indefinite", True)
    if lower in _NEGATIVE:
        return _Person(i, "negative", True)
    if lower == "one" and i > sent_start and w.lower[i - 1] == "no":
        return _Person(i - 1, "negative", True)
    # ("both of them should have known": "them" after "of" is the subject)
    of_them = lower == "them" and i > sent_start and w.lower[i - 1] == "of"
    if lower in _PERSONAL or lower == "they" or of_them:
        if _antecedent_is_person(w, i, evidence, plural=lower != "he" and lower != "she"):
            return _Person(i, "pronoun", True)
        return None
    if lower in _ROLE_NOUNS:
        start = _role_start(w, i, sent_start)
        return None if start is None else _Person(start, "role", True)
    certainty = _name_certainty(w, i, evidence)
    if certainty:
        start = i - 1 if i > sent_start and _name_certainty(w, i - 1, evidence) else i
        return _Person(start, "name", certainty == 2, product=w.text[i] in evidence.things)
    return None


def _person_candidates(w: _Words, evidence: _NameEvidence) -> list[int]:
    """The tokens _person_at may find a person at, in order."""
    # A block holds few of these words: list.index finds them faster than a
    # test of every token would.
    found = []
    for word in evidence.persons.intersection(w.text):
        i = w.text.index(word)
        while True:
            found.append(i)
            try:
                i = w.text.index(word, i + 1)
            except ValueError:
                break
    found.sort()
    return found


# --- the person-fault detector ----------------------------------------------


@dataclass(slots=True)  # not frozen: a frozen __init__ sets each field by a call
class _Verb:
    index: int
    negated: bool  # "didn't", "never", "failed to"
    adverb_fault: bool  # "accidentally deleted"
    passive: bool  # "was paged": done to the person, not by them
    personal: bool = False  # "forgot to", "neglected to": only a person does that


# What "someone on the ..." may belong to besides a role: "from ops", "on the rota".
_GROUPS_OF_STAFF = words("ops support call rota shift desk crew")


_COPULAS = words("is are was were be been being")


def _skip_qualifier(w: _Words, j: int, end: int) -> int:
    """Skip "on the performance team", "from ops" after "someone" or "nobody", and
    an employer after a name: "Tomasz Kowal at LockBridge, our contractor, ..."."""
    after = j
    if j + 1 < end and w.lower[j] in ("at", "from") and w.text[j + 1][:1].isupper():
        k = j + 1
        while k < end and w.text[k][:1].isupper() and not w.punct[k]:
            k += 1
        return k
    if j < end and w.lower[j] in _QUALIFYING:
        for k in range(j + 1, min(end, j + 6)):
            # a hyphen joins a compound ("the on-call rota"); other punctuation ends it
            if (w.punct[k] and w.text[k] != "-") or _looks_past(w.lower[k]):
                break
            if w.lower[k] in _ROLE_NOUNS or w.lower[k] in _GROUPS_OF_STAFF:
                after = k + 1
        else:
            return after
        # "someone in procurement emailed": a department name is part of the person
        # ("nobody in the warehouse is affected" says how they are, not what they did)
        copula = not _COPULAS.isdisjoint(w.lower[j:k])
        if after == j and k > j + 1 and _looks_past(w.lower[k]) and not copula:
            after = k
    return after


def _verb_at(w: _Words, j: int, end: int) -> _Verb | None:
    """The main verb at or after j, skipping auxiliaries and adverbs."""
    negated = adverb_fault = passive = personal = False
    if j < end and w.lower[j] == "not":
        return None  # a note, not a sentence: "Kyverno not kept up to date"
    while j < end:
        lower = w.lower[j]
        if lower in ("was", "were", "been"):
            passive = True
        elif lower in _NEGATIONS:
            negated = True
        elif lower in _FAULT_ADVERBS:
            adverb_fault = True
        elif lower in _NEGATING_VERBS and j + 1 < end and w.lower[j + 1] == "to":
            negated = True
            personal = personal or lower in _PERSON_FAILURE_VERBS
            j += 1
        elif lower in ("have", "has", "had") and not _auxiliary_have(w, j, end):
            break  # "didn't have access": the main verb
        elif lower in ("'s", "’s") and _auxiliary_have(w, j, end):
            pass  # "he's skipped the step": 's is "has" before a past participle
        elif lower in ("may", "might") and _hedged_past(w, j, end):
            pass  # "Priya may not have checked": a failing, politely put
        elif lower not in _AUXILIARIES and lower not in ("'d", "’d"):
            break
        j += 1
    if j >= end or not _is_word(w.text[j]):
        return None
    # "was paged" is done to the person; "wasn't watching" is still their doing.
    passive = passive and not w.lower[j].endswith("ing")
    return _Verb(j, negated, adverb_fault, passive, personal)


_BEFORE_PARTICIPLE = _NEGATIONS | _FAULT_ADVERBS | words("also just already")


def _hedged_past(w: _Words, j: int, end: int) -> bool:
    """'may not have checked' at j: a modal, a negation and a past participle (a
    thing not done, politely put; "might have restarted" is only a guess)."""
    k = j + 1
    return (
        k + 1 < end
        and w.lower[k] in _NEGATIONS
        and w.lower[k + 1] == "have"
        and _auxiliary_have(w, k + 1, end)
    )


def _auxiliary_have(w: _Words, j: int, end: int) -> bool:
    """'had pushed', 'had not checked', 'has been': 'have' helps another verb."""
    k = j + 1
    while k < end and w.lower[k] in _BEFORE_PARTICIPLE:
        k += 1
    return k < end and (w.lower[k] == "been" or _looks_past(w.lower[k]))


def _is_word(text: str) -> bool:
    return text.isalpha() or all(part.isalpha() for part in text.split("-"))


# Verbs whose present tense ends in "ed": "Nobody need to cancel" blames no one.
_PRESENT_IN_ED = words("need feed seed heed bleed breed speed proceed succeed exceed embed shed")


def _looks_past(lower: str) -> bool:
    """A past-tense verb, for subjects with no verb list of their own ("nobody")."""
    if lower.startswith("re-"):
        lower = lower[3:]  # "re-ran" is past as "ran" is
    return (
        (lower.endswith("ed") and lower not in _PRESENT_IN_ED)
        or lower in _PERSON_FAILURE_VERBS
        or lower in _FAULT_VERBS
        or lower in _CAUSAL_VERBS
        or lower in _IRREGULAR_PAST
    )


def _clause_end(w: _Words, j: int, end: int, limit: int) -> int:
    k = j + 1
    while k < end and k - j < limit and w.lower[k] not in _CLAUSE_BREAKS:
        if w.punct[k] and w.text[k] not in ("'", "’"):  # "the candidates' CVs"
            break
        k += 1
    return k


def _has_object(w: _Words, k: int, end: int) -> bool:
    """The verb is followed by what it acted on, not a preposition or nothing."""
    return k + 1 < end and not w.punct[k + 1] and w.lower[k + 1] not in _PREPOSITIONS


def _is_fault(
    w: _Words,
    person: _Person,
    verb: _Verb,
    sent: tuple[int, int],
    response: Callable[[], bool],
    aside: bool = False,
) -> bool:
    """Whether what the person did, as the verb at ``verb`` says, is the failure.

    ``response()`` says whether the block is a table cell, a time-stamped line or
    a mitigation section (asked only here, as late as can be, since it reads the
    section's heading),
    and ``aside`` a relative clause ("Kenji, who ran the rotation, ..."): in
    both an ordinary action is the response or background, not the failure.
    """
    end = sent[1]
    lower = w.lower[verb.index]
    if lower in _STATES:
        return False  # "they weren't expecting a delay": what someone knew, not did
    after = w.lower[verb.index + 1] if verb.index + 1 < end else ""
    if lower in _FAULT_PHRASAL and after in _FAULT_PARTICLES:
        lower = "broke"  # "took down the site" is a fault like "broke the site"
    elif lower == "rolled" and after == "out":
        lower = "deployed"  # "rolled out the config", not "rolled back": a release
    elif lower == "signed" and after == "off":
        lower = "approved"  # "signed off the build without testing it"
    if verb.passive:
        return False
    if lower == "let" and not _LAPSING.isdisjoint(w.lower[verb.index : verb.index + 12]):
        return True  # "the IT team let their password expire"
    if lower == "left" and _left_unsafe(w, verb.index, end):
        # "the new hire left autoscaling switched off", unless it was the response
        return not (aside or response() or _mitigation(w, sent))
    if person.kind == "negative":
        # "Nobody checked the backups" blames by what was not done; "no one missed a
        # step" or "nobody broke a rule" clears people.
        bare = verb.index - person.start == (2 if w.lower[person.start] == "no" else 1)
        if lower in _UNNOTICED and bare:
            return False  # "Nobody noticed until Monday": a gap in detection, no one's failing
        if person.start > sent[0] and w.lower[person.start - 1] in ("that", "which"):
            return False  # "a shared mailbox that nobody has monitored": an unowned thing
        failing = lower in _PERSON_FAILURE_VERBS or lower in _FAULT_VERBS
        return (
            not verb.negated
            and not failing
            and lower not in _NOT_NEGATIVE_FAULT
            and lower not in _NOT_DUTIES
            and _looks_past(lower)
        )
    person_only = verb.personal or lower in _PERSON_FAILURE_VERBS
    if not person.sure:
        # A capitalised word may be a system ("Pipeline failed to ..."): only a
        # failing that needs a person, or an action marked as wrong, counts.
        if person_only:
            return True
        if person.product:
            return False  # "the Salesforce export ... Salesforce sent the leads to the wrong list"
        if lower not in _FAULT_VERBS and not _is_causal(lower):
            return False
        clause = w.lower[verb.index : _clause_end(w, verb.index, end, 16)]
        marked = _is_marked(w, verb, clause, end)
        automatic = not _AUTOMATIC_CUES.isdisjoint(clause)
        return (
            marked
            and not automatic
            and _has_object(w, verb.index, end)
            and not _acts_on_system(clause)
        )
    if person_only or (verb.negated and lower not in _NOT_DOING):
        return True
    # The verb and the words after it, up to the end of the clause.
    clause = w.lower[verb.index : _clause_end(w, verb.index, end, 16)]
    marked = _is_marked(w, verb, clause, end)
    if lower not in _FAULT_VERBS and not _is_causal(lower):
        # Any other past action of a known person or role, when the clause says it
        # was wrong: "booked the venue for the wrong date", "paid it twice by mistake".
        return (
            marked
            and _looks_past(lower)
            and lower not in _RESPONSE_VERBS
            and not _mitigation(w, sent)
            and _has_object(w, verb.index, end)
        )
    if lower == "missed" and _SIGNALS.isdisjoint(clause):
        return False  # "the support team missed 400 calls" is impact, not a failing
    if marked:
        return True
    if lower in _SHARING_VERBS:
        return False  # "Fenna sent the apology to all customers": not wrong as said
    if aside or response() or _mitigation(w, sent) or not _ROUTINE_CUES.isdisjoint(clause):
        return False
    if not _SAFEGUARDS.isdisjoint(clause):
        # "Dave disabled the alert" or "missed the alert" is the fault; "Dave set up
        # an alert" is the fix.
        return lower in _SWITCHING_OFF or lower == "missed"
    return lower in _FAULT_VERBS or person.kind == "name"


# What a person can leave a safeguard or a door in: "left the port open".
_UNSAFE_STATES = words(
    "off open disabled unlocked unpatched unattended unsecured unprotected exposed unencrypted"
)
# Left that way on purpose, for a while: "left the barriers open until 16:30".
_FOR_A_WHILE = words("until till while so")


def _left_unsafe(w: _Words, k: int, end: int) -> bool:
    """'left' at k leaves something in an unsafe state: "left the firewall open",
    "left the alerts switched off"; not "left the company" or "left early", nor on
    purpose for a while: "left the barriers open until 16:30"."""
    clause = w.lower[k + 1 : _clause_end(w, k, end, 8)]
    return (
        len(clause) > 1
        and not _UNSAFE_STATES.isdisjoint(clause[1:])
        and _FOR_A_WHILE.isdisjoint(w.lower[k + 1 : end])
    )


def _marks_fault(lowers: list[str]) -> bool:
    """Words that say an action was wrong: "without review", "instead of staging"."""
    if not _FAULT_MARKERS.isdisjoint(lowers):
        return True
    return any(a == "instead" and b == "of" for a, b in pairwise(lowers))


def _is_marked(w: _Words, verb: _Verb, clause: list[str], end: int) -> bool:
    """The clause says the action was wrong, in itself or in an aside right after
    it: "uploaded the file to the live site, bypassing the check"."""
    if verb.adverb_fault or _marks_fault(clause):
        return True
    after = verb.index + len(clause)
    return after + 1 < end and w.text[after] == "," and w.lower[after + 1] in _FAULT_MARKERS


def _acts_on_system(clause: list[str]) -> bool:
    """The verb's object is a part of the system: "Rundeck executed the job", "Airflow
    ran the migration". Said of a word that may be a product, that is a product at work.
    ``clause`` is the verb and the words after it, lowercased."""
    for lower in clause[1:]:
        if lower in _PREPOSITIONS:
            return False
        if lower in _SYSTEM_NOUNS:
            return True
    return False


def _is_causal(lower: str) -> bool:
    return (
        lower in _CAUSAL_VERBS
        or lower in _SHARING_VERBS
        or (lower.startswith("re-") and lower.endswith("ed"))
    )


def _mitigation(w: _Words, sent: tuple[int, int]) -> bool:
    return not _MITIGATION_CUES.isdisjoint(w.lower[sent[0] : sent[1]])


def _thanked(w: _Words, start: int, sent_start: int) -> bool:
    """The person is thanked: "many thanks to the shop managers who sent us photos",
    "thank you to Ana, who spotted it" (not "thanks to Dave's change": because of it)."""
    for k in range(start - 1, max(sent_start, start - 4) - 1, -1):
        if w.lower[k] == "thank":
            return True
        if w.lower[k] == "thanks":
            return k > sent_start and w.lower[k - 1] in _GRATEFUL
    return False


# Words that make "thanks" gratitude rather than "because of".
_GRATEFUL = words("many big huge special our my with warm sincere")


def _find(
    w: _Words,
    sent: tuple[int, int],
    i: int,
    evidence: _NameEvidence,
    response: Callable[[], bool],
) -> tuple[int, int] | None:
    """Token range of a person-fault phrase whose person ends at i."""
    person = _person_at(w, i, sent[0], evidence)
    if person is None or _thanked(w, person.start, sent[0]):
        return None
    lowers = w.lower
    end = sent[1]
    # "Jess's schema change upstream broke the table"
    if person.kind in ("name", "role") and i + 1 < end and lowers[i + 1] in ("'s", "’s"):
        for k in range(i + 2, min(end, i + 6)):
            phrasal = k + 1 < end and lowers[k + 1] in _FAULT_PARTICLES
            if lowers[k] in _FAULT_VERBS or (lowers[k] in _FAULT_PHRASAL and phrasal):
                return person.start, _clause_end(w, k, end, 6)
            if w.punct[k]:
                break
        return None
    if person.sure and person.kind in ("name", "role"):
        held = _held_responsible(w, person.start, sent[0])
        if held is not None:  # "this one is on Kevin"
            return held, i + 1
    agent = _passive_agent(w, person, sent, response)
    fallback = None if agent is None else (agent, _clause_end(w, i, end, 4))
    j = _skip_qualifier(w, i + 1, end)
    who = j if j < end and lowers[j] == "who" else None
    if who is None and j + 1 < end and w.text[j] == "," and lowers[j + 1] == "who":
        who = j + 1
    if who is not None:
        # "Luca, who skipped the load test", "an engineer who skipped the canary":
        # the relative clause is the failure, unless it is background.
        close = next((k for k in range(who + 1, min(end, who + 12)) if w.text[k] == ","), None)
        verb = _verb_at(w, who + 1, close or end)
        if verb is not None and _is_fault(w, person, verb, sent, response, aside=True):
            return person.start, _clause_end(w, verb.index, close or end, 10)
        if close is None:
            return fallback
        j = close + 1
    elif j + 1 < end and w.text[j] == ",":
        # An aside: "Kenji, our on-call engineer, skipped ...", "Our SRE, Tomás, ignored ..."
        close = next((k for k in range(j + 1, min(end, j + 10)) if w.text[k] == ","), None)
        if close is None or person.kind not in ("name", "role"):
            return fallback
        if not _ORGANISATIONS.isdisjoint(w.lower[j + 1 : close]):
            return fallback  # "Kestrel Geo, our address data supplier, ...": a firm
        j = close + 1
    verb = _verb_at(w, j, end)
    if verb is not None and w.lower[i] == "whoever":
        # "Whoever approved it didn't bother to look": the first verb is the
        # subject's own clause; the main verb comes after it.
        verb = _main_verb_after(w, verb.index, end)
    if verb is not None and not _is_fault(w, person, verb, sent, response):
        # "Marcus was on call and missed the alert": the same subject's next verb
        verb = _next_verb(w, verb.index, end)
        if verb is not None and not _is_fault(w, person, verb, sent, response):
            verb = None
    if verb is None:
        return fallback
    return person.start, _clause_end(w, verb.index, end, 12)


_MAIN_VERB_OPENERS = words("did should never failed")


def _main_verb_after(w: _Words, j: int, end: int) -> _Verb | None:
    """The verb after a free relative ("whoever approved it"), if within a few words:
    one negated or helped ("didn't bother", "should have"), or a failing in itself."""
    for k in range(j + 1, min(end, j + 8)):
        lower = w.lower[k]
        if w.punct[k] and w.text[k] != ",":
            return None
        if lower in _NEGATIONS or lower in _MAIN_VERB_OPENERS or lower in _PERSON_FAILURE_VERBS:
            return _verb_at(w, k, end)
    return None


def _next_verb(w: _Words, j: int, end: int) -> _Verb | None:
    """A verb in the past joined by "and" to the one at j, in the same clause (up to
    12 words on), with no subject of its own: "was on call and missed", "ran a
    clean-up script against the live database and deleted", not "and the pods
    crashed"."""
    for k in range(j + 1, min(end - 1, j + 12)):
        if w.punct[k]:
            return None
        if w.lower[k] == "and":
            verb = _verb_at(w, k + 1, end)
            if verb is None or not (verb.negated or _looks_past(w.lower[verb.index])):
                return None
            return verb
    return None


def _held_responsible(w: _Words, start: int, lower_bound: int) -> int | None:
    """Start of "is on" in "this one is (all) on Kevin" or "is down to Gary", or None."""
    k = start - 1
    if k <= lower_bound or w.lower[k] not in ("on", "to"):
        return None
    if w.lower[k] == "to":
        k -= 1
        if k <= lower_bound or w.lower[k] != "down":
            return None  # "this one is down to Gary"; not "it went to Gary"
        if w.lower[start] in _HOW_MANY or w.lower[start][:1].isdigit():
            return None  # "we were down to one person": how many were left, not who
    k -= 1
    if w.lower[k] in ("all", "entirely", "squarely", "completely", "really") and k > lower_bound:
        k -= 1
    return k if w.lower[k] in ("is", "was", "'s", "’s") else None


# Counts that make "down to ..." a number left: "down to one person", "down to two engineers".
_HOW_MANY = words("one two three four five a an just only our")
_PASSIVE_PARTICLES = words("off out up through over down")


def _passive_agent(
    w: _Words, person: _Person, sent: tuple[int, int], response: Callable[[], bool]
) -> int | None:
    """Start of "was pushed by Dave" when the person is the agent of a failure."""
    by = person.start - 1
    if by - 2 < sent[0] or w.lower[by] != "by" or person.kind == "negative":
        return None
    verb = by - 1
    phrasal = w.lower[verb] in _PASSIVE_PARTICLES and verb - 2 >= sent[0]
    if phrasal:
        # "was signed off by Priya without a handover": the verb before its particle,
        # a failing only when the clause says so ("signed off by Priya at 10:00" is routine)
        verb -= 1
        if not _marks_fault(w.lower[by : _clause_end(w, by, sent[1], 10)]):
            return None
    if w.lower[verb - 1] not in ("was", "were", "been"):
        return None
    lower = w.lower[verb]
    if lower in ("caused", "triggered", "introduced"):
        return verb
    active = _Verb(verb, negated=False, adverb_fault=False, passive=False)
    return verb if _is_fault(w, person, active, sent, response) else None


# Section labels ("**Mitigation.**", "What we've done:", "## Next steps") under
# which people's actions are the response to the incident, not its cause.
_RESPONSE_SECTIONS = words(
    "mitigation mitigations done doing response recovery remediation resolution workaround "
    "fix fixes action actions next steps owner owners follow-up follow-ups update updates"
)
_CAUSE_SECTIONS = words("cause causes why wrong happened background root")


def _section_words(w: _Words) -> set[str]:
    """The words of a block's lead-in label: the text before its first ':' or '.'."""
    label = set()
    for text, lower in zip(w.text[:8], w.lower[:8], strict=True):
        if text in (":", ".", "—", "–"):
            return label
        label.add(lower)
    return set()


def _is_response_section(label: set[str]) -> bool:
    return bool(label & _RESPONSE_SECTIONS) and not label & _CAUSE_SECTIONS


def _response_test(context: DocContext, kind: str, w: _Words, index: int) -> Callable[[], bool]:
    """Whether what people did in the block is the response: a table cell or a
    block in a response section. Worked out on the first question only, since few
    phrases get that far and the section's label may be its heading's words."""
    found: list[bool] = []

    def response() -> bool:
        if not found:
            label = _section_words(w)
            if not label:
                heading = _last_heading(context, index)
                label = set(context.lowers(heading)) if heading is not None else set()
            found.append(kind == "cell" or _is_response_section(label))
        return found[0]

    return response


def _last_heading(context: DocContext, index: int) -> int | None:
    """The index of the last heading at or before block ``index``. The document's
    headings are listed on the first question: few blocks ever ask."""
    headings = context.state.get("blame-headings")
    if headings is None:
        blocks = context.document.blocks
        headings = [i for i, block in enumerate(blocks) if block.kind == "heading"]
        context.state["blame-headings"] = headings
    k = bisect_right(headings, index)
    return headings[k - 1] if k else None


def _always() -> bool:
    return True


@detector("person-fault")
def person_fault(rule, context: DocContext):
    evidence = _evidence(context)
    blocks = context.document.blocks
    # Only the blocks with a person who could be the cause: most have none.
    for index in sorted(evidence.blocks):
        block = blocks[index]
        w = _passing_words(context, index)
        # In a table cell, a time-stamped line or a response section, what
        # people did is the response; only a failing or a marked action counts.
        response = _response_test(context, block.kind, w, index)
        resume = 0  # a found phrase is not searched again for a second person
        for i in _person_candidates(w, evidence):
            if i < resume:
                continue
            sent = w.sents[bisect_right(w.starts, i) - 1]
            first = w.text[sent[0]]
            timeline = ":" in first and first[0].isdigit()
            found = _find(w, sent, i, evidence, _always if timeline else response)
            if found is None:
                continue
            start, resume = found
            # The phrase's characters, as a Span's start_char and end_char give them
            idx = context.column(index, "IDX")
            end_char = idx[resume - 1] + len(w.text[resume - 1])
            yield Candidate(rule, block.start + idx[start], block.start + end_char)


# --- conditions for the phrase rules ----------------------------------------


def _none_before(match: Match, first: int, cues: frozenset[str]) -> bool:
    """None of the words from ``first`` to the match is a cue, whatever the
    sentence: a condition that finds none needs no closer look at the block."""
    lowers = match.context.lowers(match.block_index)
    return cues.isdisjoint(lowers[max(0, first) : match.span.start])


_WRITER = words("we i our my")


@condition("collective-subject")
def collective_subject(match: Match) -> bool:
    """The writer or the whole organisation owns it: 'we should have caught this'."""
    start = match.span.start
    if _none_before(match, start - 4, _COLLECTIVE):
        return False
    w = _block_words(match.context, match.block_index)
    for i in range(start - 1, max(w.sentence_start(start), start - 4) - 1, -1):
        if w.lower[i] in _COLLECTIVE:
            return not _names_a_role(w, i, start)  # "our DBA should have" is a role
        if w.punct[i]:
            break
    return False


# "asked if", "not sure if": the clause is a question, not a condition; "even
# if" concedes that the person's action would not have changed the outcome.
_WHETHER_BEFORE = words(
    "ask asked asking check checked checking know knew unclear sure wonder wondered "
    "wondering confirm confirmed confirming verify verified see saw determine determining "
    "investigate investigating clear even"
)


@condition("if-means-whether")
def if_means_whether(match: Match) -> bool:
    """The match's "if" asks whether ("we asked if the engineer had restarted it")."""
    start = match.span.start
    if start == 0 or match.context.lowers(match.block_index)[start] != "if":
        return False
    return match.context.lowers(match.block_index)[start - 1] in _WHETHER_BEFORE


@condition("about-blame-itself")
def about_blame_itself(match: Match) -> bool:
    """Quoted policy or a blameless statement: 'our policy is to avoid blame', 'we
    will fix the process rather than look for someone to blame'."""
    start = match.span.start
    lowers = match.context.lowers(match.block_index)
    if start > 0 and lowers[start - 1] in _SOMEONE and lowers[start : start + 2] == ["to", "blame"]:
        return True  # finding "someone to blame" is the act, not a verdict on anyone
    if _none_before(match, start - 4, _POLICY_CUES):
        return False
    w = _block_words(match.context, match.block_index)
    for i in range(start - 1, max(w.sentence_start(start), start - 4) - 1, -1):
        if w.punct[i] or w.lower[i] in ("and", "but", "so"):
            # "which didn't help - a sloppy deploy", "pushed it without a review and
            # didn't bother": another clause's "not" or "without"
            return False
        if w.lower[i] in _POLICY_CUES:
            return True
    return False


def _names_a_role(w: _Words, i: int, end: int) -> bool:
    """The word at i opens a person-role: "our" in "our DBA", "release" in "the
    release manager". Not "our team", which is the writer's own side."""
    lower = w.lower[i]
    if lower not in _COLLECTIVE and lower not in _SYSTEM_NOUNS:
        return False
    for k in range(i + 1, min(end, i + 3)):
        if w.lower[k] in _ROLE_NOUNS:
            return w.lower[k] not in _GROUPS and w.lower[k] not in ("staff", "member")
        if w.punct[k]:
            break
    return False


def _is_object(w: _Words, i: int, lower_bound: int) -> bool:
    """The noun at i is what a verb acted on ("reviewed that change"), not a subject."""
    j = i - 1
    while j >= lower_bound and i - j <= 3 and not w.punct[j]:
        if _looks_past(w.lower[j]):
            return True
        j -= 1
    return False


@condition("owned-by-writer")
def owned_by_writer(match: Match) -> bool:
    """The writer judges their own side: 'we screwed up', 'our carelessness'."""
    start = match.span.start
    if _none_before(match, start - 3, _WRITER):
        return False
    w = _block_words(match.context, match.block_index)
    sent_start = w.sentence_start(start)
    if start > sent_start and w.lower[start - 1] in ("our", "my"):
        return True
    for i in range(start - 1, max(sent_start, start - 3) - 1, -1):
        if w.punct[i]:
            break
        if w.lower[i] in ("we", "i"):
            return True
    return False


@condition("system-subject")
def system_subject(match: Match) -> bool:
    """A system did it: 'the migration messed up the indexes'."""
    start = match.span.start
    if _none_before(match, start - 6, _SYSTEM_NOUNS):
        return False
    w = _block_words(match.context, match.block_index)
    first = w.sentence_start(start)
    if start > first and w.lower[start - 1] in _SYSTEM_NOUNS:
        return True
    # "a fault in their network is to blame": the subject before the copula
    predicate = w.lower[start] in ("to", "at")  # "to blame", "at fault"
    if predicate and start > first and w.lower[start - 1] in ("is", "was", "are", "were"):
        k = start - 1  # the subject: back to where its clause starts
        while (
            k > max(first, start - 7)
            and not w.punct[k - 1]
            and w.lower[k - 1] not in (_CLAUSE_BREAKS)
        ):
            k -= 1
        subject = w.lower[k : start - 1]
        capitalised = any(text[:1].isupper() for text in w.text[k + 1 : start - 1])
        return (
            not _SYSTEM_NOUNS.isdisjoint(subject)
            and _PERSON_WORDS.isdisjoint(subject)
            and not capitalised
        )
    return False


_WEAK_FAULT_NOUNS = words("error errors failure failures")
# Those who may be at fault besides people: the pack's patterns list the nouns
# ("the vendor's fault") that need someone behind them.
_ORGANISATIONS = words(
    "vendor vendors supplier suppliers provider partner agency department management leadership"
)


@condition("named-as-cause")
def named_as_cause(match: Match) -> bool:
    """The words just before the match give it as the cause: "thanks to Dave's
    change", "caused by the intern's script", "down to Sam's config"."""
    lowers = match.context.lowers(match.block_index)
    start = match.span.start
    first = max(match.sent.start, start - 4)
    for k in range(first, start - 1):
        pair = (lowers[k], lowers[k + 1])
        if pair == ("thanks", "to"):
            # "this is thanks to Dave's change"; "Thanks to Dave's fix, ..." gives credit
            if k > match.sent.start and lowers[k - 1] in ("is", "was", "'s", "’s"):
                return True
        elif pair in _CAUSE_PAIRS:
            return True
    return False


# Two words that give what follows as the cause.
_CAUSE_PAIRS = frozenset(
    [
        ("due", "to"),
        ("because", "of"),
        ("caused", "by"),
        ("down", "to"),
        ("result", "of"),
        ("traced", "to"),
        ("triggered", "by"),
    ]
)


@condition("person-possessor")
def person_possessor(match: Match) -> bool:
    """The one whose fault it is is a person: "Sarah's mistake", not "Friday's failure".

    "error" and "failure" also belong to systems and vendors ("Stripe's error"),
    so with them the possessor must surely be a person.
    """
    w = _block_words(match.context, match.block_index)
    owner = match.span.start
    lower = w.lower[owner]
    if lower in ("his", "her", "their") or lower in _ROLE_NOUNS or lower in _ORGANISATIONS:
        return True
    strong = w.lower[match.span.end - 1] not in _WEAK_FAULT_NOUNS
    if not _name_certainty(w, owner, _evidence(match.context)):
        # A firm by name, as "the vendor" is: "SnapVault's fault", not "Stripe's error"
        return strong and lower not in _BEFORE_NAMES and not w.stop[owner]
    # The "'s" itself is no evidence here: a known given name is.
    return w.text[owner] in given_names() or strong


# How far before a judgement its subject may stand: "Jonas pushed a bad env var on
# Friday and didn't bother testing it" (punctuation ends the search sooner).
_SUBJECT_REACH = 16


def _opening_preposition(w: _Words, i: int, sent_start: int) -> int | None:
    """The "on", "in", "at" or "from" a few words before i that puts the word at i in
    a phrase about someone: "someone on the service desk"."""
    for k in range(i - 1, max(sent_start, i - 4), -1):
        if w.lower[k] in _QUALIFYING:
            return k
        if w.punct[k]:
            return None
    return None


def _aside_opening(w: _Words, comma: int, sent_start: int) -> int | None:
    """The comma opening a short aside that ends at ``comma``: ", in hindsight,"."""
    for k in range(comma - 1, max(sent_start, comma - 5) - 1, -1):
        if w.text[k] == ",":
            return k if k > sent_start else None
        if w.punct[k]:
            return None
    return None


@condition("person-or-firm-subject")
def person_or_firm_subject(match: Match) -> bool:
    """person-subject, or a firm named just before the match: "the agency messed
    up the test plan". Only for blame words in themselves (idioms of failing): a
    firm that "pushed an update" is how the cause arrived, not a judgement."""
    start = match.span.start
    if start >= 2 and match.sent.start <= start - 2:
        lowers = match.context.lowers(match.block_index)
        if lowers[start - 1] in _ORGANISATIONS and lowers[start - 2] in _DETERMINERS:
            return True
    return person_subject(match)


def _things_before(w: _Words, i: int) -> bool:
    """The word at i, right before the verb, is a plural of things: its subject
    ("the first plates failed to reach"), unless it ends a relative clause about a
    person ("the contractor who set up the handsets didn't bother")."""
    lower = w.lower[i]
    if not (
        len(lower) > 3
        and lower.endswith("s")
        and lower.isalpha()
        and w.text[i].islower()
        and lower not in _PERSON_WORDS
        and lower not in _GROUPS
        and lower not in _NOT_PLURALS
        and not lower.endswith("wards")
    ):
        return False
    return not any(w.lower[k] in ("who", "that", "which") for k in range(max(0, i - 8), i))


# Words ending in "s" that name no things: "the reviewer who approved it afterwards".
_NOT_PLURALS = words("others ours theirs always sometimes perhaps besides regardless thus whereas")


@condition("person-subject")
def person_subject(match: Match) -> bool:
    """A person, a person-role or a personal pronoun is the subject of the match.

    Not when the clause is a purpose ("so they could have tested it"), the
    subject is "nobody" ("nobody could have known" defends people), or the
    nearest subject is the writer or a system.
    """
    start = match.span.start
    evidence = _evidence(match.context)
    # A sure person needs a block the detector reads, and a word a person
    # phrase could end at near the match.
    if match.block_index not in evidence.blocks:
        return False
    texts = match.context.texts(match.block_index)
    if evidence.persons.isdisjoint(texts[max(0, start - _SUBJECT_REACH) : match.span.end]):
        return False
    w = _block_words(match.context, match.block_index)
    lowers = w.lower
    sent_start = w.sentence_start(start)
    if start > sent_start and _things_before(w, start - 1):
        return False  # "the first plates failed to reach Press 2": the plates' failing
    # "if only he had ...": the subject is inside the match.
    candidates = list(range(start + 1, match.span.end)) if lowers[start] == "if" else []
    candidates += range(start - 1, max(sent_start, start - _SUBJECT_REACH) - 1, -1)
    skip_to = None  # after "on the team", look again from before "on"
    for i in candidates:
        if skip_to is not None and i > skip_to:
            continue
        lower = lowers[i]
        if lower == "who" and i - 1 > sent_start:
            # "the on-call engineer, who should have caught ...": the subject is the
            # one the relative clause is about
            skip_to = i - 2 if w.text[i - 1] == "," else i - 1
            continue
        if _names_a_role(w, i, match.span.end):
            continue  # "our DBA", "the release manager": the role is the subject
        if lower in _COLLECTIVE or lower == "which":
            return False
        if lower == "it":
            # "she pushed it without a review and didn't bother": "it" is what was
            # pushed; "it should have been caught" has "it" as its subject.
            if _is_object(w, i, sent_start):
                continue
            return False
        if lower in _SYSTEM_NOUNS and not _is_object(w, i, sent_start):
            preposition = _opening_preposition(w, i, sent_start)
            if preposition is None:
                return False
            skip_to = preposition - 1  # "someone on the service desk": who is before "on"
            continue
        if w.text[i] == "," and i < start and (opening := _aside_opening(w, i, sent_start)):
            skip_to = opening - 1  # "who, in hindsight, should have": look past the aside
            continue
        if w.punct[i] and i < start:
            return False
        person = _person_at(w, i, sent_start, evidence)
        if person is not None and person.sure:
            opener = person.start - 1
            if opener > sent_start and lowers[opener] in _QUALIFYING:
                skip_to = opener - 1  # "nobody on the team": the subject comes earlier
                continue
            if person.kind == "negative":
                return False
            return not (opener >= sent_start and lowers[opener] in ("so", "that"))
    return False
