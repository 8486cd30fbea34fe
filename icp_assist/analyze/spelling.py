"""Slips of the keys read as the word meant, for grouping statements by what they say: "carier vetting" is about
carrier vetting, though the embedding model, which splits an unknown word into pieces, reads it as something else
(qa296: twenty re-exported survey rows with "carier" formed a theme of their own, reported by `diff` as new).

Only the grouping reads the words so; quotes stay verbatim. The dictionary is the bundled model's word list and
the statements' own words: a word is read as another only when it is no English word, no name the statements
write capitalised inside a sentence, and one edit from exactly one English word they use more often."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..embed_onnx import vocabulary_words
from .labels import MISSPELLING_RATIO, UNKNOWN_MIN_LETTERS, inflected, one_edit

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# a name or a short form: capitalised inside a sentence ("Carta"), or with a capital after its first letter ("SaaS",
# "SAML", "McLeod") anywhere
_NAMED = re.compile(r"(?<![.!?]\s)(?<!^)(?<![\"“(])\b[A-Z][A-Za-z]*\b|\b[A-Za-z]+[A-Z][A-Za-z]*\b")
# below this many letters a word is one edit from many others ("opex" of "open", "pong" of "long"), so it is read
# as another only when that one has a letter it lost ("papr" of "paper", "excl" of "excel")
SHORT_WORD = 5


def words_meant(texts: Sequence[str], known: frozenset[str] | None = None) -> dict[str, str]:
    """Lower-case slips of the keys in these statements, to the word each one means: a word that is not in
    ``known`` (default: the bundled model's whole words) nor such a word with an English ending, of
    UNKNOWN_MIN_LETTERS letters or more, one edit (``one_edit``; below SHORT_WORD letters, one letter added) from
    English words the statements use, of which
    one is used most, in more statements than the slip (MISSPELLING_RATIO times as many once the slip is in more
    than two, as a spelling several people share may be theirs to use). Not a name: a word the statements write
    capitalised inside a sentence ("Carta") or with a capital after its first letter ("SaaS") is left as written."""
    known = vocabulary_words() if known is None else known
    if not known:
        return {}
    spread: Counter[str] = Counter()
    names: set[str] = set()
    for text in texts:
        spread.update({w.casefold() for w in _WORD.findall(text)})
        names.update(w.casefold() for w in _NAMED.findall(text))
    meant = {}
    for word, n in spread.items():
        if (
            len(word) < UNKNOWN_MIN_LETTERS
            or not word.isalpha()
            or word in known
            or word in names
            or inflected(word, known)
        ):
            continue
        used = sorted(
            (
                (spread[c], c)
                for c in one_edit(word)
                if spread[c] > n
                and (c in known or inflected(c, known))
                and (len(word) >= SHORT_WORD or len(c) == len(word) + 1)
            ),
            reverse=True,
        )
        if not used or (len(used) > 1 and used[0][0] == used[1][0]):
            continue  # no word it can mean, or two as likely
        count, word_meant = used[0]
        if n > 2 and count < MISSPELLING_RATIO * n:
            continue
        meant[word] = word_meant
    return meant


def spelt_as_meant(text: str, meant: dict[str, str]) -> str:
    """The text with each slip in ``meant`` (``words_meant``) written as the word it means, in its case."""
    if not meant:
        return text

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        right = meant.get(word.casefold())
        if right is None:
            return word
        if word.isupper() and len(word) > 1:
            return right.upper()
        return right[:1].upper() + right[1:] if word[:1].isupper() else right

    return _WORD.sub(fix, text)
