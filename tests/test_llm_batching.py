"""Several short interviews per extraction call: how they are packed, how each quote is held to the interview
it names (offsets included), the speaker legend in the prompt, and cache keys that follow prompt and schema."""

from __future__ import annotations

import json
import re

from fake_chat import RecordedChatModel, recorded

from icp_assist.llm import LlmSession
from icp_assist.llm.calls import Call
from icp_assist.llm.extract import Excerpt, Extraction, excerpts, extract
from icp_assist.llm.gate import EvidenceGate
from icp_assist.llm.prompts import Prompt, load_prompt
from icp_assist.records import Document, Turn

SHARED = "Our month-end close took eleven days because of spreadsheets."


def _interview(name: str, lines: list[tuple[str, bool, str]], *, kind: str = "interview") -> Document:
    """A document whose text is "Speaker: words" per line, with each turn at its exact offsets."""
    text, turns = "", []
    for speaker, customer, words in lines:
        start = len(text) + len(speaker) + 2
        text += f"{speaker}: {words}\n"
        turns.append(Turn(speaker=speaker, start=start, end=start + len(words), is_customer=customer))
    return Document(doc_id=f"/in/{name}", kind=kind, source=f"/in/{name}", title=name, text=text, turns=turns)  # type: ignore[arg-type]


def _short(name: str, customer_line: str) -> Document:
    return _interview(name, [("Sam Patel", False, "What happened before you bought?"),
                             ("Jo Reyes", True, customer_line)])  # fmt: skip


def _ask(
    parts: list[Excerpt], answers: list[dict[str, object]]
) -> tuple[list, EvidenceGate, RecordedChatModel]:
    model = RecordedChatModel(replies=[json.dumps(a) for a in answers])
    session = LlmSession(recorded(model), sleep=lambda _: None)
    gate = EvidenceGate()
    return extract(session, parts, gate), gate, model


def _pain(*quotes: tuple[str, str]) -> dict[str, object]:
    return {
        "pain_points": [{"summary": "Slow close", "quotes": [{"text": t, "source": s} for t, s in quotes]}]
    }


def test_short_interviews_share_a_call_up_to_the_budget_and_a_long_one_goes_in_parts() -> None:
    a, b, c = (_short(f"{n}.md", SHARED + " " + n * 40) for n in "abc")
    size = sum(t.end - t.start for t in a.turns)  # the three are the same size: 135 chars
    long = _interview("long.md", [("Jo Reyes", True, "We lost days. " * 5)] * 4)  # 280 chars
    survey = _interview("r1", [("Respondent", True, "Too slow to close the books.")], kind="survey_response")
    parts = excerpts([a, long, b, c, survey], max_chars=2 * size)
    assert [p.label for p in parts] == ["a.md + b.md", "c.md", "long.md part 1/2", "long.md part 2/2",
                                        "survey answers batch 1"]  # fmt: skip
    assert [list(p.sources) for p in parts[:3]] == [["S1", "S2"], ["S1"], ["S1"]]
    assert [doc.title for doc, _ in parts[0].sources.values()] == ["a.md", "b.md"]
    assert all(turns == [0, 1] for _, turns in parts[0].sources.values())  # whole interviews, every turn
    assert [len(excerpts([a, b, c], max_chars=size * k)) for k in (1, 3)] == [3, 1]


def test_each_quote_is_located_in_the_interview_it_names_at_that_interviews_offsets() -> None:
    first, second = _short("a.md", SHARED), _short("b.md", "Intro words here. " + SHARED)
    parts = excerpts([first, second], max_chars=10_000)
    assert len(parts) == 1
    found, gate, _ = _ask(parts, [_pain((SHARED, "S2"), (SHARED, "S1"))])
    evidence = found[0].item.evidence
    assert [(e.document, e.start) for e in evidence] == [
        ("/in/b.md", second.text.index(SHARED)),
        ("/in/a.md", first.text.index(SHARED)),
    ]
    assert second.text.index(SHARED) != first.text.index(SHARED)
    assert all(e.quote == SHARED.rstrip(".") for e in evidence)
    for e, doc in zip(evidence, (second, first), strict=True):
        assert doc.text[e.start : e.end] == e.quote
    assert gate.total == 0


