"""Speed against the peers: briefcheck, proselint, write-good and alex, same files, same run.

    python bench/peers.py [--runs 5] [--seed 7] [--words 1000000] [--files 1000]

Installs the peers into bench/.peers/ (proselint from PyPI; write-good, alex and
vfile-reporter-json from npm), generates a Markdown corpus from the seed into
bench/.corpus/, compiles briefcheck's bytecode (as pip does on install), then prints:

- batch: each tool on ../shared/corpus and on the generated corpus, runs
  alternating between tools; median wall time, words/s, median CPU time, peak
  RSS of the largest process, and ratio = the tool's time / briefcheck's.
  briefcheck runs with its default --jobs and no earlier results: its result
  cache is emptied before each run (compiled packs stay cached, as after any
  first run).
- cold start: one 500-word file per tool, and the floor
  `python -c "import spacy; spacy.blank('en')"`; ratio = time / floor. Each
  briefcheck run gets a new file (the result cache cannot answer), with its
  compiled packs cached as after any first run; a --no-cache row shows a run
  with nothing cached at all.
- scaling: briefcheck's words/s at 10^4, 10^5 and 10^6 words and on one 5 MB file.

The machine is shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = HERE / ".peers"
CORPORA = HERE / ".corpus"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
NODE = PEERS / "node"
PY_PEERS = PEERS / "python"
BIG_FILE_BYTES = 5 * 1024 * 1024

sys.path.insert(0, str(HERE))
import throughput  # noqa: E402  (a sibling script: the same corpus generator)

# ---------------------------------------------------------------- peers


def install_peers() -> None:
    if not (PY_PEERS / "proselint").is_dir():
        print("installing proselint into bench/.peers/python ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--target",
                str(PY_PEERS),
                "proselint",
            ],
            check=True,
        )
    if not (NODE / "node_modules" / ".bin" / "alex").exists():
        if shutil.which("npm") is None:
            sys.exit("npm is needed to install write-good and alex")
        print("installing write-good, alex, vfile-reporter-json into bench/.peers/node ...")
        NODE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(NODE),
                "write-good",
                "alex",
                "vfile-reporter-json",
            ],
            check=True,
        )


@dataclass
class Tool:
    name: str
    argv: list[str]  # the files are appended
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path = REPO
    forget: Path | None = None  # a folder of cached results to empty before each run


def tools(cache_dir: Path) -> list[Tool]:
    bin_dir = NODE / "node_modules" / ".bin"
    return [
        Tool(
            "briefcheck",
            [sys.executable, "-m", "briefcheck", "check", "--format", "json"],
            {"BRIEFCHECK_CACHE_DIR": str(cache_dir)},
            forget=cache_dir / "results",
        ),
        Tool(
            "proselint", [sys.executable, "-m", "proselint", "check"], {"PYTHONPATH": str(PY_PEERS)}
        ),
        Tool("write-good", ["node", str(bin_dir / "write-good")]),
        # alex finds its --reporter from the folder it runs in.
        Tool(
            "alex", ["node", str(bin_dir / "alex"), "--reporter", "vfile-reporter-json"], cwd=NODE
        ),
    ]


def compile_bytecode() -> None:
    """Write briefcheck's bytecode, as pip does when it installs a package.

    Installed peers (and spaCy, which the floor imports) start from compiled
    bytecode. An editable checkout writes its own on first import, unless
    PYTHONDONTWRITEBYTECODE is set, as on this machine and in many containers:
    then every run compiles briefcheck's source again, about 60 ms of a cold start.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("briefcheck")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("briefcheck is not installed: run pip install -e . first")
    compileall.compile_dir(spec.submodule_search_locations[0], quiet=1)


# ---------------------------------------------------------------- measuring


@dataclass
class Run:
    wall: float
    cpu: float  # user + sys of the process and its children
    rss_mb: float  # peak RSS of the largest process in the tree
    code: int


@dataclass
class Summary:
    """Repeated runs of one command, as the tables print them."""

    wall: float  # median
    cpu: float  # median
    rss_mb: float  # the largest peak seen


def summarise(runs: list[Run]) -> Summary:
    return Summary(
        wall=statistics.median(r.wall for r in runs),
        cpu=statistics.median(r.cpu for r in runs),
        rss_mb=max(r.rss_mb for r in runs),
    )


