"""The blame check: people named as the cause are flagged, systems and owners are not.

The rule pack's own examples (tests/test_rule_examples.py) cover single
sentences rule by rule; these tests cover what a writer sees across the whole
blame category: the flagged span, and context that spans sentences, cells and
the rest of the document.
"""

from __future__ import annotations

import pytest

from briefcheck.checks.blame import given_names


def blame(lint, text: str) -> list[str]:
    return [f.text for f in lint(text) if f.category == "blame"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Dave pushed a bad config at 09:12.", "Dave pushed a bad config at 09:12"),
        ("Yesterday the intern dropped the orders table.", "the intern dropped the orders table"),
        ("Priya forgot to renew the domain.", "Priya forgot to renew the domain"),
        (
            "Someone in the support team ignored the first alerts.",
            "Someone in the support team ignored the first alerts",
        ),
        (
            "Greta skipped the peer review on the pricing change.",
            "Greta skipped the peer review on the pricing change",
        ),
        (
            "The release was approved by Carlos, who skipped the checklist.",
            "Carlos, who skipped the checklist",
        ),
        (
            "Beatriz, who ran the migration, skipped the backup step.",
            "Beatriz, who ran the migration, skipped the backup step",
        ),
        ("Aisha's script wiped the export folder.", "Aisha's script wiped the export folder"),
        (
            "The weekend duty engineer also failed to read the handover notes.",
            "The weekend duty engineer also failed to read the handover notes",
        ),
        (
            "One of our contractors had committed a payment-provider secret to a shared wiki.",
            "One of our contractors had committed a payment-provider secret to a shared wiki",
        ),
        ("Sofia turned off the disk alert last week.", "Sofia turned off the disk alert last week"),
        (
            "Nobody on the release team tested the rollback.",
            "Nobody on the release team tested the rollback",
        ),
        (
            "The cause was an engineer who skipped the canary stage.",
            "an engineer who skipped the canary stage",
        ),
        (
            "Our SRE, Léa, ignored the capacity warnings.",
            "Our SRE, Léa, ignored the capacity warnings",
        ),
        ("Honestly, this one is on Kevin.", "is on Kevin"),
    ],
)
def test_person_named_as_the_cause_is_flagged_from_person_to_failure(lint, text, span):
    assert blame(lint, text) == [span]


@pytest.mark.parametrize(
    "text",
    [
        # a system as subject
        "The deploy failed at 10:02 UTC.",
        "The job failed to start after the upgrade.",
        "Kubernetes restarted the pods every few minutes.",
        # a role doing its normal job, or a person doing the fix
        "An engineer ran the standard migration playbook.",
        "The network team rebooted the core switch as planned.",
        "Priya restored the database from last night's backup at 11:40.",
        "Tomasz rolled back the release and errors stopped.",
        "The on-call engineer disabled the feature flag to stop the errors.",
        "Sofia set up a new disk alert on Monday.",
        "Marta reviewed the change and approved it under the normal process.",
        # collective ownership, blameless statements, quoted policy
        "We made a mistake, and this is on us.",
        "We failed our customers today.",
        "We should have caught this, and we have added an alert.",
        "Our reviews are blameless.",
        "Our policy is to avoid blame.",
        "Nobody is at fault for the expired password.",
        "No one could have predicted the vendor outage.",
        # people who were affected, not people who failed
        "260 of our guests told us they missed their dinner booking.",
        "Nobody was woken because the pager number was out of date.",
        "A customer forgot their password.",
        # people named for what they do next, or for their role
        "Kevin is on call this week.",
        "Jorge will deploy the fix at 16:00 UTC.",
        "Our thanks to Kevin, who stayed late to restore the data.",
        "John Smith, our CTO, approved the rollback.",
    ],
)
def test_not_blame_stays_quiet(lint, text):
    assert blame(lint, text) == []


def test_pronoun_after_a_named_cause_is_flagged(lint):
    text = "Dave deployed the change on Friday. He didn't run the tests first."
    assert "He didn't run the tests first" in blame(lint, text)


def test_they_refers_to_customers_not_staff(lint):
    staff = "The infrastructure team had the tickets for weeks; they sat on them."
    customers = "About 2,000 riders could not unlock bikes, and they missed trains."
    assert blame(lint, staff)
    assert blame(lint, customers) == []


