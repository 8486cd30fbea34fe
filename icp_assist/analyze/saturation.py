"""Theme saturation: are recent interviews still raising themes no earlier interview raised?"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from ..models import Saturation
from ..records import Document


def saturation(
    theme_documents: Mapping[str, Collection[str]], interview_order: Sequence[str], *, window: int = 3
) -> Saturation:
    """New themes raised by each interview in order, and whether the last `window` found any."""
    if window < 1:
        raise ValueError(f"window must be at least 1 interview (got {window})")
    order = list(dict.fromkeys(interview_order))  # a repeated id is the same interview
    position = {doc: i for i, doc in enumerate(order)}
    new_per_interview = [0] * len(order)
    for documents in theme_documents.values():
        positions = [position[doc] for doc in documents if doc in position]
        if positions:  # themes raised only in surveys have no place in the interview order
            new_per_interview[min(positions)] += 1
    new_in_last = sum(new_per_interview[-window:])
    return Saturation(
        new_themes_per_interview=new_per_interview,
        new_in_last=new_in_last,
        window=window,
        verdict=_verdict(len(order), new_in_last, window),
    )


def interview_order_by_date(documents: Sequence[Document]) -> list[str]:
    """Interview ids by metadata 'date' (ISO), undated last, ties by id; survey responses left out."""
    interviews = [d for d in documents if d.kind == "interview"]
    return [d.doc_id for d in sorted(interviews, key=lambda d: (*_date_key(d), d.doc_id))]


def _date_key(document: Document) -> tuple[bool, str]:
    """(undated, date text): ISO text sorts by time, so the text itself is the key."""
    value = document.metadata.get("date")
    if not isinstance(value, str):
        return (True, "")
    text = value.strip()
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return (True, "")
    return (False, text)


def _verdict(interviews: int, new_in_last: int, window: int) -> str:
    if interviews < window + 2:
        return f"Too few interviews ({interviews}) to judge saturation."
    last = f"the last {window} interviews" if window > 1 else "the last interview"
    if new_in_last == 0:
        return f"Saturated: {last} raised no new themes."
    themes = "1 new theme" if new_in_last == 1 else f"{new_in_last} new themes"
    return f"Not saturated: {last} raised {themes}; more interviews are likely to find more."
