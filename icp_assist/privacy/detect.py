"""Finding personal data in text: e-mails, phones, cards, IBANs, personal URLs, street addresses and names.

Numbers are found by maintained parsers and checksums (``phonenumbers``, Luhn, ISO 13616 mod-97); names
by capitalised words that Faker's name lists (about 21,000 given names and 26,000 surnames across its
Latin-script locales, MIT) know, never by a statistical model. Words that are also common English
(``Will``, ``Grant``, ``Sage``), all-capital words (``CFO``, ``SAP``), words with an inner capital
(``NetSuite``, ``BlackLine``) and job-title words are never a name on their own; names the caller knows
(speakers, interviewees, interviewers) are always found, whole or by their parts.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import phonenumbers


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


KINDS = ("Email", "Link", "IBAN", "Card", "Phone", "Address", "Person")  # first wins where two overlap

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"')\]]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|me|dev|app|uk|de)/[^\s<>\"')\]]+",
    re.IGNORECASE,
)
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
_STREET = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Square|Sq|"
    r"Parkway|Pkwy|Highway|Hwy|Crescent|Circle|Cir|Row|Gardens|Walk"
)
_UNIT = r"(?:,?\s+(?:Suite|Ste\.?|Apt\.?|Apartment|Unit|Floor|Fl\.?|#)\s*[\w-]+)?"
_PLACE = r"(?:,\s+[A-Z][a-z]+(?: [A-Z][a-z]+)?)?(?:,?\s+(?:[A-Z]{2}\s+)?\d{5}(?:-\d{4})?)?"
_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][\w'’.-]*\s+){{1,4}}(?:{_STREET})\b{_UNIT}{_PLACE}"
    rf"|\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|weg|gasse|platz|allee)\s+\d{{1,4}}[a-z]?\b(?:,\s+\d{{5}}\s+[A-Z][a-zäöü]+)?"
)
_WORD = re.compile(r"\b[A-Z]\.(?=\s[A-Z])|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|O'|O’|De|Di|Da|Du|La|Le|Van|Von)(?=[A-Z])")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|across|via|using|use|uses|into|onto)\s+$", re.IGNORECASE)
_PERSON_BEFORE = re.compile(
    r"\b(?:to|with|and|asked|told|ask|tell|cc|ping|call|called|met|thanks|thank|hi|hello|dear)\s+$",
    re.IGNORECASE,
)
# A lone capitalised word right before an object pronoun or a determiner is a verb or an adjective, not a
# name: "Skip it if you're on QBO", "Worth a look" (closed word classes of English).
_OBJECT_AFTER = re.compile(
    r"\s+(?:it|them|me|us|him|her|this|that|these|those|a|an|the|my|your|our|their|its|every|each)\b",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+$")
# The floor under libphonenumber: 9 to 15 digits in groups, starting with + or a digit (UK 020 …, 0049 …).
_PHONE_FLOOR = re.compile(r"(?<![\w+])(?:\+|\b)\d(?:[ .-]?\(?\d+\)?){2,6}(?![\w])")
# Job-title and business words: never a person, even where a name list holds them.
_TITLE_WORDS = _word_set(
    """manager director controller officer chief head vice president analyst lead engineer accountant
    specialist coordinator partner founder owner assistant associate clerk supervisor administrator
    consultant architect developer designer executive treasurer auditor buyer champion sponsor team
    finance sales marketing operations procurement payable payables receivable accounting legal board
    company customer vendor account product platform"""
)
# English words that are also given names: a name only with a surname beside them or when the caller names them.
_AMBIGUOUS = _word_set(
    """will mark grant chase sage frank rose faith joy hope may june april august summer hunter page
    price rich young king long close bill bob jack art don dawn ray lane dale glen gene miles wade drew
    major angel crystal amber ruby jade brook sky storm river stone wood hill ford banks cash bond penny
    pat sue guy max sunny honey victor royal earl duke prince baron mercedes porsche tesla chevy lincoln
    jordan kent ashley paris sydney florence austin dallas houston phoenix madison camden cliff heath
    dean chance ace buck case chip cole colt dash gray grey holly ivy iris lily daisy hazel olive violet
    ginger pearl rusty sandy sonny spring autumn winter star january february march july september
    october november december monday tuesday wednesday thursday friday saturday sunday hi hello hey
    thanks thank cheers dear yes yeah yep no nope okay ok well so sure right great sorry morning bye welcome"""
)


@dataclass(frozen=True)
class Found:
    """One piece of personal data: where it is, what kind, and its text."""

    start: int
    end: int
    kind: str
    text: str


def find_personal_data(text: str, *, people: Iterable[str] = (), keep: Iterable[str] = ()) -> list[Found]:
    """Every piece of personal data in ``text``, not overlapping, in order; ``people`` are names to find always."""
    kept = {k.casefold() for k in keep}
    found = [
        *_matches(_EMAIL, text, "Email"),
        *_links(text),
        *_ibans(text),
        *_cards(text),
        *_phones(text),
        *_matches(_ADDRESS, text, "Address"),
        *_known_people(text, people),
        *_names(text, kept),
    ]
    return _without_overlaps(found)


def _matches(pattern: re.Pattern[str], text: str, kind: str) -> list[Found]:
    return [Found(m.start(), m.end(), kind, m.group()) for m in pattern.finditer(text)]


def _links(text: str) -> list[Found]:
    """URLs with a path, query or user part: a bare domain (``netsuite.com``) names a company, not a person."""
    links = []
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?")
        rest = re.sub(r"^(?:https?://)?(?:www\.)?[^/?#]+", "", url, flags=re.IGNORECASE)
        if rest.strip("/") or "@" in url:
            links.append(Found(m.start(), m.start() + len(url), "Link", url))
    return links


def _cards(text: str) -> list[Found]:
    return [f for f in _matches(_CARD, text, "Card") if _luhn(re.sub(r"\D", "", f.text))]


def _luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _ibans(text: str) -> list[Found]:
    found = []
    for m in _IBAN.finditer(text):
        compact = m.group().replace(" ", "")
        moved = compact[4:] + compact[:4]
        number = "".join(str(int(c, 36)) for c in moved)
        if 15 <= len(compact) <= 34 and int(number) % 97 == 1:
            found.append(Found(m.start(), m.end(), "IBAN", m.group()))
    return found


def _phones(text: str) -> list[Found]:
    """Phone numbers in national (US) or international form, as libphonenumber parses them."""
    found = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        digits = re.sub(r"\D", "", match.raw_string)
        if len(digits) >= 7 and not re.fullmatch(r"(?:19|20)\d\d[-–](?:19|20)?\d\d", match.raw_string):
            found.append(Found(match.start, match.end, "Phone", match.raw_string))
    for m in _PHONE_FLOOR.finditer(text):
        if 9 <= len(re.sub(r"\D", "", m.group())) <= 15 and re.search(r"[ .()-]", m.group()):
            found.append(Found(m.start(), m.end(), "Phone", m.group()))
    return found


def _known_people(text: str, people: Iterable[str]) -> list[Found]:
    """Each name the caller knows, whole, and its given name and surname alone."""
    found = []
    for name in sorted({p.strip() for p in people if p and p.strip()}, key=len, reverse=True):
        parts = [name, *[w for w in name.split() if len(w) > 1 and w[0].isupper() and not _is_title(w)]]
        for part in dict.fromkeys(parts):
            for m in re.finditer(rf"(?<![\w@]){re.escape(part)}(?![\w@])", text):
                found.append(Found(m.start(), m.end(), "Person", m.group()))
    return found


def _names(text: str, kept: set[str]) -> list[Found]:
    """Runs of capitalised words that the name lists say are a person's name."""
    found = []
    lowered = set(re.findall(r"\b[a-z]+\b", text))  # words the text also writes in lower case are words
    for run in _capitalised_runs(text):
        words = [w for w in run if w.group().casefold() not in kept]
        i = 0
        while i < len(words):
            span = _name_at(words, i, text, lowered)
            if span:
                found.append(
                    Found(
                        words[i].start(),
                        words[span - 1].end(),
                        "Person",
                        text[words[i].start() : words[span - 1].end()],
                    )
                )
                i = span
            else:
                i += 1
    return found


