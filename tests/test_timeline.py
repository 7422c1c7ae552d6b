"""timeline: vague times are flagged unless the sentence commits to a concrete time."""

from __future__ import annotations

import pytest
from folding import assert_folding_agrees

from briefcheck.checks.timeline import has_committed_time, has_concrete_time
from briefcheck.config import Config

TIMELINE_ONLY = Config(select=("timeline",))


@pytest.fixture
def flagged(lint):
    """The texts the timeline rules flag in ``text``."""

    def run(text: str) -> list[str]:
        return [f.text for f in lint(text, TIMELINE_ONLY)]

    return run


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We expect to restore service soon.", "soon"),
        ("We will share more shortly.", "shortly"),
        ("We will fix it ASAP.", "ASAP"),
        ("A full report will follow in the coming days.", "in the coming days"),
        ("This needs a bigger redesign and will be planned eventually.", "eventually"),
        ("We will patch the parser quickly so it rejects bad rows.", "quickly"),
        ("We'll share more later.", "later"),
        ("Next sync: later", "later"),
        ("We are patching the job. Timing TBD.", "TBD"),
        ("ETA: TBC", "TBC"),
        ("The timeline for the fix is TBD.", "TBD"),
        ("We will update you as soon as the vendor replies.", "as soon as the vendor replies"),
        ("We’ll send another note once we have the logs.", "once we have the logs"),
        (
            "I’ll tell you more when the supplier gets back to me.",
            "when the supplier gets back to me",
        ),
        (
            "The patched firmware ships to printers as soon as the certification lab approves it.",
            "as soon as the certification lab approves it",
        ),
    ],
)
def test_flags_vague_times(flagged, text, phrase):
    assert flagged(text) == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "Next update in 1 hour, or sooner if anything changes.",
        "Next update at 16:00 UTC or as soon as more information becomes available.",
        "We will send the report by end of business Thursday, or sooner if we can.",
        "The vendor will call back at half past four, hopefully sooner.",
        "We will restore service within 4 hours.",
        "Updates every 30 minutes until this is resolved.",
        "We will share more later today at 15:00 UTC.",
        "We will fix it ASAP, and no later than 14:00 UTC.",
        "We will share the postmortem soon after the incident review on Thursday.",
    ],
)
def test_a_concrete_time_in_the_sentence_quiets_it(flagged, text):
    assert flagged(text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # a duration that describes the incident is not a commitment
        (
            "A warning will appear when prices are more than a day old, date to be confirmed.",
            "date to be confirmed",
        ),
        ("Some email arrives up to 2 hours late; we will share more soon.", "soon"),
        # times that place past events promise nothing
        ("The site was down from 09:00 to 11:20 GMT and we will share the cause soon.", "soon"),
        ("Since 07:00 checkout has failed; we will fix it shortly.", "shortly"),
    ],
)
def test_times_that_are_not_commitments_do_not_quiet_it(flagged, text, phrase):
    assert flagged(text) == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "The alert fired soon after the release.",
        "Shortly after the change was rolled out, we received alerts.",
        "When the deploy went out, errors rose.",
        "As soon as the alert fired, the on-call engineer rolled back.",
        "When alerted, the team quickly found the cause.",
        "A rescheduled delivery may arrive up to 4 days later than promised.",
    ],
)
def test_past_narrative_is_not_a_promise(flagged, text):
    assert flagged(text) == []


def test_participles_are_not_past_narrative(flagged):
    assert flagged("The scheduled fix lands soon.") == ["soon"]
    assert flagged("Agreed with the landlord, date to be confirmed.") == ["date to be confirmed"]


def test_promises_beside_a_past_story_are_still_flagged(flagged):
    text = "We asked the landlord for a second loading bay; they said yes and will sign eventually."
    assert flagged(text) == ["eventually"]
    text = "The team has put a task on the roadmap to build a connector in the near future."
    assert flagged(text) == ["in the near future"]


@pytest.mark.parametrize(
    "text",
    [
        "Draft a note for the newsletter, TBD who writes it.",
        "What counts as high is TBD.",
        "Root cause TBC.",
        "Owner: TBD",
        "When the system runs out of file watches, any attempt to add one will fail.",
        "We should be more careful when making changes late on a Friday.",
        "We need a better way to quickly switch accounts.",
        "We will ship the new checks in a later release.",
    ],
)
def test_vague_words_that_are_not_times_are_fine(flagged, text):
    assert flagged(text) == []


