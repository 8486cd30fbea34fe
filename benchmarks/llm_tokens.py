"""LLM cost benchmark: calls and prompt/completion tokens per sample interview on the LLM path.

    .venv/bin/python benchmarks/llm_tokens.py [--interviews 14]

Serves SmolLM2-135M with llama-cpp-python on loopback (as the end-to-end test does), ingests the sample
interviews, runs `build` with `--llm openai:smollm2` from a cold cache, and reports per interview: the
extraction calls, the prompt and completion tokens the server counted, the tokens of the transcript's turns
(the server's own tokenizer; file headers and timestamps are not sent), and the ratio of prompt tokens to
transcript tokens (the overhead of the instructions, the schema and the speaker labels). Token counts depend on the tokenizer, so the ratio is
what carries over to other models; the wall time here is this tiny model on 2 CPU cores.
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

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work" / "llm-tokens"
sys.path.insert(0, str(ROOT / "tests"))

from local_llm import MODEL_NAME, missing, serve_smollm2  # noqa: E402


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
    args = parser.parse_args()
    if reason := missing():
        sys.exit(f"cannot run: {reason}")

    from icp_assist.build import build_profile
    from icp_assist.config import load_settings
    from icp_assist.embed import MiniLMEmbedder
    from icp_assist.ingest import ingest
    from icp_assist.llm import open_llm
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
        # The turns' own words: what any prompt must carry (file headers and timestamps are not sent).
        transcript = {
            d.title: count_tokens(base_url, "\n".join(d.turn_text(t) for t in d.turns)) for d in interviews
        }

    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    other = [0, 0, 0]
    for label, prompt, completion in llm.session.ledger:
        title = next((t for t in transcript if label == t or label.startswith(f"{t} part ")), None)
        row = per[title] if title else other
        row[0] += 1
        row[1] += prompt
        row[2] += completion
    print(
        "| interview | transcript tokens | calls | prompt tokens | completion tokens | prompt / transcript |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for title, tokens in transcript.items():
        calls, prompt, completion = per[title]
        print(f"| {title} | {tokens:,} | {calls} | {prompt:,} | {completion:,} | {prompt / tokens:.2f} |")
    total_t = sum(transcript.values())
    total = [sum(per[t][i] for t in transcript) for i in range(3)]
    print(
        f"| **all {len(transcript)} interviews** | {total_t:,} | {total[0]} | {total[1]:,} | {total[2]:,} | {total[1] / total_t:.2f} |"
    )
    print(f"| naming and summary calls | | {other[0]} | {other[1]:,} | {other[2]:,} | |")
    tally = result.report.llm
    assert tally is not None
    print(
        f"\nbuild with --llm openai:{MODEL_NAME}: {seconds:.0f} s, {tally.calls} calls ({tally.reasks} re-asks, "
        f"{len(tally.skipped)} skipped), {len(result.report.themes)} themes, {tally.rejected_quotes} quotes rejected "
        f"{dict(tally.rejected_by_reason)}, {tally.rejected_claims} claims rejected"
    )


if __name__ == "__main__":
    main()