def test_timeline_cells_need_a_failure_not_just_an_action(lint):
    table = (
        "| Time | What happened |\n"
        "| --- | --- |\n"
        '| 09:20 | John removed the "tech-challenge" project as it was a proof of concept |\n'
        "| 09:31 | Pipeline ran on the unhealthy node |\n"
        "| 09:40 | Dave pushed a bad config to production |\n"
    )
    assert blame(lint, table) == ["Dave pushed a bad config to production"]


def test_a_capitalised_word_the_document_also_writes_in_lower_case_is_not_a_name(lint):
    # "Cascade" opens a sentence; it is a word, not a person, as the text shows.
    text = "Cascade deleted the old replicas. The cascade ran for ten minutes."
    assert blame(lint, text) == []


def test_unknown_capitalised_word_needs_a_clear_failing(lint):
    # Could be a product: an ordinary action is not enough...
    assert blame(lint, "Then Traefik removed the route to the login page.") == []
    # ...but a failing that only a person can have is.
    assert blame(lint, "Then Femi ignored the pager for an hour.") == [
        "Femi ignored the pager for an hour"
    ]


def test_context_makes_an_unknown_name_a_person_without_a_fault_verb(lint):
    # "Zorvan" is not a given name and no verb here could make a product the
    # cause; ", who" and "'s" show it is a person, so its failing still counts.
    assert blame(lint, "Zorvan, who didn't check the logs, approved the release.") == [
        "Zorvan, who didn't check the logs"
    ]
    assert blame(lint, "Honestly, this one is on Zorvan's team.") == ["is on Zorvan's team"]
    assert blame(lint, "Zorvan didn't check the logs.") == []


def test_possessive_change_is_blame_only_when_it_broke_something(lint):
    assert blame(lint, "Tom's change took down the login service.") == [
        "Tom's change took down the login service"
    ]
    assert blame(lint, "Omar's change took 5 minutes to roll out.") == []


def test_counterfactual_and_possessive_fault_are_flagged(lint):
    text = (
        "The reviewer should have caught it. It was Björn's oversight.\n\n"
        "If only he'd kept the retry limit at 3."
    )
    found = blame(lint, text)
    assert "should have caught" in found
    assert "Björn's oversight" in found
    assert any(f.startswith("If only he") for f in found)


def test_given_names_cover_many_languages_and_skip_common_words():
    names = given_names()
    assert {"Dave", "Álvaro", "Raúl", "Kenji", "Priya", "Tomasz", "Aisha"} <= names
    assert not {"Server", "Page", "The", "Safari"} & names


def test_passive_with_a_person_as_agent_is_flagged(lint):
    assert blame(lint, "The bad config was pushed by Dave.") == ["pushed by Dave"]
    assert blame(lint, "The outage was caused by a junior engineer.") == [
        "caused by a junior engineer"
    ]
    assert blame(lint, "The fix was deployed by Priya at 10:00.") == []
    assert blame(lint, "The outage was caused by a power cut.") == []


def test_chat_style_notes_still_catch_lower_case_names(lint):
    note = (
        "so checkout has been down since 9. not great.\n"
        "tbh dave forgot to renew the cert. we rolled back at 10.\n"
        "max connections were hit around 9:30. will send more later.\n"
    )
    assert blame(lint, note) == ["dave forgot to renew the cert"]


def test_owning_it_and_systems_are_not_blame_vocabulary(lint):
    assert blame(lint, "We screwed up, and we are sorry.") == []
    assert blame(lint, "The migration messed up the search index.") == []
    (found,) = blame(lint, "Honestly the ops team screwed up the rollout.")
    assert "screwed up" in found


def test_possessive_fault_needs_a_person_as_owner(lint):
    assert blame(lint, "It was Omar's fault.") == ["Omar's fault"]
    assert blame(lint, "The outage was his error.") == ["his error"]
    assert blame(lint, "Friday's failure was in the payment gateway.") == []
    assert blame(lint, "Stripe's error rate rose to 4%.") == []


