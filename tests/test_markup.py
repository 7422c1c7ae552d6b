"""Only prose is linted, and every finding points at its exact place in the source."""

from __future__ import annotations

import pytest

from briefcheck.document import parse


def spans(findings, rule_prefix=""):
    return [
        (f.line, f.column, f.end_column, f.text) for f in findings if f.rule.startswith(rule_prefix)
    ]


def assert_points_at_itself(source: str, findings):
    """The source under each finding's line/column range is the finding's text."""
    lines = source.lstrip("\ufeff").split("\n")
    for f in findings:
        assert f.line == f.end_line
        line = lines[f.line - 1]
        assert line[f.column - 1 : f.end_column - 1] == f.text, f


@pytest.mark.parametrize(
    "prefix",
    [
        "🔥🔥 ",  # astral-plane characters: one code point each
        "支付系统 ",  # CJK
        "Zoë and Álvaro wrote: ",  # accented letters, precomposed
        "Cafe\u0301 ",  # a combining accent: two code points
    ],
)
def test_columns_count_code_points(lint, prefix):
    source = f"{prefix}We will fix it ASAP.\n"
    findings = lint(source)
    asap = [f for f in findings if f.text == "ASAP"]
    assert asap, findings
    assert asap[0].column == len(prefix) + len("We will fix it ") + 1
    assert_points_at_itself(source, findings)


def test_crlf_line_endings(lint):
    source = "# Update\r\n\r\nAll good here.\r\nWe will fix it ASAP.\r\n"
    findings = lint(source)
    assert [(f.line, f.column, f.end_column) for f in findings if f.text == "ASAP"] == [(4, 16, 20)]
    assert_points_at_itself(source.replace("\r\n", "\n"), findings)


def test_crlf_inside_a_wrapped_paragraph(lint):
    source = "We will fix it\r\nas soon as possible.\r\n"
    found = [f for f in lint(source) if f.rule == "timeline/vague"]
    assert [(f.line, f.column, f.text) for f in found] == [(2, 1, "as soon as possible")]


def test_byte_order_mark_is_not_a_column(tmp_path):
    from briefcheck.engine import lint_file

    path = tmp_path / "bom.md"
    path.write_bytes("\ufeffWe will fix it ASAP.\n".encode())
    found = [f for f in lint_file(path) if f.text == "ASAP"]
    assert (found[0].line, found[0].column) == (1, 16)


def test_code_front_matter_html_and_urls_are_not_prose(lint):
    source = "\n".join(
        [
            "---",
            "title: fix ASAP",
            "---",
            "Intro line.",
            "",
            "```",
            "kubectl delete pods ASAP",
            "```",
            "",
            "    indented code: fix ASAP",
            "",
            "<div>fix it ASAP</div>",
            "",
            "See https://example.com/ASAP-soon and `fix ASAP` in code.",
            "",
        ]
    )
    assert lint(source) == []


def test_link_text_is_prose_but_its_url_is_not(lint):
    source = "Read [our plan to fix it soon](https://example.com/soon) today.\n"
    found = spans(lint(source), "timeline")
    assert found == []  # "today" makes it concrete; and the URL's "soon" is never seen
    source = "We will publish [the plan](https://example.com/later) soon.\n"
    found = spans(lint(source), "timeline")
    column = source.index(" soon") + 2
    assert found == [(1, column, column + 4, "soon")]


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("# We will fix it ASAP\n", 1),
        ("- first\n- We will fix it ASAP\n", 2),
        ("> We will fix it ASAP\n", 1),
        ("| when | what |\n|---|---|\n| ASAP | fix |\n", 3),
        ("1. We will **fix it ASAP**\n", 1),
        ("We will fix it \\*ASAP\\* &amp; well.\n", 1),
        ("> - quoted list item\n>   wrapped: fix ASAP\n", 2),
    ],
)
def test_headings_lists_quotes_tables_and_emphasis_map_back(lint, source, line):
    found = [f for f in lint(source) if f.text == "ASAP"]
    column = source.split("\n")[line - 1].index("ASAP") + 1
    assert [(f.line, f.column, f.end_column) for f in found] == [(line, column, column + 4)]


def test_blocks_keep_source_length():
    source = "# Title\n\n- a *b* `c`\n  d [e](http://x)\n\n| f | g |\n|--|--|\n| h | i |\n"
    doc = parse(source)
    for block in doc.blocks:
        assert len(block.text) == block.end - block.start
        for i, ch in enumerate(block.text):
            if ch != " ":
                assert source[block.start + i] == ch
    assert [b.kind for b in doc.blocks] == ["heading", "list_item", "cell", "cell", "cell", "cell"]


def test_plain_text_is_linted_whole(lint):
    source = "Status\n\n```not code in txt``` we will fix it soon\n"
    found = spans(lint(source, markup="text"), "timeline")
    assert found == [(3, 38, 42, "soon")]


def test_empty_document_has_no_findings(lint):
    assert lint("") == []
    assert lint("\n\n   \n") == []


def test_lone_carriage_return_ends_a_line(lint):
    # Old Mac line endings: CommonMark and LSP both count a lone CR as a line break.
    source = "# Update\r\rWe will fix it soon.\r"
    found = [(f.line, f.column, f.text) for f in lint(source)]
    assert found == [(3, 16, "soon")]


def test_chat_emoji_codes_are_not_prose():
    text = ":rotating_light: Checkout is down :fire: since 10:30:15 UTC."
    block = parse(text).blocks[0]
    assert ":" not in block.text.replace("10:30:15", "")  # both codes blanked
    assert len(block.text) == block.end - block.start  # and positions kept
    assert "10:30:15" in block.text


def test_a_message_written_a_thought_per_line_marks_its_lines():
    text = (
        "so the lessons screen went blank for a bunch of kids this morning, app loaded then nothing\n"
        "we cleared everything out at 8:30 and pinned the old bundle\n"
        "will ping again once things settle\n"
    )
    block = parse(text).blocks[0]
    assert [block.text[at:].split()[0] for at in block.line_starts] == ["we", "will"]


def test_wrapped_prose_keeps_its_sentences_across_lines():
    text = (
        "At 09:12 UTC a configuration change to the payment service stopped card\n"
        "payments at checkout. We reversed the change at 09:40 and payments have\n"
        "worked normally since then, with no further errors seen by customers.\n"
    )
    assert parse(text).blocks[0].line_starts == ()


def test_a_line_ending_in_a_comma_or_and_runs_on():
    text = "we reverted the change at 21:30 and\njobs flowed again by 21:40, so\nthe backlog is clear\n"
    assert parse(text).blocks[0].line_starts == ()


@pytest.mark.parametrize(
    "head",
    [
        "Subject: RE: Data outage - what's going on?\n\n",
        "On Monday, Helen Park <helen@example.com> wrote:\n\n",
    ],
)
def test_the_message_a_reply_quotes_is_not_the_writer_s_prose(head):
    source = head + "> How many customers? I need an answer ASAP.\n> Helen\n\nHelen, about 4%.\n"
    texts = [b.text.strip() for b in parse(source).blocks]
    assert not any("ASAP" in text for text in texts)
    assert "Helen, about 4%." in texts


def test_a_block_quote_of_the_writer_s_own_is_prose():
    # A callout, or a quote that comes after the writer has begun, is linted.
    for source in (
        "# Outage\n\n> Audience: the executive team. We will fix it ASAP.\n",
        "Subject: RE: Outage\n\nHelen, in short:\n\n> We will fix it ASAP.\n",
    ):
        assert any("ASAP" in b.text for b in parse(source).blocks)