def test_event_span_runs_to_the_end_of_the_condition(lint):
    text = "# Fix\n\nWe'll reopen web orders once the bank signs off, then re-send the receipts.\n"
    (finding,) = lint(text, TIMELINE_ONLY)
    assert finding.text == "once the bank signs off"
    assert (finding.line, finding.column) == (3, 25)


@pytest.mark.parametrize(
    "text",
    [
        "by 14:00 UTC",
        "by end of business Thursday",
        "at half past four",
        "at four pm",
        "within 2 business days",
        "by Friday 1 December",
        "every hour",
        "takes about 2 weeks",
    ],
)
def test_concrete_times(text):
    assert has_concrete_time(text)
    assert has_committed_time(text)


def test_a_described_duration_is_a_time_but_not_a_commitment():
    assert has_concrete_time("data more than an hour old")
    assert not has_committed_time("data more than an hour old")
    assert not has_committed_time("between 14:05 and 16:50 CET")
    assert not has_concrete_time("we will share more soon")
    assert not has_concrete_time("version 8.15 of the app")
    assert not has_concrete_time("a lot of drivers sat idle")
    assert not has_concrete_time("our 24/7 support line")
    assert has_concrete_time("by Sat 6 December") and has_concrete_time("on Wednesday")
    assert has_committed_time("BY FRİDAY") and has_committed_time("within ſeven days")
    assert not has_committed_time("SINCE 07:00")


def test_folded_matching_decides_as_ignoring_case():
    """has_*_time lowercase the text and match without IGNORECASE."""
    from briefcheck.checks import timeline

    assert_folding_agrees(timeline.COMMITTED_TIME + timeline.CONCRETE_TIME + timeline._PAST_PLACING)


def test_oclock_is_found_apart_from_the_other_times():
    """The o'clock alternative is searched on its own; a time named only by it counts."""
    assert has_concrete_time("the call is at six o'clock") and has_committed_time("by NINE O’CLOCK")
    assert not has_concrete_time("the clock on the wall") and not has_committed_time("o'clock")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # chat style: the writer's "we" is dropped, the promise is still theirs
        ("paused the import, will share more once the vendor replies", "once the vendor replies"),
        ("Will post again when the backlog clears.", "when the backlog clears"),
        # "imminently" always looks ahead, even beside a past tense
        ("The vendor changed the feed and has promised an answer imminently.", "imminently"),
        ("The carrier promised a new date soon.", "soon"),
    ],
)
def test_promises_without_a_subject_or_relayed_are_flagged(flagged, text, phrase):
    assert phrase in flagged(text)


def test_a_question_starting_with_will_promises_nothing(flagged):
    assert flagged("Will this happen again once the load grows? Not with the new limits.") == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Next update: when the crews have assessed the damage.",
            "when the crews have assessed the damage",
        ),
        ("ETA: once the supplier ships the part.", "once the supplier ships the part"),
    ],
)
def test_an_update_or_eta_label_makes_the_event_a_promise(flagged, text, phrase):
    assert phrase in flagged(text)


def test_a_next_update_told_in_the_past_is_no_promise(flagged):
    assert flagged("The next update came when the dust had settled.") == []


def test_fixing_this_quickly_is_a_promise_but_spreading_this_quickly_is_not(flagged):
    assert flagged("We will resolve this quickly.") == ["quickly"]
    assert flagged("Nobody expected the errors to spread this quickly.") == []


def test_a_colleague_s_promise_tied_to_an_event_is_flagged(flagged):
    text = "Jess is on it; she'll call you once she has talked to the carriers."
    assert "once she has talked to the carriers" in flagged(text)


def test_each_line_of_a_chat_message_is_its_own_sentence(flagged):
    # One sentence would hold the 8:30 of the line before and quiet both.
    text = (
        "so the app went blank for a lot of kids this morning, loaded then nothing at all\n"
        "we cleared everything out at 8:30 and pinned the old bundle\n"
        "proper fix is to automate it in the build, will get it done asap\n"
        "will ping again once things settle\n"
    )
    found = flagged(text)
    assert "asap" in found and "once things settle" in found


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The vendor is patching it, ETA next sprint.", "next sprint"),
        ("We'll get it out over the next little while.", "over the next little while"),
    ],
)
def test_sprints_and_little_whiles_are_not_times(flagged, text, phrase):
    assert phrase in flagged(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "A stale feed now raises an alert within 2 minutes, and we will repair the "
            "failover in due course.",
            "in due course",
        ),
        ("We expect the patch by Friday; we will share the report soon.", "soon"),
    ],
)
def test_a_time_in_another_clause_does_not_time_this_promise(flagged, text, phrase):
    assert phrase in flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "We'll update this page every 30 minutes, and sooner if anything changes.",
        "I will write again at 17:00 on Wednesday, and sooner if a broker escalates.",
    ],
)
def test_and_sooner_stays_with_its_time(flagged, text):
    assert flagged(text) == []


