"""Inline suppression comments, in Markdown and in plain text."""

from __future__ import annotations


def rules(findings):
    return [(f.line, f.rule) for f in findings]


def test_disable_enable_block_by_category(lint):
    source = (
        "We will fix it soon.\n\n"
        "<!-- briefcheck-disable timeline -->\n\n"
        "We will fix it soon. The pods restarted.\n\n"
        "<!-- briefcheck-enable -->\n\n"
        "We will fix it soon.\n"
    )
    assert rules(lint(source)) == [(1, "timeline/vague"), (5, "jargon/term"), (9, "timeline/vague")]


def test_disable_without_enable_runs_to_the_end(lint):
    source = "<!-- briefcheck-disable -->\n\nWe will fix it soon.\n\nThe pods restarted.\n"
    assert lint(source) == []


def test_disable_next_line_with_reason(lint):
    source = (
        "<!-- briefcheck-disable-next-line timeline/vague -- date is embargoed -->\n"
        "We will fix it soon.\n"
        "We will fix it soon.\n"
    )
    assert rules(lint(source)) == [(3, "timeline/vague")]


def test_disable_next_line_only_covers_the_named_rule(lint):
    source = "<!-- briefcheck-disable-next-line jargon/term -->\nThe pods restart soon.\n"
    assert rules(lint(source)) == [(2, "timeline/vague")]


def test_several_names_and_commas(lint):
    source = (
        "<!-- briefcheck-disable-next-line jargon, timeline/vague -->\nThe pods restart soon.\n"
    )
    assert lint(source) == []


def test_inline_disable_line(lint):
    source = "The pods restart soon. <!-- briefcheck-disable-line timeline -->\n"
    assert rules(lint(source)) == [(1, "jargon/term")]


def test_directive_inside_code_is_not_a_directive(lint):
    source = "```\n<!-- briefcheck-disable -->\n```\n\nWe will fix it soon.\n"
    assert rules(lint(source)) == [(5, "timeline/vague")]


def test_plain_text_directives(lint):
    source = (
        "# briefcheck-disable-next-line timeline -- quoting the vendor\n"
        "The vendor says soon.\n"
        "We will fix it soon.\n"
        "\n"
        "briefcheck-disable jargon\n"
        "The pods restarted.\n"
        "briefcheck-enable jargon\n"
        "The pods restarted.\n"
    )
    assert rules(lint(source, markup="text")) == [(3, "timeline/vague"), (8, "jargon/term")]
