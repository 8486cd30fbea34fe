"""`ask --llm`: the model writes the answer from the verbatim quotes retrieval found, citing them by number.

The retrieval, the quotes and the thin-evidence verdict stay those of the offline `ask`: when evidence is
thin the model is not asked. A sentence is kept only if it cites quotes that exist and every number in it
appears in those quotes; if none is kept, the extractive answer stands.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from ..ask import Answer
from ..privacy.mask import NameMask
from ..privacy.redact import is_generic_speaker
from .calls import Call, LlmSession
from .gate import numbers_within
from .prompts import echoes, load_prompt


class CitedSentence(BaseModel):
    """One sentence of the answer and the quotes it rests on."""

    text: str = Field(description="One sentence, without the citation numbers.")
    citations: list[int] = Field(
        default_factory=list, description="Numbers of the quotes it rests on, e.g. [1, 3]."
    )


class WrittenAnswer(BaseModel):
    """An answer written only from the numbered quotes."""

    sentences: list[CitedSentence] = Field(description="Two to four sentences.")


def write_answer(session: LlmSession, answer: Answer) -> Answer:
    """The answer rewritten by the model from its own citations, or unchanged when thin or unsupported."""
    if answer.thin or not answer.citations:
        return answer
    prompt = load_prompt("answer")
    mask = NameMask(names=[c.speaker for c in answer.citations if not is_generic_speaker(c.speaker)])
    quotes = [
        {"speaker": mask.hide(c.speaker), "title": mask.hide(c.title), "text": mask.hide(c.quote)}
        for c in answer.citations
    ]
    messages = prompt.render(question=answer.question, quotes=quotes, sources=answer.sources)
    (written,) = session.run([Call(prompt=prompt, messages=messages, schema=WrittenAnswer, label="answer")])
    if written is None:
        return answer
    kept = [s for s in written.sentences if _supported(s, answer, str(messages[0].content))]
    session.report.rejected_claims += len(written.sentences) - len(kept)
    if not kept:
        return answer
    text = " ".join(f"{s.text.strip()} [{', '.join(map(str, sorted(set(s.citations))))}]" for s in kept)
    return answer.model_copy(update={"answer": text})


def _supported(sentence: CitedSentence, answer: Answer, instructions: str) -> bool:
    cited = set(sentence.citations)
    if not sentence.text.strip() or not cited or not cited <= set(range(1, len(answer.citations) + 1)):
        return False
    quoted = " ".join(answer.citations[n - 1].quote for n in cited)
    unlabelled = re.sub(r"\bPerson \d+\b", "Person", sentence.text)  # a masked name is not a figure
    return numbers_within(unlabelled, quoted) and not echoes(sentence.text, instructions)
