"""The explorer's pages, rendered from Jinja templates for the running server or for a static site.

Every page is the same template in both; only links differ: ``/themes/ID`` on the server, ``themes/ID.html``
(relative, so the site opens from ``file://``) in the static site, where a quote's place in a transcript is a
fragment (``documents/KEY.html#at-START-END``) instead of ``?at=START-END``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2

from ..corrections import statements
from ..models import FACETS, Theme
from ..render import render_profile
from .explorer import FILTERS, GRID_BY, Explorer, document_key

TEMPLATES = Path(__file__).parent / "templates"
FACET_NAMES = {
    "pain_point": "Pain points", "trigger": "Buying triggers", "decision_maker": "Decision makers",
    "goal": "Goals", "objection": "Objections", "alternative": "Alternatives", "outcome": "Outcomes",
    "churn_reason": "Churn reasons", "loss_reason": "Loss reasons", "reason_chosen": "Why customers chose it",
    "complaint": "Complaints today",
}  # fmt: skip
_STATIC_ROUTES = (
    (re.compile(r"^/(themes)?$"), "index.html"),
    (re.compile(r"^/(profile|documents|accounts|ask)$"), r"\1.html"),
    (re.compile(r"^/(themes|documents)/([^/?#]+)$"), r"\1/\2.html"),
)


class Pages:
    """Renders each page; ``static`` makes links relative files, ``token`` goes into every edit form."""

    def __init__(self, explorer: Explorer | None, *, static: bool = False, token: str = "") -> None:
        self.explorer = explorer
        self.static = static
        self.token = token
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,  # every customer text is escaped
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def url(self, path: str, depth: int = 0, **query: str) -> str:
        """A link to a page: server path with its query, or a relative file of the static site."""
        fragment = f"#at-{query['at']}" if query.get("at") else ""  # the browser scrolls to the quote
        if not self.static:
            kept = {k: v for k, v in query.items() if v}
            return path + (f"?{urlencode(kept)}" if kept else "") + fragment
        for pattern, target in _STATIC_ROUTES:
            if pattern.match(path):
                return "../" * depth + pattern.sub(target, path) + fragment
        raise ValueError(f"no static page for {path}")

    def render(self, name: str, *, depth: int = 0, **context: Any) -> str:
        """One page from its template, with the helpers every page uses."""
        explorer = self.explorer

        def link(path: str, **query: str) -> str:
            return self.url(path, depth, **query)

        def theme_link(theme: Theme) -> str:
            return link(f"/themes/{quote(theme.theme_id, safe='')}")

        def quote_link(document: str, start: int, end: int) -> str:
            return link(f"/documents/{document_key(document)}", at=f"{start}-{end}")

        def document_link(doc_id: str) -> str:
            return link(f"/documents/{document_key(doc_id)}")

        return self.env.get_template(name).render(
            static=self.static,
            token=self.token,
            link=link,
            theme_link=theme_link,
            quote_link=quote_link,
            document_link=document_link,
            facet_names=FACET_NAMES,
            facets=FACETS,
            filter_names=FILTERS,
            filter_values={f: explorer.values(f) for f in FILTERS} if explorer else {},
            attribute=explorer.attribute if explorer else None,
            **context,
        )

    @property
    def _explorer(self) -> Explorer:
        if self.explorer is None:
            raise RuntimeError("no workspace loaded")
        return self.explorer

    # --- the pages

    def themes(self, filters: Mapping[str, str], by: str = "segment") -> str:
        """Themes with counts by segment, role, outcome or kind: the theme × segment grid."""
        by = by if by in GRID_BY else "segment"
        chosen = self._explorer.selected(filters)
        themes = self._explorer.themes_in(chosen)
        columns, rows = self._explorer.grid(themes, chosen, by)
        return self.render(
            "themes.html.j2",
            title="Themes",
            filters=filters,
            by=by,
            grid_by=GRID_BY,
            themes=themes,
            columns=columns,
            totals=self._explorer.column_totals(chosen, by, columns),
            rows=rows,
            chosen=len(chosen),
        )

    def theme(self, theme: Theme, filters: Mapping[str, str], *, depth: int = 0) -> str:
        """One theme: its counts, its quotes (filtered) and the analyst's corrections."""
        chosen = self._explorer.selected(filters)
        return self.render(
            "theme.html.j2",
            depth=depth,
            title=theme.label,
            theme=theme,
            filters=filters,
            quotes=[e for e in statements(theme) if e.document in chosen],
            shown={(e.document, e.start, e.end) for e in theme.evidence},
            sources=[d for k in theme.documents if k in chosen and (d := self._explorer.documents.get(k))],
            others=[t for t in self._explorer.report.themes if t.theme_id != theme.theme_id],
            by_outcome=sorted(theme.by_outcome.items()),
        )

    def document(self, key: str, at: tuple[int, int] | None, *, depth: int = 0) -> str:
        """An interview or survey response: who, its themes, and the transcript opened at a quote."""
        document = self._explorer.document(key)
        assert document is not None
        if at and not (0 <= at[0] < at[1] <= len(document.text)):
            at = None
        return self.render(
            "document.html.j2",
            depth=depth,
            title=document.title,
            document=document,
            outcome=self._explorer.outcomes.get(document.doc_id),
            account=self._explorer.accounts.get(document.account_id or ""),
            turns=self._explorer.turns(document, at, anchors=self.static),
            at=at,
            themes=self._explorer.themes_of(document.doc_id),
        )

    def documents(self, filters: Mapping[str, str]) -> str:
        """Every interview and survey respondent, filtered."""
        chosen = self._explorer.selected(filters)
        listed = [d for k, d in sorted(self._explorer.documents.items()) if k in chosen]
        return self.render(
            "documents.html.j2", title="Interviews and respondents", filters=filters, documents=listed
        )

    def accounts(self) -> str:
        """Accounts with their outcomes, and the outcome signals."""
        return self.render(
            "accounts.html.j2",
            title="Accounts and signals",
            accounts=sorted(self._explorer.accounts.values(), key=lambda a: a.account_id),
            signals=self._explorer.report.signals,
        )

    def ask(self, question: str, filters: Mapping[str, str], answer: Any = None, error: str = "") -> str:
        """The ask box and, after a question, the cited answer."""
        return self.render(
            "ask.html.j2", title="Ask", question=question, filters=filters, answer=answer, error=error
        )

    def profile(self, *, depth: int = 0) -> str:
        """The one-page profile, as `build` writes it, under the explorer's navigation bar."""
        page = render_profile(self._explorer.report, fmt="html")
        nav = self.render("nav.html.j2", depth=depth, title="Profile")
        return page.replace("<body>", "<body>\n" + nav, 1)

    def error(self, status: int, message: str) -> str:
        """A page saying what went wrong and what to do; never a traceback."""
        return self.render("error.html.j2", title=f"{status}", status=status, message=message)
