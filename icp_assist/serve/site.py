"""The explorer as a static site: the same pages as HTML files with relative links, opened from disk."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..outputs import write_text_atomic
from .explorer import Explorer, document_key
from .pages import Pages


def export_site(explorer: Explorer, out_dir: Path) -> list[Path]:
    """Write index.html (themes), profile, documents, accounts, one page per theme and per document."""
    pages = Pages(explorer, static=True)
    out_dir = Path(out_dir)
    for folder in ("themes", "documents"):
        shutil.rmtree(out_dir / folder, ignore_errors=True)  # pages of themes since merged or hidden
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    written = {
        "index.html": pages.themes({}),
        "profile.html": pages.profile(),
        "documents.html": pages.documents({}),
        "accounts.html": pages.accounts(),
        "ask.html": pages.ask("", {}),
    }
    for theme in explorer.report.themes:
        written[f"themes/{theme.theme_id}.html"] = pages.theme(theme, {}, depth=1)
    for doc_id in explorer.documents:
        key = document_key(doc_id)
        written[f"documents/{key}.html"] = pages.document(key, None, depth=1)
    return [write_text_atomic(out_dir / name, html) for name, html in written.items()]
