"""The workspace: structured records in SQLite, chunk vectors in Chroma, kept consistent with each other.

SQLite is the record of what is ingested. A source is replaced in three steps: its new chunks are
added to Chroma, the SQLite transaction swaps its records (the commit point), then its old chunks
are deleted from Chroma. A run stopped anywhere leaves SQLite at the old or the new state, and any
chunk Chroma holds that SQLite does not know is swept away on the next write; a chunk SQLite knows
that Chroma lacks (a lost write, a deleted ``chroma/``) is found by ``missing_vectors`` and re-embedded.

One writer at a time: a writer holds an exclusive lock on ``.lock`` in the workspace for as long as it
is open; a second writer waits up to ``ICP_ASSIST_LOCK_TIMEOUT`` seconds, then fails with a clear
message. Readers (``status``) open SQLite read-only and take no lock.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .embed import Embedder
from .errors import StoreError
from .records import Account, Chunk, Document, Turn, join_accounts
from .vectors import COLLECTION_SETTINGS, chroma_client, delete_chunks, update_metadata, upsert_chunks
from .writer_lock import WriterLock

SCHEMA_VERSION = 1
UNLINKED_EXAMPLES = 10  # the documents naming an unmatched account that status lists by name
_COMPANY_KEYS = (
    "account",
    "account name",
    "company",
    "company name",
    "organization",
    "organisation",
    "customer",
    "company domain",  # a survey respondent's work e-mail domain ('@granitegrid.io'), after their company
)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY, kind TEXT NOT NULL, content_hash TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
    kind TEXT NOT NULL, title TEXT NOT NULL, account_id TEXT, text TEXT NOT NULL, metadata TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    speaker TEXT NOT NULL, is_customer INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    seconds REAL, question TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    turn_idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    account_id TEXT NOT NULL, source TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
    record TEXT NOT NULL, PRIMARY KEY (account_id, source));
CREATE TABLE IF NOT EXISTS embeddings (
    text_hash TEXT NOT NULL, model TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (text_hash, model));
CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reading_options (
    path TEXT PRIMARY KEY REFERENCES sources(path) ON DELETE CASCADE, options TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE INDEX IF NOT EXISTS accounts_source ON accounts(source);
"""


@dataclass
class SourceRecords:
    """Everything one input file contributes to the workspace."""

    path: str
    kind: str
    content_hash: str
    documents: Sequence[Document] = ()
    accounts: Sequence[Account] = ()
    chunks: Sequence[Chunk] = ()
    vectors: np.ndarray | None = None
    options: Mapping[str, Any] = field(default_factory=dict)  # the flags it was read with, reused next time


