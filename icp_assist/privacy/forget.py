"""Forget on request: a file, an account or a person leaves the workspace with every trace of it.

Records and vectors go the way ``ingest --prune`` removes a source (``Workspace.remove_source``), or
document by document for an account or a person; then the cached embeddings of their statements, every
cached build and LLM answer (the next build asks again), the statement index `ask` keeps, the codebook's
themes whose label is a phrase of theirs (the other themes keep their ids, so the analyst's corrections
still apply), the LLM path's codebook (its labels are the model's words), the corrections' references to their quotes, and the pseudonyms only they used. A person's CRM rows are the accounts whose owner, contact, e-mail
or phone column names them: the pseudonyms only those rows used go (the account stays, a company). A forgotten
file comes back if it is ingested again; a forgotten account's or person's documents do not, as long as their
file is unchanged (its source stays recorded, with nothing in it).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..analyze.codebook import LLM_CODEBOOK_FILE, CodebookError, load_codebook, save_codebook
from ..analyze.themes import CODEBOOK_FILE
from ..analyze.units import customer_units
from ..ask_index import FOLDER as ASK_INDEX
from ..corrections import forget_quotes
from ..errors import ConfigError
from ..ingest.chunks import chunk_document
from ..records import Account, Document
from ..store import Workspace
from .accounts import people_in
from .pseudonyms import PSEUDONYMS_FILE, Entry, Pseudonyms, normal_key
from .redact import names_in, people_of


@dataclass
class Forgotten:
    """What a forget removed."""

    sources: list[str] = field(default_factory=list)
    documents: int = 0
    accounts: int = 0
    chunks: int = 0
    pseudonyms: list[str] = field(default_factory=list)


def forget(
    workspace: Workspace, *, path: Path | None = None, account: str | None = None, person: str | None = None
) -> Forgotten:
    """Remove a file (or a folder's files), an account, or a person, and everything derived from them."""
    if sum(x is not None for x in (path, account, person)) != 1:
        raise ConfigError("say what to forget: a PATH, --account ID or --person NAME (one of them)")
    documents = list(workspace.documents())
    pseudonyms = Pseudonyms(workspace.path)
    forgotten = Forgotten()
    entry: Entry | None = None
    crm_rows: list[str] = []  # the accounts whose pseudonyms go with them
    if path is not None:
        forgotten.sources = _sources_under(workspace, path)
        gone = [d for d in documents if d.source in forgotten.sources]
        forgotten.accounts = sum(workspace.accounts_of_source(s) for s in forgotten.sources)
        forgotten.chunks = sum(len(workspace.chunk_ids_of_source(s)) for s in forgotten.sources)
        for source in forgotten.sources:
            workspace.remove_source(source)
    else:
        if account is not None:
            gone = [d for d in documents if d.account_id == account]
            forgotten.accounts = len(workspace.remove_accounts([account]))
            crm_rows = [account]
        else:
            assert person is not None
            entry = pseudonyms.find_person(person)
            gone = [d for d in documents if _speaks_in(d, person, entry)]
            crm_rows = [a.account_id for a in workspace.accounts() if _named_in(a, person, entry)]
        forgotten.chunks = workspace.remove_documents([d.doc_id for d in gone])
    forgotten.documents = len(gone)
    if not (gone or forgotten.sources or forgotten.accounts or entry):
        raise ConfigError(f"nothing in workspace {workspace.path} matches {path or account or person!r}")
    workspace.forget_derived(derived_texts(gone))
    gone_ids = {d.doc_id for d in gone}
    _forget_in_codebook(workspace.path, gone, [d for d in documents if d.doc_id not in gone_ids])
    forget_quotes(workspace.path, {d.doc_id for d in gone})
    shutil.rmtree(workspace.path / ASK_INDEX, ignore_errors=True)  # vectors, speakers and questions
    forgotten.pseudonyms = _forget_pseudonyms(workspace, pseudonyms, gone, forgotten.sources, entry, crm_rows)
    return forgotten


def _forget_in_codebook(folder: Path, documents: list[Document], remaining: Sequence[Document]) -> None:
    """Drop the remembered themes whose label is a phrase of these documents and of none that ``remaining``; the
    others keep their ids. A label still said in the workspace is no trace of what was forgotten: a survey's old
    export forgotten beside its re-export, as the tool advises, left every survey theme a new id and `diff`
    reporting themes removed and added where nothing changed (qa289).
    The LLM path's labels are the model's words, which may carry any detail of what it read: that codebook goes."""
    (folder / LLM_CODEBOOK_FILE).unlink(missing_ok=True)
    path = folder / CODEBOOK_FILE
    try:
        entries = load_codebook(path)
    except CodebookError:
        path.unlink(missing_ok=True)
        return
    said = "\0".join(d.text.casefold() for d in documents)
    still = "\0".join(d.text.casefold() for d in remaining)
    kept = [e for e in entries if e.label.casefold() not in said or e.label.casefold() in still]
    if len(kept) < len(entries):
        save_codebook(path, kept)


def _sources_under(workspace: Workspace, path: Path) -> list[str]:
    """The stored sources that are this file or lie in this folder."""
    target = path.resolve()
    found = [
        source
        for source, _, _ in workspace.sources()
        if Path(source) == target or Path(source).is_relative_to(target)
    ]
    if not found:
        raise ConfigError(f"{path} is not in workspace {workspace.path}: nothing was ingested from it")
    return found


def _speaks_in(document: Document, name: str, entry: Entry | None) -> bool:
    """True when the person is a customer speaker or the interviewee/respondent of the document."""
    wanted = {normal_key("Person", name)}
    if entry is not None:
        wanted |= {entry.key, entry.pseudonym.casefold()}
    customers = {t.speaker for t in document.turns if t.is_customer}
    # the interviewers are the other speakers and whoever the metadata names as one; the interviewee the metadata
    # names is the customer, however the transcript spells them (qa319: "Brenda Kowalczyk" of the manifest, typed
    # "Brenda Kowalcyzk" in the Zoom file, was no one forget found)
    interviewers = {t.speaker for t in document.turns if not t.is_customer} | {
        name
        for key, value in document.metadata.items()
        if "interviewer" in key.casefold() and isinstance(value, str)
        for name in names_in(value)
    }
    named = (customers | set(people_of(document))) - interviewers
    return any(normal_key("Person", n) in wanted for n in named)


def _named_in(account: Account, name: str, entry: Entry | None) -> bool:
    """True when one of the account's person columns (contact, owner, e-mail…) names the person."""
    wanted = {normal_key("Person", name)}
    if entry is not None:
        wanted |= {entry.key, entry.pseudonym.casefold()}
    return any(normal_key("Person", n) in wanted for n in people_in(account))


def derived_texts(documents: list[Document]) -> list[str]:
    """Every text of these documents the workspace may have embedded and cached: statements, questions, turns,
    and the chunks ingest embedded (their vectors are cached under their text too)."""
    units = customer_units(documents)
    texts = [u.text for u in units] + [u.question for u in units if u.question]
    chunks = [c.text for d in documents for c in chunk_document(d)]
    return texts + chunks + [d.turn_text(t) for d in documents for t in d.turns]


def _forget_pseudonyms(
    workspace: Workspace,
    pseudonyms: Pseudonyms,
    gone: list[Document],
    sources: list[str],
    entry: Entry | None,
    crm_rows: list[str],
) -> list[str]:
    """Drop the person's mapping and every mapping only the forgotten documents and CRM rows used.

    The pseudonyms dropped are returned.
    """
    if not (workspace.path / PSEUDONYMS_FILE).is_file():
        return []
    before = {e.pseudonym for e in pseudonyms.entries.values()}
    if entry is not None:
        pseudonyms.forget_entry(entry)
    left = {d.source for d in workspace.documents()}
    emptied = set(sources) | {d.source for d in gone if d.source not in left}
    pseudonyms.forget_sources(emptied, accounts=crm_rows)
    pseudonyms.save()
    return sorted(before - {e.pseudonym for e in pseudonyms.entries.values()})