def measure(argv: list[str], env: dict[str, str] | None = None, cwd: Path = REPO) -> Run:
    full_env = {**os.environ, **(env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def alternate(tools_: list[Tool], files: list[Path], runs: int) -> dict[str, list[Run]]:
    """``runs`` rounds; each round runs every tool once, the order rotating."""
    found: dict[str, list[Run]] = {t.name: [] for t in tools_}
    paths = [str(f) for f in files]
    for round_ in range(runs):
        order = tools_[round_ % len(tools_) :] + tools_[: round_ % len(tools_)]
        for tool in order:
            if tool.forget is not None:
                shutil.rmtree(tool.forget, ignore_errors=True)
            run = measure(tool.argv + paths, tool.env, tool.cwd)
            # briefcheck exits 0 or 1; write-good exits with its count of suggestions
            if run.code < 0 or (tool.name == "briefcheck" and run.code not in (0, 1)):
                sys.exit(f"{tool.name} failed (exit {run.code}): {' '.join(tool.argv[:4])} ...")
            found[tool.name].append(run)
    return found


def words_in(files: list[Path]) -> int:
    return sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)


# ---------------------------------------------------------------- corpora


def generated_corpus(seed: int, words: int, files: int) -> list[Path]:
    folder = CORPORA / f"gen-{seed}-{words}-{files}"
    if not (folder / "done").exists():
        folder.mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(throughput.corpus(seed, words, files)):
            (folder / f"brief-{i:04}.md").write_text(text, encoding="utf-8")
        (folder / "done").write_text("", encoding="utf-8")
    return sorted(folder.glob("brief-*.md"))


def big_file(seed: int) -> Path:
    path = CORPORA / f"big-{seed}.md"
    if not path.exists():
        rng = random.Random(seed + 2)
        parts, size = [], 0
        while size < BIG_FILE_BYTES:
            parts.append(throughput.document(rng, 2000))
            size += len(parts[-1].encode()) + 2
        path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def shared_corpus() -> list[Path]:
    return sorted(p for p in SHARED_CORPUS.rglob("*") if p.suffix in (".md", ".txt"))


# ---------------------------------------------------------------- report


def batch_table(title: str, files: list[Path], found: dict[str, list[Run]]) -> None:
    words = words_in(files)
    base = summarise(found["briefcheck"]).wall
    print(f"\n### {title}: {len(files):,} files, {words:,} words\n")
    print(
        "| tool | wall (median) | words/s | CPU s (median) | peak RSS | ratio (tool / briefcheck) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, runs in found.items():
        row = summarise(runs)
        print(
            f"| {name} | {row.wall:.2f} s | {words / row.wall:,.0f} | {row.cpu:.2f} "
            f"| {row.rss_mb:.0f} MB | {row.wall / base:.2f} |"
        )


def cold_start(all_tools: list[Tool], cache_dir: Path, runs: int, seed: int) -> None:
    folder = CORPORA / "cold"
    folder.mkdir(parents=True, exist_ok=True)
    text = throughput.document(random.Random(seed + 1), 500)
    brief = folder / "brief.md"
    brief.write_text(text, encoding="utf-8")
    briefcheck = [sys.executable, "-m", "briefcheck", "check", "--format", "json"]
    env = {"BRIEFCHECK_CACHE_DIR": str(cache_dir)}
    measure([*briefcheck, str(brief)], env)  # a first run ever compiles the packs
    rows: dict[str, list[Run]] = {"floor: import spacy; spacy.blank('en')": []}
    rows.update({"briefcheck": [], "briefcheck --no-cache": []})
    rows.update({t.name: [] for t in all_tools if t.name != "briefcheck"})
    for i in range(runs):
        rows["floor: import spacy; spacy.blank('en')"].append(
            measure([sys.executable, "-c", "import spacy; spacy.blank('en')"])
        )
        fresh = folder / f"brief-{os.getpid()}-{i}.md"  # new content: no cached result
        fresh.write_text(text + f"\n<!-- run {time.time_ns()} -->\n", encoding="utf-8")
        rows["briefcheck"].append(measure([*briefcheck, str(fresh)], env))
        fresh.unlink()
        empty = folder / "empty-cache"
        rows["briefcheck --no-cache"].append(
            measure([*briefcheck, "--no-cache", str(brief)], {"BRIEFCHECK_CACHE_DIR": str(empty)})
        )
        for tool in all_tools:
            if tool.name != "briefcheck":
                rows[tool.name].append(measure(tool.argv + [str(brief)], tool.env, tool.cwd))
    floor = summarise(rows["floor: import spacy; spacy.blank('en')"])
    print(f"\n### Cold start: one {len(text.split())}-word file, median of {runs}\n")
    print("| command | wall | ratio to floor | CPU s | CPU ratio to floor | peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, found in rows.items():
        row = summarise(found)
        print(
            f"| {name} | {row.wall:.2f} s | {row.wall / floor.wall:.2f} | {row.cpu:.2f} "
            f"| {row.cpu / floor.cpu:.2f} | {row.rss_mb:.0f} MB |"
        )


def scaling(tool: Tool, gen: list[Path], big: Path, runs: int, million: dict[str, list[Run]]):
    print(f"\n### briefcheck scaling (median of {runs})\n")
    print("| input | words | wall | words/s | CPU s | CPU words/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    total = len(gen)
    # With the default corpus (10^6 words) these are 10^4, 10^5 and 10^6 words.
    sets = [("1% of the corpus", gen[: max(1, total // 100)])]
    sets += [("10% of the corpus", gen[: max(1, total // 10)]), ("the whole corpus", gen)]
    for label, files in [*sets, ("one 5 MB file", [big])]:
        if files is gen:
            found = million["briefcheck"]
        else:
            found = alternate([tool], files, runs)["briefcheck"]
        words = words_in(files)
        row = summarise(found)
        print(
            f"| {label} ({len(files)} file{'s' if len(files) > 1 else ''}) | {words:,} "
            f"| {row.wall:.2f} s | {words / row.wall:,.0f} | {row.cpu:.2f} "
            f"| {words / row.cpu:,.0f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()

    install_peers()
    compile_bytecode()
    cache_dir = CORPORA / "cache"
    all_tools = tools(cache_dir)
    gen = generated_corpus(args.seed, args.words, args.files)
    big = big_file(args.seed)
    shared = shared_corpus()

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"## briefcheck vs peers ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})")
    print(
        f"\nMachine: {platform.machine()}, {cores} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, node "
        f"{subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}"
    )
    print("briefcheck's bytecode is compiled first, as a pip install does.")
    print(f"Load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"Command: python bench/peers.py --runs {args.runs} --seed {args.seed} "
        f"--words {args.words} --files {args.files}"
    )

    if shared:
        batch_table("Shared corpus", shared, alternate(all_tools, shared, args.runs))
    million = alternate(all_tools, gen, args.runs)
    batch_table("Generated corpus", gen, million)
    cold_start(all_tools, cache_dir, args.runs, args.seed)
    scaling(all_tools[0], gen, big, args.runs, million)
    print(f"\nLoad average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