def test_named_actions_in_a_response_section_are_the_response(lint):
    brief = (
        "**Cause.** Farah set the session timeout to 2 seconds in March.\n\n"
        "**Mitigation.** Anika moved the exports to the new path at 09:40, and "
        "Bruno re-sent every late file by 10:15.\n\n"
        "## Next steps\n\n"
        "Yusuf changed the alert threshold this morning. Elif skipped the "
        "peer review of that change.\n"
    )
    assert blame(lint, brief) == [
        "Farah set the session timeout to 2 seconds in March",
        "Elif skipped the peer review of that change",
    ]


def test_not_having_or_receiving_something_is_not_a_failing(lint):
    assert blame(lint, "The on-call engineer didn't have access to the dashboard.") == []
    assert blame(lint, "She never received the page.") == []
    assert blame(lint, "The on-call engineer didn't escalate.") == [
        "The on-call engineer didn't escalate"
    ]


def test_auxiliaries_and_adverbs_do_not_hide_the_verb(lint):
    assert blame(lint, "The engineer hadn't run the tests.") == [
        "The engineer hadn't run the tests"
    ]
    assert blame(lint, "Dave had not checked the replica.") == ["Dave had not checked the replica"]


def test_a_name_the_document_uses_for_a_product_is_not_surely_a_person(lint):
    product = "Our Cassandra cluster ran out of disk. Cassandra dropped writes for an hour."
    assert blame(lint, product) == []
    person = "The vendor said that Cassandra dropped the staging table."
    assert blame(lint, person) == ["Cassandra dropped the staging table"]


def test_title_case_headings_are_not_names(lint):
    assert blame(lint, "## Root Cause: Config Push Skipped Review\n\nDetails follow.\n") == []
    assert blame(lint, "## Why Dave Skipped The Review\n\nDetails follow.\n") == [
        "Dave Skipped The Review"
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "One of our analysts uploaded a customer spreadsheet to a public website.",
            "One of our analysts uploaded a customer spreadsheet to a public website",
        ),
        (
            "A contractor emailed the payroll file to the wrong supplier.",
            "A contractor emailed the payroll file to the wrong supplier",
        ),
        (
            "The new hire published the draft price list publicly.",
            "The new hire published the draft price list publicly",
        ),
        (
            "Our accountant sent the VAT return to the wrong client by mistake.",
            "Our accountant sent the VAT return to the wrong client by mistake",
        ),
        (
            "A technician copied the patient records to a personal laptop.",
            "A technician copied the patient records to a personal laptop",
        ),
        (
            "Someone in procurement emailed unencrypted card numbers to a supplier.",
            "Someone in procurement emailed unencrypted card numbers to a supplier",
        ),
        (
            "Ingeborg pushed the new tariffs to production instead of staging.",
            "Ingeborg pushed the new tariffs to production instead of staging",
        ),
    ],
)
def test_passing_data_on_is_blame_when_the_clause_says_it_went_wrong(lint, text, span):
    assert blame(lint, text) == [span]


@pytest.mark.parametrize(
    "text",
    [
        "One of our analysts uploaded the monthly report to the intranet.",
        "A contractor emailed the payroll file to the bank as agreed.",
        "Fenna sent the apology to all affected customers.",
        "Thiago posted the next update at 14:00 UTC.",
        "Our nurse manager shared the new ward list with staff.",
        "The billing job sent the invoices to the wrong customers.",
        "Customers uploaded their receipts to the public portal.",
        "We sent the invoices to the wrong customers, and we are sorry.",
        "Tableau shared the dashboard publicly by default.",
    ],
)
def test_passing_data_on_as_planned_is_not_blame(lint, text):
    assert blame(lint, text) == []


def test_an_unknown_name_counts_with_a_fault_marker_unless_it_is_a_product(lint):
    # "Rutger" is not on the given-name list: a marked action makes it a person...
    assert blame(lint, "Rutger set the timeout to 2 seconds without telling anyone.") == [
        "Rutger set the timeout to 2 seconds without telling anyone"
    ]
    assert blame(lint, "Rutger set the timeout to 2 seconds.") == []
    # ... but not when the document uses the word for a product
    text = "Order events go through the Kafka cluster. Kafka sent the events to the wrong topic."
    assert blame(lint, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The new coordinator booked the venue for the wrong date.",
        "A temp in accounts payable paid the supplier invoice twice by mistake.",
        "Our receptionist gave the guest list to a caller without checking who they were.",
        "A recruiter forwarded the candidates' CVs to the wrong hiring manager.",
    ],
)
def test_any_action_of_a_role_counts_when_the_clause_says_it_was_wrong(lint, text):
    (span,) = blame(lint, text)
    assert text.startswith(span) and ("wrong" in span or "mistake" in span or "without" in span)


