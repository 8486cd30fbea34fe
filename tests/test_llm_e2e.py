"""End to end against a real OpenAI-compatible server on loopback (llama-cpp-python + SmolLM2-135M, offline):
`icp-assist build --llm` through the same code path users take. The model is far too small to extract well;
this proves the plumbing, the schema, the evidence gate and the error handling, not quality."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES
from local_llm import MODEL_NAME, LocalServer, kill, missing, serve_smollm2

from icp_assist.analyze import is_verbatim
from icp_assist.store import Workspace

ICP_ASSIST = Path(sys.executable).parent / "icp-assist"
INTERVIEWS = ["08_cobalt_dental_group.md", "05_harbor_pine_coffee.txt"]


def _require_local_llm() -> None:
    reason = missing()
    if reason:
        if os.environ.get("ICP_ASSIST_REQUIRE_LOCAL_LLM"):
            pytest.fail(f"the end-to-end LLM test must run here: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    _require_local_llm()
    with serve_smollm2() as running:
        yield running


def _run(
    args: list[str], env: dict[str, str], cwd: Path, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ICP_ASSIST), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("e2e")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ICP_ASSIST_", "OPENAI_"))}
    env |= {"ICP_ASSIST_WORKSPACE": str(root / "ws"), "HF_HUB_OFFLINE": "1"}
    env |= {"ICP_ASSIST_REDACT": "false"}  # the plumbing under test; redaction is tested in test_privacy.py
    done = _run(["ingest", *(str(SAMPLES / "interviews" / name) for name in INTERVIEWS)], env, root)
    assert done.returncode == 0, done.stderr
    return root, env


def test_build_with_a_real_local_server(
    server: LocalServer, ingested: tuple[Path, dict[str, str]], embedder
) -> None:
    root, env = ingested
    env = env | {"OPENAI_BASE_URL": server.base_url}
    done = _run(["build", "--llm", f"openai:{MODEL_NAME}", "--out", "out"], env, root)
    assert done.returncode == 0, server.explain(done.stderr)
    assert f"LLM openai:{MODEL_NAME}:" in done.stdout
    out = root / "out"
    tally = json.loads((out / "llm-report.json").read_text())
    # The two short interviews share one extraction call; the profile summary is another.
    assert tally["model"] == f"openai:{MODEL_NAME}" and tally["calls"] >= 2
    assert tally["prompt_tokens"] > 0 and tally["completion_tokens"] > 0
    assert not any(
        server.base_url in p.read_text() for p in out.iterdir()
    )  # no endpoint (nor key) in the outputs
    # Whatever the small model said, only verbatim customer quotes reach the outputs.
    with Workspace(root / "ws", embedding_name=embedder.name) as ws:
        documents = {d.doc_id: d for d in ws.documents()}
    icp = json.loads((out / "icp.json").read_text())
    themes = json.loads((out / "themes.json").read_text())
    quotes = [e for t in themes for e in t["evidence"]]
    quotes += [
        e
        for section in icp.values()
        if isinstance(section, list)
        for c in section
        if isinstance(c, dict)
        for e in c.get("evidence", [])
    ]
    from icp_assist.models import Evidence

    for quote in quotes:
        evidence = Evidence.model_validate(quote)
        assert is_verbatim(evidence, documents[evidence.document])
    # A second build reuses every answer from the cache.
    again = _run(["build", "--llm", f"openai:{MODEL_NAME}", "--out", "out"], env, root)
    assert again.returncode == 0 and "cached analysis reused" in again.stdout, server.explain(again.stderr)


def test_a_server_that_answers_too_slowly_gives_a_clear_message(
    server: LocalServer, ingested: tuple[Path, dict[str, str]]
) -> None:
    root, env = ingested
    env = env | {
        "OPENAI_BASE_URL": server.base_url,
        "ICP_ASSIST_LLM_TIMEOUT": "0.05",
        "ICP_ASSIST_LLM_RETRIES": "1",
    }
    done = _run(["build", "--llm", f"openai:{MODEL_NAME}-slow", "--out", "slow"], env, root)
    assert done.returncode == 1
    assert "still failing after 2 attempts" in done.stderr and "run the same command again" in done.stderr
    assert "Traceback" not in done.stderr
    server.raise_if_dead()  # a timeout on our side, not a crash on the server's


def test_a_server_that_is_not_there_gives_a_clear_message(ingested: tuple[Path, dict[str, str]]) -> None:
    root, env = ingested
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = env | {"OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1", "ICP_ASSIST_LLM_RETRIES": "1"}
    done = _run(["build", "--llm", "openai:anything", "--out", "down"], env, root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"openai:anything at http://127.0.0.1:{port}/v1 still failing after 2 attempts" in done.stderr
    assert "ConnectionError" in done.stderr


def test_a_server_that_dies_mid_build_is_named(ingested: tuple[Path, dict[str, str]]) -> None:
    """The server crashes (SIGKILL) after its first completion: the build stops with one message that names
    the server and says it stopped answering, not a bare connection error, and no traceback."""
    _require_local_llm()
    root, env = ingested
    with serve_smollm2() as doomed:
        env = env | {"OPENAI_BASE_URL": doomed.base_url, "ICP_ASSIST_LLM_RETRIES": "1"}
        build = subprocess.Popen(
            [str(ICP_ASSIST), "build", "--llm", f"openai:{MODEL_NAME}-dies", "--out", "dies"],
            env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 300
        while "/v1/chat/completions" not in doomed.log_tail(100_000):
            assert build.poll() is None, f"the build ended before any call: {build.communicate()}"
            assert time.monotonic() < deadline, "no completion request reached the server"
            time.sleep(0.2)
        kill(doomed)
        stdout, stderr = build.communicate(timeout=300)
    assert build.returncode == 1, stdout + stderr
    assert "Traceback" not in stderr
    assert f"openai:{MODEL_NAME}-dies at {doomed.base_url} still failing after 2 attempts" in stderr
    assert "has it stopped or crashed?" in stderr, stderr


def test_the_local_llama_build_is_portable() -> None:
    """The installed llama.cpp CPU library has no AMX or AVX-512 instruction: these VMs advertise AMX but trap
    it, so a build tuned with -march=native crashes on its first completion (see the Makefile)."""
    _require_local_llm()
    objdump = shutil.which("objdump")
    if objdump is None:
        pytest.skip("objdump (binutils) is not installed")
    spec = importlib.util.find_spec("llama_cpp")
    assert spec is not None and spec.submodule_search_locations
    libraries = sorted(Path(spec.submodule_search_locations[0]).rglob("libggml-cpu*.so*"))
    assert libraries, "no libggml-cpu library in the llama_cpp package"
    trapped = re.compile(r"\b(tileloadd\w*|tilestored|ldtilecfg|tdpb\w+|tilezero)\b|%zmm\d+")
    for library in libraries:
        listing = subprocess.run(
            [objdump, "-d", "--no-show-raw-insn", str(library)], capture_output=True, text=True, check=True
        ).stdout
        found = sorted({m.group(0) for m in trapped.finditer(listing)})
        assert not found, f"{library.name} uses instructions these machines trap: {found[:5]}"
