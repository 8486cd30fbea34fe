"""Transcript formats: turns, speakers, offsets into the document text, and who is the interviewer."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import INTERVIEW

from icp_assist.errors import InputFileError
from icp_assist.ingest.transcripts import read_transcript


def parse(name: str, content: str | bytes, **metadata: object):
    data = content.encode() if isinstance(content, str) else content
    return read_transcript(Path(name), data, metadata=dict(metadata))


def customer_quotes(document) -> list[str]:
    return [document.turn_text(t) for t in document.turns if t.is_customer]


def test_txt_with_front_matter_timestamps_and_continuation_lines():
    doc = parse("brightline.txt", INTERVIEW)
    assert [t.speaker for t in doc.turns] == ["Sam Patel", "Maria Okafor"] * 2
    assert [t.is_customer for t in doc.turns] == [False, True, False, True]
    assert [t.seconds for t in doc.turns] == [5, 12, 62, 69]
    assert customer_quotes(doc)[0] == (
        "Honestly we were drowning in spreadsheets. Three people keyed invoices by hand\n"
        "and month-end took eleven days."
    )
    assert doc.account_id == "ACC-001"
    assert doc.metadata["role"] == "Controller" and doc.metadata["outcome"] == "won"
    assert doc.text == INTERVIEW  # offsets point into the file's own text


def test_markdown_bold_speakers_and_manifest_metadata_under_front_matter():
    content = "# Notes\n\n**Host:** What made you start looking?\n\n**Lee Chen:** Our auditor flagged us.\n"
    doc = parse("lee.md", content, role="CFO", account_id="ACC-9")
    assert customer_quotes(doc) == ["Our auditor flagged us."]
    assert doc.turns[0].speaker == "Host" and not doc.turns[0].is_customer
    assert doc.account_id == "ACC-9" and doc.metadata["role"] == "CFO"


def test_sentence_with_colon_is_not_a_new_speaker():
    content = "Q: Why?\nA: Two reasons.\nThe main one was this: our clerk quit.\n"
    doc = parse("qa.txt", content)
    assert customer_quotes(doc) == ["Two reasons.\nThe main one was this: our clerk quit."]


def test_interviewer_found_by_who_asks_the_questions():
    lines = [
        "Dana: How did the evaluation start?",
        "Priya Raman: The controller pushed for it after the audit.",
        "Dana: Who else weighed in?",
        "Priya Raman: IT, for SSO. And procurement took weeks.",
        "Dana: Anything that nearly stopped it?",
        "Priya Raman: Price, mostly. Was it worth it? Yes.",
    ]
    doc = parse("priya.txt", "\n".join(lines))
    assert {t.speaker for t in doc.turns if not t.is_customer} == {"Dana"}
    assert doc.metadata["interviewers"] == "Dana"


def test_interviewer_named_by_first_name_in_metadata():
    doc = parse("x.txt", "Sam: Tell me more.\nJo Park: We grew fast.\n", interviewers="Sam Patel")
    assert customer_quotes(doc) == ["We grew fast."]


def test_ambiguous_interviewer_is_an_error_not_a_guess():
    with pytest.raises(InputFileError, match="cannot tell which speaker is the interviewer"):
        parse("x.txt", "Ann: We liked it.\nBob: We did too.\nAnn: Price was fine.\n")


def test_two_interviewers_named_and_three_speaker_ids_make_the_one_who_asks_least_the_interviewee():
    # qa239: Rev's "Speaker 1/2/3" with the manifest's "Priya Nair; Jordan Pike": the file was refused
    lines = ["Speaker 1: Thanks for joining. What started the search?", "Speaker 2: Our estimator quit.",
             "Speaker 1: And then?", "Speaker 2: We lost two bids in a month.", "Speaker 3: Who signed?",
             "Speaker 2: The owner did.", "Speaker 1: Anything else?", "Speaker 2: No, that's it."]  # fmt: skip
    doc = parse("x.txt", "\n".join(lines), interviewers="Priya Nair; Jordan Pike")
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Speaker 2"}
    # (where no one asks far less than the others, it is an error as before)
    with pytest.raises(InputFileError, match="cannot tell which speaker is the interviewer"):
        parse("x.txt", "Ann: We liked it.\nBob: We did too.\nCy: Price was fine.\n", interviewers="Dana; Eve")


def test_the_one_of_several_unnamed_speakers_who_says_far_most_is_the_interviewee_named():
    # qa244: Otter's "Speaker 2" beside an "Unknown Speaker" (a colleague's one line) was never named Kayla Brooks
    answers = ["We left because the membership billing never matched our ledger, month after month.",
               "Our front desk spent hours every week fixing the charges by hand, and patients complained.",
               "The photos were fine, honestly, the billing was the whole problem for us."]  # fmt: skip
    lines = []
    for answer in answers:
        lines += ["Nora Feld: Why did you leave?", f"Speaker 2: {answer}"]
    lines.insert(3, "Unknown Speaker: Kayla, is the eleven o'clock here?")
    doc = parse("x.txt", "\n".join(lines), interviewers="Nora Feld", interviewee="Kayla Brooks")
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Kayla Brooks", "Unknown Speaker"}


def test_an_interviewer_of_other_calls_left_off_one_rows_manifest_is_no_customer_on_it(
    workspace, embedder, tmp_path
):
    # qa267: the account executive, named an interviewer on three rows of the manifest and left off a fourth, was a
    # customer on that call ("That was a fun call." backed an objection theme), and ingest said nothing
    from icp_assist.ingest import ingest

    def vtt(*cues: tuple[str, str]) -> str:
        return "WEBVTT\n\n" + "".join(
            f"00:00:{2 * n:02}.000 --> 00:00:{2 * n + 1:02}.000\n<v {who}>{said}\n\n"
            for n, (who, said) in enumerate(cues)
        )

    (tmp_path / "a.vtt").write_text(
        vtt(
            ("Priya Shah", "What started the search?"),
            ("Tomas Herrera", "We added a third truck last spring."),
            ("Dev Patel", "That was a fun call."),
        ),
        encoding="utf-8",
    )
    (tmp_path / "b.vtt").write_text(
        vtt(
            ("Dev Patel", "What started the search?"),
            ("Lupe Serrano", "The commissary changed its slot rules."),
        ),
        encoding="utf-8",
    )
    (tmp_path / "interview_manifest.csv").write_text(
        "file,interviewee,interviewers\na.vtt,Tomas Herrera,Priya Shah\nb.vtt,Lupe Serrano,Dev Patel; Priya Shah\n",
        encoding="utf-8",
    )
    report = ingest([tmp_path], workspace=workspace, embedder=embedder)
    (a,) = [d for d in workspace.documents() if d.doc_id.endswith("a.vtt")]
    assert {t.speaker for t in a.turns if t.is_customer} == {"Tomas Herrera"}
    said = [w for f in report.files for w in f.warnings]
    assert (
        "speakers read as interviewers: Dev Patel (the manifest names them interviewers of other calls)"
        in said
    )


def test_vtt_voices_are_turns_and_consecutive_cues_merge():
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Sam Patel>What happened next?\n\n"
        "00:00:04.000 --> 00:00:08.000\n<v Jo Park>We hired a new CFO.\n\n"
        "00:00:08.000 --> 00:00:11.000\n<v Jo Park>She wanted a real close process.\n"
    )
    doc = parse("call.vtt", vtt, interviewers="Sam Patel")
    assert customer_quotes(doc) == ["We hired a new CFO. She wanted a real close process."]
    assert doc.turns[1].seconds == 4.0


def test_srt_speaker_prefixes():
    content = (
        "1\n00:00:01,000 --> 00:00:03,000\nInterviewer: Why now?\n\n"
        "2\n00:00:03,500 --> 00:00:07,000\nKim Lee: Invoice volume doubled after the acquisition.\n"
    )
    doc = parse("call.srt", content)
    assert customer_quotes(doc) == ["Invoice volume doubled after the acquisition."]


def test_docx_paragraphs():
    from docx import Document

    document = Document()
    document.add_paragraph("Interview with Kim")
    document.add_paragraph("Interviewer: What did you use before?")
    document.add_paragraph("Kim Lee: Bill.com, and email for approvals.")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = parse("kim.docx", buffer.getvalue())
    assert customer_quotes(doc) == ["Bill.com, and email for approvals."]


def test_json_call_export_list_and_object_forms():
    items = [
        {"speaker": "Host", "text": "What was the trigger?", "start": 3.5},
        {"speaker": "Ravi", "text": "A failed audit.", "start": "00:00:09"},
    ]
    for content in (json.dumps(items), json.dumps({"metadata": {"role": "CFO"}, "turns": items})):
        doc = parse("call.json", content)
        assert customer_quotes(doc) == ["A failed audit."]
        assert [t.seconds for t in doc.turns] == [3.5, 9.0]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plain.txt", "We bought it because it was cheap.\nThen we used it.", "no speaker turns"),
        ("bad.json", "{not json", "invalid JSON"),
        ("odd.json", '{"hello": "world"}', "not a call export"),
        ("bad.docx", b"PK\x03\x04 not really a zip", "not a valid .docx"),
        ("front.md", "---\nrole: [unclosed\n---\nQ: Hi?\nA: Hello.\n", "front matter is not valid YAML"),
        ("all_host.txt", "Host: Hello?\nHost: Anyone?\n", "no customer turns"),
    ],
)
def test_unreadable_transcripts_say_why(name: str, content: str | bytes, message: str):
    with pytest.raises(InputFileError, match=message):
        parse(name, content)


def test_every_turn_offset_is_verbatim():
    doc = parse("brightline.txt", INTERVIEW)
    for turn in doc.turns:
        quote = doc.turn_text(turn)
        assert quote == quote.strip() and quote
        assert INTERVIEW.count(quote) >= 1


def test_title_line_with_a_colon_is_not_a_turn():
    content = "Customer interview: Lumen (Priya, AP), 2026-02-11\nMarc: Hi, how are you?\nPriya Das: Good!\nMarc: Why now?\nPriya Das: Our clerk quit.\n"
    doc = parse("lumen.txt", content, interviewers="Marc")
    assert [t.speaker for t in doc.turns] == ["Marc", "Priya Das"] * 2


def test_a_stamp_after_the_speakers_label_is_not_part_of_what_they_said():
    # A new-market tester's transcript: "Hannah Brooks: [00:00:10] Our renewal came in..." put "[00:00:10]" in
    # every quote of the churn interview.
    text = "Mike Tan: [00:00:02] Why did you leave?\nHannah Brooks: [00:00:10] Our renewal came in 30 percent higher.\n"
    doc = read_transcript(Path("v.txt"), text.encode(), metadata={"interviewers": "Mike Tan"})
    said = [doc.turn_text(t) for t in doc.turns if t.is_customer]
    assert said == ["Our renewal came in 30 percent higher."]
    assert [t.seconds for t in doc.turns] == [2.0, 10.0]
