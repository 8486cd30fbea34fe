"""The workspace: structured records in SQLite, chunk vectors in Chroma, kept consistent with each other.

SQLite is the record of what is ingested. A source is replaced in three steps: its new chunks are
added to Chroma, the SQLite transaction swaps its records (the commit point), then its old chunks
are deleted from Chroma. A run stopped anywhere leaves SQLite at the old or the new state, and any
chunk Chroma holds that SQLite does not know is swept away on the next write.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from .embed import Embedder
from .errors import StoreError
from .records import Account, Chunk, Document, Turn

SCHEMA_VERSION = 1
_COMPANY_KEYS = (
    "account",
    "account name",
    "company",
    "company name",
    "organization",
    "organisation",
    "customer",
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
    account_id TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
    record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS embeddings (
    text_hash TEXT NOT NULL, model TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (text_hash, model));
CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value TEXT NOT NULL);
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


class Workspace:
    """A folder holding the SQLite records and the Chroma vector store for one ICP project."""

    def __init__(self, path: Path, *, embedding_name: str, chroma_url: str | None = None) -> None:
        self.path = Path(path)
        self.embedding_name = embedding_name
        self.chroma_url = chroma_url
        self.path.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path / "records.sqlite3")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.executescript(_SCHEMA)
        self._check_schema()
        self._collection: Any = None

    def _check_schema(self) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
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
        """Close the SQLite connection."""
        self.db.close()

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
            workspace_id = self.db.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()[0]
            self._collection = _chroma_client(self.path, self.chroma_url).get_or_create_collection(
                name=f"icp-{workspace_id}-{self.embedding_name}",
                embedding_function=None,
                metadata={"hnsw:space": "cosine"},
            )
        return self._collection

    # --- writing

    def content_hash(self, path: str) -> str | None:
        """The content hash recorded for a source, or None if it was never ingested."""
        row = self.db.execute("SELECT content_hash FROM sources WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def replace_source(self, records: SourceRecords) -> None:
        """Store a source's records and chunk vectors in place of whatever it held before."""
        old_chunks = self._chunk_ids_of_source(records.path)
        new_ids = [c.chunk_id for c in records.chunks]
        if records.chunks:
            assert records.vectors is not None and len(records.vectors) == len(records.chunks)
            self._add_vectors(records.chunks, records.vectors)
        with self.db:  # the commit point
            self.db.execute("DELETE FROM sources WHERE path = ?", (records.path,))
            self.db.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?)",
                (records.path, records.kind, records.content_hash, datetime.now(UTC).isoformat()),
            )
            self._insert_documents(records.documents)
            self._insert_accounts(records.path, records.accounts)
            self.db.executemany(
                "INSERT INTO chunks VALUES (?, ?, ?, ?, ?)",
                [(c.chunk_id, c.doc_id, c.turn_index, c.start, c.end) for c in records.chunks],
            )
        stale = sorted(old_chunks - set(new_ids))
        if stale:
            self._delete_vectors(stale)

    def _chunk_ids_of_source(self, path: str) -> set[str]:
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
        batch = _max_batch(self.collection)
        for begin in range(0, len(chunks), batch):
            part = chunks[begin : begin + batch]
            self.collection.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[begin : begin + batch],
                documents=[c.text for c in part],
                metadatas=[c.metadata for c in part],
            )

    def _delete_vectors(self, ids: Sequence[str]) -> None:
        batch = _max_batch(self.collection)
        for begin in range(0, len(ids), batch):
            self.collection.delete(ids=list(ids[begin : begin + batch]))

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
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                    [
                        (h, embedder.name, v.astype(np.float32).tobytes())
                        for h, v in zip(missing, vectors, strict=True)
                    ],
                )
            known.update(zip(missing, vectors, strict=True))
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
        """Every stored account."""
        rows = self.db.execute("SELECT record FROM accounts ORDER BY account_id")
        return [Account.model_validate_json(r[0]) for r in rows]

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
        batch = _max_batch(self.collection)
        for begin in range(0, len(chunks), batch):
            part = chunks[begin : begin + batch]
            stored = self.collection.get(ids=[c for c, _ in part], include=["metadatas"])
            metadatas = [{**m, "account_id": changed[m["doc_id"]]} for m in stored["metadatas"]]
            self.collection.update(ids=stored["ids"], metadatas=metadatas)
        with self.db:
            self.db.executemany(
                "UPDATE documents SET account_id = ? WHERE doc_id = ?", [(a, d) for d, a in changed.items()]
            )
        return len(changed)

    def unlinked(self, *, limit: int = 10) -> tuple[int, list[str]]:
        """Interviews/responses naming an account or company no CRM record matches: how many, the first few."""
        ids = {r[0] for r in self.db.execute("SELECT account_id FROM accounts")}
        linked = dict(self.db.execute("SELECT doc_id, account_id FROM documents").fetchall())
        titles = dict(self.db.execute("SELECT doc_id, title FROM documents").fetchall())
        missing = [
            f"{titles[doc_id]} ({refs[0]})"
            for doc_id, refs in sorted(self.account_references().items())
            if refs and linked[doc_id] not in ids
        ]
        return len(missing), missing[:limit]

    def status(self) -> dict[str, Any]:
        """Counts of what the workspace holds, by kind."""
        unlinked, examples = self.unlinked()
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        outcomes = dict(
            self.db.execute(
                "SELECT COALESCE(json_extract(record, '$.outcome'), 'unknown'), COUNT(*) FROM accounts GROUP BY 1"
            ).fetchall()
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
            "accounts": one("SELECT COUNT(*) FROM accounts"),
            "accounts_by_outcome": outcomes,
            "linked_documents": one("SELECT COUNT(*) FROM documents d JOIN accounts a USING (account_id)"),
            "unlinked_documents": unlinked,
            "unlinked_examples": examples,
            "chunks": one("SELECT COUNT(*) FROM chunks"),
            "vectors": self.collection.count(),
        }


def _max_batch(collection: Any) -> int:
    try:
        return int(collection._client.get_max_batch_size())
    except Exception:  # older or remote clients may not say; Chroma's documented floor is safe
        return 5000


def _chroma_client(path: Path, url: str | None) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    return chromadb.PersistentClient(path=str(path / "chroma"), settings=settings)


@contextmanager
def open_workspace(path: Path, *, embedding_name: str, chroma_url: str | None = None) -> Iterator[Workspace]:
    """A Workspace that is closed when the block ends."""
    workspace = Workspace(path, embedding_name=embedding_name, chroma_url=chroma_url)
    try:
        yield workspace
    finally:
        workspace.close()
