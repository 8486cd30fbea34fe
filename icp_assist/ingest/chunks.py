"""Cutting turns into chunks for the vector store: a turn, or runs of its sentences when it is long."""

from __future__ import annotations

import hashlib
import re

from ..records import Chunk, Document

MAX_CHUNK_CHARS = 800
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def chunk_document(document: Document) -> list[Chunk]:
    """Chunks for every turn of a document."""
    chunks = []
    for index, turn in enumerate(document.turns):
        for start, end in split_span(document.text, turn.start, turn.end):
            text = document.text[start:end]
            chunks.append(
                Chunk(
                    chunk_id=_chunk_id(document.doc_id, start, end, text),
                    doc_id=document.doc_id,
                    turn_index=index,
                    start=start,
                    end=end,
                    text=text,
                )
            )
    return chunks


def split_span(text: str, start: int, end: int, *, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces of text[start:end], cut between sentences, each at most ``limit`` chars if possible."""
    if end - start <= limit:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.start() - piece_start > limit and sentence_start > piece_start:
            pieces.append((piece_start, _rstrip(text, piece_start, sentence_start)))
            piece_start = sentence_start
        sentence_start = match.end()
    if end - piece_start > limit and sentence_start > piece_start:
        pieces.append((piece_start, _rstrip(text, piece_start, sentence_start)))
        piece_start = sentence_start
    pieces.append((piece_start, end))
    return pieces


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _chunk_id(doc_id: str, start: int, end: int, text: str) -> str:
    digest = hashlib.sha1(f"{doc_id}\x00{start}\x00{end}\x00{text}".encode()).hexdigest()
    return digest[:24]