@pytest.mark.parametrize(
    "text",
    [
        "The on-call engineer spotted the wrong value and fixed it.",
        "Our analyst noticed the wrong totals on Monday.",
        "An engineer replaced the faulty disk at 10:00.",
        "Rundeck executed the job on production instead of staging.",
    ],
)
def test_noticing_or_repairing_and_products_at_work_are_not_blame(lint, text):
    assert blame(lint, text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # "rolled out" is a release; "rolled back" stays the response
        (
            "Ines rolled out the new limits on Friday night without a review.",
            "Ines rolled out the new limits on Friday night without a review",
        ),
        # an aside of seven words between the role and its verb
        (
            "The approver, a contractor from the payments platform group, merged it "
            "without reading it.",
            "The approver, a contractor from the payments platform group, merged it "
            "without reading it",
        ),
    ],
)
def test_person_fault_reaches_past_asides_and_release_verbs(lint, text, span):
    assert blame(lint, text) == [span]


def test_rolling_back_is_not_rolling_out(lint):
    assert blame(lint, "Ines rolled back the new limits on Friday night.") == []


@pytest.mark.parametrize(
    "text",
    [
        "If only the release manager had run the smoke tests.",
        "If only our accountant had checked the totals.",
        "Our DBA should have checked the restore.",
        "The refunds would not have gone out twice if the contractor had followed the checklist.",
    ],
)
def test_hindsight_about_a_role_is_flagged(lint, text):
    assert blame(lint, text), text


@pytest.mark.parametrize(
    "text",
    [
        "Our team should have checked the restore.",
        "If only our team had run the smoke tests.",
        "We asked if the engineer had restarted the server.",
        "Even if the operator had followed the runbook, the disk would still have failed.",
        "If the nightly job had finished on time, the reports would be current.",
    ],
)
def test_hindsight_about_the_team_or_a_question_is_not_flagged(lint, text):
    assert blame(lint, text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # a name the word list does not know, made a person by what it did
        (
            "Oyelaran rolled out v3.1 to every store at once instead of in stages.",
            "Oyelaran rolled out v3.1 to every store at once instead of in stages",
        ),
        # the fault is in an aside after the clause
        (
            "Kevin uploaded the price file to the live shop, skipping the review.",
            "Kevin uploaded the price file to the live shop",
        ),
    ],
)
def test_release_by_an_unknown_name_and_a_fault_in_an_aside(lint, text, span):
    assert blame(lint, text) == [span]


def test_an_aside_that_is_not_a_fault_keeps_a_sharing_verb_quiet(lint):
    assert blame(lint, "Kevin uploaded the price file to the shop, as agreed with finance.") == []


def test_a_negation_in_another_clause_does_not_excuse_blame_words(lint):
    text = "The change went out without review, which didn't help - a sloppy deploy."
    assert "sloppy" in blame(lint, text)
    assert blame(lint, "This was not a sloppy deploy: every check passed.") == []


def test_signing_off_without_testing_is_a_fault(lint):
    assert blame(lint, "The reviewer signed off the change without reading it.")
    assert blame(lint, "Priya signed off the release at 10:00 after the checks passed.") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Kev bumped the memory limits on Friday without load testing.",
            "Kev bumped the memory limits on Friday without load testing",
        ),
        ("The IT team let the domain lapse.", "The IT team let the domain lapse"),
        (
            "Kevin uploaded the map build with a corrupted tile.",
            "Kevin uploaded the map build with a corrupted tile",
        ),
    ],
)
def test_short_names_letting_things_lapse_and_corrupt_uploads(lint, text, span):
    assert blame(lint, text) == [span]


