"""Pieces of the offline analyzer: statements, titles and decision parts, facets, theme clustering."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from conftest import INTERVIEW

from icp_assist.analyze.committee import decision_acts
from icp_assist.analyze.facets import classify
from icp_assist.analyze.themes import find_themes
from icp_assist.analyze.titles import canonical_title, find_titles, role_title
from icp_assist.analyze.units import customer_units, sentence_spans
from icp_assist.ingest.transcripts import read_transcript
from icp_assist.records import Document, Turn


def test_statements_are_customer_sentences_with_exact_offsets():
    doc = read_transcript(Path("a.txt"), INTERVIEW.encode(), metadata={})
    units = customer_units([doc])
    assert [u.text for u in units] == [
        "Honestly we were drowning in spreadsheets.",
        "Three people keyed invoices by hand\nand month-end took eleven days.",
        "Our CFO signed off once IT finished the security review.",
    ]
    assert all(doc.text[u.start : u.end] == u.text and u.speaker == "Maria Okafor" for u in units)


def test_short_interview_sentences_join_a_neighbour_but_survey_answers_stand():
    text = "Yeah. Totally. The approvals sat in email for a week. Right."
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text))] == [text]
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text), min_words=1)] == [
        "Yeah.", "Totally.", "The approvals sat in email for a week.", "Right.",
    ]  # fmt: skip


def test_a_survey_answer_that_lists_reasons_gives_one_statement_per_item():
    answer = "Price; the IT review took months\nTiming + no budget left. No C++ SDK and also the HIPAA audit\n1) parcel missing 2) renewal up 12%"
    doc = Document(
        doc_id="s.csv#R1", kind="survey_response", source="s.csv", title="R1", text=answer,
        turns=[Turn(speaker="Respondent", start=0, end=len(answer), is_customer=True, question="Why not?")],
    )  # fmt: skip
    units = customer_units([doc])
    assert [u.text for u in units] == [
        "Price", "the IT review took months", "Timing", "no budget left.", "No C++ SDK", "the HIPAA audit",
        "parcel missing", "renewal up 12%",
    ]  # fmt: skip
    assert all(answer[u.start : u.end] == u.text for u in units)
    # qa144: a "+" inside parentheses lists no reasons ("copays) better than anything else we demoed.")
    from icp_assist.analyze.units import list_items

    said = "It handled our subsidy billing (authorizations + copays) better than anything else."
    assert list_items(said, 0, len(said)) == [(0, len(said))]
    # qa151: nor do "+" signs adding a word or two to a clause ("phone" was a reason chosen by eight respondents)
    said = "one place for all orders instead of email + phone + fax"
    assert list_items(said, 0, len(said)) == [(0, len(said))]
    # qa150, qa152: a typed answer run on without its full stop is two sentences
    said = "Training our aides who had only used paper We looked at Halcyon and CareLedger too."
    assert [said[a:b] for a, b in list_items(said, 0, len(said))] == [
        "Training our aides who had only used paper", "We looked at Halcyon and CareLedger too."
    ]  # fmt: skip
    said = "Price was reasonable compared to ParkLogix Also your team was great."
    assert len(list_items(said, 0, len(said))) == 2
    said = "We looked at The Home Depot tools"
    assert list_items(said, 0, len(said)) == [(0, len(said))]
    said = "3 year contract length + price"
    assert [said[a:b] for a, b in list_items(said, 0, len(said))] == ["3 year contract length", "price"]
    # qa237: nor do "+" signs joining the words a clause goes on from ("Mercury" and "Dove" were statements)
    # (qa240: nor words kept in one place, "Donor" and "fundraising" were statements)
    for said in ["Mercury + Dove + BloomNet in one list and it prints one ticket",
                 "the bill with 4 locations + drivers is confusing and high",
                 "Donor + subscriber info on the same screen", "fundraising + box office in one place"]:  # fmt: skip
        assert list_items(said, 0, len(said)) == [(0, len(said))], said
    said = "Reporting is weak + the app crashes daily"
    assert [said[a:b] for a, b in list_items(said, 0, len(said))] == [
        "Reporting is weak",
        "the app crashes daily",
    ]
    said = "Great support + price + slow onboarding"
    assert [said[a:b] for a, b in list_items(said, 0, len(said))] == [
        "Great support",
        "price",
        "slow onboarding",
    ]
    interview = Document(
        doc_id="a.txt", kind="interview", source="a.txt", title="a", text=answer,
        turns=[Turn(speaker="Maria", start=0, end=len(answer), is_customer=True)],
    )  # fmt: skip
    assert [u.text for u in customer_units([interview])] == [  # spoken turns have sentences, no written lists
        "Price; the IT review took months\nTiming + no budget left.",
        "No C++ SDK and also the HIPAA audit\n1) parcel missing 2) renewal up 12%",
    ]  # fmt: skip


def test_a_quote_that_points_back_is_shown_with_the_sentence_it_points_to():
    long_one = (
        "We had " + "a lot of trouble with the old tool and its many small bugs " * 3 + "over the years."
    )
    said = f"Lisa left in the autumn. She went to a bigger retailer. {long_one} It broke again. Items arrived late."
    doc = Document(
        doc_id="a.txt", kind="interview", source="a.txt", title="a", text=said,
        turns=[Turn(speaker="Owen", start=0, end=len(said), is_customer=True, question="Why did you leave?")],
    )  # fmt: skip
    quotes = [u.evidence().quote for u in customer_units([doc])]
    assert quotes == [
        "Lisa left in the autumn.",
        "Lisa left in the autumn. She went to a bigger retailer.",  # "She" points back: shown with its lead
        long_one,
        "It broke again. Items arrived late.",  # after a long sentence, no lead ("Items" points nowhere)
    ]
    for unit in customer_units([doc]):
        quote = unit.evidence()
        assert said[quote.start : quote.end] == quote.quote and quote.end == unit.end  # still verbatim


def test_titles_and_the_part_each_plays():
    sentence = "Our CFO signed off after the controller ran the evaluation and procurement slowed us down."
    assert find_titles(sentence) == ["CFO", "Controller", "Procurement"]
    parts = {act.title: act.part for act in decision_acts(sentence)}
    assert parts["CFO"] == "economic_buyer"
    assert parts["Controller"] == "champion"
    assert parts["Procurement"] == "blocker"
    assert canonical_title("Senior Accounts Payable Specialist") == "AP Specialist"
    assert canonical_title("VP of Finance & Ops") == "Head of Finance"
    assert canonical_title("Chief Happiness Officer") is None


def test_a_stated_role_is_its_canonical_title_or_itself_tidied():
    assert role_title("Senior Accounts Payable Specialist") == "AP Specialist"
    assert role_title("Head of Talent") == "Head of People"
    assert role_title("IT") == "IT"  # a role field, not the pronoun: titles in text never match a bare "it"
    assert role_title("clinic director") == "Clinic Director"  # a role the list does not know is its own
    assert [role_title(r) for r in ("Other", "N/A", "prefer not to say", "")] == [None] * 4
    assert role_title("I look after the books and also run payroll for two sites") is None  # a description


def survey(answers: dict[str, str], question: str = "Why did you buy?") -> list[Document]:
    """One respondent per answer to one survey question."""
    documents = []
    for number, (respondent, answer) in enumerate(answers.items()):
        text = f"{question}\n{answer}\n\n"
        start = len(question) + 1
        turn = Turn(
            speaker=respondent, start=start, end=start + len(answer), is_customer=True, question=question
        )
        documents.append(
            Document(doc_id=f"s.csv#{respondent}", kind="survey_response", source="s.csv", title=respondent,
                     text=text, turns=[turn], account_id=f"A{number % 3}")
        )  # fmt: skip
    return documents


def test_facets_and_themes_from_real_embeddings(embedder):
    documents = survey(
        {
            "R1": "We were drowning in spreadsheets and keyed every invoice by hand.",
            "R2": "Typing invoices manually into Excel was eating our week.",
            "R3": "Manual data entry of every bill into spreadsheets was painful.",
            "R4": "Our CFO signed off on the purchase.",
            "R5": "The CFO approved the budget and signed the contract.",
            "R6": "I like turtles.",
        }
    )
    units = customer_units(documents)
    vectors = embedder.embed([u.text for u in units])
    facets = classify(units, vectors, embedder)
    # the survey asked why they bought, so every answer is a reason they chose it; what it reads as comes second
    assert facets.assigned[0] == ["reason_chosen", "pain_point"]
    assert facets.assigned[3] == ["reason_chosen", "decision_maker"]
    assert facets.assigned[5] == [
        "reason_chosen"
    ]  # "I like turtles." was asked why they bought; no theme holds it
    themes = find_themes(units, vectors, facets, outcomes={"s.csv#R1": "won", "s.csv#R2": "churned"})
    by_size = sorted(themes, key=lambda t: -t.respondents)
    pain = by_size[0]
    assert pain.facet == "reason_chosen"
    assert pain.respondents == 3 and pain.interviews == 0 and pain.accounts == 3
    assert pain.by_outcome == {"won": 1, "churned": 1}
    assert {"spreadsheets"} & set(" ".join(pain.keyphrases).split())
    assert by_size[1].respondents == 2 and "CFO" in by_size[1].evidence[0].quote
    assert not any("turtles" in e.quote for t in themes for e in t.evidence)
    assert all(isinstance(t.evidence[0].quote, str) for t in themes)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)


def test_an_acknowledgment_leaves_the_question_it_follows_standing():
    # qa20: "Right, the float." stood as the question of "The float. So if invoices go out Thursday instead of
    # Monday, that's days of cash I'm fronting.", a pain told in answer to "What was broken before?"
    turns = [
        ("Interviewer", "What was broken before?"), ("Denise", "Paper timesheets and late invoices."),
        ("Interviewer", "Right, the float."), ("Denise", "The float. That's days of cash I'm fronting."),
        ("Interviewer", "Tell me about the evaluation."), ("Denise", "I ran the demos myself, all three."),
        ("Interviewer", "And you ended up choosing Avionte."), ("Denise", "We did, it was cheaper for us."),
    ]  # fmt: skip
    text, built = "", []
    for speaker, said in turns:
        built.append(
            Turn(
                speaker=speaker,
                start=len(text),
                end=len(text) + len(said),
                is_customer=speaker != "Interviewer",
            )
        )
        text += said + "\n"
    doc = Document(doc_id="a.txt", kind="interview", source="a.txt", title="a", text=text, turns=built)
    assert [u.question for u in customer_units([doc])] == [
        "What was broken before?", "What was broken before?", "Tell me about the evaluation.",
        "And you ended up choosing Avionte.",  # more than an acknowledgment: it asks for the why
    ]  # fmt: skip
    unpunctuated = doc.model_copy(update={"text": text.replace("?", ".")})
    assert (
        customer_units([unpunctuated])[1].question == "Right, the float."
    )  # no turn asks with "?": each one stands


def test_a_title_before_a_name_ends_no_sentence():
    # qa26: "Me, and the owner, Mr." and "Lafleur, he looks at…" were two broken quotes
    text = (
        "Me, and the owner, Mr. Lafleur, he looks at the numbers. Then Dr. Greer signed it. No. We moved on."
    )
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text), min_words=1)] == [
        "Me, and the owner, Mr. Lafleur, he looks at the numbers.", "Then Dr. Greer signed it.", "No.", "We moved on.",
    ]  # fmt: skip


def test_an_initial_ends_no_sentence():
    # qa31: "C. Diff outbreak" was cut after "C.", and a theme was labelled "Diff outbreak"
    text = (
        "We had a C. Diff outbreak in the east wing. Call J. Smith about it. We went with plan B. It worked."
    )
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text), min_words=1)] == [
        "We had a C. Diff outbreak in the east wing.", "Call J. Smith about it.", "We went with plan B. It worked.",
    ]  # fmt: skip
