"""Markup to prose blocks, with every character mapped back to the source.

Only prose is linted. A Block's ``text`` has exactly the length of the source
range ``[start, end)`` it covers: characters that are not prose (markup, inline
code, URLs, container prefixes, line breaks) are blanked to spaces. An offset
inside a block's text is therefore ``start`` plus that index in the source, and
positions never need a second mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from briefcheck.positions import LineIndex

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
TEXT_SUFFIXES = (".txt", ".text")

_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
# Slack, Teams and GitHub write emoji as ":name:"; a clock time has no letters.
_SHORTCODE = re.compile(r"(?<![\w:]):[a-z0-9]+(?:[_+-][a-z0-9]+)*:(?![\w:])")
# A plain-text suppression line: optional comment leader, then the directive.
_TEXT_DIRECTIVE = re.compile(
    r"^[ \t]*(?:#|//|--|<!--)?[ \t]*(briefcheck-[a-z-]+\b.*?)(?:-->)?[ \t]*$"
)


@dataclass(slots=True)
class Block:
    """A run of prose: a heading, paragraph, list item, quote or table cell."""

    kind: str  # heading | paragraph | list_item | quote | cell
    start: int
    end: int
    text: str
    level: int = 0  # heading level, 0 for other blocks
    # Where each line after the first begins (offsets in ``text``), when every
    # line is a thought of its own, as in a chat message; empty for wrapped prose.
    line_starts: tuple[int, ...] = ()


@dataclass(slots=True)
class Comment:
    """A markup comment that may carry a suppression directive."""

    start: int
    end: int
    body: str  # text inside the comment markers, stripped


@dataclass(slots=True)
class Document:
    source: str
    blocks: list[Block]
    comments: list[Comment] = field(default_factory=list)
    markup: str = "markdown"

    @property
    def index(self) -> LineIndex:
        return _line_index(self.source)


@lru_cache(maxsize=64)
def _line_index(source: str) -> LineIndex:
    return LineIndex(source)


# spaCy refuses texts over a million characters, and one huge paragraph (a log
# pasted without blank lines) should not make a Doc of that size anyway. Longer
# blocks are cut at a sentence end, or at least at a space, below this size.
MAX_BLOCK_CHARS = 20_000


def parse(source: str, markup: str = "markdown") -> Document:
    document = _parse_text(source) if markup == "text" else _parse_markdown(source)
    # No block is longer than its source: a short one needs no look at them.
    if len(source) > MAX_BLOCK_CHARS and any(
        len(b.text) > MAX_BLOCK_CHARS for b in document.blocks
    ):
        document.blocks = [piece for b in document.blocks for piece in _split_long(b)]
    return document


def _split_long(block: Block) -> list[Block]:
    pieces = []
    text, offset = block.text, 0
    while len(text) - offset > MAX_BLOCK_CHARS:
        window = text[offset : offset + MAX_BLOCK_CHARS]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 2 if cut > 0 else window.rfind(" ") + 1
        if cut <= 0:
            cut = MAX_BLOCK_CHARS  # one unbroken run of characters: cut anywhere
        pieces.append(_sub_block(block, offset, offset + cut))
        offset += cut
    pieces.append(_sub_block(block, offset, len(text)))
    return pieces


def _sub_block(block: Block, start: int, end: int) -> Block:
    starts = tuple(at - start for at in block.line_starts if start < at < end)
    return Block(
        block.kind,
        block.start + start,
        block.start + end,
        block.text[start:end],
        block.level,
        starts,
    )


# Wrapped prose fills its lines to about one width; lines written one thought at a
# time are as long as the thought: one over this length is no wrapped line, and
# one well short of the longest is not either.
_UNWRAPPED_LINE = 100
_SHORT_SHARE = 0.75
# A line that ends like this runs on into the next one.
_RUNS_ON = re.compile(
    r"(?:[,;:(\-–—&/+]|\b(?:and|or|but|the|a|an|to|of|with|for|in|on|at|by|from|that|which|so))\s*$",
    re.IGNORECASE,
)


def line_starts(source: str, start: int, end: int) -> tuple[int, ...]:
    """Block-relative offsets of the lines of source[start:end] that begin a new
    thought, when its lines are not wrapped prose; () when they are."""
    if source.find("\n", start, end) == -1:
        return ()
    lines = source[start:end].split("\n")
    lengths = [len(line.strip()) for line in lines]
    longest = max(lengths)
    unwrapped = longest > _UNWRAPPED_LINE or any(
        0 < n < _SHORT_SHARE * longest for n in lengths[:-1]
    )
    if not unwrapped:
        return ()
    starts, at = [], 0
    for line in lines[:-1]:
        at += len(line) + 1
        if line.strip() and not _RUNS_ON.search(line):
            starts.append(at)
    return tuple(starts)


def markup_for_path(path: str) -> str:
    return "text" if path.lower().endswith(TEXT_SUFFIXES) else "markdown"


# ---------------------------------------------------------------- plain text


def _parse_text(source: str) -> Document:
    blocks: list[Block] = []
    comments: list[Comment] = []
    para_start: int | None = None
    para_end = 0
    directive_lines: list[tuple[int, int]] = []
    pos = 0
    for raw in source.splitlines(keepends=True):
        line_end = pos + len(raw.rstrip("\r\n"))
        content = source[pos:line_end]
        directive = _TEXT_DIRECTIVE.match(content)
        if directive:
            comments.append(Comment(pos, line_end, directive.group(1).strip()))
            directive_lines.append((pos, line_end))
        if content.strip() and not directive:
            if para_start is None:
                para_start = pos
            para_end = line_end
        elif para_start is not None:
            blocks.append(_text_block(source, para_start, para_end))
            para_start = None
        pos += len(raw)
    if para_start is not None:
        blocks.append(_text_block(source, para_start, para_end))
    return Document(source, blocks, comments, markup="text")


def _text_block(source: str, start: int, end: int) -> Block:
    text = _mask_non_prose(_blank_breaks(source[start:end]))
    return Block("paragraph", start, end, text, line_starts=line_starts(source, start, end))


# ---------------------------------------------------------------- markdown


@lru_cache(maxsize=1)
def _markdown_parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    md.core.ruler.at("inline", _inline_rule(md.inline.ruler.get_active_rules()))
    return md


# The characters at which each of markdown-it's inline rules can match; "text"
# takes any other run. An image starts "![", so its "[" is the one to look for.
_INLINE_RULE_MARKERS = {
    "text": "",
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "emphasis": "*_",
    "link": "[",
    "image": "[",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}


def _inline_rule(active_rules: list[str]):
    """markdown-it's core "inline" rule, less its cost for most blocks.

    Content without a character any active inline rule matches at is parsed to
    one text token holding all of it (or to none if it is empty): that token is
    made directly instead of running the inline rule chain.
    """
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

    # A rule not listed above raises KeyError here: its markers must be added.
    markers = "".join(sorted({ch for name in active_rules for ch in _INLINE_RULE_MARKERS[name]}))
    has_markup = re.compile("[" + re.escape(markers) + "]").search

    def inline(state: StateCore) -> None:
        for token in state.tokens:
            if token.type != "inline":
                continue
            if token.children is None:
                token.children = []
            if has_markup(token.content):
                state.md.inline.parse(token.content, state.md, state.env, token.children)
            elif token.content:
                token.children.append(Token("text", "", 0, content=token.content))

    return inline


_CONTAINER_KINDS = {"list_item_open": "list_item", "blockquote_open": "quote"}


def _parse_markdown(source: str) -> Document:
    tokens = _markdown_parser().parse(source)
    index = _line_index(source)
    blocks: list[Block] = []
    comments: list[Comment] = []
    containers: list[str] = []
    leaf_kind, leaf_level = "paragraph", 0
    cursor = 0
    quoted_depth = 0  # > 0 inside the message an email reply quotes
    for tok in tokens:
        if tok.type in _CONTAINER_KINDS:
            containers.append(_CONTAINER_KINDS[tok.type])
            if tok.type == "blockquote_open" and (
                quoted_depth or _quotes_a_message(source, index.offset(tok.map[0] + 1, 1))
            ):
                quoted_depth += 1
        elif tok.type in ("list_item_close", "blockquote_close"):
            containers.pop()
            if tok.type == "blockquote_close" and quoted_depth:
                quoted_depth -= 1
        elif tok.type == "heading_open":
            leaf_kind, leaf_level = "heading", int(tok.tag[1:])
        elif tok.type in ("th_open", "td_open"):
            leaf_kind, leaf_level = "cell", 0
        elif tok.type == "paragraph_open":
            leaf_kind, leaf_level = (containers[-1] if containers else "paragraph"), 0
        elif tok.type == "html_block" and tok.map:
            start = index.offset(tok.map[0] + 1, 1)
            end = index.offset(tok.map[1], 1) if tok.map[1] > tok.map[0] else start
            end = max(end, index.line_end(max(tok.map[1], 1)))
            comments.extend(_comments_in(source, start, end))
        elif tok.type == "inline" and tok.map:
            region_start = max(cursor, index.offset(tok.map[0] + 1, 1))
            region_end = index.line_end(tok.map[1]) if tok.map[1] > tok.map[0] else len(source)
            block, cursor = _inline_block(
                source, tok, region_start, region_end, leaf_kind, leaf_level, comments
            )
            if block is not None and not quoted_depth:
                blocks.append(block)
    return Document(source, blocks, comments, markup="markdown")


# An email reply quotes the message it answers: its words are not the writer's.
_ATTRIBUTION = re.compile(r"(?i)\bwrote:\s*$")  # "On Monday, Helen wrote:"
_HEADER_LINE = re.compile(r"(?i)^\s*(?:#+\s*)?(?:subject|from|to|cc|date|sent)\s*:")
_REPLY_SUBJECT = re.compile(r"(?i)^\s*(?:#+\s*)?(?:subject\s*:\s*)?(?:re|fwd?)\s*:")


# Mail headers and an attribution line are short: no more text than this before a
# quote is read, so a document of many quotes costs the same per quote.
_HEADERS_MAX_CHARS = 1_000


def _quotes_a_message(source: str, start: int) -> bool:
    """Whether the block quote at ``start`` quotes the message this one replies to:
    it follows an attribution line ("Helen wrote:"), or it comes first, under
    nothing but mail headers, one of them a reply's subject ("Subject: RE: ...")."""
    before = source[max(0, start - _HEADERS_MAX_CHARS) : start]
    lines = [line for line in before.splitlines() if line.strip()]
    if lines and _ATTRIBUTION.search(lines[-1]):
        return True
    return (
        start <= _HEADERS_MAX_CHARS
        and bool(lines)
        and all(_HEADER_LINE.match(line) or _REPLY_SUBJECT.match(line) for line in lines)
        and any(_REPLY_SUBJECT.match(line) for line in lines)
    )