def test_a_promise_sharing_the_writer_with_the_verb_before_is_the_writer_s(flagged):
    # "and will post" has the "we" of "we're watching" as its subject.
    text = "We're watching the queue and will post again when we know more."
    assert "when we know more" in flagged(text)
    assert flagged("The disk fills up and will crash when the backup runs.") == []


def test_a_tbd_cell_under_a_time_label_on_its_row_is_flagged(flagged):
    table = (
        "| Item | Detail |\n| --- | --- |\n"
        "| Next update | TBD |\n| Owner | TBD |\n| Fix ETA | TBC |\n"
    )
    assert flagged(table) == ["TBD", "TBC"]


def test_a_tbd_cell_under_a_time_column_header_is_flagged(flagged):
    table = (
        "| Action | Owner | Due |\n| --- | --- | --- |\n"
        "| Add memory limits | Platform | 22 Nov |\n"
        "| Retrain on-call staff | Eng manager | TBD |\n"
        "| Pick a threshold | TBD | 30 Nov |\n"
    )
    assert flagged(table) == ["TBD"]  # the due date, not the owner


def test_a_promise_without_subject_or_verb_is_still_a_promise(flagged):
    assert "when we have it" in flagged("We're on it. More when we have it.")
    assert "once the vendor replies" in flagged("Update once the vendor replies.")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Next update when we know more.", "when we know more"),
        ("nxt update when eng know more", "when eng know more"),
        ("Further updates once the vendor replies.", "once the vendor replies"),
    ],
)
def test_next_update_tied_to_an_event_is_flagged(flagged, text, phrase):
    assert phrase in flagged(text)


def test_a_next_update_that_happened_is_no_promise(flagged):
    assert flagged("We saw the next update when it shipped.") == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("A permanent fix will be deployed once the vendor gets back to us.", "once the vendor"),
        ("The duplicate will be removed from your history once the issue is resolved.", "once"),
    ],
)
def test_a_passive_promise_is_still_the_teams(flagged, text, phrase):
    assert any(found.startswith(phrase) for found in flagged(text))


def test_a_passive_prediction_is_no_promise(flagged):
    assert flagged("Orders will be delayed until the queue clears.") == []


@pytest.mark.parametrize(
    "item", ["- Review the on-call runbook - TBD", "- Add idempotency checks (TBD)"]
)
def test_tbd_closing_an_action_item_is_its_due_date(flagged, item):
    assert flagged("Actions:\n\n" + item + "\n") == ["TBD"]


@pytest.mark.parametrize(
    "text",
    [
        "| Item | Detail |\n| --- | --- |\n| Next update | When we hear back from the vendor. |\n",
        "### Next update\n\nWhen we hear back from the vendor.\n",
    ],
)
def test_an_event_under_a_next_update_label_is_the_writers_promise(flagged, text):
    assert flagged(text) == ["When we hear back from the vendor"]


def test_tbc_under_a_next_update_heading(flagged):
    assert flagged("### Next update\n\nTBC\n") == ["TBC"]


def test_a_participle_after_a_preposition_is_no_past_tense(flagged):
    assert flagged("- Review the extension process for affected claimants at some point.") == [
        "at some point"
    ]


def test_once_in_a_list_of_actions_is_the_writers_promise(flagged):
    actions = (
        "Actions:\n\n"
        "1. Add a load test before any booking change - platform team, by 30 June\n"
        "2. Ask the portals to re-pull our feed once the index is stable\n"
        "3. Set up alerts for when logs stop arriving - by 12 July\n"
    )
    assert flagged(actions) == ["once the index is stable"]


def test_a_day_naming_a_thing_is_no_time(flagged):
    assert flagged("We will review the Sunday alert rota at some point.") == ["at some point"]
    assert flagged("We will fix it soon, by the Friday deadline.") == []
