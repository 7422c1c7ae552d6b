"""structure: the seven parts of a brief, judged by content; placeholders."""

from __future__ import annotations

import random

import pytest

from briefcheck.checks.structure import (
    _PLACEHOLDER,
    _may_hold_slot,
    _needle_pattern,
    normalise,
    vocabulary,
)
from briefcheck.config import Config
from briefcheck.context import DocContext
from briefcheck.document import parse
from briefcheck.engine import analyse, lint_text
from briefcheck.rulepack import load_ruleset

STRUCTURE_RULES = [r for r in load_ruleset().rules if r.category == "structure"]


def missing(text: str, kind: str = "brief") -> set[str]:
    found = lint_text(text, Config(kind=kind, select=("structure",)))
    return {f.rule.split("missing-", 1)[1] for f in found if "missing-" in f.rule}


# A complete brief with headings.
COMPLETE_WITH_HEADINGS = """\
# Checkout errors on the web shop

## Impact
From 13:05 to 13:50 UTC, about 6% of web checkouts failed: roughly 1,900 orders,
worth an estimated $95,000.

## Cause
A new version of the address-lookup service rejected postcodes with a space.
This is preliminary; we will confirm it by 18:00 UTC.

## What we have done
We rolled the address lookup back at 13:44 and checkouts recovered by 13:50.

## Long-term fix
Postcode tests go into the release checks. About 3 days of work, done by Thursday.

## Risk
Until those checks exist, another lookup release could break checkout again
during the weekend sale, when an hour of failures would cost about $400,000.

## Next update
Tomorrow at 09:00 UTC.

## What I need from you
Nothing right now.
"""

# The same content with no headings at all: parts are found by what they say.
COMPLETE_AS_PROSE = """\
Priya, a short note on this afternoon's checkout problem.

Between 13:05 and 13:50 UTC roughly 1,900 web orders failed at checkout, about 6%
of orders in that window. A new release of the address lookup turned away postcodes
with a space; that is our working theory and we will confirm it by 18:00 UTC. We
rolled that release back at 13:44 and checkout has been normal since 13:50.

To stop this happening again we are adding postcode tests to the release checks,
which takes about 3 days. If another release slipped through before then, the
weekend sale could lose about $400,000 an hour.

I will send the next update at 09:00 UTC tomorrow. Nothing needed from you for now.
"""

# Vague everywhere: every part is missing even though the headings are there.
HEADINGS_WITHOUT_CONTENT = """\
# Checkout errors

## Impact
A lot of customers could not check out.

## Cause
We are not sure yet.

## What we have done
We're looking into it.

## Fix
The team will fix it soon.

## Risk
TBD

## Next update
We will share more once we know more.

## Ask
TBD
"""


# A numbered email with plain lead-in labels.
COMPLETE_NUMBERED = """\
Subject: Data export delay

Tom,

1. Impact: 2,300 enterprise exports are stuck, about 15% of today's volume.
2. Cause: a disk filled up on the export server. Confirmed by the vendor this morning.
3. Done so far: we added 2 TB of space and restarted the queue at 09:40.
4. Fix: automatic disk alerts, live by 5 December.
5. Risk: customers who miss month-end close may ask for credits.
6. Next update: 14:00 GMT.
7. Ask: nothing needed now.
"""

# A chat message, all lower case, no labels.
COMPLETE_CHAT = (
    "hey Maria - quick one on the payroll export bug. ~340 customers got payslips with last"
    " month's tax codes, around 4% of runs today. we turned off the new tax module at 11:20 so"
    " new runs are fine. cause looks like a config file that wasn't migrated, we'll confirm by"
    " 3pm. proper fix (migration check in CI) is ~2 days. if we don't reissue payslips by"
    " Friday, employers may file wrong tax returns and we'd owe penalties. next update 4pm."
    " need your ok to email affected customers today."
)


@pytest.mark.parametrize(
    "text",
    [COMPLETE_WITH_HEADINGS, COMPLETE_AS_PROSE, COMPLETE_NUMBERED, COMPLETE_CHAT],
    ids=["headings", "prose", "numbered", "chat"],
)
def test_complete_briefs_in_any_shape_have_every_part(text):
    assert missing(text) == set()


def test_complete_brief_with_headings_has_every_part():
    assert missing(COMPLETE_WITH_HEADINGS) == set()


def test_parts_are_found_by_content_without_headings():
    assert missing(COMPLETE_AS_PROSE) == set()


def test_headings_with_the_wrong_content_do_not_count():
    assert missing(HEADINGS_WITHOUT_CONTENT) == {
        "impact",
        "cause",
        "mitigation",
        "fix",
        "risk",
        "updates",
        "ask",
    }


def test_finding_sits_on_the_parts_heading_or_line_one():
    found = lint_text(HEADINGS_WITHOUT_CONTENT, Config(select=("structure",)))
    by_part = {f.rule: f for f in found}
    updates = by_part["structure/missing-updates"]
    assert (updates.line, updates.text) == (18, "Next update")
    no_headings = lint_text("Many customers cannot log in.", Config(select=("structure",)))
    assert {f.line for f in no_headings} == {1}


def test_message_names_the_part_and_gives_an_example():
    found = lint_text("We will share more later.", Config(select=("structure/missing-updates",)))
    (finding,) = found
    assert "update" in finding.message.lower()
    assert "e.g." in finding.message and any(ch.isdigit() for ch in finding.message)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # A figure of impact, not an update time or a version number.
        ("Version 2.14 of the app fails to open. Next update at 15:00.", "impact"),
        # A cause with no time for confirming it.
        ("The outage was caused by an expired certificate.", "cause"),
        # A cause that the text itself says is unknown.
        ("We do not know why yet; we will confirm by 16:00.", "cause"),
        # "X is not affected" is not an action.
        ("Card payments are not affected.", "mitigation"),
        # A fix with only a scoping date.
        ("We will scope the permanent fix by Friday.", "fix"),
        # Further updates to follow is not an update time.
        ("Further updates to follow.", "updates"),
        ("I'll keep you posted.", "updates"),
        ("Let me know if you have questions.", "ask"),
    ],
)
def test_incomplete_parts_are_missing(text, part):
    assert part in missing(text)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("We restored service at 10:12 by failing over to the second data centre.", "mitigation"),
        ("Updates every 30 minutes until this is resolved.", "updates"),
        ("**Next update:** Monday, 10:00 CET.", "updates"),
        ("The root cause is confirmed: a full disk on the billing database.", "cause"),
        (
            "Update 2: the cause is confirmed, a full disk on the billing database."
            " Update 1: we do not know why uploads fail yet.",
            "cause",
        ),
        ("Please approve the refund budget by 16:00 today.", "ask"),
        ("Nothing for you to do right now.", "ask"),
        ("If this lasts past Friday, we would miss the payroll deadline.", "risk"),
        ("The permanent fix, a second payment provider, takes about 6 weeks.", "fix"),
        ("Since 07:00, 12% of bookings have failed.", "impact"),
    ],
)
def test_parts_present(text, part):
    assert part not in missing(text)