def _comments_in(source: str, start: int, end: int) -> list[Comment]:
    found = []
    pos = source.find("<!--", start, end)
    while pos != -1:
        close = source.find("-->", pos + 4, end + 3)
        stop = close + 3 if close != -1 else end
        body = source[pos + 4 : close if close != -1 else end].strip()
        found.append(Comment(pos, stop, body))
        pos = source.find("<!--", stop, end)
    return found


def _inline_block(source, tok, region_start, region_end, kind, level, comments):
    """Align an inline token's children with the source; keep only prose text."""
    kept: list[tuple[int, int]] = []
    cursor = region_start
    in_autolink = False
    in_image = False
    for child in tok.children or []:
        ctype = child.type
        if ctype == "link_open":
            in_autolink = child.markup == "autolink"
        elif ctype == "link_close":
            in_autolink = False
        elif ctype == "image":
            in_image = True  # alt text is not prose the reader sees
        if ctype in ("text", "code_inline", "html_inline") and child.content:
            found = _align(source, child.content, cursor, region_end)
            if not found:
                continue
            spans, cursor = found
            if ctype == "html_inline":
                for a, b in spans:
                    comments.extend(_comments_in(source, a, b))
            elif ctype == "text" and not in_autolink and not in_image:
                kept.extend(spans)
        if ctype == "image":
            in_image = False
    if not kept:
        return None, cursor
    start, end = kept[0][0], kept[-1][1]
    pieces = []
    at = start
    for a, b in kept:
        if a > at:
            pieces.append(" " * (a - at))
        pieces.append(source[a:b])
        at = b
    text = _mask_non_prose(_blank_breaks("".join(pieces)))
    return Block(kind, start, end, text, level, line_starts(source, start, end)), cursor