@pytest.mark.parametrize(
    "text",
    ["Dave let us run the migration twice.", "We let the certificate expire, and that is on us."],
)
def test_letting_is_not_always_a_fault(lint, text):
    assert blame(lint, text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Ops should have caught this.", "should have caught"),
        (
            "QA signed off the build without testing it.",
            "QA signed off the build without testing it",
        ),
        ("Ops forgot to renew the certificate.", "Ops forgot to renew the certificate"),
    ],
)
def test_a_team_named_by_its_function_is_blamed_like_a_role(lint, text, span):
    assert span in blame(lint, text)


@pytest.mark.parametrize(
    "text",
    [
        "Support answered 31 calls this morning.",
        "Ops restarted the server at 14:00.",
        "We asked Support to call the top 50 merchants.",
    ],
)
def test_a_team_doing_its_job_is_not_blamed(lint, text):
    assert blame(lint, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nobody on the on-call rota bothered to look at the dashboard.",
        "Someone on the night shift deleted the table.",
    ],
)
def test_someone_on_a_rota_or_shift_is_a_person(lint, text):
    assert blame(lint, text) == [text.rstrip(".")]


@pytest.mark.parametrize(
    "cleared",
    [
        "No one missed a procedure, and the handover was on time.",
        "Nobody broke a rule here: the rule did not exist.",
        "Our account manager has not managed to get a commitment from them yet.",
    ],
)
def test_saying_no_one_failed_is_not_blame(lint, cleared):
    assert blame(lint, cleared) == []


def test_nobody_doing_the_job_is_still_blame(lint):
    assert blame(lint, "Nobody checked the backups.") == ["Nobody checked the backups"]


def test_a_firm_named_with_an_aside_is_no_person(lint):
    text = "Kestrel Geo, our address data supplier, changed its feed format without telling us."
    assert blame(lint, text) == []


def test_it_as_the_object_does_not_end_the_search_for_the_subject(lint):
    text = "Apparently she pushed it without a review and didn't bother checking it on staging."
    assert "didn't bother" in " ".join(blame(lint, text))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "The change was approved by the on-call engineer, who should have caught that the "
            "target was wrong.",
            "should have caught",
        ),
        (
            "Tom skipped the review and the on-call engineer ignored the alerts. Both of them "
            "should have known better.",
            "should have known",
        ),
    ],
)
def test_hindsight_about_a_person_named_before_it(lint, text, phrase):
    assert phrase in blame(lint, text)


def test_hindsight_about_a_system_in_a_relative_clause_is_quiet(lint):
    assert blame(lint, "The nightly check, which should have caught this, was switched off.") == []


def test_a_system_to_blame_is_no_person_to_blame(lint):
    assert blame(lint, "The provider says a fault in their network is to blame.") == []
    assert blame(lint, "The deploy failed and Dave is to blame.") == ["to blame"]


def test_letting_something_expire_far_down_the_sentence(lint):
    text = "Kevin from the infrastructure team let the SSL certificate on the load balancer expire."
    assert blame(lint, text) == [text[:-1]]


@pytest.mark.parametrize(
    "text",
    [
        "Nobody in the warehouse is affected; collections are working normally.",
        "Reports filed by our health officers did not appear on the public website.",
    ],
)
def test_how_people_are_or_what_did_not_appear_is_no_blame(lint, text):
    assert blame(lint, text) == []


def test_managements_fault_is_blame(lint):
    assert blame(lint, "Honestly this was management's fault.") == ["management's fault"]


def test_nobody_paying_more_clears_people(lint):
    assert blame(lint, "Every driver was charged the sign price, so nobody paid more.") == []


def test_a_club_treasurer_is_a_role(lint):
    text = "The treasurer failed to forward the hosting company's warning emails."
    assert blame(lint, text) == [
        "The treasurer failed to forward the hosting company's warning emails"
    ]


def test_what_people_expected_is_no_failing(lint):
    text = "The night dispatcher didn't ring the farms, so they weren't expecting a delay either."
    assert blame(lint, text) == ["The night dispatcher didn't ring the farms"]


def test_a_date_ending_in_an_abbreviated_month_ends_its_sentence(lint):
    # spaCy keeps "Sept." whole, so its full stop ended no sentence: "Sept. Priya"
    # read as one place name, and Priya's failing went unflagged.
    text = "The certificate expired on 19 Sept. Priya forgot to renew it."
    assert blame(lint, text) == ["Priya forgot to renew it"]
