"""Engine throughput on a generated Markdown corpus, and CLI latency for one file.

    python bench/throughput.py [--words 500000] [--seed 7] [--files 400] [--passes 5]

Prints words per second for the engine (one process, one core; the median of
--passes passes over the corpus, with their range), per-file latency
percentiles, and the wall time of `briefcheck check` on one 500-word file,
start-up included. The corpus is generated from a seed, so runs compare.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Sentences in the register of incident briefs: plain ones, and ones that carry
# the faults briefcheck looks for, so every check does real work.
PLAIN = [
    "Card payments at checkout failed for {n} minutes this morning.",
    "About {n}% of orders were affected, worth an estimated ${n},000.",
    "We reversed the change at {h}:{m} UTC and payments recovered by {h}:{m}.",
    "The next update comes at {h}:00 UTC, then every hour.",
    "Nothing is needed from you right now.",
    "We will confirm the cause by {h}:00 UTC tomorrow.",
    "Support has answered {n} calls since the start of the incident.",
    "The permanent fix takes about {n} days; the target date is Friday.",
]
FAULTY = [
    "Many customers could not log in and we will fix it soon.",
    "The pods were OOMKilled after the connection pool ran out.",
    "Dave pushed a bad config, which was human error.",
    "A large number of merchants saw widespread errors.",
    "We will share more once we know more, ASAP.",
    "The on-call engineer should have caught the replication lag.",
    "Requests to payments-api-v2 returned 5xx errors for some users.",
]
HEADINGS = ["What happened", "Cause", "What we have done", "Fix", "Risk", "Next update", "Ask"]


def sentence(rng: random.Random) -> str:
    pool = FAULTY if rng.random() < 0.3 else PLAIN
    return rng.choice(pool).format(
        n=rng.randint(2, 90), h=rng.randint(10, 23), m=rng.randint(10, 59)
    )


def document(rng: random.Random, target_words: int) -> str:
    parts: list[str] = [f"# Incident {rng.randint(100, 999)}", ""]
    words = 0
    while words < target_words:
        parts += [f"## {rng.choice(HEADINGS)}", ""]
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.3:
                items = [f"- {sentence(rng)}" for _ in range(rng.randint(2, 4))]
                parts += [*items, ""]
                words += sum(len(i.split()) for i in items)
            else:
                para = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
                parts += [para, ""]
                words += len(para.split())
        if rng.random() < 0.1:
            parts += ["```", "kubectl rollout undo deploy/payments", "```", ""]
    return "\n".join(parts)


def corpus(seed: int, total_words: int, files: int) -> list[str]:
    rng = random.Random(seed)
    per_file = max(total_words // files, 50)
    return [document(rng, per_file) for _ in range(files)]


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def bench_engine(docs: list[str], model: str | None, passes: int) -> None:
    from briefcheck.config import Config
    from briefcheck.engine import lint_text

    config = Config()
    if model:
        from dataclasses import replace

        config = replace(config, model=model)  # the optional trained tier, if present
    lint_text(docs[0], config)  # build the pipeline and compile the packs once
    words = sum(len(d.split()) for d in docs)
    rates, cpu_rates = [], []
    for number in range(1, passes + 1):
        latencies = []
        findings = 0
        start, start_cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            t0 = time.perf_counter()
            findings += len(lint_text(doc, config))
            latencies.append(time.perf_counter() - t0)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - start_cpu
        rates.append(words / elapsed)
        cpu_rates.append(words / cpu)
        latencies.sort()
        q = statistics.quantiles(latencies, n=100)
        print(
            f"engine pass {number}: {words:,} words in {len(docs)} files, {elapsed:.2f} s, "
            f"{findings:,} findings, {rates[-1]:,.0f} words/s; per file (~{words // len(docs)} "
            f"words) p50 {q[49] * 1000:.1f} ms, p95 {q[94] * 1000:.1f} ms, "
            f"max {latencies[-1] * 1000:.1f} ms"
        )
    # The machine is shared: a pass can run beside someone else's work, so the
    # median pass is the figure, and the range shows the noise.
    print(
        f"engine: {statistics.median(rates):,.0f} words/s on one core, median of {passes} "
        f"passes (range {min(rates):,.0f}-{max(rates):,.0f})"
    )
    print(
        f"engine: {statistics.median(cpu_rates):,.0f} words/s of CPU time "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


def bench_cli_one_file(seed: int, model: str | None) -> None:
    rng = random.Random(seed + 1)
    text = document(rng, 500)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.md"
        path.write_text(text, encoding="utf-8")
        cmd = [sys.executable, "-m", "briefcheck", "check", "--format", "json", str(path)]
        if model:
            cmd[-1:-1] = ["--model", model]
        runs, cpu = [], []
        for i in range(5):
            # New content each run: the result cache must not answer. Compiled
            # packs stay cached, as after any first run.
            path.write_text(text + f"\n<!-- run {i} -->\n", encoding="utf-8")
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            usage = os.wait4(proc.pid, 0)[2]
            runs.append(time.perf_counter() - t0)
            cpu.append(usage.ru_utime + usage.ru_stime)
    print(
        f"cli: `briefcheck check` on one {len(text.split())}-word file: "
        f"median {statistics.median(runs):.2f} s wall, {statistics.median(cpu):.2f} s CPU "
        "over 5 runs (start-up included)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=500_000)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--model", default=None, help="pipeline setting (none, auto or a package)")
    parser.add_argument("--passes", type=int, default=5, help="passes over the corpus (median)")
    args = parser.parse_args()
    pin_to_one_core()
    docs = corpus(args.seed, args.words, args.files)
    bench_engine(docs, args.model, args.passes)
    bench_cli_one_file(args.seed, args.model)


if __name__ == "__main__":
    main()
