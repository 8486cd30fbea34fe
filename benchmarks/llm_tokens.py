"""LLM cost benchmark: calls and prompt/completion tokens per sample interview on the LLM path.

    .venv/bin/python benchmarks/llm_tokens.py [--interviews 14]
    .venv/bin/python benchmarks/llm_tokens.py --offline [--interviews 14]

Serves SmolLM2-135M with llama-cpp-python on loopback (as the end-to-end test does), ingests the sample
interviews, runs `build` with `--llm openai:smollm2` from a cold cache, and reports per extraction call: the
interviews it carried, the prompt and completion tokens the server counted, the tokens of those interviews'
turns (the server's own tokenizer; file headers and timestamps are not sent), and the ratio of prompt tokens to
transcript tokens (the overhead of the instructions, the schema and the speaker labels). Token counts depend
on the tokenizer, so the ratio is what carries over to other models; the wall time here is this tiny model on
2 CPU cores.

``--offline`` runs no model: it renders the extraction prompts the build would send and counts, with the same
SmolLM2 tokenizer (llama-cpp-python, vocabulary only), the system and user messages plus the tool schema as
JSON. The server's chat template adds a few tokens per call that this count leaves out.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work" / "llm-tokens"
sys.path.insert(0, str(ROOT / "tests"))

from local_llm import MODEL_NAME, missing, serve_smollm2, smollm2_gguf  # noqa: E402


def count_tokens(base_url: str, text: str) -> int:
    """Tokens of ``text`` under the served model's tokenizer (llama-cpp-python's /extras/tokenize/count)."""
    request = urllib.request.Request(
        base_url.removesuffix("/v1") + "/extras/tokenize/count",
        data=json.dumps({"input": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return int(json.load(response)["count"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interviews", type=int, default=14, help="How many sample interviews to use.")
    parser.add_argument("--offline", action="store_true", help="Count the rendered prompts; run no model.")
    args = parser.parse_args()
    if reason := missing():
        sys.exit(f"cannot run: {reason}")
    if args.offline:
        offline(args.interviews)
        return

    from icp_assist.build import build_profile
    from icp_assist.config import load_settings
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.ingest import ingest
    from icp_assist.llm import open_llm
    from icp_assist.llm.extract import excerpts
    from icp_assist.store import Workspace

    shutil.rmtree(WORK, ignore_errors=True)
    files = sorted(p for p in (ROOT / "samples" / "interviews").iterdir() if p.name != "manifest.csv")
    embedder = MiniLMEmbedder()
    with serve_smollm2() as server, Workspace(WORK / "ws", embedding_name=embedder.name) as ws:
        ingest(
            [*files[: args.interviews], ROOT / "samples" / "interviews" / "manifest.csv"],
            workspace=ws,
            embedder=embedder,
        )
        base_url = server.base_url
        settings = load_settings(workspace=WORK / "ws", llm=f"openai:{MODEL_NAME}", llm_base_url=base_url)
        llm = open_llm(settings, ws)
        assert llm is not None
        started = time.perf_counter()
        result = build_profile(ws, embedder, out_dir=WORK / "out", llm=llm)
        seconds = time.perf_counter() - started
        interviews = list(ws.documents(kind="interview"))
        parts = excerpts(interviews, max_chars=settings.llm_chunk_chars)
        # The turns' own words: what any prompt must carry (file headers and timestamps are not sent).
        transcript = {part.label: sum(count_tokens(base_url, t) for t in turn_texts(part)) for part in parts}

    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    other = [0, 0, 0]
    for label, prompt, completion in llm.session.ledger:  # a re-ask is one more row under its call's label
        row = per[label] if label in transcript else other
        row[0] += 1
        row[1] += prompt
        row[2] += completion
    print(
        "| extraction call: interviews | transcript tokens | calls | prompt tokens | completion tokens "
        "| prompt / transcript |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, tokens in transcript.items():
        calls, prompt, completion = per[label]
        print(f"| {label} | {tokens:,} | {calls} | {prompt:,} | {completion:,} | {prompt / tokens:.2f} |")
    total_t = sum(transcript.values())
    total = [sum(per[label][i] for label in transcript) for i in range(3)]
    print(
        f"| **all {len(interviews)} interviews** | {total_t:,} | {total[0]} | {total[1]:,} | {total[2]:,} "
        f"| {total[1] / total_t:.2f} |"
    )
    print(f"| naming and summary calls | | {other[0]} | {other[1]:,} | {other[2]:,} | |")
    tally = result.report.llm
    assert tally is not None
    print(
        f"\nbuild with --llm openai:{MODEL_NAME}: {seconds:.0f} s, {tally.calls} calls ({tally.reasks} re-asks, "
        f"{len(tally.skipped)} skipped), {len(result.report.themes)} themes, {tally.rejected_quotes} quotes rejected "
        f"{dict(tally.rejected_by_reason)}, {tally.rejected_claims} claims rejected"
    )


def turn_texts(part: Any) -> list[str]:
    """The words of each interview in an extraction call: its turns as sent, one per line, nothing else."""
    return ["\n".join(doc.turn_text(doc.turns[i]) for i in turns) for doc, turns in part.sources.values()]


def offline(count: int) -> None:
    """Token counts of the extraction prompts as rendered, with the SmolLM2 tokenizer; no model runs."""
    from llama_cpp import Llama

    from icp_assist.config import load_settings
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.ingest import ingest
    from icp_assist.llm.extract import Extraction, excerpts
    from icp_assist.llm.prompts import load_prompt
    from icp_assist.store import Workspace

    vocab = Llama(model_path=str(smollm2_gguf()), vocab_only=True, verbose=False)

    def tokens(text: str) -> int:
        return len(vocab.tokenize(text.encode(), add_bos=False, special=False))

    shutil.rmtree(WORK, ignore_errors=True)
    files = sorted(p for p in (ROOT / "samples" / "interviews").iterdir() if p.name != "manifest.csv")
    embedder = MiniLMEmbedder()
    chunk = load_settings().llm_chunk_chars
    schema = json.dumps(Extraction.model_json_schema(), ensure_ascii=False)
    prompt = load_prompt("extract")
    with Workspace(WORK / "ws", embedding_name=embedder.name) as ws:
        ingest(
            [*files[:count], ROOT / "samples" / "interviews" / "manifest.csv"],
            workspace=ws,
            embedder=embedder,
        )
        interviews = list(ws.documents(kind="interview"))
    parts = excerpts(interviews, max_chars=chunk)
    print(f"{prompt.key}, llm_chunk_chars {chunk}, tool schema as JSON {tokens(schema):,} tokens")
    print(
        "| extraction call: interviews | transcript tokens | prompt tokens (messages) | prompt / transcript "
        "| with the schema as JSON |"
    )
    print("|---|---:|---:|---:|---:|")
    sums = [0, 0, 0]
    for part in parts:
        words = sum(tokens(t) for t in turn_texts(part))
        sent = sum(tokens(str(m.content)) for m in prompt.render(sources=part.as_data()))
        with_schema = sent + tokens(schema)
        sums = [sums[0] + words, sums[1] + sent, sums[2] + with_schema]
        print(f"| {part.label} | {words:,} | {sent:,} | {sent / words:.2f} | {with_schema / words:.2f} |")
    print(
        f"| **{len(interviews)} interviews, {len(parts)} calls** | {sums[0]:,} | {sums[1]:,} "
        f"| {sums[1] / sums[0]:.2f} | {sums[2] / sums[0]:.2f} |"
    )


if __name__ == "__main__":
    main()
