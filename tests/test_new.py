"""briefcheck new: a skeleton that lints with placeholders, and clean once filled."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from briefcheck.cli import main
from briefcheck.config import Config
from briefcheck.engine import lint_text
from briefcheck.templates import skeleton

SLOT = re.compile(r"\[[^\]\n]+\]")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # hints: never linted


def slots(text: str) -> list[str]:
    return SLOT.findall(COMMENT.sub("", text))


# What a writer would put in each slot of the brief skeleton.
FILLED_BRIEF = {
    "[What is broken, in plain words]": "Online booking unavailable for 41 minutes",
    "[reader's name]": "Alex",
    "[time and time zone]": "15:10 UTC",
    "[your name and role]": "Sam Lee, Head of Engineering",
    "[What customers cannot do, since when, and how many, e.g. about 4% of card payments "
    "failed for 38 minutes]": (
        "From 13:20 to 14:01 UTC, customers could not book tables online. About 2,600 "
        "booking attempts failed, roughly 40% of the usual lunchtime volume"
    ),
    "[The preliminary cause, in plain words]": (
        "A routine update to the booking system's settings pointed it at an old copy of "
        "the restaurant list"
    ),
    "[What we did to limit the damage, and when]": (
        "At 13:58 we undid the update, and bookings have worked normally since 14:01"
    ),
    "[What it does not fix yet]": (
        "We are emailing the 1,900 customers whose bookings failed, but we cannot reach the "
        "700 who were not signed in"
    ),
    "[The fix that stops this happening again]": (
        "Settings updates will be tested on a copy of the live system before release"
    ),
    "[duration]": "5 working days",
    "[date]": "Friday 5 December",
    "[time]": "17:00 UTC",
    "[what gets worse and what it costs]": (
        "a repeat during the Friday evening peak could cost about 6,000 bookings an hour"
    ),
    "[interval]": "day at 09:00 UTC",
    "[What you need from the reader and by when, or: nothing right now]": (
        "Nothing needed from you right now"
    ),
}

FILLED_STATUS = {
    "[What is affected, in plain words]": "Photo uploads failing",
    "[Investigating, Identified, Monitoring or Resolved]": "Identified",
    "[time and time zone]": "10:40 UTC",
    "[Who is affected and how, e.g. about 1 in 8 photo uploads are failing]": (
        "About 1 in 8 photo uploads are failing since 09:55 UTC"
    ),
    "[What still works]": "Viewing and sharing photos works as normal",
    "[What we have done so far, and when]": (
        "At 10:30 we moved uploads to our backup storage, and failures are falling"
    ),
    "[time]": "11:15 UTC",
}


def fill(text: str, values: dict[str, str]) -> str:
    unknown = set(slots(text)) - set(values)
    assert not unknown, f"the test does not know how to fill {unknown}"
    return SLOT.sub(lambda m: values.get(m.group(0), m.group(0)), text)


@pytest.mark.parametrize("kind", ["brief", "status"])
def test_untouched_skeleton_lints_with_placeholders(kind):
    text = skeleton(kind)
    found = lint_text(text, Config(kind=kind))
    flagged = sorted(f.text for f in found if f.rule == "structure/placeholder")
    assert flagged == sorted(slots(text))


def test_untouched_brief_skeleton_is_missing_every_part():
    found = lint_text(skeleton("brief"), Config(kind="brief"))
    missing = {f.rule for f in found if "/missing-" in f.rule}
    assert len(missing) == 7  # a slot is not content


@pytest.mark.parametrize(("kind", "values"), [("brief", FILLED_BRIEF), ("status", FILLED_STATUS)])
def test_filled_skeleton_lints_clean(kind, values):
    filled = fill(skeleton(kind), values)
    found = lint_text(filled, Config(kind=kind))
    assert found == [], [(f.rule, f.text) for f in found]


def test_new_writes_to_stdout_by_default_and_with_dash():
    runner = CliRunner()
    assert runner.invoke(main, ["new"]).stdout == skeleton("brief")
    assert runner.invoke(main, ["new", "--kind", "brief", "-"]).stdout == skeleton("brief")
    assert runner.invoke(main, ["new", "--kind", "status"]).stdout == skeleton("status")


def test_new_never_overwrites_without_force(tmp_path):
    runner = CliRunner()
    path = tmp_path / "brief.md"
    done = runner.invoke(main, ["new", str(path)])
    assert done.exit_code == 0 and path.read_text(encoding="utf-8") == skeleton("brief")

    path.write_text("my draft", encoding="utf-8")
    refused = runner.invoke(main, ["new", str(path)])
    assert refused.exit_code == 2
    assert "already exists; use --force" in refused.stderr
    assert path.read_text(encoding="utf-8") == "my draft"

    forced = runner.invoke(main, ["new", "--kind", "status", "--force", str(path)])
    assert forced.exit_code == 0
    assert path.read_text(encoding="utf-8") == skeleton("status")


def test_new_reports_an_unwritable_path(tmp_path):
    done = CliRunner().invoke(main, ["new", str(tmp_path / "no-such-folder" / "brief.md")])
    assert done.exit_code == 2
    assert "cannot write" in done.stderr