def _align(source: str, content: str, cursor: int, limit: int):
    """Find ``content`` in ``source[cursor:limit]``; return its spans and the new cursor.

    Usually the text stands in the source as it is. Backslash escapes and
    entities (``\\*``, ``&amp;``) make it differ; then characters are matched one
    by one, skipping the few source characters that render differently.
    """
    pos = source.find(content, cursor, limit)
    if pos != -1:
        return [(pos, pos + len(content))], pos + len(content)
    spans: list[tuple[int, int]] = []
    at = cursor
    for i, ch in enumerate(content):
        window = limit if i == 0 else min(limit, at + 12)
        hit = source.find(ch, at, window)
        if hit == -1:
            continue
        if spans and spans[-1][1] == hit:
            spans[-1] = (spans[-1][0], hit + 1)
        else:
            spans.append((hit, hit + 1))
        at = hit + 1
    if not spans:
        return None
    return spans, at


def _blank_breaks(text: str) -> str:
    """Line breaks and tabs to spaces, one for one. (str.translate with a table
    costs twenty times more: it looks every character up, slower still past ASCII.)"""
    return text.replace("\n", " ").replace("\r", " ").replace("\t", " ")


def _mask_non_prose(text: str) -> str:
    """Blank URLs and chat emoji codes (":rotating_light:"): neither is prose."""
    if ":" in text:
        text = _SHORTCODE.sub(lambda m: " " * len(m.group(0)), text)
    if "://" not in text and "www." not in text.lower():
        return text
    return _URL.sub(lambda m: " " * len(m.group(0)), text)
