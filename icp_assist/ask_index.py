"""The statement index kept in the workspace, so `ask` in a new process does not rebuild it.

The file ``ask-index/<key>.npz`` holds arrays only (read with ``allow_pickle=False``): statement offsets,
vectors, facet scores, turns and BM25 term counts. Its key hashes everything the index is computed from:
the workspace's records (documents, their accounts and outcomes), the embedding model, the facet
classifier's weights, the analyzer's version and this file's format. Any change makes a new key, and the
stale file is removed when the new one is written. Documents are read from SQLite, as they are stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .analyze.facets import FacetScores
from .analyze.units import Unit
from .records import Document
from .store import Workspace

FORMAT = 3  # bump when the index's contents or their computation change
FOLDER = "ask-index"


def index_key(workspace: Workspace, parts: Mapping[str, object]) -> str:
    """A hash of the workspace's records and of ``parts`` (model, classifier, versions)."""
    digest = hashlib.sha256(json.dumps({"format": FORMAT, **parts}, sort_keys=True, default=str).encode())
    for query in (
        "SELECT doc_id, account_id, kind, title, length(text), metadata FROM documents ORDER BY doc_id",
        'SELECT doc_id, idx, speaker, is_customer, start, "end", question FROM turns ORDER BY doc_id, idx',
        "SELECT account_id, record FROM accounts ORDER BY account_id",
    ):
        for row in workspace.db.execute(query):
            digest.update(repr(row).encode())
    return digest.hexdigest()[:24]


def load(workspace: Workspace, key: str, documents: Mapping[str, Document]) -> dict[str, Any] | None:
    """The stored index's fields for ``key`` (units rebuilt from the documents), or None when there is none."""
    path = workspace.path / FOLDER / f"{key}.npz"
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
    try:
        meta = json.loads(str(arrays.pop("meta")))
        units = [_unit(documents[d], *rest) for d, *rest in meta["units"]]
    except (KeyError, ValueError, TypeError):  # not this workspace's index after all: rebuild it
        return None
    return {
        "units": units,
        "vectors": arrays["vectors"],
        "facets": FacetScores(arrays["facet_scores"], [list(a) for a in meta["assigned"]]),
        "outcomes": meta["outcomes"],
        "headcounts": meta["headcounts"],
        "turn_of": arrays["turn_of"],
        "turn_keys": [tuple(k) for k in meta["turn_keys"]],
        "turn_vectors": arrays["turn_vectors"],
        "window_vectors": arrays["window_vectors"],
        "vocabulary": meta["vocabulary"],
        "turn_words": _sparse(arrays) if "words_data" in arrays else None,
    }


def save(workspace: Workspace, key: str, fields: Mapping[str, Any]) -> None:
    """Keep the index under ``key`` and remove older ones; a workspace that cannot be written just rebuilds."""
    units: list[Unit] = fields["units"]
    meta = {
        "units": [(u.doc_id, u.speaker, u.start, u.end, u.question, len(u.lead)) for u in units],
        "assigned": fields["facets"].assigned,
        "outcomes": fields["outcomes"],
        "headcounts": fields["headcounts"],
        "turn_keys": fields["turn_keys"],
        "vocabulary": fields["vocabulary"],
    }
    arrays = {
        "meta": np.asarray(json.dumps(meta)),
        "vectors": fields["vectors"],
        "facet_scores": fields["facets"].scores,
        "turn_of": fields["turn_of"],
        "turn_vectors": fields["turn_vectors"],
        "window_vectors": fields["window_vectors"],
    }
    words = fields["turn_words"]
    if words is not None:
        arrays |= {
            "words_data": words.data, "words_indices": words.indices, "words_indptr": words.indptr,
            "words_shape": np.asarray(words.shape),
        }  # fmt: skip
    folder = workspace.path / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, suffix=".tmp.npz")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **arrays)
        os.replace(name, folder / f"{key}.npz")  # a concurrent reader never sees half a file
        for old in folder.glob("*.npz"):
            if old.name != f"{key}.npz" and ".tmp" not in old.name:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        Path(name).unlink(missing_ok=True)


def _unit(document: Document, speaker: str, start: int, end: int, question: str | None, lead: int) -> Unit:
    return Unit(
        doc_id=document.doc_id, title=document.title, kind=document.kind, speaker=speaker,
        account_id=document.account_id, start=start, end=end, text=document.text[start:end], question=question,
        lead=document.text[start - lead : start],
    )  # fmt: skip


def _sparse(arrays: Mapping[str, np.ndarray]) -> Any:
    from scipy.sparse import csr_matrix

    shape = tuple(int(n) for n in arrays["words_shape"])
    return csr_matrix((arrays["words_data"], arrays["words_indices"], arrays["words_indptr"]), shape=shape)


def stored_keys(workspace: Workspace) -> list[str]:
    """The keys of the indexes kept in the workspace (normally one)."""
    folder = workspace.path / FOLDER
    return sorted(p.stem for p in folder.glob("*.npz") if ".tmp" not in p.name) if folder.is_dir() else []
