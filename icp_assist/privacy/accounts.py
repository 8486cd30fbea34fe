"""CRM accounts redacted at ingest: the people a CRM export names become the workspace's pseudonyms.

A column that names a person (owner, seller, rep, contact, account manager, an e-mail or phone column) has
its values replaced whole; other free text goes through the detector. Company names, categories, numbers
and the tech stack stay: they link interviews to accounts and are what the ICP is made of.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..ingest.accounts import parse_amount
from ..records import Account
from .detect import find_personal_data
from .pseudonyms import ACCOUNT_MARK
from .redact import Redactor, is_generic_speaker, names_in

# Beyond the seller/owner/rep/e-mail/phone columns the signals already set apart (is_person_or_id).
_PERSON_COLUMN = re.compile(
    r"\b(contacts?|champion|sponsor|signatory|signer|decision maker|referr(ed|er)|first name|last name"
    r"|full name|mobile|cell|tel)\b",
    re.IGNORECASE,
)
_RECORD_ID = re.compile(r"\b(id|uuid|guid|key)$", re.IGNORECASE)  # 'Owner ID': an opaque record id
# 'Contact title', 'Sales rep region', 'Owner team': about a person, but the values are categories.
_ABOUT_A_PERSON = re.compile(
    r"\b(title|role|type|status|stage|region|territory|segment|team|department|level|seniority|count"
    r"|number of|source|date|quota)\b",
    re.IGNORECASE,
)
_CODE = re.compile(r"(?=\S*[A-Za-z])(?=\S*\d)[A-Za-z0-9_-]{8,}")  # 'a8387c01a09e99ce…', 'LP-2024-0042'
_NOBODY = frozenset({"none", "n/a", "na", "-", "—", "unassigned", "tbd", "unknown", "nobody"})
_NOT_NAMES = ("Email", "Phone", "Card", "IBAN", "Link", "Address")  # what a category column may still hold


def account_source(path: str, account_id: str) -> str:
    """The source a CRM account's pseudonyms are noted under, so forgetting the account drops them."""
    return f"{path}{ACCOUNT_MARK}{account_id}"


def names_a_person(column: str) -> bool:
    """True for a CRM column whose values are people (Owner, Sales rep, Primary contact, Email, Phone)."""
    from ..analyze.signals import is_person_or_id  # the analysis package is heavy; only redaction needs it

    text = " ".join(column.replace("_", " ").split())
    if _RECORD_ID.search(text) or _ABOUT_A_PERSON.search(text):
        return False
    return is_person_or_id(text) or _PERSON_COLUMN.search(text) is not None


def redact_accounts(redactor: Redactor, accounts: Sequence[Account], *, path: str) -> list[Account]:
    """The accounts with the people, e-mails and phones of their CRM columns replaced by pseudonyms."""
    from ..analyze.signals import categorical_columns

    categories = set(categorical_columns(accounts))
    return [
        _redact_account(redactor, account, account_source(path, account.account_id), categories)
        for account in accounts
    ]


def people_in(account: Account) -> list[str]:
    """The people (or their pseudonyms) the account's person columns name."""
    return [
        name for column, value in account.extra.items() if names_a_person(column) for name in names_in(value)
    ]


def _redact_account(redactor: Redactor, account: Account, source: str, categories: set[str]) -> Account:
    """Person columns first, so a note naming the contact ('call Ingrid') gets the contact's pseudonym."""
    people = [n for n in people_in(account) if not re.search(r"[@\d]", n) and not is_generic_speaker(n)]
    extra = {
        column: _person_cell(redactor, value, source)
        for column, value in account.extra.items()
        if names_a_person(column) and not _nobody(value)
    }
    for column, value in account.extra.items():
        if column not in extra:
            extra[column] = _cell(redactor, column, value, source, categories, people)
    return account.model_copy(update={"extra": {column: extra[column] for column in account.extra}})


def _nobody(value: str) -> bool:
    return not value.strip() or value.strip().casefold() in _NOBODY


def _cell(
    redactor: Redactor, column: str, value: str, source: str, categories: set[str], people: list[str]
) -> str:
    if _nobody(value) or names_a_person(column):
        return value  # 'Unassigned', or a person column's empty value
    if _RECORD_ID.search(column.replace("_", " ").strip()) or _CODE.fullmatch(value.strip()):
        return value  # a record id or code ('seller_id', a landing page's hash): digits in it are no phone
    if parse_amount(value) is not None:
        return value  # a number, not a phone: phones are in person columns or free text with other words
    if column in categories:  # 'Partner referral', 'Enterprise': never a name, but an e-mail is still one
        return redactor.text(value, source=source, kinds=_NOT_NAMES)[0]
    return redactor.text(value, source=source, people=people)[0]


def _person_cell(redactor: Redactor, value: str, source: str) -> str:
    """A person column's value: each name pseudonymised whole; e-mails and phones by the detector."""
    if re.search(r"[@\d]", value) or any(f.kind != "Person" for f in find_personal_data(value)):
        return redactor.text(value, source=source)[0]
    return ", ".join(
        name if is_generic_speaker(name) else redactor.pseudonyms.pseudonym("Person", name, source=source)
        for name in names_in(value)
    )