def _capitalised_runs(text: str) -> list[list[re.Match[str]]]:
    """Capitalised words separated by one space (or a middle initial), grouped into runs."""
    runs: list[list[re.Match[str]]] = []
    last_end = -2
    for m in _WORD.finditer(text):
        if not _capitalised(m.group()):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@/."):
            continue
        if m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] == "@"):
            continue
        if runs and text[last_end : m.start()] == " ":
            runs[-1].append(m)
        else:
            runs.append([m])
        last_end = m.end()
    return runs


def _capitalised(word: str) -> bool:
    """'Dana', 'O'Brien', 'Jean-Pierre', 'J.': yes; 'CFO', 'NetSuite', 'later', 'Inc.': no."""
    if word.endswith("."):
        return len(word) == 2 and word[0].isupper()
    if not word[0].isupper() or len(word) < 2:
        return False
    rest = _NAME_PREFIX.sub("", word, count=1)
    parts = re.split(r"[-'’]", rest)
    return all(p[:1].isupper() or p.islower() for p in parts) and all(p[1:].islower() for p in parts if p)


def _name_at(words: list[re.Match[str]], i: int, text: str, lowered: set[str]) -> int:
    """The index after a name starting at words[i], or 0 when none starts there."""
    first = words[i].group()
    honorific = _HONORIFIC.search(text[max(0, words[i].start() - 6) : words[i].start()]) is not None
    given = _is_given(first)
    end = i + 1
    while end < len(words) and end - i < 4 and _is_surname_like(words[end].group()):
        end += 1
    plain = first.casefold() not in _AMBIGUOUS and first.casefold() not in _common_words()
    rest = [w.group() for w in words[i + 1 : end]]
    surname_after = any(_is_surname(w) for w in rest)
    given_after = any(_is_given(w) and w.casefold() not in _common_words() for w in rest)
    if rest and (
        (given and (plain or surname_after))  # Dana Whitfield, Will Thompson
        or (plain and surname_after)  # Oluwaseun Adeyemi: an unlisted given name before a surname
        or (plain and first in _surnames() and given_after)  # Chen Jing: the surname first
        or (honorific and _is_known(first, honorific=True))
    ):
        return end
    if honorific and _is_surname_like(first):
        return end
    if end - i == 1 and plain and len(first) > 2 and first.casefold() not in lowered:
        if _OBJECT_AFTER.match(text, words[i].end()) and not _PERSON_BEFORE.search(text, 0, words[i].start()):
            return 0
        if given:
            return 0 if _PLACE_BEFORE.search(text, 0, words[i].start()) else end  # "in Manila" is a place
        if first in _surnames() and _PERSON_BEFORE.search(text, 0, words[i].start()):
            return end  # "forwarded it to Raj": a listed name where a person is spoken of
    return 0


