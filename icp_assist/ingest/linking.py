"""Linking interviews and survey responses to CRM accounts by id, normalised company name or e-mail domain."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ..embed_onnx import vocabulary_words
from ..records import Account, Document
from .columns import header_names

if TYPE_CHECKING:
    from tldextract import TLDExtract

LinkKey = Literal["account id", "company name", "e-mail domain"]

_LEGAL_SUFFIXES = {
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl",
    "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "pty", "pte", "co", "corp", "corporation", "company",
    "doo", "kk", "sp z o o", "se", "ug",
    # US professional corporations and associations, as medical and legal practices register ("Old Mill Eye
    # Associates PC", qa238: three respondents linked to no account)
    "pc", "pllc", "pa", "psc",
}  # fmt: skip


def account_key(name: str) -> str:
    """'BrightPath Logistics, Inc.' and 'brightpath logistics' -> 'brightpath logistics'."""
    words = written_key(name).split()
    # initials written with stops are one word ("P.C." -> "p c" -> "pc")
    letters = next((n for n, w in enumerate(reversed(words)) if len(w) > 1 or not w.isalpha()), len(words))
    if letters >= 2 and letters < len(words):
        words = [*words[:-letters], "".join(words[-letters:])]
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def written_key(name: str) -> str:
    """A name as written, but for case, accents and punctuation: 'Oak Hollow Roofing, Inc.' -> 'oak hollow roofing
    inc', which tells it from 'Oak Hollow Roofing Co.' where both have the same ``account_key``."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or name
    return " ".join(re.sub(r"[^\w]+", " ", text.lower().replace("&", " and ")).split())


# Mailbox providers anyone can sign up to: their domain names no company (checked by the registrable domain,
# and by its name for providers with a domain per country: yahoo.co.uk, hotmail.fr, gmx.de).
_FREE_MAIL = frozenset(
    ["gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com",
     "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.net",
     "mail.com", "zoho.com", "zohomail.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com",
     "126.com", "web.de", "fastmail.com", "hey.com", "tutanota.com", "comcast.net", "att.net", "verizon.net"]
)  # fmt: skip
_FREE_MAIL_NAMES = frozenset(
    ["gmail", "hotmail", "outlook", "live", "yahoo", "gmx", "yandex", "aol", "laposte"]
)
_EMAIL = re.compile(r"[^@\s<>]+@(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_HOST = re.compile(
    r"(?:[a-z]+://)?(?:www\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(?::\d+)?(?:[/?#].*)?"
)
# A CRM column holding the account's web domain: HubSpot's 'Company Domain Name', Salesforce's 'Website'.
_DOMAIN_HEADERS = frozenset(
    ["domain", "company domain", "company domain name", "domain name", "website", "company website", "web site",
     "website url", "url", "web address", "primary domain", "email domain"]
)  # fmt: skip


@lru_cache(maxsize=65_536)
def registrable_domain(host: str) -> str | None:
    """'mail.granitegrid.co.uk' -> 'granitegrid.co.uk', by the public suffix list bundled with tldextract."""
    found = _extract()(host.lower().strip("."))
    return found.top_domain_under_public_suffix or None


@lru_cache(maxsize=1)
def _extract() -> TLDExtract:
    import tldextract

    # the snapshot of the public suffix list shipped in the package: nothing is fetched, nothing cached on disk
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def email_domain(value: str) -> str | None:
    """The company domain of an e-mail address ('ana@eu.granitegrid.io' -> 'granitegrid.io'); None for a
    free-mail address (gmail.com, outlook.com …) or a value that is not an address."""
    match = _EMAIL.fullmatch(value.strip())
    return _company_domain(match["host"]) if match else None


def site_domain(value: str) -> str | None:
    """The registrable domain of a website or domain cell ('https://www.granitegrid.io/about' -> 'granitegrid.io')."""
    match = _HOST.fullmatch(value.strip().lower())
    return _company_domain(match["host"]) if match else None


