"""The command line: a thin face over the engine. No linting logic lives here."""

from __future__ import annotations

import sys

import click

from briefcheck import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CATEGORY_CHOICES = ("jargon", "blame", "figures", "timeline", "structure", "readability", "length")


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """--select a,b --select c -> ('a', 'b', 'c'); None when not given."""
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefcheck")
def main() -> None:
    """Lint incident briefs for executives: jargon, blame, vague figures and times."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--kind", type=click.Choice(["brief", "status", "postmortem"]), help="Kind of document."
)
@click.option("--audience", type=click.Choice(["executive", "engineering"]), help="Who reads it.")
@click.option(
    "--select", multiple=True, help="Only these rule ids or categories (comma-separated)."
)
@click.option(
    "--ignore", multiple=True, help="Skip these rule ids or categories (comma-separated)."
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use."
)
@click.option("--no-color", is_flag=True, help="Never color the output.")
def check(paths, fmt, kind, audience, select, ignore, config_path, no_color) -> None:
    """Lint files, folders (*.md, *.markdown, *.txt) or - for stdin."""
    from briefcheck.batch import expand, lint_target
    from briefcheck.config import ConfigError, ConfigResolver
    from briefcheck.findings import Severity
    from briefcheck.rulepack import RulePackError, load_ruleset

    flags = {
        "kind": kind,
        "audience": audience,
        "select": _split(select),
        "ignore": _split(ignore),
    }
    try:
        resolver = ConfigResolver(config_path, flags)
        load_ruleset(resolver.for_path(None).extra_rules)  # broken packs fail before any file
    except (ConfigError, RulePackError) as exc:
        _fail(str(exc))
    results = []
    for target in expand(list(paths)):
        result = lint_target(target, resolver)
        if result.error:
            level = "warning" if result.skipped else "error"
            click.echo(f"{result.path}: {level}: {result.error}", err=True)
        results.append(result)

    if fmt == "json":
        from briefcheck.report import json as json_report

        click.echo(json_report.render(results))
    else:
        from briefcheck.report import text as text_report

        color = not no_color and sys.stdout.isatty()
        click.echo(text_report.render(results, color=color))

    if any(r.error and not r.skipped for r in results):
        sys.exit(EXIT_ERROR)
    worst = [f for r in results for f in r.findings if f.severity.rank >= Severity.WARNING.rank]
    sys.exit(EXIT_FINDINGS if worst else EXIT_OK)


@main.command("rules")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use."
)
def list_rules(config_path) -> None:
    """List every rule: id, severity and what it flags."""
    ruleset = _ruleset(config_path)
    width = max(len(r.id) for r in ruleset.rules)
    for rule in ruleset.rules:
        click.echo(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.what}")


@main.command()
@click.argument("rule_id")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use."
)
def explain(rule_id, config_path) -> None:
    """Explain a rule: what it does, why, examples and the fix."""
    ruleset = _ruleset(config_path)
    rule = ruleset.get(rule_id)
    if rule is None:
        close = [r.id for r in ruleset.rules if rule_id in r.id]
        hint = f" Did you mean: {', '.join(close)}?" if close else " See `briefcheck rules`."
        _fail(f"unknown rule {rule_id!r}.{hint}")
    click.echo(rule.explain())


def _ruleset(config_path):
    from briefcheck.config import ConfigError, ConfigResolver
    from briefcheck.rulepack import RulePackError, load_ruleset

    try:
        return load_ruleset(ConfigResolver(config_path).for_path(None).extra_rules)
    except (ConfigError, RulePackError) as exc:
        _fail(str(exc))


def _fail(message: str) -> None:
    click.echo(f"briefcheck: error: {message}", err=True)
    sys.exit(EXIT_ERROR)
