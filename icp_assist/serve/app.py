"""The explorer's web app: plain, linkable pages over one loaded workspace, and corrections by POST only."""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Sequence
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..corrections import Correction, CorrectionsError, QuoteRef
from ..errors import IcpAssistError
from ..models import FACETS
from .explorer import FILTERS, Explorer
from .pages import Pages

_AT = re.compile(r"^(\d+)-(\d+)$")
_MOVES = {"move_to_facet": "move_quote"}  # the form's button → the correction it records


def create_app(
    explorer: Explorer | None, *, problem: str = "", hosts: Sequence[str] | None = None
) -> FastAPI:
    """The app over a loaded explorer; with none, every page says what is wrong with the workspace.

    With ``hosts``, requests naming any other host are refused, so a web page cannot reach the explorer
    through a DNS name rebound to 127.0.0.1.
    """
    app = FastAPI(title="icp-assist explorer", docs_url=None, redoc_url=None, openapi_url=None)
    if hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))
    token = secrets.token_urlsafe(32)  # per server session: every edit form carries it
    pages = Pages(explorer, token=token)
    app.state.pages, app.state.token = pages, token

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, ex: HTTPException) -> HTMLResponse:
        return HTMLResponse(pages.error(ex.status_code, str(ex.detail)), status_code=ex.status_code)

    @app.exception_handler(Exception)
    async def server_error(request: Request, ex: Exception) -> HTMLResponse:
        message = str(ex) if isinstance(ex, IcpAssistError) else f"the explorer failed: {type(ex).__name__}"
        return HTMLResponse(pages.error(500, message), status_code=500)

    @app.middleware("http")
    async def require_workspace(request: Request, call_next):  # type: ignore[no-untyped-def]
        if explorer is None:
            return HTMLResponse(pages.error(503, problem or "no workspace is loaded"), status_code=503)
        return await call_next(request)

    def loaded() -> Explorer:
        assert explorer is not None  # the middleware answers every request when it is None
        return explorer

    def filters(request: Request) -> dict[str, str]:
        return {k: request.query_params.get(k, "") for k in FILTERS}

    @app.get("/", response_class=HTMLResponse)
    @app.get("/themes", response_class=HTMLResponse)
    def themes(request: Request, by: str = "segment") -> str:
        return pages.themes(filters(request), by)

    @app.get("/themes/{theme_id}", response_class=HTMLResponse)
    def theme(request: Request, theme_id: str) -> str:
        found = loaded().theme(theme_id)
        if found is None:
            raise HTTPException(404, f"no theme {theme_id!r} in this workspace's analysis")
        return pages.theme(found, filters(request))

    @app.get("/documents", response_class=HTMLResponse)
    def documents(request: Request) -> str:
        return pages.documents(filters(request))

    @app.get("/documents/{key}", response_class=HTMLResponse)
    def document(key: str, at: str = "") -> str:
        if loaded().document(key) is None:
            raise HTTPException(404, f"no interview or survey response {key!r} in this workspace")
        span = _AT.match(at)
        if at and not span:
            raise HTTPException(400, f"at={at!r}: give the quote's characters as START-END, e.g. at=120-188")
        return pages.document(key, (int(span[1]), int(span[2])) if span else None)

    @app.get("/accounts", response_class=HTMLResponse)
    def accounts() -> str:
        return pages.accounts()

    @app.get("/profile", response_class=HTMLResponse)
    def profile() -> str:
        return pages.profile()

    @app.get("/ask", response_class=HTMLResponse)
    def ask(request: Request, q: str = "") -> str:
        chosen = filters(request)
        if not q.strip():
            return pages.ask("", chosen)
        try:
            answer = loaded().ask(q, chosen)
        except IcpAssistError as ex:
            return pages.ask(q, chosen, error=str(ex))
        return pages.ask(q, chosen, answer)

    @app.post("/themes/{theme_id}/correct")
    async def correct(request: Request, theme_id: str) -> Response:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        sent = (form.get("token") or [""])[0]
        if not hmac.compare_digest(sent.encode(), token.encode()):
            raise HTTPException(
                403, "this edit did not come from the explorer's own page (token missing or old)"
            )
        if loaded().theme(theme_id) is None:
            raise HTTPException(404, f"no theme {theme_id!r} in this workspace's analysis")
        correction = _correction(theme_id, form)
        try:
            skipped = loaded().correct(correction)
        except CorrectionsError as ex:
            raise HTTPException(409, str(ex)) from None
        if skipped:
            raise HTTPException(400, "; ".join(skipped))
        shown = correction.into if correction.action == "merge" else theme_id
        if correction.action == "hide":
            return RedirectResponse("/themes", status_code=303)
        return RedirectResponse(f"/themes/{quote(shown or theme_id, safe='')}", status_code=303)

    return app


def _correction(theme_id: str, form: dict[str, list[str]]) -> Correction:
    """The correction a submitted form asks for; 400 when it is incomplete."""
    one = lambda name: (form.get(name) or [""])[0].strip()  # noqa: E731
    action = one("action")
    quotes = [_quote_ref(value) for value in form.get("quote", [])]
    facet = one("facet") or None
    # One form holds every quote action: keep only the fields the chosen one uses.
    into = one("into") or None if action in ("merge", "move_quote") else None
    label = one("label") or None if action in ("rename", "split") else None
    checks = {
        "rename": bool(one("label")),
        "merge": bool(into),
        "split": bool(quotes),
        "hide": True,
        "set_facet": facet in FACETS,
        "move_quote": bool(quotes and into),
        "move_to_facet": bool(quotes and facet in FACETS),
        "not_evidence": bool(quotes),
    }
    if not checks.get(action):
        raise HTTPException(
            400, f"incomplete correction {action!r}: choose what it needs (a label, a theme, quotes)"
        )
    return Correction.model_validate(
        {
            "action": _MOVES.get(action, action),
            "theme_id": theme_id,
            "label": label,
            "into": into,
            "facet": facet if action in ("set_facet", "move_to_facet", "split") and facet in FACETS else None,
            "quotes": quotes,
        }
    )


def _quote_ref(value: str) -> QuoteRef:
    document, _, offsets = value.rpartition("|")
    document, _, start = document.rpartition("|")
    if not (document and start.isdigit() and offsets.isdigit()):
        raise HTTPException(400, f"not a quote: {value!r}")
    return QuoteRef(document=document, start=int(start), end=int(offsets))