def test_status_needs_three_parts_and_postmortem_none():
    text = "Some users see errors. We are investigating."
    assert missing(text, kind="status") == {"impact", "mitigation", "updates"}
    assert missing(text, kind="postmortem") == set()


def test_status_page_time_stamps_are_not_update_headings():
    text = """\
**Update 2 · 10:40 UTC**
About 1 in 8 uploads fail. We moved uploads to the backup storage at 10:30.
Next update at 11:15 UTC.
"""
    assert missing(text, kind="status") == set()


def test_a_table_row_is_read_whole():
    table = "Card payments failed this morning.\n\n| What | Count |\n| --- | --- |\n"
    assert "impact" not in missing(table + "| Failed payments | 6,300 |\n", kind="status")
    assert "impact" in missing(table + "| Engineers on call | 6 |\n", kind="status")


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("About [quantifiable impact] so far.", "[quantifiable impact]"),
        ("Fixed by <time>.", "<time>"),
        ("Lost sales: about £XX so far.", "£XX"),
        ("TBD customers were affected.", "TBD customers"),
        ("Orders affected: TBD", "affected: TBD"),
    ],
)
def test_placeholders_are_flagged(text, slot):
    found = lint_text(text, Config(select=("structure/placeholder",)))
    assert [f.text for f in found] == [slot]


def test_tbd_under_an_impact_heading_is_a_placeholder():
    text = "## Impact\nTBD\n\n## Cause\nTBD\n"
    found = lint_text(text, Config(select=("structure/placeholder",)))
    assert [(f.line, f.text) for f in found] == [(2, "TBD")]


def test_placeholder_spans_are_exact():
    text = "About [number] orders failed. Next update at <time>.\n"
    found = lint_text(text, Config(select=("structure/placeholder",)))
    assert [f.text for f in found] == ["[number]", "<time>"]


@pytest.mark.parametrize(
    "text",
    [
        "See the [status page](https://status.example.com) for details.",
        "- [x] Rolled back the release",
        "Use <kbd>Ctrl</kbd> to select.",
        "```\nvalue = items[index]\n```",
        "See the [earlier review][PM-9] and the notes[^1].\n\n[PM-9]: https://example.com\n",
        'It blocked calls on apiGroups: ["", "apps"] for an hour.',
        "| 09:08 | [Alerting] Disk usage alert fired |\n| --- | --- |\n",
        "Line one<br>line two.",
    ],
)
def test_not_placeholders(text):
    assert not lint_text(text, Config(select=("structure/placeholder",)))


def test_slot_prefilter_passes_every_slot():
    """The cheap look for a slot's marks must never miss text the slot pattern
    matches: random text over the characters slots are made of, and slot-like
    strings, are checked against the pattern itself."""
    rng = random.Random(7)
    alphabet = list("tbdcxnupersgoTBDCXNUPERSGO%$€£¥?[]<>:= -_ſ1\t\u00a0")
    alphabet += ["\n", "per cent", "percent"]
    texts = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(20_000)
    ]
    texts += ["$TBD", "£XX", "€ n", "USDxx", "uſd n", "N %", "n per cent", "XX users"]
    texts += ["Impact: ??", "about [number] orders", "at <time>", "tbc% of orders"]
    texts += ["n\u00a0per\tcent", "Npercent", "¥\tx", "$ T", "n\u2003%", "gbp\u00a0N"]
    for text in texts:
        if _PLACEHOLDER.search(text):
            assert _may_hold_slot(text), text


def test_cue_list_prefilters_pass_every_phrase():
    """A cue list's one-look tests (for a sentence, for a whole document) must never
    rule out text the list's phrases are found in: random runs of the lists' own
    phrases and words, cased and punctuated in turn, are checked against the search."""
    context: DocContext = analyse(parse("Impact.", "markdown"), Config())
    lists = vocabulary(context).lists
    phrases = sorted(
        {
            phrase
            for lists_ in vocabulary(context).cues.values()
            for p in lists_.values()
            for phrase in p
        }
    )
    # Whole phrases (some with their contractions joined: "don't"), and their words.
    pieces = phrases + [p.replace(" n't", "n't").replace(" '", "'") for p in phrases]
    pieces += sorted({w for phrase in phrases for w in phrase.split(" ")})
    rng = random.Random(11)
    seps = [" ", "  ", ", ", "\n", "-", "’", "'", ": ", "**"]
    for _ in range(4_000):
        text = "".join(
            rng.choice((str.lower, str.upper, str.title))(rng.choice(pieces)) + rng.choice(seps)
            for _ in range(rng.randint(1, 7))
        )
        norm = normalise(text)
        lowered = text.lower().replace("’", "'")
        for phrases in lists.values():
            if phrases.found_in(norm, frozenset(norm.split())):
                assert phrases.may_be_in(lowered), text
                assert phrases.may_all_be_in(lowered), text


def test_needle_pattern_finds_what_a_substring_test_finds():
    needles = ["fix", "fixed", "ab", "ac", "b", "a.c", "long-term"]
    pattern = _needle_pattern(needles)
    rng = random.Random(5)
    for _ in range(2_000):
        text = "".join(rng.choice("abcfixed.-longterm ") for _ in range(rng.randint(0, 12)))
        assert (pattern.search(text) is not None) == any(n in text for n in needles), text


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in STRUCTURE_RULES for ex in r.examples.fire],
    ids=lambda v: v.id if hasattr(v, "id") else v[:30],
)
def test_structure_example_fires(rule, example):
    config = Config(kind=rule.kinds[0], select=(rule.id,))
    assert rule.id in [f.rule for f in lint_text(example, config)]


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in STRUCTURE_RULES for ex in r.examples.quiet],
    ids=lambda v: v.id if hasattr(v, "id") else v[:30],
)
def test_structure_example_stays_quiet(rule, example):
    config = Config(kind=rule.kinds[0], select=(rule.id,))
    assert rule.id not in [f.rule for f in lint_text(example, config)]