def _company_domain(host: str) -> str | None:
    domain = registrable_domain(host)
    if domain is None or domain in _FREE_MAIL or domain.split(".")[0] in _FREE_MAIL_NAMES:
        return None
    return domain


def is_domain_column(header: str) -> bool:
    """Whether a CRM column holds the account's web domain or website."""
    return any(name in _DOMAIN_HEADERS for name in header_names(header))  # also 'Organization - Website'


# A respondent's e-mail domain as kept in their metadata ('company domain': '@granitegrid.io'), and so handed
# to linking among their references, after their id and company name.
DOMAIN_REFERENCE = "@"


class AccountIndex:
    """Look-up of accounts by exact id, normalised id, normalised name and web domain."""

    def __init__(self, accounts: Iterable[Account]) -> None:
        self.ids: set[str] = set()
        self.names: set[str] = set()  # ids that are the account's name (a CRM export keyed by name)
        keyed: dict[str, set[str]] = {}  # a normalised name -> accounts
        written: dict[str, set[str]] = {}  # a name as written -> accounts
        domains: dict[str, set[str]] = {}
        self.name_of: dict[str, str] = {}
        shortened: dict[str, set[str]] = {}  # a name with its last words as their initials -> accounts
        leading: dict[str, set[str]] = {}  # a name's leading words (two or more) -> accounts
        first: dict[str, set[str]] = {}  # the first word of a name of two or more words -> accounts
        places: dict[str, set[str]] = {}  # a government's place name without "City of" -> accounts
        for account in accounts:
            self.ids.add(account.account_id)
            if account.account_id == account.name:
                self.names.add(account.account_id)
            self.name_of[account.account_id] = account.name or account.account_id
            for text in (account.account_id, account.name or ""):
                key = account_key(text)
                if key:
                    keyed.setdefault(key, set()).add(account.account_id)
                    written.setdefault(written_key(text), set()).add(account.account_id)
                    for short in initialisms(key):
                        shortened.setdefault(short, set()).add(account.account_id)
                    for opening in leading_words(key):
                        leading.setdefault(opening, set()).add(account.account_id)
                    if len(key.split()) >= 2:
                        first.setdefault(key.split()[0], set()).add(account.account_id)
                    if place := place_name(key):
                        places.setdefault(place, set()).add(account.account_id)
            for column, value in account.extra.items():
                domain = site_domain(value) if is_domain_column(column) else None
                if domain:
                    domains.setdefault(domain, set()).add(account.account_id)
        # a name or domain two accounts share names neither, unless written as one of them is ("Oak Hollow Roofing
        # Inc." of "Oak Hollow Roofing Inc." and "Oak Hollow Roofing Co.", qa164: the first account read linked the
        # won customer's answers to the lost one)
        self.by_key = {k: next(iter(a)) for k, a in keyed.items() if len(a) == 1}
        self.by_written = {k: next(iter(a)) for k, a in written.items() if len(a) == 1}
        self.shared = {k: sorted(a) for k, a in keyed.items() if len(a) > 1}
        self.by_domain = {k: next(iter(a)) for k, a in domains.items() if len(a) == 1}
        # one account's only: "Maple Ridge USD" names "Maple Ridge Unified School District" unless another account
        # shortens the same way
        self.by_initials = {k: next(iter(a)) for k, a in shortened.items() if len(a) == 1 and k not in keyed}
        # ... and "Cedar Valley" names "Cedar Valley Health" unless another account's name opens so too ("Golden
        # Meadows" names neither "Golden Meadows Senior Care" nor "Golden Meadows Nursing & Rehabilitation"; qa52)
        self.by_leading_words = {
            k: next(iter(a)) for k, a in leading.items() if len(a) == 1 and k not in keyed
        }
        # ... and "Dunmore" names "City of Dunmore" unless another account is of that place too (fleetmaint: 19 of 66
        # respondents of cities and towns unlinked)
        self.by_place = {
            k: next(iter(a)) for k, a in places.items() if len(a) == 1 and k not in keyed and k not in first
        }
        # ... and so does a name's first word alone where it is a made-up word no other account opens on ("Pinewood"
        # for "Pinewood IT Services", "Northpaw" for "Northpaw Studio": qa80, qa81), never a word of English ("Summit",
        # "Blue"), which many a company's name opens on
        words = vocabulary_words()
        self.by_first_word = {
            w: next(iter(a))
            for w, a in first.items()
            if len(a) == 1 and w not in keyed and w not in places and len(w) >= MIN_NAME_LETTERS and w.isalpha()
            and words and w not in words
        }  # fmt: skip

    def find(self, reference: str) -> str | None:
        """The account id a document's account or company reference names, or None."""
        found = self.find_by(reference)
        return found[0] if found else None

    def find_by(self, reference: str) -> tuple[str, LinkKey] | None:
        """The account id a reference names and what matched: the id, the company name or the e-mail domain."""
        reference = reference.strip()
        if not reference:
            return None
        if reference in self.ids:
            return reference, "company name" if reference in self.names else "account id"
        if reference.startswith(DOMAIN_REFERENCE):
            found = self.by_domain.get(reference.removeprefix(DOMAIN_REFERENCE))
            return (found, "e-mail domain") if found else None
        key = account_key(reference)
        if key in self.shared:
            found = self.by_written.get(written_key(reference))
            return (found, "company name") if found else None
        place = place_name(key) or ""
        found = (
            self.by_key.get(key)
            or self.by_initials.get(key)
            or self.by_leading_words.get(key)
            or self.by_first_word.get(key)
            or self.by_place.get(key)
            or self.by_key.get(place)
            or self.by_place.get(place)
        )
        if not found:
            # a department of a government, named by its place ("Harlow Springs Public Works" of "City of Harlow
            # Springs", "Norwood County Fleet" of "Norwood County": fleetmaint)
            words = key.split()
            found = next(
                (
                    a
                    for opening in (" ".join(words[:k]) for k in range(len(words) - 1, 0, -1))
                    if (
                        a := self.by_place.get(opening)
                        or (_GOVERNMENT.search(opening) and self.by_key.get(opening))
                    )
                ),
                None,
            )
        if not found:  # the reference shortened, the account's name written out, or both shortened alike
            found = next(
                (
                    a
                    for short in initialisms(key)
                    if (a := self.by_key.get(short) or self.by_initials.get(short))
                ),
                None,
            )
        return (found, "company name") if found else None


