"""`icp-assist serve`: a local evidence explorer, and `build --site`: the same pages as static HTML."""

from __future__ import annotations

from pathlib import Path

from ..config import Settings
from ..embed import Embedder
from ..errors import IcpAssistError
from ..models import ProfileReport
from .app import create_app
from .explorer import Explorer, document_key, load_explorer
from .site import export_site

DEFAULT_HOST = "127.0.0.1"  # the explorer shows customer words: only this machine, unless told otherwise
DEFAULT_PORT = 8765


def serve(*, settings: Settings, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Load the workspace once (model, index, analysis) and serve the explorer until interrupted.

    A workspace that cannot be loaded still gets a server: every page says what is wrong and what to do.
    """
    import uvicorn

    try:
        explorer: Explorer | None = load_explorer(settings)
        problem = ""
    except IcpAssistError as ex:
        explorer, problem = None, str(ex)
    app = create_app(explorer, problem=problem, hosts=allowed_hosts(host))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def allowed_hosts(host: str) -> list[str]:
    """Host names a request may use: loopback names, or any when listening on every address."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    return sorted({"127.0.0.1", "localhost", "[::1]", host})


def write_site(
    *,
    settings: Settings,
    out_dir: Path,
    report: ProfileReport | None = None,
    embedder: Embedder | None = None,
) -> list[Path]:
    """Write the explorer's pages (of ``report``, or the workspace's analysis) as a static site; no ask index
    is built, since asking needs the server."""
    explorer = load_explorer(settings, embedder=embedder, ask_index=False, report=report)
    return export_site(explorer, out_dir)


__all__ = [
    "allowed_hosts",
    "create_app",
    "document_key",
    "export_site",
    "load_explorer",
    "serve",
    "write_site",
]