ALL_PARTS = {"impact", "cause", "mitigation", "fix", "risk", "updates", "ask"}
# Documents in other shapes and words, with the parts a reader would find missing.
DOCUMENTS = [
    (
        "status1",
        "status",
        """**Investigating - 14:05 UTC**
Roughly 30% of customers in Europe cannot load their dashboards. Traffic has been routed to our backup region while we investigate. We'll post another update in 30 minutes.""",
        set(),
    ),
    (
        "status2",
        "status",
        """Some users are having trouble logging in. We are aware of the issue and our team is working hard to resolve it. We'll update this page as we learn more.""",
        {"impact", "mitigation", "updates"},
    ),
    (
        "brief-slack",
        "brief",
        """@Jordan FYI: our invoicing run failed overnight, so 1,240 customer invoices (about 9% of the month) went out without tax lines. We paused the run at 07:15 and no more wrong invoices are going out. Cause: a tax-rate table was emptied by a data clean-up script; we'll know for sure by noon. Permanent fix is a safety check on that table, about 3 days of work. Worst case, if we can't reissue by Monday, finance has to restate the month. Next update at 12:30. Can you approve a short apology email to the affected customers?""",
        set(),
    ),
    (
        "brief-missing",
        "brief",
        """Hi Sam,

The mobile app crashed for many users yesterday evening after the release. The engineering team rolled back the release and things look OK now. We think it was a memory leak in the new image viewer. We're planning a fix in the coming weeks.

Thanks""",
        {"impact", "cause", "fix", "risk", "updates", "ask"},
    ),
    (
        "brief-headings",
        "brief",
        """# Data warehouse delay

## Summary
Finance dashboards are 2 days out of date; month-end numbers for 14 regions are missing.

## Root cause
A schema change upstream renamed a column. Root cause analysis due Thursday 10:00.

## Mitigation
A banner now shows on every stale dashboard. Reports are being rebuilt by hand.

## Next steps
Automated schema checks, estimated 1 week, done by 12 March.

## Risks
If figures are not restored before the board meeting on Friday, the board pack will show wrong revenue.

## Communications
Daily update at 09:00 until resolved.

## Decisions needed
Approve delaying the board pack by one day.
""",
        set(),
    ),
    (
        "brief-empty-headings",
        "brief",
        """# Outage

## Impact
Significant.

## Cause
Under investigation.

## Mitigation
In progress.

## Fix
TBD.

## Risk
TBC

## Next update
Soon.

## Ask
N/A
""",
        ALL_PARTS,
    ),
]

DOCUMENTS += [
    # "Confirm" about a count, not a cause.
    (
        "count-confirm",
        "brief",
        "We think about 2,000 customers are affected. We'll confirm the number by 15:00."
        " Next update at 15:00.",
        {"cause", "mitigation", "fix", "risk", "ask"},
    ),
    # A figure that counts responders is not a figure of impact.
    (
        "responders",
        "brief",
        "We've assigned 5 engineers to the outage and opened a war room at 09:00."
        " Many users can't log in.",
        ALL_PARTS,
    ),
    # A guess at the cause is not a risk.
    (
        "guess",
        "brief",
        "The login page is down for some users. It could be a DNS issue. We'll know more later.",
        ALL_PARTS,
    ),
    (
        "status-deploying",
        "status",
        "We have identified the issue and are deploying a fix. About 5% of API calls fail."
        " We will provide an update by 15:00 UTC.",
        set(),
    ),
]

# Status pages with several updates, a brief as a table, a brief as one paragraph.
DOCUMENTS += [
    (
        "status-multi",
        "status",
        """# Payments delayed

**Monitoring** - 16:20 CET
Payouts are flowing again. We're watching closely and will post a final update at 17:00 CET.

**Identified** - 15:45 CET
A faulty certificate on our bank connection delayed about 3,400 payouts (around 12% of today's). We replaced the certificate at 16:05.
""",
        set(),
    ),
    (
        "status-vague",
        "status",
        """**Degraded performance**
Our website is slower than usual for a number of visitors. Engineers are investigating and we will share an update shortly.
""",
        {"impact", "mitigation", "updates"},
    ),
    (
        "brief-table",
        "brief",
        """# Warehouse scanners offline

| Question | Answer |
| --- | --- |
| What happened | Handheld scanners in 3 of our 5 warehouses stopped syncing at 06:10; about 8,000 parcels are waiting to ship. |
| Why | A certificate on the sync server expired. Preliminary; confirmed by 12:00 today. |
| Done so far | Staff switched to paper pick lists at 06:40. |
| Permanent fix | Automatic certificate renewal, 2 days of work, live Thursday. |
| Risk | If parcels miss the 18:00 courier pickup, next-day deliveries slip for about 8,000 customers. |
| Next update | 11:00 today. |
| Ask | Nothing needed now. |
""",
        set(),
    ),
    (
        "brief-prose-no-fix",
        "brief",
        """Anna,

Since 08:15 about 40% of search requests on the store have returned no results, which we estimate costs €9,000 an hour in sales. Our search provider confirmed a faulty index release on their side. At 09:30 we switched search to yesterday's index and results are back for most products; items added today are still missing. If the provider cannot republish by the evening, we lose a day of new-product sales. They say a fix is coming soon. I'll update you at 13:00. Please let me know if you want us to tell the category managers.
""",
        {"fix"},
    ),
]

# Labels after bullets and emoji typed as text; one line per part in one paragraph.
DOCUMENTS += [
    (
        "bullets",
        "brief",
        """Quick brief on the ticketing outage

• Impact: 1,800 ticket sales failed between 18:00 and 18:40, about £54,000.
• Cause: a payment provider certificate expired. Confirmed by the provider at 18:35.
• What we did: switched to our backup provider at 18:38.
• Fix: certificate expiry alerts, live by Friday.
• Risk: none beyond tonight's refunds.
• Next update: 21:00.
• Ask: nothing needed from you.
""",
        set(),
    ),
    (
        "emoji",
        "status",
        """🔴 **Impact:** about 15% of app logins fail.
🛠 **Done:** we restarted the login service at 10:05.
⏰ **Next update:** 10:45 UTC.
""",
        set(),
    ),
    (
        "one-paragraph-labels",
        "brief",
        "• Risk: TBC\n• Next update: 21:00.\n",
        ALL_PARTS - {"updates"},
    ),
]