_PLACE = re.compile(r"^(city|town|village|borough|township|county|municipality|district) of (.+)$")
_GOVERNMENT = re.compile(
    r"^(city|town|village|borough|township|county) of \w|\w (county|city|town|village|borough|township)$"
)


def place_name(key: str) -> str | None:
    """A normalised government name's place: 'city of dunmore' -> 'dunmore'; None for any other name."""
    found = _PLACE.match(key)
    return found.group(2) if found else None


def initialisms(key: str) -> list[str]:
    """A normalised name with its last one or more words written as their initials, keeping at least one word:
    'maple ridge unified school district' -> 'maple ridge usd', 'maple ridge unified sd', 'maple rusd'. An
    institution's kind is often shortened so (USD, ISD, SD, PD, CU, or "Northgate U" for "Northgate University",
    qa58), and the name before it is what tells it."""
    words = key.split()
    return [" ".join([*words[:-k], "".join(w[0] for w in words[-k:])]) for k in range(1, len(words))]


def leading_words(key: str) -> list[str]:
    """A normalised name's opening words, two or more and short of the whole, not ending on a joining word:
    'cedar valley health system' -> 'cedar valley', 'cedar valley health'. Respondents type a company's name short."""
    words = key.split()
    return [" ".join(words[:k]) for k in range(2, len(words)) if words[k - 1] not in _JOINING]


MIN_NAME_LETTERS = 5  # a shorter first word ("Acme", "Core") is too likely another company's too (judgement)
_JOINING = frozenset(["and", "of", "the", "for", "at", "in", "on", "de", "la", "le", "du", "des"])


def link(references: Mapping[str, list[str]], accounts: Iterable[Account]) -> dict[str, str | None]:
    """For each document id, the first of its references (id, company name, e-mail domain) naming an account."""
    return {doc_id: found[0] if found else None for doc_id, found in link_by(references, accounts).items()}


