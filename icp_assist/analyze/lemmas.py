"""A word's dictionary form, so that "grew", "grown" and "growing" count as one word people share.

English inflection, irregular forms included, is read by lemminflect (its tables ship inside the wheel: nothing
is downloaded). A word it does not know (a product, a short form, a slip of the keys) stays as it is.
"""

from __future__ import annotations

from functools import lru_cache

import lemminflect


@lru_cache(maxsize=65_536)
def dictionary_form(word: str) -> str:
    """``word`` (lower case) in its dictionary form: "grew" -> "grow", "documents" -> "document", "cheaper" ->
    "cheap". A noun keeps its own form when it is one ("building", "sales" -> "sale" but "news" stays), and an
    adjective's form is taken only when it is the same word with an ending ("cheaper", never "better" -> "good":
    a different word is a different thing said)."""
    lemmas = lemminflect.getAllLemmas(word)
    for part in ("NOUN", "VERB"):
        forms = lemmas.get(part)
        if forms:
            return word if word in forms else forms[0]
    forms = lemmas.get("ADJ")
    if forms and word.startswith(forms[0][:-1] if forms[0].endswith("e") else forms[0]):
        return forms[0]
    return word


@lru_cache(maxsize=65_536)
def every_dictionary_form(word: str) -> frozenset[str]:
    """``word``'s dictionary forms as every part of speech it can be: "opening" is the noun "opening" and the verb
    "open", so that "we were opening a second one" shares its word with "we opened" and "if we open another one"
    (qa304: counted apart, the expansion trigger was labelled by one studio's "A barre and yoga studio")."""
    lemmas = lemminflect.getAllLemmas(word)
    forms = {dictionary_form(word)}
    for part in ("NOUN", "VERB"):
        forms.update(lemmas.get(part, ()))
    return frozenset(forms)