# A hypothetical figure is risk, not impact; a plan to scope is not a fix.
DOCUMENTS += [
    (
        "hypothetical-impact",
        "brief",
        """Our booking site is having problems. If it is not fixed by 18:00, about 30,000 customers could be affected. Next update at 16:00.""",
        {"impact", "cause", "mitigation", "fix", "ask"},
    ),
    (
        "fix-scoping",
        "brief",
        """## Fix
We will scope the permanent fix by Friday and share a plan.""",
        {"impact", "cause", "mitigation", "fix", "risk", "updates", "ask"},
    ),
    (
        "update-vague-heading",
        "brief",
        """## Next update
We will keep you informed as things develop.""",
        {"impact", "cause", "mitigation", "fix", "risk", "updates", "ask"},
    ),
    (
        "past-narrative",
        "brief",
        """At 09:12 the alert fired. At 09:20 we rolled back the release and by 09:25 about 95% of requests succeeded again; 4,100 requests failed in total.""",
        {"cause", "fix", "risk", "updates", "ask"},
    ),
]


@pytest.mark.parametrize(("name", "kind", "text", "want"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_documents_in_other_words(name, kind, text, want):
    assert missing(text, kind=kind) == want


# ---------------------------------------------------------------- plain-text layouts


# Section names alone on their lines, as an email client or a chat message writes
# them: each rules the lines below it like a Markdown heading.
PLAIN_TITLES = """\
Update for the board: warehouse scanners down

What happened
From 06:00 to 08:30 UTC the scanners in our Leeds depot were offline and 2,400 parcels left late.

Why
A firmware update pushed to the scanners by our supplier reset their network settings.
The supplier has confirmed this.

What we did
We reset the scanners by hand at 08:10 UTC and moved two vans to the late run.

Fix
New firmware goes to ten test scanners first.
Estimate: 4 days, by Friday.

Risk
A repeat on Monday morning would delay about 9,000 parcels.

Next update
Tomorrow at 10:00 UTC.

Ask
Nothing needed from you now.
"""


def test_section_names_alone_on_their_lines_work_as_headings():
    assert missing(PLAIN_TITLES) == set()


def test_a_short_capitalised_line_that_is_no_part_name_is_not_a_heading():
    text = PLAIN_TITLES.replace("\nFix\n", "\nLater on\n")
    # "Later on" names no part, and no sentence below it says "fix" or the like.
    assert "fix" in missing(text)


def test_a_fix_whose_time_is_in_the_next_sentence():
    text = (
        "About 3,000 orders failed between 10:00 and 10:40 UTC.\n\n"
        "The lasting fix is an automatic check on every price file. "
        "We expect it in place by Friday, about 4 working days."
    )
    assert "fix" not in missing(text)


def test_a_time_in_the_next_sentence_about_something_else_is_not_the_fix_time():
    text = (
        "About 3,000 orders failed. We ran an index rebuild on the primary database. "
        "The team should have waited until 22:00 for that."
    )
    assert "fix" in missing(text)


def test_a_patch_that_went_live_in_the_past_is_not_the_fix():
    text = "Since the 2.4 patch went live at 10:00, about 3,100 players were charged twice."
    assert "fix" in missing(text)


def test_a_final_update_needs_no_next_update_time():
    text = (
        "Reports were up to 6 hours late for 9,800 merchants. We restarted the job at "
        "14:10 UTC. This is our final update for this incident."
    )
    assert "updates" not in missing(text, kind="status")


def test_a_request_phrased_as_if_you_could_is_an_ask():
    text = "If you could raise this with the supplier's director this week, that would help."
    assert "ask" not in missing(text)


def test_what_could_not_be_done_is_impact_not_risk():
    text = "From 19:00 until 02:30 UTC, 41,000 customers could not log in to the app."
    assert missing(text) >= {"risk"}
    assert "impact" not in missing(text)


def test_a_risk_heading_still_being_assessed_is_missing():
    text = "Risks: still being assessed.\n\nAbout 900 bookings failed this morning."
    assert "risk" in missing(text)


def test_a_cause_labelled_confirmed_is_confirmed():
    text = "Cause (confirmed). A storage disk under the database failed at 02:02 UTC."
    assert "cause" not in missing(text)


def test_numbered_section_titles_with_text_below_work_as_headings():
    text = (
        "1. Summary of impact\n"
        "   About 2,300 students were logged out of the exam portal.\n\n"
        "2. What went wrong\n"
        "   The sign-on key was changed on the identity side the night before.\n"
        "   We have confirmed this sequence with the vendor.\n"
    )
    assert "cause" not in missing(text)


def test_a_statement_before_a_colon_is_not_a_section_label():
    text = (
        "About 1,100 bookings were not confirmed.\n\n"
        "The cause is confirmed: the supplier changed its certificate. The permanent fix "
        "is to stop pinning certificates, about 5 days of work, done by 24 May."
    )
    assert "fix" not in missing(text)


@pytest.mark.parametrize(
    "text", ["No action for you yet.", "You don't need to do anything; we will handle it."]
)
def test_more_ways_to_say_nothing_is_needed(text):
    assert "ask" not in missing(text)


def test_sellers_waiting_on_payouts_are_impact():
    text = "Approximately 14,800 sellers are waiting on payouts totalling about €6.3 million."
    assert "impact" not in missing(text, kind="status")


def test_a_stated_understanding_to_confirm_is_a_preliminary_cause():
    text = (
        "Our current understanding is that the alert thresholds were set for the old index "
        "size; we'll confirm that in the review on Monday 10 February."
    )
    assert "cause" not in missing(text)


def test_a_longer_term_fix_timed_by_that_s_in_the_next_sentence():
    text = (
        "For the longer term we are moving the rebuild onto separate machines. "
        "That's roughly two weeks of work, targeted for Friday 21 February."
    )
    assert "fix" not in missing(text)


def test_actions_taken_count_under_a_cause_heading():
    text = (
        "## Root cause analysis\n\n"
        "We stopped the sync at 08:05 UTC and paused automatic matching for every customer."
    )
    assert "mitigation" not in missing(text)


def test_rolling_out_the_change_that_broke_things_is_not_mitigation():
    text = "The broker fell over after Raj rolled out v4.2 to every device at 02:00."
    assert "mitigation" in missing(text)


def test_a_root_cause_guess_with_a_duration_is_no_promise_to_confirm():
    text = "think the root cause was the dispatcher falling over once the lag hit ~40 min"
    assert "cause" in missing(text)


def test_an_answer_without_a_full_stop_is_not_a_title():
    text = "## What I need from you\n\nNothing needed from you right now\n"
    assert "ask" not in missing(text)


@pytest.mark.parametrize(
    "text",
    [
        "## Risk\n\nWe do not see any further risk at this stage.",
        "## Risk\n\nFurther updates to follow.",
        "## Next steps\n\nWe will make a load test mandatory before every release.",
        "Permanent fix: a check on supplier files, and an alert if points stop flowing.",
        "Some orders filled at worse prices than customers saw on screen.",
    ],
)
def test_no_risk_here(text):
    assert "risk" in missing(text)


@pytest.mark.parametrize(
    "text",
    [
        "## Next steps\n\nIf the backup address is switched off before then, checkouts fail again.",
        "What worries me if we don't get this sorted: two customers get a service credit of $14,000.",
    ],
)
def test_risk_said_in_other_words(text):
    assert "risk" not in missing(text)


def test_the_lasting_fix_counts_under_another_heading():
    text = (
        "What we did: we put the old limit back by hand at 04:05. The proper fix, a test "
        "that checks the limit before release, should take about a week, so done by Monday."
    )
    assert "fix" not in missing(text)


@pytest.mark.parametrize(
    "text", ["Ops control rebuilt the morning rosters by phone.", "The roster feed is back up now."]
)
def test_more_ways_to_say_what_was_done(text):
    assert "mitigation" not in missing(text)


def test_numbered_titles_ending_in_a_full_stop():
    text = (
        "1. What happened. About 2,870 partners were not paid on Friday.\n\n"
        "2. Long-term fix. Clean every name before it goes to the bank.\n"
        "   Estimated at 1 week of work, target Friday 14 March.\n\n"
        "3. Next update. Monday 10 March at 13:00.\n"
    )
    assert not {"fix", "updates"} & missing(text)


def test_a_title_above_its_own_list():
    text = (
        "1. Actions taken\n"
        "   - 14:20 UTC: turned the event off for everyone.\n"
        "   - 17:45 UTC: duplicate grants stopped.\n"
    )
    assert "mitigation" not in missing(text)


def test_a_fix_introduced_then_timed():
    text = (
        "The lasting fix has two halves. Monitoring each partner separately takes about "
        "two weeks (done by Friday 21 June)."
    )
    assert "fix" not in missing(text)


def test_a_repeat_beside_hindsight_is_still_a_risk():
    text = (
        "Had this run into the lunch peak we would have lost another £10,000, and a repeat "
        "during the July campaign would cost several times that."
    )
    assert "risk" not in missing(text)


def test_a_closing_note_at_a_time_is_the_next_update():
    assert "updates" not in missing("I'll send a closing note at 17:00 BST today.")


def test_a_bare_confirmed_under_the_cause():
    text = "root cause: the database hit its connection limit after the deploy.\n\nconfirmed, we have the graphs"
    text = "## Root cause\n\n" + text
    assert "cause" not in missing(text)


@pytest.mark.parametrize(
    "text",
    [
        "9 people joined the incident call at 14:35 UTC.",
        "We spent 3 hours 10 minutes tracing the duplicate grants.",
    ],
)
def test_the_effort_spent_is_not_impact(text):
    assert "impact" in missing(text)


def test_if_it_is_not_resolved_titles_the_risk():
    text = (
        "If it is not resolved\n"
        "Each week of delay adds roughly 2,000 more customers to the paused group.\n"
    )
    assert "risk" not in missing(text)


def test_a_fix_with_no_date_yet_has_no_estimate():
    text = (
        "## Long-term fix\n\nThe maker is preparing new firmware. They have not yet committed "
        "to a delivery date; we will press them for one at our meeting on 7 October."
    )
    assert "fix" in missing(text)


def test_no_action_is_required_from_you_is_an_ask():
    assert "ask" not in missing(
        "I will write again tomorrow at 09:00. No action is required from you."
    )


def test_a_replacement_before_a_named_day_is_a_fix():
    text = "The provider is replacing the router and adding a backup line before Wednesday's game."
    assert "fix" not in missing(text)


def test_a_label_alone_above_its_list_rules_the_list():
    text = (
        "What we've done so far:\n"
        '- From 09:30 the map shows yesterday\'s averages, labelled "estimated".\n'
        "- Field crews are checking the data units in the east district.\n"
    )
    assert "mitigation" not in missing(text)


@pytest.mark.parametrize(
    "text",
    [
        "We brought the relief vessel into service at 11:10.",
        "We've sent extra street teams out to unlock scooters by hand.",
        "we've rerun the sync and listings are reappearing now",
    ],
)
def test_actions_taken_in_more_words(text):
    assert "mitigation" not in missing(text)


def test_correcting_the_fault_is_mitigation():
    text = (
        "# Claims\n\nAbout 1,200 claims were stuck since Friday. We have corrected the "
        "mapping and the stuck claims are flowing again.\n"
    )
    assert "mitigation" not in missing(text)


def test_a_clock_time_in_words_is_no_impact_figure():
    # "two in the morning" says when, not how many.
    text = (
        "# Rosters\n\nThe rosters stopped publishing at about two in the morning and a "
        "lot of bookings were delayed.\n"
    )
    assert "impact" in missing(text)
    assert "impact" not in missing(text.replace("a lot of", "about 400"))


def test_when_a_message_was_posted_is_neither_action_nor_next_update():
    text = (
        "# Card payments - service update\n\nPosted 09:10 GMT, Friday 29 November\n\n"
        "About 4% of card payments are failing.\n"
    )
    assert {"mitigation", "updates"} <= missing(text)
    assert "updates" not in missing(text + "\nThe next update is at 11:00 GMT.\n")


def test_statements_and_photos_are_things_an_incident_harms():
    text = "# Statements\n\nAbout 4% of this year's statements went to the wrong address.\n"
    assert "impact" not in missing(text)


@pytest.mark.parametrize(
    "ask",
    [
        "I need one thing from you: approval to spend up to £35,000 on a second vendor.",
        "We need approval to spend £35,000 on a second vendor by 15:00.",
    ],
)
def test_an_ask_with_words_between_need_and_you_is_an_ask(ask):
    text = "# Queue\n\nAbout 186,000 photos are waiting for review.\n\n" + ask + "\n"
    assert "ask" not in missing(text)


def test_causes_that_are_confirmed_need_no_confirmation_time():
    text = (
        "# Photos\n\nCause: the app saved photos in a temporary folder, and uploads timed "
        "out. Both causes are confirmed.\n"
    )
    assert "cause" not in missing(text)


@pytest.mark.parametrize(
    "plan",
    [
        "For the long term, we will add a check that compares each new price list with "
        "the last one before it is used. That needs about 3 weeks; we plan it done by 28 March.",
        "The permanent fix is a check that compares hours loaded with hours clocked. It will "
        "take about two weeks, and we aim to have it live before the 29 March pay run.",
    ],
)
def test_before_sets_the_terms_of_a_fix_not_a_risk(plan):
    # "before" opens a risk ("before the fix lands, a repeat could ..."), but in a
    # plan for the fix it says when or how the fix works.
    assert "fix" not in missing(plan)


def test_until_the_fix_is_in_is_still_a_risk():
    text = "Grades entered today will not show until the full fix is in, on Friday."
    assert "risk" not in missing(text)


@pytest.mark.parametrize(
    "done",
    [
        "We bumped the memory and restarted everything.",
        "We bumped the memory then restarted the gateway.",
    ],
)
def test_an_action_after_and_is_mitigation(done):
    assert "mitigation" not in missing(done)


def test_a_thing_after_the_is_no_action():
    # "shifted" is an action word, but here the column shifted, not the team.
    text = "The rates went live with the multiplier column shifted down one row."
    assert "mitigation" in missing(text)


def test_from_you_nothing_is_an_ask():
    assert "ask" not in missing("And from you nothing right now, unless the press call.")


def test_numbered_question_headings_name_their_parts():
    text = (
        "# Orders\n\n## 1. What happened?\nAbout 1,180 orders were held.\n\n"
        "## 4. What is the permanent fix?\nAutomatic renewal of every certificate.\n"
        "About two weeks of work, done by Friday 31 May.\n\n"
        "## 7. What do you need to do?\nNothing right now.\n"
    )
    found = missing(text)
    assert "fix" not in found and "ask" not in found and "impact" not in found


def test_the_number_of_a_heading_is_no_figure_of_impact():
    text = "# Orders\n\n## 1. What happened?\nOrders were held this morning.\n"
    assert "impact" in missing(text)


def test_a_question_alone_heads_the_answer_below_it():
    text = "Answers inline.\n\n> Anything I need to do?\n\nNot right now.\n"
    assert "ask" not in missing(text)


@pytest.mark.parametrize(
    "risk",
    [
        "If this drags on, clinics start cancelling and we break the delivery promise.",
        "Filings due today could miss their deadline.",
    ],
)
def test_more_ways_to_say_the_risk(risk):
    assert "risk" not in missing(risk)


@pytest.mark.parametrize(
    "not_impact",
    [
        "Clinics upload the patient's 3D scan, and the upload fails before it reaches the lab.",
        "We are restarting the stores' tills one by one.",
    ],
)
def test_names_and_manners_are_not_figures_of_impact(not_impact):
    assert "impact" in missing(not_impact)


def test_a_named_suspect_makes_an_unknown_cause_preliminary():
    text = (
        "We do not yet know the cause. The link stopped at 04:58, just after the network's "
        "maintenance ended, so that maintenance is our main suspect. We expect to confirm "
        "the cause by 15:00 today."
    )
    assert "cause" not in missing(text)
    unknown = "We do not yet know the cause. We expect to confirm the cause by 15:00 today."
    assert "cause" in missing(unknown)


def test_a_statement_before_a_colon_is_no_label():
    text = (
        "The fix depends on the cause: either a settings change on our side (about 2 hours "
        "of work) or a correction from the supplier (1 working day)."
    )
    assert "fix" not in missing(text)


def test_an_action_being_considered_is_not_done():
    assert "mitigation" in missing("We're looking at restarting the broker, not tried yet.")


def test_withdrawing_and_holding_are_actions():
    text = "We have withdrawn the duplicate file and halted further payment runs."
    assert "mitigation" not in missing(text)


def test_a_verb_updated_at_a_time_is_not_a_message_stamp():
    # "Posted 09:10 GMT" dates the message; "we updated ... at 14:00" is an action
    # with its time, which a fix plan needs.
    text = "Permanent fix: a check on every price import, to be updated on Monday 3 June."
    assert "fix" not in missing(text)


def test_a_part_named_with_wise_is_that_part():
    text = (
        "Fix-wise, the team is rewriting the address check, about three days' work, live on Monday."
    )
    assert "fix" not in missing(text)


def test_a_risk_that_grows_if_not_sorted():
    assert "risk" not in missing("If we don't sort it, the backlog grows by about 500 a day.")


def test_sending_the_next_one_at_a_time_is_the_next_update():
    assert "updates" not in missing("I'll send you the next one tomorrow at nine.")


def test_questions_leading_numbered_answers_name_their_parts():
    text = (
        "Answers in the order you asked them.\n\n"
        "1. What happened? From 06:12 to 07:05 the map showed no vehicles.\n"
        "2. When will you hear from me next? At 18:00 today, then daily at 09:00.\n"
        "3. Do you need to do anything? No.\n"
    )
    found = missing(text)
    assert "updates" not in found and "ask" not in found


@pytest.mark.parametrize(
    "not_done",
    [
        "The team has possibly found a workaround, and we may try that later.",
        "Our team is engaged with the acquirer and expects a resolution shortly.",
    ],
)
def test_a_hoped_for_or_ongoing_talk_is_no_action(not_done):
    assert "mitigation" in missing(not_done)


def test_a_chat_message_header_time_is_no_time_for_the_fix():
    text = (
        "**Tom Reyes** 09:52\nProper fix is rewriting how pricing loads.\n\n"
        "**Marta Quinn (COO)** 09:53\nAnything you need from Claire?\n"
    )
    assert "fix" in missing(text)


@pytest.mark.parametrize(
    "header",
    ["**Tom Reyes** 09:52", "Tom Reyes (Eng Manager) 09:52", "Dana Whitfield (CEO) 09:55"],
)
def test_a_plain_chat_header_with_a_role_is_no_time_for_the_fix(header):
    text = (
        "Tom Reyes (Eng Manager) 09:48\nThe proper fix is to move the calculator onto "
        f"bigger servers, we'll get that in ASAP.\n\n{header}\nok. anything else?\n"
    )
    assert "fix" in missing(text)


def test_a_plan_for_the_fix_is_no_estimate():
    assert "fix" in missing("The team will have a plan for a permanent fix by Thursday.")


def test_an_expected_resolution_is_no_action():
    assert "mitigation" in missing("We expect to have this resolved by 18:00.", kind="status")


def test_a_risk_said_as_should_the_plan_slip_is_a_risk():
    text = (
        "**Risk if unresolved.** Should the corrected update slip beyond 2 April, the "
        "city may invoke the service-credit clause in our contract.\n"
    )
    assert "risk" not in missing(text)


def test_a_call_centre_steering_customers_is_an_action():
    text = "Since 09:00 the call centre has been telling customers to email their photos in."
    assert "mitigation" not in missing(text, kind="status")


def test_a_suspect_not_yet_confirmed_is_no_confirmed_cause():
    text = "Cause: we suspect the queue reader crashed, but we haven't confirmed that."
    assert "cause" in missing(text)


@pytest.mark.parametrize(
    "parts",
    [
        "The errors came from two pods that ran out of memory.",
        "Checkout errors came from 3 servers in the EU region.",
    ],
)
def test_a_count_of_the_systems_own_parts_is_no_impact(parts):
    assert "impact" in missing(parts, kind="status")


def test_a_fraction_in_words_is_a_figure_of_impact():
    text = "About a fifth of orders failed at checkout."
    assert "impact" not in missing(text, kind="status")


def test_a_phone_number_is_no_figure_of_impact():
    text = "Since 13:00 the regional desk has been taking orders by phone on 0300 555 0142."
    assert "impact" in missing(text, kind="status")


@pytest.mark.parametrize(
    "text",
    [
        "They changed the carry-over rule without telling us.",
        "They went ahead without notifying customers.",
    ],
)
def test_an_action_not_taken_is_no_mitigation(text):
    assert "mitigation" in missing(text, kind="status")


def test_the_helpline_offering_an_apology_is_an_action():
    text = "The helpline is now offering a written apology to every caller."
    assert "mitigation" not in missing(text, kind="status")


@pytest.mark.parametrize(
    "text",
    [
        'Others boot fine but they get a "channel not subscribed" message on everything.',
        "It appears Priya may not have checked the limits before she started the rollout.",
    ],
)
def test_no_risk_in_fine_or_in_hedged_hindsight(text):
    assert "risk" in missing(text)


def test_questions_as_headings_name_their_parts():
    text = (
        "**How will it be fixed, and when?**\n"
        "A check on room sizes goes live by 30 September.\n\n"
        "**When will I hear from you next?**\n"
        "Thursday at 17:00.\n\n"
        "**Do you need anything from me?**\n"
        "Yes: a short call with the client before Friday would help.\n"
    )
    assert not {"fix", "updates", "ask"} & missing(text)


@pytest.mark.parametrize(
    "text",
    [
        "Stewards are directing fans to the other entrances.",
        "Senior carers at the six homes have printed tonight's charts.",
        "We've hidden the March statements from the portal for now.",
    ],
)
def test_people_on_the_ground_taking_action_is_mitigation(text):
    assert "mitigation" not in missing(text, kind="status")


def test_a_promise_to_put_it_right_is_no_action():
    text = "We thank you for your patience while we put this right."
    assert "mitigation" in missing(text, kind="status")


def test_numbered_places_in_a_list_are_no_figure():
    text = "Stewards are sending fans to Gates 1 and 2, where entry is normal."
    assert "impact" in missing(text, kind="status")


def test_a_cause_treated_as_confirmed_is_confirmed():
    text = (
        "Why: the contractor did not recalibrate the laser unit. They accepted this "
        "in writing, so we are treating the cause as confirmed."
    )
    assert "cause" not in missing(text)


def test_nothing_done_yet_under_a_done_label_is_no_action():
    text = "what we've done: nothing yet really, still arguing about whether to roll back"
    assert "mitigation" in missing(text, kind="status")


@pytest.mark.parametrize(
    "text",
    [
        "Since 08:00 a team of 30 staff has been checking the held cheques by hand and "
        "has released 1,200 so far.",
        "For now the day team are cross-checking the queue every two hours and reprinting "
        "anything that is missing.",
    ],
)
def test_a_team_working_around_the_fault_is_mitigation(text):
    assert "mitigation" not in missing(text, kind="status")


def test_board_paper_wording_names_its_parts():
    text = (
        "| Item | Position |\n| --- | --- |\n"
        "| Action taken | Six agents are splitting the declarations by hand. |\n\n"
        "No decision is required from the Board at this stage.\n"
    )
    assert not {"mitigation", "ask"} & missing(text)


def test_a_next_label_over_an_update_promise_is_no_fix():
    text = "- **fix:** rebuild the index, timing TBD\n- **next:** I'll post here at 15:00\n"
    assert "fix" in missing(text)


def test_manual_checks_in_the_meantime_and_exposure_if_missed():
    text = (
        "We've got field crews doing manual checks on the trunk mains in the meantime. "
        "Many customers in Ashford are exposed if a burst goes unnoticed."
    )
    assert not {"mitigation", "risk"} & missing(text)


def test_checking_by_eye_is_a_work_around():
    text = "Lift staff are now checking passes by eye at Summit so people can get up."
    assert "mitigation" not in missing(text, kind="status")


def test_work_done_by_hand_is_no_fix():
    assert "fix" in missing(
        "We pulled the template and corrected 120 letters by hand since 4 December."
    )


def test_a_name_starting_with_a_digit_is_no_figure():
    assert "impact" in missing(
        "Some card payments fail at the 3DS step, and 2FA codes arrive late."
    )


@pytest.mark.parametrize(
    "done",
    [
        "At 09:15 we told every shop manager to switch to cash only.",
        "We took the payment page down at 16:00 and put a notice on the homepage.",
    ],
)
def test_telling_people_and_taking_pages_down_are_actions(done):
    assert "mitigation" not in missing(done)


def test_looking_at_it_and_reassurance_are_no_action():
    text = (
        "**What we're doing**\nEngineers are looking at it. Donations themselves are safe: "
        "every payment is recorded.\n"
    )
    assert "mitigation" in missing(text)


def test_a_message_titled_update_has_no_updates_section():
    # The title "Tram barriers update" does not make every line an update line.
    text = (
        "*Tram barriers update*\n\nThe barriers at 9 stops are stuck closed, and station staff "
        "are letting people through by hand.\n"
    )
    assert "mitigation" not in missing(text, kind="status")


def test_a_deadline_in_a_heading_does_not_hide_its_part():
    text = "## Decision needed from you by 17:00 today\n\nWe recommend option A.\n"
    assert "ask" not in missing(text)


def test_what_we_would_have_to_do_is_no_hindsight():
    text = (
        "If we do not win these donors back, the shortfall could reach hospitals within 10 "
        "days, and we would have to ask for a transfer."
    )
    assert "risk" not in missing(text)


def test_an_action_joined_to_an_earlier_we():
    text = "We've bumped the retry limit on the nightly cron job and cleared the cache."
    assert "mitigation" not in missing(text)


def test_a_request_typed_on_a_phone_is_an_ask():
    assert "ask" not in missing(
        "Pls can u OK a 7 day deadline extension today? Thats all I need from u."
    )


def test_rerunning_a_job_is_an_action():
    assert "mitigation" not in missing(
        "- we're rerunning it now and policies should be back shortly"
    )


@pytest.mark.parametrize(
    "not_impact",
    [
        "Quick one on the swimming booking problem from this weekend.",
        "Medication charts went down at around 6am for the care homes.",
    ],
)
def test_a_message_opener_and_a_clock_time_are_no_impact_figures(not_impact):
    assert "impact" in missing(not_impact)


def test_had_is_not_would():
    text = "Some patients got letters saying they were overdue when they'd been in the week before."
    assert "risk" in missing(text)


def test_a_label_and_its_content_on_one_line_is_no_bare_title():
    assert "ask" not in missing("# Deposits\n\nAsk: none\n")


def test_more_in_an_hour_is_the_next_update():
    assert "updates" not in missing("Payroll filings failed this morning.\n\nMore in an hour.\n")


def test_a_question_in_a_table_row_names_its_part():
    text = (
        "| Question | Answer |\n| --- | --- |\n"
        "| What have we done? | At 10:25 we installed a temporary certificate on 9 gantries. |\n"
    )
    assert "mitigation" not in missing(text)


@pytest.mark.parametrize(
    "not_done",
    [
        "Many customers are seeing suspended markets, and some bets are rejected.",
        "We apologise and expect things to be back to normal shortly.",
    ],
)
def test_what_customers_see_and_what_we_expect_are_no_actions(not_done):
    assert "mitigation" in missing(not_done)


def test_a_check_so_this_is_caught_is_a_fix():
    text = (
        "We will add a daily check on our side within 3 weeks so that a hold like this is caught."
    )
    assert "fix" not in missing(text)


def test_a_confirmation_under_a_root_cause_line_confirms_it():
    text = (
        "- Root cause: human error (see below)\n- Status: fixing it\n\n"
        "Kevin uploaded last month's rate file. We confirmed this from the upload log on Saturday.\n"
    )
    assert "cause" not in missing(text)


def test_a_vendor_having_been_engaged_is_no_action():
    assert "mitigation" in missing("The label vendor has been engaged and we expect a fix soon.")


def test_done_labels_what_was_done():
    text = "Done: drivers have been told to accept the failed-payment screen as a ticket today."
    assert "mitigation" not in missing(text, kind="status")


def test_if_this_goes_wrong_again_titles_the_risk():
    text = (
        "## If this goes wrong again\n\nA second failure at 18:00 would likely reach the local "
        "press.\n"
    )
    assert "risk" not in missing(text)


@pytest.mark.parametrize(
    "impact",
    [
        "14 of the 16 screens in the arrivals hall were blank from 08:20 to 10:35.",
        'From 06:20, 27 of the 64 lifts showed as "out of service" on our website.',
    ],
)
def test_a_share_of_things_shown_wrong_is_impact(impact):
    assert "impact" not in missing(impact)


def test_renewing_and_phoning_are_actions():
    assert "mitigation" not in missing("We renewed the token at 21:30 and phoned 380 volunteers.")


def test_publishing_a_summary_at_a_time_is_the_next_update():
    text = "We will publish a summary on this page by 17:00 on Friday 8 March."
    assert "updates" not in missing(text, kind="status")


def test_what_could_get_worse_heads_the_risk():
    text = (
        "*What could get worse*\n"
        "Refund requests: 120 since Monday against about 30 in a normal week.\n"
    )
    assert "risk" not in missing(text)


def test_a_request_with_a_deadline_is_not_the_time_of_the_fix():
    text = (
        "The proper fix is for the supplier to rebuild the import, which they say will "
        "take a while. If the import breaks again, we lose the spring sale.\n\n"
        "Could you tell the board before Thursday's meeting?\n"
    )
    assert "fix" in missing(text)
    assert "ask" not in missing(text)


def test_a_loss_that_follows_if_the_problem_lasts_is_a_risk():
    text = "About 3,100 meters sent no reading. There is significant revenue loss if the reads are not in by the billing run."
    assert "risk" not in missing(text)


def test_a_question_to_the_reader_is_an_ask_not_a_risk():
    text = "About 3,100 meters sent no reading. Could you warn the board before their call this afternoon?"
    assert "risk" in missing(text)
    assert "ask" not in missing(text)


@pytest.mark.parametrize(
    "action",
    [
        "We've flushed the cache and slots are showing again.",
        "New software has been installed on 40 of the 300 handhelds.",
    ],
)
def test_actions_said_without_the_usual_verbs_are_mitigation(action):
    assert "mitigation" not in missing(f"About 900 bookings failed this morning. {action}")


def test_a_fix_that_had_been_deployed_is_the_story_not_mitigation():
    text = "About 900 bookings failed. The faulty build had been deployed to every till."
    assert "mitigation" in missing(text)


def test_an_update_label_on_a_status_page_is_this_update_not_the_next():
    text = (
        "Update: we found the upload job was timing out on 300 handhelds.\n\n"
        "A hotfix has been deployed to a subset of devices and we are monitoring.\n"
    )
    assert "mitigation" not in missing(text)


def test_a_software_update_at_a_time_is_no_promise_of_news():
    text = "About 300 tills failed. Sam pushed the new till update to every shop at 18:30."
    assert "updates" in missing(text)
    assert "updates" not in missing(text + " We will send the next update at 21:00.")


def test_trying_something_on_one_first_is_no_figure():
    text = (
        "The tills went down. Sam pushed the update to all of them without trying it on one first."
    )
    assert "impact" in missing(text)


def test_staff_sent_to_help_are_no_impact_figure():
    text = (
        "Card payments are failing at the box office. We have put two members of staff "
        "in the foyer to send card customers to the website."
    )
    assert "impact" in missing(text)
    assert "mitigation" not in missing(text)


@pytest.mark.parametrize(
    ("text", "is_action"),
    [
        ("We have also been contacting every affected customer by phone.", True),
        ("Quick note on the portal, as I know councillors have been asking.", False),
    ],
)
def test_an_action_under_way_is_mitigation_only_when_the_team_does_it(text, is_action):
    assert (
        "mitigation" not in missing(f"About 900 bookings failed this morning. {text}")
    ) is is_action


@pytest.mark.parametrize(
    "title", ["Renewals failing (update 2)", "Timetables missing for Semester 2"]
)
def test_the_number_of_an_update_or_a_term_is_no_impact_figure(title):
    assert "impact" in missing(f"{title}\n\nMany students cannot see their timetable.")


def test_data_out_of_date_by_a_stated_time_is_impact():
    text = "Bus positions on the map were up to 15 minutes out of date on 41 of our 126 routes."
    assert "impact" not in missing(text)


def test_a_date_to_learn_how_long_the_fix_takes_is_scoping():
    # ANNOTATION.md: "A scoping date is not an estimate for the fix."
    text = (
        "About 300 drivers were charged twice. The vendor will tell us by Friday how "
        "long a permanent fix will take."
    )
    assert "fix" in missing(text)