def test_a_quote_filed_under_the_wrong_interview_or_no_interview_is_refused() -> None:
    first = _short("a.md", "Our month-end close took eleven days in spreadsheets.")
    second = _short("b.md", "The auditors flagged three late accruals last year.")
    parts = excerpts([first, second], max_chars=10_000)
    answer = _pain(
        ("The auditors flagged three late accruals", "S1"),  # said in b.md, filed under a.md
        ("Our month-end close took eleven days", "S9"),  # no such source in the call
        ("Our month-end close took eleven days", ""),  # no source at all
        ("Our CFO signed after the demo went well", "S2"),  # said nowhere
        ("What happened before you bought?", "S2"),  # the interviewer's question
    )
    found, gate, _ = _ask(parts, [answer])
    assert found == []
    assert gate.rejected == {
        "wrong_source": 1,
        "unknown_source": 2,
        "not_in_source": 1,
        "interviewer_turn": 1,
    }


def test_in_a_call_with_one_interview_the_source_id_cannot_be_wrong() -> None:
    only = _short("a.md", "Our month-end close took eleven days in spreadsheets.")
    found, gate, _ = _ask(
        excerpts([only], max_chars=10_000), [_pain(("month-end close took eleven days", "S7"))]
    )
    assert [e.document for f in found for e in f.item.evidence] == ["/in/a.md"] and gate.total == 0


def test_the_prompt_names_each_speaker_once_and_marks_lines_by_a_short_tag() -> None:
    first = _short("a.md", "Our month-end close took eleven days in spreadsheets.")
    panel = _interview("b.md", [("Sam Patel", False, "Who decided?"), ("Ana Ruiz", True, "Our CFO, Jo Reyes, signed."),
                                ("Lee Wong", True, "I ran the demos.")])  # fmt: skip
    mixed = _interview("c.md", [("Kim", False, "Tell me more."), ("Kim", True, "We switched in May.")])
    (part,) = excerpts([first, panel, mixed], max_chars=10_000)
    _, _, model = _ask([part], [{}])
    user = str(model.history[0][-1].content)
    sources = dict(re.findall(r'<source id="(\w+)" kind="interview">\n(.*?)</source>', user, re.S))
    assert list(sources) == ["S1", "S2", "S3"]
    assert sources["S1"].splitlines()[0] == "[A = Person 2, customer; Q = Person 1, interviewer]"
    assert sources["S2"].splitlines() == [
        "[A1 = Person 3, customer; A2 = Person 4, customer; Q = Person 1, interviewer]",
        "Q: Who decided?",
        "A1: Our CFO, Person 2, signed.",
        "A2: I ran the demos.",
    ]
    assert sources["S3"].splitlines() == [
        "[X1 = Person 5, marked on each line]",
        "X1 (interviewer): Tell me more.",
        "X1 (customer): We switched in May.",
    ]
    assert not re.search(r"Sam|Patel|Jo |Reyes|Ana|Ruiz|Lee|Wong|Kim|\.md", user)  # names and titles stay out
    assert user.count("(customer)") == 1  # a part on a line only where the legend cannot say it


def test_cache_keys_change_with_the_prompt_version_and_the_answer_schema() -> None:
    extract_prompt = load_prompt("extract")
    chat = recorded(RecordedChatModel())
    messages = extract_prompt.render(sources=[])

    def key(prompt: Prompt, schema: type = Extraction) -> str:
        return Call(prompt=prompt, messages=messages, schema=schema, label="x").cache_key(chat)

    bumped = Prompt(
        name=extract_prompt.name, version=extract_prompt.version + "-next", path=extract_prompt.path
    )
    assert key(extract_prompt) == key(load_prompt("extract"))
    assert key(bumped) != key(extract_prompt)

    class Extraction2(Extraction):
        """Same fields, another description."""

    Extraction2.__name__ = "Extraction"
    assert key(extract_prompt, Extraction2) != key(extract_prompt)
    assert extract_prompt.version == "3"  # v3: batched sources with a speaker legend
