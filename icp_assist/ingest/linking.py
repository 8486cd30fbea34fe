"""Linking interviews and survey responses to CRM accounts by id or by normalised company name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from ..records import Account, Document

_LEGAL_SUFFIXES = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl",
    "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "pty", "pte", "co", "corp", "corporation", "company",
    "doo", "kk", "sp z o o", "se", "ug",
}  # fmt: skip


def account_key(name: str) -> str:
    """'BrightPath Logistics, Inc.' and 'brightpath logistics' -> 'brightpath logistics'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    text = text.lower().replace("&", " and ")
    words = re.sub(r"[^\w]+", " ", text).split()
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class AccountIndex:
    """Look-up of accounts by exact id, normalised id and normalised name."""

    def __init__(self, accounts: Iterable[Account]) -> None:
        self.ids: set[str] = set()
        self.by_key: dict[str, str] = {}
        for account in accounts:
            self.ids.add(account.account_id)
            for text in (account.account_id, account.name or ""):
                key = account_key(text)
                if key:
                    self.by_key.setdefault(key, account.account_id)

    def find(self, reference: str) -> str | None:
        """The account id a document's account or company reference names, or None."""
        reference = reference.strip()
        if reference in self.ids:
            return reference
        return self.by_key.get(account_key(reference)) if reference else None


def link(references: Mapping[str, list[str]], accounts: Iterable[Account]) -> dict[str, str | None]:
    """For each document id, the first of its references (id, then company name) that names an account."""
    index = AccountIndex(accounts)
    return {
        doc_id: next((found for r in refs if (found := index.find(r))), None)
        for doc_id, refs in references.items()
    }


_SAME_SIDE = {"won": "good", "active": "good", "lost": "bad", "churned": "bad"}


def outcome_disagreements(documents: Iterable[Document], accounts: Iterable[Account]) -> list[str]:
    """A line per linked interview whose stated outcome (its manifest's) the CRM contradicts, naming the winner.

    The CRM's outcome is the one used (analysis reads an account's outcome first); won and active agree.
    """
    outcome_of = {a.account_id: (a.outcome, a.name or a.account_id) for a in accounts}
    lines = []
    for document in documents:
        stated = str(document.metadata.get("outcome") or "").strip().lower()
        crm, name = outcome_of.get(document.account_id or "", (None, ""))
        if stated in _SAME_SIDE and crm and stated != crm and {stated, crm} != {"won", "active"}:
            lines.append(
                f"{document.title}: its manifest or front matter says {stated}, the CRM account '{name}' says {crm}; the CRM's "
                f"'{crm}' is used (correct the CRM export, or its stage with --outcome, if the manifest is right)"
            )
    return lines