class Workspace:
    """A folder holding the SQLite records and the Chroma vector store for one ICP project."""

    def __init__(
        self, path: Path, *, embedding_name: str, chroma_url: str | None = None, read_only: bool = False
    ) -> None:
        self.path = Path(path)
        self.embedding_name = embedding_name
        self.chroma_url = chroma_url
        self.read_only = read_only
        self._collection: Any = None
        self._lock: WriterLock | None = None
        if read_only:
            self.db = _connect_read_only(self.path / "records.sqlite3")
        else:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
                self._lock = WriterLock.acquire(self.path)
                self.db = sqlite3.connect(self.path / "records.sqlite3", timeout=30)
                self.db.execute("PRAGMA foreign_keys = ON")
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.executescript(_SCHEMA)
                _accounts_by_source(self.db)
            except sqlite3.DatabaseError as ex:
                self._release()
                raise StoreError(_database_problem(self.path, ex)) from None
            except OSError as ex:
                self._release()
                raise StoreError(f"workspace {self.path} cannot be written ({ex.strerror or ex})") from None
        try:
            self._check_schema()
        except sqlite3.DatabaseError as ex:
            self.close()
            raise StoreError(_database_problem(self.path, ex)) from None
        except BaseException:
            self.close()  # never keep the writer lock of a workspace this process cannot use
            raise

    def _check_schema(self) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None and self.read_only:
            raise StoreError(f"workspace {self.path} is empty: run 'icp-assist ingest PATH' first")
        if row is None:
            with self.db:
                self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                self.db.execute("INSERT INTO meta VALUES ('workspace_id', ?)", (uuid.uuid4().hex[:12],))
        elif int(row[0]) != SCHEMA_VERSION:
            raise StoreError(
                f"workspace {self.path} was written by another version of icp-assist "
                f"(schema {row[0]}, this version reads {SCHEMA_VERSION}): ingest into a new --workspace"
            )

    def close(self) -> None:
        """Close the SQLite connection and let the next writer in."""
        self.db.close()
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def collection(self) -> Any:
        """The Chroma collection of chunk vectors for this workspace's embedding model."""
        if self._collection is None:
            # One collection per workspace and model: a shared Chroma server may hold many workspaces,
            # and vectors from two models must never be compared.
            self._collection = chroma_client(self.path, self.chroma_url).get_or_create_collection(
                name=self._collection_name(),
                embedding_function=None,
                metadata=dict(COLLECTION_SETTINGS),
            )
        return self._collection

    def _collection_name(self) -> str:
        workspace_id = self.db.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()[0]
        return f"icp-{workspace_id}-{self.embedding_name}"

    def vector_ids(self) -> set[str]:
        """The ids of the chunk vectors Chroma holds (read-only: nothing is created when there are none)."""
        if self.read_only and self._collection is None:
            if self.chroma_url is None and not (self.path / "chroma" / "chroma.sqlite3").is_file():
                return set()
            client = chroma_client(self.path, self.chroma_url)
            names = {getattr(c, "name", c) for c in client.list_collections()}
            if self._collection_name() not in names:
                return set()
            self._collection = client.get_collection(self._collection_name(), embedding_function=None)
        return set(self.collection.get(include=[])["ids"])

    def missing_vectors(self) -> list[tuple[str, str, int, int, int]]:
        """(chunk_id, doc_id, turn index, start, end) of every recorded chunk that has no vector in Chroma."""
        stored = self.vector_ids()
        rows = self.db.execute(
            'SELECT chunk_id, doc_id, turn_idx, start, "end" FROM chunks ORDER BY chunk_id'
        )
        return [row for row in rows if row[0] not in stored]

    def add_vectors(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Store vectors for chunks SQLite already records (the repair of lost vectors)."""
        self._add_vectors(chunks, vectors)

    def stored_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Chunk text -> vector for the given chunk ids that Chroma holds (to reuse them for moved files).

        The texts are read from SQLite, so stores written with chunk texts in Chroma (before 2026-11-29)
        and without them read alike.
        """
        if not chunk_ids:
            return {}
        got = self.collection.get(ids=list(chunk_ids), include=["embeddings"])
        texts = self._chunk_texts(got["ids"])
        return {
            texts[chunk_id]: np.asarray(vector)
            for chunk_id, vector in zip(got["ids"], got["embeddings"], strict=True)
            if chunk_id in texts
        }

    def _chunk_texts(self, chunk_ids: Sequence[str]) -> dict[str, str]:
        """Chunk id -> its text (its document's text between its offsets), for the recorded ones."""
        texts: dict[str, str] = {}
        for begin in range(0, len(chunk_ids), 500):
            part = list(chunk_ids[begin : begin + 500])
            rows = self.db.execute(
                f'SELECT c.chunk_id, d.text, c.start, c."end" FROM chunks c JOIN documents d USING (doc_id) '
                f"WHERE c.chunk_id IN ({','.join('?' * len(part))})",
                part,
            )
            texts.update((chunk_id, text[start:end]) for chunk_id, text, start, end in rows)
        return texts

    # --- writing

    def content_hash(self, path: str) -> str | None:
        """The content hash recorded for a source, or None if it was never ingested."""
        row = self.db.execute("SELECT content_hash FROM sources WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def sources_with_hash(self, content_hash: str) -> list[str]:
        """Paths of the stored sources with this content (one file can be known under an old path)."""
        rows = self.db.execute(
            "SELECT path FROM sources WHERE content_hash = ? ORDER BY path", (content_hash,)
        )
        return [r[0] for r in rows]

    def sources_with_text(self, kind: str, text: str) -> list[str]:
        """Paths of stored sources holding a document of this kind with exactly this text."""
        rows = self.db.execute(
            "SELECT DISTINCT source FROM documents WHERE kind = ? AND text = ? ORDER BY source", (kind, text)
        )
        return [r[0] for r in rows]

    def texts_elsewhere(self, kind: str, path: str) -> dict[str, set[str]]:
        """Each document text of this kind stored from sources other than ``path`` -> those sources."""
        found: dict[str, set[str]] = {}
        rows = self.db.execute(
            "SELECT source, text FROM documents WHERE kind = ? AND source != ?", (kind, path)
        )
        for source, text in rows:
            found.setdefault(text, set()).add(source)
        return found

    def documents_of_source(self, path: str) -> int:
        """How many documents (interviews, survey respondents) the source gave."""
        return int(self.db.execute("SELECT COUNT(*) FROM documents WHERE source = ?", (path,)).fetchone()[0])

    def missing_sources(self) -> list[str]:
        """Paths of stored sources whose file is gone (moved or deleted)."""
        return [
            r[0]
            for r in self.db.execute("SELECT path FROM sources ORDER BY path")
            if not Path(r[0]).is_file()
        ]

    def accounts_elsewhere(self, path: str, account_ids: Sequence[str]) -> dict[str, list[str]]:
        """Account id -> the other source files already holding it, for the given ids."""
        found: dict[str, list[str]] = {}
        ids = list(dict.fromkeys(account_ids))
        for begin in range(0, len(ids), 500):
            part = ids[begin : begin + 500]
            rows = self.db.execute(
                f"SELECT account_id, source FROM accounts WHERE source != ? AND account_id IN ({','.join('?' * len(part))})",
                [path, *part],
            )
            for account_id, source in rows:
                found.setdefault(account_id, []).append(source)
        return found

    def replace_source(self, records: SourceRecords, *, replaces: str | None = None) -> None:
        """Store a source's records and chunk vectors in place of whatever it held before.

        ``replaces`` names another source (the same content under its old path) removed in the same step.
        """
        old_chunks = self.chunk_ids_of_source(records.path)
        if replaces:
            old_chunks |= self.chunk_ids_of_source(replaces)
        new_ids = [c.chunk_id for c in records.chunks]
        if records.chunks:
            assert records.vectors is not None and len(records.vectors) == len(records.chunks)
            self._add_vectors(records.chunks, records.vectors)
        with self.db:  # the commit point
            self.db.execute(
                "DELETE FROM sources WHERE path IN (?, ?)", (records.path, replaces or records.path)
            )
            self.db.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?)",
                (records.path, records.kind, records.content_hash, datetime.now(UTC).isoformat()),
            )
            if records.options:
                self.db.execute(
                    "INSERT INTO reading_options VALUES (?, ?)",
                    (records.path, json.dumps(records.options, sort_keys=True)),
                )
            self._insert_documents(records.documents)
            self._insert_accounts(records.path, records.accounts)
            self.db.executemany(
                "INSERT INTO chunks VALUES (?, ?, ?, ?, ?)",
                [(c.chunk_id, c.doc_id, c.turn_index, c.start, c.end) for c in records.chunks],
            )
            self._cache_chunk_vectors(records)
        stale = sorted(old_chunks - set(new_ids))
        if stale:
            self._delete_vectors(stale)

    def _cache_chunk_vectors(self, records: SourceRecords) -> None:
        """Keep each chunk's vector under its text's hash too: a statement that is a whole chunk (most survey
        answers) is then not embedded again by the analysis (``embed_cached``)."""
        if not records.chunks or records.vectors is None:
            return
        self.db.executemany(
            "INSERT OR IGNORE INTO embeddings VALUES (?, ?, ?)",
            [
                (
                    hashlib.sha1(c.text.encode()).hexdigest(),
                    self.embedding_name,
                    v.astype(np.float32).tobytes(),
                )
                for c, v in zip(records.chunks, records.vectors, strict=True)
            ],
        )

    def remove_source(self, path: str) -> None:
        """Forget a source: its records, then its vectors."""
        chunks = sorted(self.chunk_ids_of_source(path))
        with self.db:
            self.db.execute("DELETE FROM sources WHERE path = ?", (path,))
        if chunks:
            self._delete_vectors(chunks)

    def remove_documents(self, doc_ids: Sequence[str]) -> int:
        """Forget documents (their turns and chunks with them), then their vectors; how many chunks went."""
        chunks = [
            r[0]
            for d in doc_ids
            for r in self.db.execute("SELECT chunk_id FROM chunks WHERE doc_id = ?", (d,))
        ]
        with self.db:
            self.db.executemany("DELETE FROM documents WHERE doc_id = ?", [(d,) for d in doc_ids])
        if chunks:
            self._delete_vectors(sorted(chunks))
        return len(chunks)

    def remove_accounts(self, account_ids: Sequence[str]) -> list[str]:
        """Forget CRM account records; the ids that were there."""
        found = [
            a
            for a in account_ids
            if self.db.execute("SELECT 1 FROM accounts WHERE account_id = ?", (a,)).fetchone()
        ]
        with self.db:
            self.db.executemany("DELETE FROM accounts WHERE account_id = ?", [(a,) for a in found])
        return found

    def holds_deals(self, path: str) -> bool:
        """Whether a source's accounts were rolled up from deals (an opportunities or deals export)."""
        row = self.db.execute("SELECT record FROM accounts WHERE source = ? LIMIT 1", (path,)).fetchone()
        return bool(row) and Account.model_validate_json(row[0]).deals is not None

    def accounts_by_source(self) -> dict[str, list[Account]]:
        """Every source file holding accounts, with the accounts it holds (as stored, not joined)."""
        held: dict[str, list[Account]] = {}
        for source, record in self.db.execute(
            "SELECT source, record FROM accounts ORDER BY source, account_id"
        ):
            held.setdefault(source, []).append(Account.model_validate_json(record))
        return held

    def accounts_in_source(self, path: str) -> list[Account]:
        """The accounts a source holds."""
        rows = self.db.execute("SELECT record FROM accounts WHERE source = ? ORDER BY account_id", (path,))
        return [Account.model_validate_json(r[0]) for r in rows]

    def accounts_of_source(self, path: str) -> int:
        """How many accounts a source holds."""
        return int(self.db.execute("SELECT COUNT(*) FROM accounts WHERE source = ?", (path,)).fetchone()[0])

    def forget_derived(self, texts: Sequence[str]) -> None:
        """Drop the cached embeddings of these texts, and every cached build and LLM answer."""
        hashes = [(hashlib.sha1(t.encode()).hexdigest(),) for t in set(texts)]
        with self.db:
            self.db.executemany("DELETE FROM embeddings WHERE text_hash = ?", hashes)
            self.db.execute("DELETE FROM cache")

    def setting(self, key: str) -> str | None:
        """A value the workspace keeps about itself (e.g. whether its text is redacted)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def keep_setting(self, key: str, value: str) -> None:
        """Keep a value about the workspace itself."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def sources(self) -> list[tuple[str, str, str]]:
        """(path, kind, content hash) of every stored source."""
        return self.db.execute("SELECT path, kind, content_hash FROM sources ORDER BY path").fetchall()

    def reading_options(self) -> dict[str, dict[str, Any]]:
        """The flags each source was read with (--outcome, --map, --open-column …), by path."""
        rows = self.db.execute("SELECT path, options FROM reading_options").fetchall()
        return {path: json.loads(options) for path, options in rows}

    def chunk_ids_of_source(self, path: str) -> set[str]:
        """The ids of the chunks a source's documents hold."""
        rows = self.db.execute(
            "SELECT c.chunk_id FROM chunks c JOIN documents d USING (doc_id) WHERE d.source = ?", (path,)
        )
        return {r[0] for r in rows}

    def _insert_documents(self, documents: Sequence[Document]) -> None:
        self.db.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (d.doc_id, d.source, d.kind, d.title, d.account_id, d.text, json.dumps(d.metadata))
                for d in documents
            ],
        )
        self.db.executemany(
            "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (d.doc_id, i, t.speaker, int(t.is_customer), t.start, t.end, t.seconds, t.question)
                for d in documents
                for i, t in enumerate(d.turns)
            ],
        )

    def _insert_accounts(self, path: str, accounts: Sequence[Account]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?)",
            [(a.account_id, path, a.model_dump_json()) for a in accounts],
        )

    def _add_vectors(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        upsert_chunks(self.collection, chunks, vectors)

    def _delete_vectors(self, ids: Sequence[str]) -> None:
        delete_chunks(self.collection, ids)

    def sweep(self) -> int:
        """Delete vectors that no recorded chunk owns (left by an interrupted run); returns how many."""
        known = {r[0] for r in self.db.execute("SELECT chunk_id FROM chunks")}
        stored = set(self.collection.get(include=[])["ids"])
        orphans = sorted(stored - known)
        if orphans:
            self._delete_vectors(orphans)
        return len(orphans)

    def embed_cached(self, texts: Sequence[str], embedder: Embedder, *, on_batch: Any = None) -> np.ndarray:
        """Vectors for texts, embedding only those this workspace has not embedded with this model before."""
        hashes = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        known: dict[str, np.ndarray] = {}
        unique = sorted(set(hashes))
        for begin in range(0, len(unique), 500):
            part = unique[begin : begin + 500]
            rows = self.db.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE model = ? AND text_hash IN ({','.join('?' * len(part))})",
                [embedder.name, *part],
            )
            known.update((h, np.frombuffer(v, dtype=np.float32)) for h, v in rows)
        missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in known}
        if missing:
            vectors = embedder.embed(list(missing.values()), on_batch=on_batch)
            known.update(zip(missing, vectors, strict=True))
            if not self.read_only:  # a read-only workspace is read, never written: these vectors are not kept
                with self.db:
                    self.db.executemany(
                        "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                        [
                            (h, embedder.name, v.astype(np.float32).tobytes())
                            for h, v in zip(missing, vectors, strict=True)
                        ],
                    )
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([known[h] for h in hashes]).astype(np.float32)

    def cached(self, key: str) -> str | None:
        """A cached result stored under ``key``, or None."""
        row = self.db.execute("SELECT value FROM cache WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def store_cached(self, key: str, value: str) -> None:
        """Keep a result under ``key`` (results are keyed by everything they depend on)."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO cache VALUES (?, ?)", (key, value))

    def record_embedding(self, spec: str) -> None:
        """Remember the embedding model the workspace's vectors were ingested with ('minilm', ...)."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('embedding', ?)", (spec,))

    def has_content(self) -> bool:
        """True when anything has been ingested."""
        return self.db.execute("SELECT EXISTS (SELECT 1 FROM sources)").fetchone()[0] == 1

    def fingerprint(self) -> str:
        """A hash of every ingested source's content hash: it changes whenever the input changes."""
        rows = self.db.execute("SELECT path, content_hash FROM sources ORDER BY path").fetchall()
        return hashlib.sha256(json.dumps(rows).encode()).hexdigest()

    # --- reading

    def documents(self, *, kind: str | None = None) -> Iterator[Document]:
        """Every stored document with its turns, optionally of one kind."""
        query = "SELECT doc_id, kind, source, title, account_id, text, metadata FROM documents"
        rows = self.db.execute(
            query + (" WHERE kind = ?" if kind else "") + " ORDER BY doc_id", (kind,) if kind else ()
        )
        for doc_id, doc_kind, source, title, account_id, text, metadata in rows.fetchall():
            turns = [
                Turn(speaker=s, is_customer=bool(c), start=a, end=b, seconds=sec, question=q)
                for s, c, a, b, sec, q in self.db.execute(
                    'SELECT speaker, is_customer, start, "end", seconds, question FROM turns '
                    "WHERE doc_id = ? ORDER BY idx",
                    (doc_id,),
                )
            ]
            yield Document(
                doc_id=doc_id, kind=doc_kind, source=source, title=title, account_id=account_id,
                text=text, turns=turns, metadata=json.loads(metadata),
            )  # fmt: skip

    def accounts(self) -> list[Account]:
        """Every stored account; one held by several CRM files (companies and deals) is joined (``join_accounts``)."""
        rows = self.db.execute(
            "SELECT a.record FROM accounts a JOIN sources s ON s.path = a.source "
            "ORDER BY a.account_id, s.ingested_at, a.source"
        )
        return join_accounts(Account.model_validate_json(r[0]) for r in rows)

    def account_references(self) -> dict[str, list[str]]:
        """Per document, what names its account: the account id it was given, then company-like metadata."""
        references: dict[str, list[str]] = {}
        for doc_id, account_id, metadata in self.db.execute(
            "SELECT doc_id, account_id, metadata FROM documents"
        ):
            meta = {
                " ".join(str(k).lower().replace("_", " ").split()): v for k, v in json.loads(metadata).items()
            }
            named = [account_id] + [meta.get(k) for k in _COMPANY_KEYS]
            references[doc_id] = [str(r) for r in named if r not in (None, "")]
        return references

    def survey_answers(self) -> dict[str, tuple[str, dict[str, object]]]:
        """Per survey response, its survey (the source file) and its answers by question (its metadata)."""
        rows = self.db.execute(
            "SELECT doc_id, source, metadata FROM documents WHERE kind = 'survey_response'"
        )
        return {doc_id: (source, json.loads(metadata)) for doc_id, source, metadata in rows}

    def set_document_accounts(self, links: dict[str, str]) -> int:
        """Set documents' account ids (and their chunks' vector metadata); returns how many changed."""
        current = dict(self.db.execute("SELECT doc_id, account_id FROM documents").fetchall())
        changed = {d: a for d, a in links.items() if d in current and current[d] != a}
        if not changed:
            return 0
        chunks = self.db.execute(
            f"SELECT chunk_id, doc_id FROM chunks WHERE doc_id IN ({','.join('?' * len(changed))})",
            list(changed),
        ).fetchall()
        update_metadata(self.collection, [c for c, _ in chunks], lambda m: _linked(m, changed))
        with self.db:
            self.db.executemany(
                "UPDATE documents SET account_id = ? WHERE doc_id = ?", [(a, d) for d, a in changed.items()]
            )
        return len(changed)

    def unlinked(self) -> tuple[list[str], int]:
        """Interviews/responses linked to no account: those naming an account or company no CRM record matches
        ("title (what it names)"), and how many name none at all, no account id, company or e-mail domain (qa87: a
        survey whose company question was not recognised linked 34 respondents to nothing, and status said nothing
        of them)."""
        from .ingest.linking import AccountIndex, account_key  # (here: the ingest package uses the store)

        ids = {r[0] for r in self.db.execute("SELECT account_id FROM accounts")}
        linked = dict(self.db.execute("SELECT doc_id, account_id FROM documents").fetchall())
        titles = dict(self.db.execute("SELECT doc_id, title FROM documents").fetchall())
        # a name two or more accounts share matches them all, and so none (qa178: "no CRM record matches" it)
        shared_by = AccountIndex(self.accounts()).shared
        naming: list[str] = []
        nameless = 0
        for doc_id, refs in sorted(self.account_references().items()):
            if linked[doc_id] in ids:
                continue
            if refs:
                shared = len(shared_by.get(account_key(refs[0]), ()))
                naming.append(
                    f"{titles[doc_id]} ({refs[0]}{f': {shared} accounts share it' if shared > 1 else ''})"
                )
            else:
                nameless += 1
        return naming, nameless

    def status(self) -> dict[str, Any]:
        """Counts of what the workspace holds, by kind."""
        naming, nameless = self.unlinked()
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        accounts = self.accounts()
        outcomes = dict(
            sorted(Counter(a.outcome or ("open" if a.in_pipeline else "unknown") for a in accounts).items())
        )
        return {
            "workspace": str(self.path),
            "embedding": self.embedding_name,
            "sources": dict(self.db.execute("SELECT kind, COUNT(*) FROM sources GROUP BY kind").fetchall()),
            "interviews": one("SELECT COUNT(*) FROM documents WHERE kind = 'interview'"),
            "turns": one(
                "SELECT COUNT(*) FROM turns t JOIN documents d USING (doc_id) WHERE d.kind = 'interview'"
            ),
            "customer_turns": one(
                "SELECT COUNT(*) FROM turns t JOIN documents d USING (doc_id) "
                "WHERE d.kind = 'interview' AND t.is_customer"
            ),
            "survey_responses": one("SELECT COUNT(*) FROM documents WHERE kind = 'survey_response'"),
            "survey_answers": one(
                "SELECT COUNT(*) FROM turns t JOIN documents d USING (doc_id) WHERE d.kind = 'survey_response'"
            ),
            "accounts": len(accounts),
            "accounts_by_outcome": outcomes,
            "linked_documents": one(
                "SELECT COUNT(*) FROM documents WHERE account_id IN (SELECT account_id FROM accounts)"
            ),
            "unlinked_documents": len(naming),
            "unlinked_examples": naming[:UNLINKED_EXAMPLES],
            "unnamed_documents": nameless,
            "chunks": one("SELECT COUNT(*) FROM chunks"),
            **self._vector_counts(),
            "sources_missing": self.missing_sources(),
        }

    def _vector_counts(self) -> dict[str, Any]:
        """Vectors and chunks without one; None for both when Chroma cannot be opened (e.g. read-only files)."""
        try:
            return {"vectors": len(self.vector_ids()), "chunks_without_vectors": len(self.missing_vectors())}
        except Exception as ex:  # Chroma raises its own types; status must still show the records
            if not self.read_only:
                raise
            return {"vectors": None, "chunks_without_vectors": None, "vector_store_error": str(ex)[:200]}


def _linked(metadata: dict[str, Any], accounts: dict[str, str]) -> dict[str, Any]:
    """A chunk's metadata after its document was linked to an account.

    Only a store written before 2026-11-29 keeps the document's fields (kind, account, segment …) with each
    vector; those stay true. Newer vectors carry only their document's id, which linking does not change.
    """
    if "kind" not in metadata:
        return metadata
    return {**metadata, "account_id": accounts[metadata["doc_id"]]}


def _accounts_by_source(db: sqlite3.Connection) -> None:
    """Workspaces written before one account could be held by two CRM files (a companies export and a deals
    export) keyed accounts by id alone: rekey them by id and file, keeping every record."""
    keys = [row[1] for row in sorted(db.execute("PRAGMA table_info(accounts)"), key=lambda r: r[5]) if row[5]]
    if keys == ["account_id", "source"]:
        return
    table = next(s for s in _SCHEMA.split(";") if "TABLE IF NOT EXISTS accounts" in s)
    with db:  # one transaction: an interrupted migration leaves the old table as it was
        db.execute("ALTER TABLE accounts RENAME TO accounts_by_id")
        db.execute(table)
        db.execute("INSERT INTO accounts SELECT account_id, source, record FROM accounts_by_id")
        db.execute("DROP TABLE accounts_by_id")
        db.execute("CREATE INDEX IF NOT EXISTS accounts_source ON accounts(source)")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """SQLite opened read-only; immutable when even the WAL's shared memory cannot be created."""
    if not path.is_file():
        raise StoreError(f"no workspace at {path.parent}: run 'icp-assist ingest PATH' first")
    for flags in ("mode=ro", "immutable=1"):
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.OperationalError:
            continue
        except sqlite3.DatabaseError as ex:
            raise StoreError(_database_problem(path.parent, ex)) from None
    raise StoreError(f"workspace {path.parent}: records.sqlite3 cannot be opened, even read-only")


def _database_problem(folder: Path, ex: sqlite3.DatabaseError) -> str:
    text = str(ex)
    if "readonly" in text or "read-only" in text:
        return f"workspace {folder} is read-only ({text}): use a writable --workspace for this command"
    if "malformed" in text or "not a database" in text:
        return (
            f"workspace {folder}: records.sqlite3 is damaged ({text}); move the workspace aside and "
            "ingest again into a new --workspace"
        )
    return f"workspace {folder}: {text}"


def recorded_embedding(path: Path) -> str | None:
    """The embedding model a workspace was last ingested with, or None (none recorded, or no workspace)."""
    try:
        with _connect_read_only(Path(path) / "records.sqlite3") as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'embedding'").fetchone()
    except (StoreError, sqlite3.Error):
        return None
    return row[0] if row else None


@contextmanager
def open_workspace(
    path: Path, *, embedding_name: str, chroma_url: str | None = None, read_only: bool = False
) -> Iterator[Workspace]:
    """A Workspace that is closed when the block ends."""
    workspace = Workspace(path, embedding_name=embedding_name, chroma_url=chroma_url, read_only=read_only)
    try:
        yield workspace
    finally:
        workspace.close()