def is_person_name(word: str, *, capital_tells: bool = False) -> bool:
    """Whether a word written with a capital is a person's given name or surname by the name lists ("Arlene",
    "Poulsen"), not a title or a product ("CFO", "NetSuite"), nor a word of English ("Price", "Amber") unless
    ``capital_tells`` (the capital is not a sentence's: "my daughter Amber")."""
    if not _capitalised(word) or _is_title(word):
        return False
    listed = all(p in _given_names() or p in _surnames() for p in word.split("-"))
    return listed and (capital_tells or word.casefold() not in _common_words())


def _is_title(word: str) -> bool:
    return word.casefold() in _TITLE_WORDS


def _is_given(word: str) -> bool:
    parts = word.split("-")
    return all(p in _given_names() for p in parts) and not _is_title(word)


def _is_surname(word: str) -> bool:
    parts = word.split("-")
    return (
        all(p in _surnames() for p in parts)
        and not _is_title(word)
        and word.casefold() not in _common_words()
    )


def _is_known(word: str, *, honorific: bool) -> bool:
    return honorific or word in _given_names() or word in _surnames()


def _is_surname_like(word: str) -> bool:
    """A capitalised word that can follow a given name: not a title word, not common English (unless a surname)."""
    if word.endswith(".") and len(word) == 2:
        return True  # a middle initial
    if _is_title(word):
        return False
    return word in _surnames() or word.casefold() not in _common_words()


@cache
def _common_words() -> frozenset[str]:
    from faker.providers.lorem.en_US import Provider as Lorem

    return frozenset(Lorem.word_list) | _AMBIGUOUS | _TITLE_WORDS


@cache
def _lexicon() -> tuple[dict[str, int], frozenset[str]]:
    """Given names (with how many locales list them) and surnames, from Faker's Latin-script locales."""
    import faker.providers.person as person

    given: dict[str, set[str]] = {}
    surnames: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            values = getattr(provider, attr, None)
            if "name" not in attr or not isinstance(values, tuple | list | dict | set):
                continue
            words = {w for n in values if isinstance(n, str) and _latin(n) for w in n.split() if len(w) > 1}
            if "last" in attr:
                surnames.update(words)
            elif "first" in attr:
                for word in words:
                    given.setdefault(word, set()).add(module.name.split("_")[0])
    return {w: len(languages) for w, languages in given.items()}, frozenset(surnames)


def _given_names() -> dict[str, int]:
    return _lexicon()[0]


def _surnames() -> frozenset[str]:
    return _lexicon()[1]


def _latin(name: str) -> bool:
    return all(c in " -'’" or unicodedata.name(c, "").startswith("LATIN") for c in name)


def _without_overlaps(found: list[Found]) -> list[Found]:
    """Where two overlap, the earlier kind in KINDS wins, then the longer."""
    chosen: list[Found] = []
    for f in sorted(found, key=lambda f: (KINDS.index(f.kind), -(f.end - f.start), f.start)):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)
