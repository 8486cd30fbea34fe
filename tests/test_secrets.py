"""API keys never reach a person's screen: the embeddings path and the CLI edge redact what a server echoes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from icp_assist.cli import cli
from icp_assist.embed import get_embedder
from icp_assist.errors import EmbeddingError
from icp_assist.secrets import redact

KEY = "custom-credential-0123456789abcdef"  # matches no key pattern: only the environment lookup can catch it


class EchoCredential(BaseHTTPRequestHandler):
    """Answers every POST with 401 and the Authorization header it was sent, as a careless server does."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps({"error": {"message": f"Invalid credential: {self.headers['Authorization']}"}})
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def echo_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoCredential)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    yield url
    server.shutdown()
    server.server_close()


def test_embedding_error_redacts_the_echoed_key(echo_server: str) -> None:
    with pytest.raises(EmbeddingError) as info:
        get_embedder("openai:text-embedding-3-small").embed(["hello"])
    message = str(info.value)
    assert "HTTP 401" in message and "Invalid credential" in message
    assert KEY not in message and "***" in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_cli_ingest_with_openai_embeddings_never_prints_the_key(echo_server: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "call.md").write_text("Interviewer: Hi\nCustomer: We key every invoice by hand.\n")
    result = CliRunner().invoke(
        cli, ["ingest", str(corpus), "--workspace", str(tmp_path / "ws"), "--embedding", "openai:x"]
    )
    assert result.exit_code != 0
    assert KEY not in result.output and "Invalid credential" in result.output
    assert "Traceback" not in result.output


def test_redact_covers_env_keys_patterns_bearer_and_url_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "plainsecretvalue")
    text = redact(
        "plainsecretvalue sk-proj-abcdefghijkl Bearer abc.DEF-ghi_123456 https://me:pw@host/v1 Authorization: Basic dXNlcjpwYXNz"
    )
    assert "plainsecretvalue" not in text and "abcdefghijkl" not in text
    assert "abc.DEF" not in text and "me:pw" not in text and "dXNlcjpwYXNz" not in text
