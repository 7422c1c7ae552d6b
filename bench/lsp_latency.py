"""Language server latency and memory, measured from a client over stdio.

    python bench/lsp_latency.py [--words 2000] [--edits 200] [--documents 50] [--seed 7]

Starts `briefcheck serve` with debounceMs 0, opens one generated brief of about
--words words, then sends --edits single-word edits one at a time and times each
from sending didChange to receiving the publishDiagnostics for that version.
Prints p50/p95/max (target: p95 <= 100 ms). Then opens --documents more briefs
and prints the server's resident memory (VmRSS) once all have diagnostics.
The briefs come from bench/throughput.py's generator, so runs compare.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import document  # noqa: E402  (the shared brief generator)

EDIT_WORDS = ["soon", "many customers", "the pods", "at 16:00 UTC", "payments", "ASAP", "4%"]


class Recorder:
    """Keeps the arrival time of each (uri, version) publishDiagnostics."""

    def __init__(self) -> None:
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.event = asyncio.Event()

    def publish(self, params: types.PublishDiagnosticsParams) -> None:
        self.arrived[(params.uri, params.version)] = time.perf_counter()
        self.event.set()

    async def wait(self, uri: str, version: int, timeout: float = 60.0) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.arrived:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            self.event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.event.wait(), 0.5)
        return self.arrived[(uri, version)]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc")


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used (Linux /proc), to read latency on a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def open_params(uri: str, text: str) -> types.DidOpenTextDocumentParams:
    return types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
    )


def random_edit(rng: random.Random, text: str) -> tuple[types.Range, str, str]:
    """Insert a word at a random line start or end, as typing would: (range, new text, result)."""
    lines = text.split("\n")
    line = rng.randrange(len(lines))
    col = len(lines[line]) if rng.random() < 0.5 else 0
    word = rng.choice(EDIT_WORDS) + " "
    where = types.Position(line=line, character=col)  # ASCII text: code points == UTF-16
    lines[line] = lines[line][:col] + word + lines[line][col:]
    return types.Range(start=where, end=where), word, "\n".join(lines)


async def run(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    recorder = Recorder()
    client = LanguageClient("briefcheck-bench", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        recorder.publish(params)

    await client.start_io(sys.executable, "-m", "briefcheck", "serve")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        await client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=root.as_uri(),
                initialization_options={"debounceMs": 0},
            )
        )
        client.initialized(types.InitializedParams())

        text = document(rng, args.words)
        uri = (root / "brief.md").as_uri()
        started = time.perf_counter()
        client.text_document_did_open(open_params(uri, text))
        first = await recorder.wait(uri, 1) - started
        print(
            f"open: {len(text.split()):,}-word brief, first diagnostics after {first * 1000:.0f} ms"
        )

        pid = client._server.pid  # the server process pygls started
        cpu_before = cpu_seconds(pid)
        latencies = []
        for version in range(2, args.edits + 2):
            where, word, text = random_edit(rng, text)
            sent = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[
                        types.TextDocumentContentChangePartial(range=where, text=word)
                    ],
                )
            )
            latencies.append(await recorder.wait(uri, version) - sent)
        latencies.sort()
        q = statistics.quantiles(latencies, n=100)
        p95 = q[94] * 1000
        print(
            f"didChange -> publishDiagnostics over {len(latencies)} edits (debounce 0): "
            f"p50 {q[49] * 1000:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1] * 1000:.1f} ms "
            f"({'meets' if p95 <= 100 else 'misses'} the p95 <= 100 ms target)"
        )
        cpu_ms = (cpu_seconds(pid) - cpu_before) / len(latencies) * 1000
        print(
            f"server CPU per edit: {cpu_ms:.1f} ms; load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} cores (latency above CPU time is waiting for a core)"
        )

        before = rss_mib(pid)
        uris = []
        for i in range(args.documents):
            doc_uri = (root / f"doc{i}.md").as_uri()
            client.text_document_did_open(open_params(doc_uri, document(rng, args.words)))
            uris.append(doc_uri)
        for doc_uri in uris:
            await recorder.wait(doc_uri, 1)
        after = rss_mib(pid)
        print(
            f"server RSS: {before:.0f} MiB with 1 document open, "
            f"{after:.0f} MiB after opening {args.documents} more ({args.words}-word briefs)"
        )
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
