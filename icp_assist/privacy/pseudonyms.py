"""Pseudonyms per workspace: the same person is "Person 3" in every file, and only the workspace knows who.

The mapping lives in ``pseudonyms.json`` in the workspace, readable by its owner only (mode 0600), so a
person can look up locally who said what; nothing else the tool writes or sends carries the real values.
Numbers are never reused, so a forgotten "Person 3" never becomes somebody else.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import StoreError

PSEUDONYMS_FILE = "pseudonyms.json"
ACCOUNT_MARK = "#account:"  # a CRM account's own source: "<file>#account:<id>", so it can be forgotten alone
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+", re.IGNORECASE)


@dataclass
class Entry:
    """One real value and its pseudonym, with the sources it was seen in."""

    kind: str
    key: str
    value: str
    pseudonym: str
    sources: list[str] = field(default_factory=list)


class Pseudonyms:
    """The workspace's mapping from personal data to pseudonyms such as "Person 3" or "Email 2"."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / PSEUDONYMS_FILE
        self.entries: dict[tuple[str, str], Entry] = {}
        self.next: dict[str, int] = {}
        if self.path.is_file():
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as ex:
            raise StoreError(
                f"{self.path} cannot be read ({ex}): restore it, or ingest into a new workspace"
            ) from ex
        self.next = {k: int(v) for k, v in data.get("next", {}).items()}
        for item in data.get("entries", []):
            entry = Entry(**item)
            self.entries[(entry.kind, entry.key)] = entry

    def save(self) -> None:
        """Write the mapping atomically, readable by the owner only."""
        data: dict[str, Any] = {
            "next": self.next,
            "entries": [vars(e) for e in sorted(self.entries.values(), key=_order)],
        }
        temporary = self.path.with_suffix(".json.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, ensure_ascii=False)
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)

    def pseudonym(self, kind: str, value: str, *, source: str) -> str:
        """The pseudonym of ``value`` ("Person 3"), made the first time it is seen; ``source`` is noted."""
        key = normal_key(kind, value)
        entry = self.entries.get((kind, key)) or (
            self._person_part(key, source) if kind == "Person" else None
        )
        if entry is None:
            number = self.next.get(kind, 1)
            self.next[kind] = number + 1
            entry = Entry(kind=kind, key=key, value=" ".join(value.split()), pseudonym=f"{kind} {number}")
            self.entries[(kind, key)] = entry
        if source not in entry.sources:
            entry.sources.append(source)
        return entry.pseudonym

    def _person_part(self, key: str, source: str) -> Entry | None:
        """A one-word name that is part of exactly one known full name (in this source first) is that person."""
        if " " in key:
            return None
        people = [
            e
            for e in self.entries.values()
            if e.kind == "Person" and key in e.key.split()[0:1] + e.key.split()[-1:]
        ]
        here = [e for e in people if source in e.sources]
        for candidates in (here, people):
            if len(candidates) == 1:
                return candidates[0]
        return None

    def find_person(self, name: str) -> Entry | None:
        """The person entry for a real name or for its pseudonym ("Person 3")."""
        key = normal_key("Person", name)
        for entry in self.entries.values():
            if entry.kind == "Person" and (entry.key == key or entry.pseudonym.casefold() == key):
                return entry
        return None

    def forget_sources(self, sources: set[str], *, accounts: Collection[str] = ()) -> int:
        """Drop the sources from every entry and the entries left with none; how many entries went.

        A file takes its CRM accounts' sources with it; ``accounts`` drops those accounts' sources alone.
        """

        def forgotten(source: str) -> bool:
            file, _, account = source.partition(ACCOUNT_MARK)
            return source in sources or file in sources or (bool(account) and account in accounts)

        gone = 0
        for k, entry in list(self.entries.items()):
            entry.sources = [s for s in entry.sources if not forgotten(s)]
            if not entry.sources:
                del self.entries[k]
                gone += 1
        return gone

    def forget_entry(self, entry: Entry) -> None:
        """Drop one entry (a forgotten person)."""
        self.entries.pop((entry.kind, entry.key), None)


def normal_key(kind: str, value: str) -> str:
    """The form two mentions of one value share: case, spacing, separators and honorifics do not count."""
    text = " ".join(value.split()).casefold()
    if kind == "Person":
        return _HONORIFIC.sub("", text).replace("’", "'")
    if kind in ("Phone", "Card", "IBAN"):
        digits = re.sub(r"[^0-9a-z]", "", text)
        return digits[-10:] if kind == "Phone" else digits
    if kind == "Link":
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", text).rstrip("/")
    return text


def _order(entry: Entry) -> tuple[str, int]:
    return entry.kind, int(entry.pseudonym.rsplit(" ", 1)[-1])