def link_by(
    references: Mapping[str, list[str]], accounts: Iterable[Account] | AccountIndex
) -> dict[str, tuple[str, LinkKey] | None]:
    """For each document id, the account its first matching reference names, and by which key."""
    index = accounts if isinstance(accounts, AccountIndex) else AccountIndex(accounts)
    return {
        doc_id: next((found for r in refs if (found := index.find_by(r))), None)
        for doc_id, refs in references.items()
    }


def shared_name_notes(
    index: AccountIndex,
    references: Mapping[str, list[str]],
    found: Mapping[str, tuple[str, LinkKey] | None],
) -> list[str]:
    """A line per name that two or more accounts share and that left interviews or responses unlinked (``found``:
    what ``link_by`` linked each to)."""
    left: dict[str, list[str]] = {}
    for doc_id, refs in references.items():
        if found.get(doc_id) is None:
            named = next((r for r in refs if account_key(r) in index.shared), None)
            if named:
                left.setdefault(account_key(named), []).append(named)
    return [
        f"'{named[0]}' names {len(index.shared[key])} CRM accounts "
        f"({', '.join(repr(index.name_of[a]) for a in index.shared[key])}): {len(named)} interviews/responses "
        "naming it left unlinked; write the name as the CRM does, or the account id"
        for key, named in sorted(left.items())
    ]


# A survey column most of whose answers name a CRM account is the respondents' company, whatever its header says
# ("Brewery name", qa183: 91 of 95 respondents linked only once the user found --company-column). Each answer must
# name an account, at least MIN_NAMING_ANSWERS of them and more than half of the column's: a closed rule, not fitted.
MIN_NAMING_ANSWERS = 3
# what a survey reader writes into a respondent's metadata itself: never the company column it looks for
_READERS_OWN = frozenset({"role", "company", "segment", "company domain", "respondent", "line"})


def company_columns(
    answers: Mapping[str, tuple[str, Mapping[str, object]]], index: AccountIndex
) -> tuple[dict[str, str], list[str]]:
    """For the surveys none of whose respondents has a company (``answers``: response id -> (survey, its answers
    by question)), the column most of whose answers name a CRM account: each response's answer there, to link it by
    (response id -> answer), and a line per survey saying which column was read so."""
    by_survey: dict[str, dict[str, Mapping[str, object]]] = {}
    for doc_id, (survey, metadata) in answers.items():
        by_survey.setdefault(survey, {})[doc_id] = metadata
    named: dict[str, str] = {}
    notes: list[str] = []
    for survey, responses in sorted(by_survey.items()):
        if any(metadata.get("company") for metadata in responses.values()):
            continue
        best: tuple[int, str] | None = None
        columns = dict.fromkeys(
            k for metadata in responses.values() for k in metadata if k not in _READERS_OWN
        )
        for column in columns:
            values = Counter(a for m in responses.values() if (a := _answer(m, column)))
            # (each distinct answer looked up once: a closed question's answers repeat)
            naming = sum(n for value, n in values.items() if index.find_by(value) is not None)
            if (
                naming >= MIN_NAMING_ANSWERS
                and naming * 2 > values.total()
                and (best is None or naming > best[0])
            ):
                best = (naming, column)
        if best is None:
            continue
        naming, column = best
        named.update({doc_id: a for doc_id, m in responses.items() if (a := _answer(m, column))})
        notes.append(
            f"{survey}: read '{column}' as the respondents' company ({naming} of {len(responses)} responses name a CRM "
            "account); name another column with --company-column"
        )
    return named, notes


def _answer(metadata: Mapping[str, object], column: str) -> str:
    """A response's answer to a question, stripped; "" where it gave none."""
    return str(metadata.get(column) or "").strip()


def count_keys(found: Mapping[str, tuple[str, LinkKey] | None]) -> Counter[str]:
    """How many documents were linked by each key."""
    return Counter(f[1] for f in found.values() if f)


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
