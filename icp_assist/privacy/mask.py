"""Names a prompt never carries: speakers, interviewees and interviewers become "Person N" in what an LLM
reads, whether or not the workspace is redacted, and quotes the model returns are mapped back to the text."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from ..records import Document
from .redact import people_of

_LABEL = re.compile(r"Person \d+(?!\d)")


class NameMask:
    """The people documents name outright, each as "Person N" (whole, or by a first or last name)."""

    def __init__(self, documents: Iterable[Document] = (), *, names: Iterable[str] = ()) -> None:
        self.forms: dict[str, str] = {}  # a name as written -> its label
        people = [*names, *(name for document in documents for name in people_of(document))]
        for name in dict.fromkeys(people):
            label = self.forms.get(name) or f"Person {len(set(self.forms.values())) + 1}"
            self.forms.setdefault(name, label)
            for part in name.split():
                if len(part) > 2 and part[0].isupper():
                    self.forms.setdefault(part, label)
        forms = sorted(self.forms, key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(rf"(?<!\w){re.escape(f)}(?!\w)" for f in forms)) if forms else None
        )

    def hide(self, text: str) -> str:
        """The text with every known name replaced by its label."""
        return self._pattern.sub(lambda m: self.forms[m.group()], text) if self._pattern else text

    def restorations(self, text: str, *, limit: int = 64) -> list[str]:
        """The text as the model wrote it, then with its labels put back as each name they may stand for."""
        labels = sorted(set(_LABEL.findall(text)) & set(self.forms.values()))
        options = [[form for form, label in self.forms.items() if label == wanted] for wanted in labels]
        restored = [text]
        for choice in itertools.islice(itertools.product(*options), limit if labels else 0):
            candidate = text
            for label, form in zip(labels, choice, strict=True):
                candidate = re.sub(rf"{re.escape(label)}(?!\d)", form, candidate)
            restored.append(candidate)
        return restored
