"""Transcripts as Zoom, Teams, Otter, Rev, Fireflies, tl;dv and Gong write them, and research notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from icp_assist.errors import InputFileError
from icp_assist.ingest.transcripts import QUOTED_PARTICIPANT, read_transcript, read_transcripts
from icp_assist.records import Document

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


def read(name: str, warnings: list[str] | None = None) -> Document:
    return read_transcript(EXPORTS / name, (EXPORTS / name).read_bytes(), metadata={}, warnings=warnings)


def customer_turns(doc: Document) -> list[tuple[str, str]]:
    return [(t.speaker, doc.turn_text(t)) for t in doc.turns if t.is_customer]


CASES = {
    "zoom_transcript.vtt": (
        "Renee Walsh",
        [
            ("Tomás Ferreira", "We export everything from NetSuite into spreadsheets and reconcile by hand. "
             "It takes my team about six working days every month."),
            ("Tomás Ferreira", "Our auditors flagged missing approvals on two large invoices."),
        ],
    ),
    "teams_transcript.vtt": (
        "Renee Walsh",
        [
            ("Ines Duarte", "Invoices arrive by email and sit in a shared inbox until someone picks them up."),
            ("Ines Duarte", "Anything over ten thousand euros goes to our CFO, and that can take a week."),
        ],
    ),
    "teams_transcript.docx": (
        "Renee Walsh",
        [
            ("Ahmed Karimi", "Our invoice volume tripled after we opened the Leeds warehouse."),
            ("Ahmed Karimi", "Our finance director, after a two-week trial."),
        ],
    ),
    "teams_transcript_legacy.docx": (
        "Renee Walsh",
        [
            ("Olu Adeyemi", "Mostly by email, and some by a form nobody likes."),
            ("Olu Adeyemi", "Chasing budget owners for a yes. That can take two weeks."),
        ],
    ),
    "teams_transcript_arrows.docx": (
        "Renee Walsh",
        [
            ("Mei Chen", "A proper audit trail. Our auditors ask for it every year."),
            ("Mei Chen", "Our controller, then the CFO for anything over budget."),
        ],
    ),
    "otter_transcript.txt": (
        "Renee Walsh",
        [
            ("Hannah Cole", "Honestly, it's chaos for the first week. We chase receipts from twelve site managers.\n"
             "Half of them send photos over WhatsApp."),
            ("Hannah Cole", "We tried a shared drive with folders per site, but nobody kept it up to date."),
        ],
    ),
    "otter_transcript.docx": (
        "Renee Walsh",
        [
            ("Keiko Tanaka", "About sixty, and each one needs bank details checked twice."),
            ("Keiko Tanaka", "We call the supplier back on a number we already trust."),
        ],
    ),
    "rev_transcript.txt": (
        "Sofia Brandt",
        [
            ("Mark Ellis", "I run finance operations for a chain of forty dental clinics."),
            ("Mark Ellis", "We acquired eight clinics in one quarter and our invoice volume doubled overnight.\n"
             "Our two AP clerks could not keep up."),
        ],
    ),
    "fireflies_transcript.txt": (
        "Priya Nair",
        [
            ("Daniel Okoro", "We use Coupa for requisitions, but invoices still come in as PDFs to a shared mailbox."),
            ("Daniel Okoro", "Matching invoices to purchase orders. My team spends two days a week on it."),
        ],
    ),
    "tldv_transcript.txt": (
        "Lena Vogt",
        [
            ("Jonas Meyer", "Our ERP vendor announced the end of support for the version we run."),
            ("Jonas Meyer", "Our IT director had to approve the integration, and procurement ran the tender."),
        ],
    ),
    "zoom_saved_captions.txt": (
        "Renee Walsh",
        [
            ("Farid Haddad", "Mostly as PDF attachments to one shared mailbox, and a few still arrive on paper at "
             "the front desk."),
            ("Farid Haddad", "It waits for the site manager to come back from the floor. Some invoices sit there "
             "for three weeks."),
        ],
    ),
    "fathom_transcript.txt": (
        "Renee Walsh",  # the company in brackets is not part of the name
        [
            ("Chiara Romano", "We opened two new depots and the invoice count doubled.\n"
             "  Our controller said we could not hire our way out of it."),
            ("Chiara Romano", "The CFO signs anything over twenty thousand a year."),
        ],
    ),
    "gong_calls_transcript.json": (
        "Alex Rivera",  # the party Gong marks as Internal
        [
            ("Grace Lin", "We reconcile three bank accounts by hand. "
             "Every quarter the audit finds at least one duplicate payment."),
            ("Grace Lin", "It comes out of the finance operations budget, which our CFO owns."),
        ],
    ),
    "call_turns.json": (
        "Interviewer",
        [
            ("Ola Nordmann", "Our old tool could not handle multiple currencies."),
            ("Ola Nordmann", "We picked the one our accountant already used."),
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_vendor_transcripts_give_speakers_and_customer_turns(name: str):
    interviewer, expected = CASES[name]
    doc = read(name)
    assert doc.metadata["interviewers"] == interviewer
    assert {t.speaker for t in doc.turns} == {interviewer, expected[0][0]}
    assert customer_turns(doc) == expected
    assert all(doc.text[t.start : t.end] == doc.turn_text(t) for t in doc.turns)


def test_otter_timestamps_are_not_part_of_the_speaker():
    doc = read("otter_transcript.txt")
    assert [t.seconds for t in doc.turns] == [6, 12, 31, 35]


def test_zoom_and_fathom_text_keep_their_timestamps_out_of_the_words():
    assert [t.seconds for t in read("zoom_saved_captions.txt").turns] == [37864, 37872, 37886, 37891]
    fathom = read("fathom_transcript.txt")
    assert [t.seconds for t in fathom.turns] == [0, 7, 25, 29]
    assert "fathom.video" not in " ".join(fathom.turn_text(t) for t in fathom.turns)


def test_gong_without_parties_names_speakers_by_id():
    data = json.loads((EXPORTS / "gong_calls_transcript.json").read_text())
    del data["callTranscripts"][0]["parties"]
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata={})
    assert {t.speaker for t in doc.turns} == {"Speaker 6432345678555530067", "Speaker 2298450198436219023"}
    assert [t.is_customer for t in doc.turns] == [
        False,
        True,
        False,
        True,
    ]  # the questioner is the interviewer


def test_gong_with_several_calls_gives_one_interview_per_call():
    data = json.loads((EXPORTS / "gong_calls_transcript.json").read_text())
    second = json.loads(json.dumps(data["callTranscripts"][0]))
    second["callId"] = "7782342274025937999"
    data["callTranscripts"].append(second)
    docs = read_transcripts(Path("calls.json"), json.dumps(data).encode(), metadata={})
    assert [d.doc_id for d in docs] == ["calls.json#7782342274025937895", "calls.json#7782342274025937999"]
    assert [d.title for d in docs] == [
        "calls.json · call 7782342274025937895",
        "calls.json · call 7782342274025937999",
    ]
    assert all(customer_turns(d) == CASES["gong_calls_transcript.json"][1] for d in docs)
    with pytest.raises(InputFileError, match="2 calls"):
        read_transcript(Path("calls.json"), json.dumps(data).encode(), metadata={})


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"speaker": "Ana", "text": True}, "the text is a boolean"),
        ({"speaker": ["Ana"], "text": "Hello there"}, "the speaker is a list"),
        ({"speaker": {"name": "Ana"}, "text": "Hello there"}, "the speaker is an object"),
        ({"speaker": "Ana", "text": 42}, "the text is a number"),
    ],
)
def test_json_values_that_are_not_text_are_refused_never_stored_as_reprs(item: dict, message: str):
    turns = [{"speaker": "Interviewer", "text": "Why?"}, item]
    with pytest.raises(InputFileError, match=message):
        read_transcript(Path("call.json"), json.dumps(turns).encode(), metadata={})


def test_json_text_as_a_list_of_words_or_an_object_reads_the_words():
    turns = [
        {"speaker": "Interviewer", "text": {"text": "Why did you switch?"}},
        {"speaker": "Ana", "text": ["We", "outgrew", "spreadsheets."]},
    ]
    doc = read_transcript(Path("call.json"), json.dumps(turns).encode(), metadata={})
    assert customer_turns(doc) == [("Ana", "We outgrew spreadsheets.")]


def test_a_vtt_cue_with_a_broken_timestamp_is_named_not_dropped_silently():
    warnings: list[str] = []
    doc = read("broken_cue.vtt", warnings)
    assert len(warnings) == 1 and "caption at line 15 skipped: broken timestamp" in warnings[0]
    assert "What made you start looking for a tool?" in warnings[0]
    assert len(doc.turns) == 2


def test_nul_bytes_after_the_first_8_kb_are_refused():
    data = ("Ana: " + "word " * 2000 + "\n").encode() + b"\x00\x01binary"
    with pytest.raises(InputFileError, match="NUL byte"):
        read_transcript(Path("t.txt"), data, metadata={})


def test_research_notes_keep_only_participants_quotations():
    doc = read("research_synthesis.md")
    assert [doc.turn_text(t) for t in doc.turns] == [
        "I don't know where I would start on this page.",
        "The pricing page should say what happens after the trial.",
        "Approvals are the part we actually care about.",
        "We pick whatever our auditors already trust.",
        "Security reviews take us three months at least",
    ]
    assert {t.speaker for t in doc.turns} == {QUOTED_PARTICIPANT}


def test_notes_of_headings_say_how_to_quote_participants():
    with pytest.raises(InputFileError, match="if these are research notes, quote participants"):
        read("headings_notes.md")


def test_captions_saved_as_txt_are_read_as_captions():
    data = (EXPORTS / "zoom_transcript.vtt").read_bytes()
    doc = read_transcript(Path("zoom.txt"), data, metadata={})
    assert customer_turns(doc) == CASES["zoom_transcript.vtt"][1]


def test_a_recorded_meeting_without_an_interviewer_is_read_as_a_meeting_and_says_so():
    meeting = {
        "topic_list": [],
        "meeting_transcripts": [
            {"speaker": "Project Manager", "content": "Let's look at the remote's buttons."},
            {"speaker": "Marketing", "content": "Users said the remotes they own have too many buttons."},
            {"speaker": "Industrial Designer", "content": "A rubber case would make it feel softer."},
            {"speaker": "Marketing", "content": "Young users want something that looks fancy."},
        ],
    }
    warnings: list[str] = []
    doc = read_transcript(Path("ES2002a.json"), json.dumps(meeting).encode(), metadata={}, warnings=warnings)
    assert len(doc.turns) == 4 and all(t.is_customer for t in doc.turns)
    assert warnings and "read as a meeting" in warnings[0]
    with pytest.raises(InputFileError, match="cannot tell which speaker"):  # notes never default to a meeting
        read_transcript(
            EXPORTS / "headings_notes.md", (EXPORTS / "headings_notes.md").read_bytes(), metadata={}
        )


def _teams_docx(path: Path, interviewer: str = "Renee Walsh", customer: str = "Ahmed Karimi") -> Path:
    """A Teams .docx as Teams writes it: title, date, length, 'started transcription', then turns."""
    from docx import Document as DocxDocument

    document = DocxDocument()
    for line in ("Supplier onboarding - customer interview", "March 4, 2026, 4:02PM", "12m 5s"):
        document.add_paragraph(line)
    document.add_paragraph(f"{interviewer} started transcription")
    for speaker, stamp, words in (
        (interviewer, "0:03", "What made you look for a new AP tool?"),
        (customer, "0:08", "Our invoice volume tripled after we opened the Leeds warehouse."),
        (interviewer, "0:15", "Who signed off?"),
        (customer, "0:18", "Our finance director, after a two-week trial."),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{speaker}   {stamp}").add_break()
        paragraph.add_run(words)
    document.add_paragraph(f"{interviewer} stopped transcription")
    document.save(str(path))
    return path


def test_a_teams_speaker_shown_last_name_first_is_one_speaker(tmp_path: Path):
    # qa69: Teams shows staff as their directory has them ("Raman, Priya   0:01"); the file was refused as having one
    # speaker, and naming her in the manifest changed nothing
    path = _teams_docx(tmp_path / "teams.docx", interviewer="Walsh, Renee")
    doc = read_transcript(path, path.read_bytes(), metadata={"interviewers": "Renee Walsh"})
    assert [(t.speaker, t.is_customer) for t in doc.turns] == [
        ("Renee Walsh", False), ("Ahmed Karimi", True), ("Renee Walsh", False), ("Ahmed Karimi", True)
    ]  # fmt: skip
    # qa146: an outside attendee shown last name first with Teams' tag ("Karimi, Ahmed (Guest)   0:08"): the file was
    # refused as having no customer turns
    path = _teams_docx(tmp_path / "guest.docx", interviewer="Walsh, Renee", customer="Karimi, Ahmed (Guest)")
    guest = read_transcript(path, path.read_bytes(), metadata={"interviewers": "Renee Walsh"})
    assert [(t.speaker, t.is_customer) for t in guest.turns] == [
        ("Renee Walsh", False), ("Ahmed Karimi", True), ("Renee Walsh", False), ("Ahmed Karimi", True)
    ]  # fmt: skip
    # qa239: and one shown with its company in brackets ("Mike Dunleavy (Keystone Power & Controls)   0:14"), six
    # words: his turns were the CFO's before him
    path = _teams_docx(
        tmp_path / "co.docx", interviewer="Walsh, Renee", customer="Mike Dunleavy (Keystone Power & Controls)"
    )
    company = read_transcript(path, path.read_bytes(), metadata={"interviewers": "Renee Walsh"})
    assert [(t.speaker, t.is_customer) for t in company.turns] == [
        ("Renee Walsh", False), ("Mike Dunleavy", True), ("Renee Walsh", False), ("Mike Dunleavy", True)
    ]  # fmt: skip
    # qa255: and one whose surname opens on a particle ("de Vries, Femke (Guest)   0:06"): the file was refused
    path = _teams_docx(
        tmp_path / "dutch.docx", interviewer="Walsh, Renee", customer="de Vries, Femke (Guest)"
    )
    dutch = read_transcript(path, path.read_bytes(), metadata={"interviewers": "Renee Walsh"})
    assert [(t.speaker, t.is_customer) for t in dutch.turns][:2] == [
        ("Renee Walsh", False),
        ("Femke de Vries", True),
    ]
    # qa100: and its "Walsh, Renee stopped transcription" is the tool's line, not the last turn's words
    assert "transcription" not in doc.text[doc.turns[-1].start : doc.turns[-1].end]
    assert all("transcription" not in doc.text[t.start : t.end] for t in doc.turns)
    # qa279: both of the tool's lines are said to be ignored, the one above the first turn too
    path = _teams_docx(tmp_path / "said.docx", interviewer="Walsh, Renee")
    warnings: list[str] = []
    read_transcript(path, path.read_bytes(), metadata={"interviewers": "Renee Walsh"}, warnings=warnings)
    assert any(
        "ignored 2 line(s)" in w and "started transcription" in w and "stopped transcription" in w
        for w in warnings
    ), warnings


OTTER_WITH_FOOTER = """Renee Walsh  0:00
How many suppliers do you onboard each month?

Keiko Tanaka  0:05
About forty, and every one of them sends bank details by email.

Renee Walsh  0:12
What did you try before?

Keiko Tanaka  0:18
We call the supplier back on a number we already trust.

Transcribed by https://otter.ai
"""
MEET_WITH_FOOTER = """Supplier onboarding - Transcript
00:00:00

Renee Walsh: How many suppliers do you onboard each month?
Keiko Tanaka: About forty, and every one of them sends bank details by email.
Renee Walsh: What did you try before?
Keiko Tanaka: We call the supplier back on a number we already trust.


Transcription ended after 00:14:52

This editable transcript was computer generated and might contain errors. People can also change the text after it was created.
"""


# (qa266: Rev's export line closing the last turn became a churn theme's label, "View latest version here")
REV_WITH_FOOTER = """Renee Walsh (00:00):
How many suppliers do you onboard each month?

Keiko Tanaka (00:05):
About forty, and every one of them sends bank details by email.

Renee Walsh (00:12):
What did you try before?

Keiko Tanaka (00:18):
We call the supplier back on a number we already trust.
This transcript was exported on Jun 5, 2025 - view latest version here.
"""


@pytest.mark.parametrize("name", ["teams.docx", "otter.txt", "meet.txt", "rev.txt"])
def test_a_transcription_tools_own_lines_are_not_customer_speech(tmp_path: Path, name: str):
    path = tmp_path / name
    if name == "teams.docx":
        _teams_docx(path)
    else:
        path.write_text(
            {"otter.txt": OTTER_WITH_FOOTER, "meet.txt": MEET_WITH_FOOTER}.get(name, REV_WITH_FOOTER)
        )
    warnings: list[str] = []
    doc = read_transcript(path, path.read_bytes(), metadata={}, warnings=warnings)
    last = doc.turn_text(doc.turns[-1])
    assert last in (
        "Our finance director, after a two-week trial.",
        "We call the supplier back on a number we already trust.",
    )
    assert not any(
        "transcription" in doc.turn_text(t).lower()
        or "otter.ai" in doc.turn_text(t)
        or "exported" in doc.turn_text(t)
        for t in doc.turns
    )
    assert (
        len(warnings) == 1
        and warnings[0].startswith("ignored ")
        and "the transcription tool wrote" in warnings[0]
    )


def test_google_meet_time_marks_are_turn_times_not_words():
    # Google Meet's transcript saved from Google Docs: a timestamp alone on a line every few minutes, above the
    # 'Name: text' line it times, and a closing 'Meeting ended after …' line.
    path = EXPORTS / "google_meet_transcript.txt"
    warnings: list[str] = []
    doc = read_transcript(path, path.read_bytes(), metadata={}, warnings=warnings)
    said = [(t.speaker, doc.turn_text(t), t.seconds) for t in doc.turns]
    assert said[3] == (
        "Keiko Tanaka",
        "We call the supplier back on a number we already trust. It takes a day per supplier.",
        None,
    )  # not followed by '00:05:12'
    assert said[0][2] == 0.0 and said[4] == ("Renee Walsh", "Who signed off on the new tool?", 312.0)
    assert said[-1] == ("Renee Walsh", "Thanks, this was useful.", None)  # not 'Meeting ended after …'
    assert not any(re.search(r"\d{2}:\d{2}:\d{2}", text) for _, text, _ in said)
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Keiko Tanaka"}
    assert "'Meeting ended after 00:06:40 👋'" in warnings[0]


FIREFLIES_TURNS = [
    (
        "Marta Kowalski",
        "Our invoice volume doubled after the second depot opened. Approvals sat in email for a week.",
    ),
    ("Marta Kowalski", "Our CFO, after a two-week trial."),
]


def test_fireflies_api_response_is_read_with_or_without_its_data_wrapper():
    data = json.loads((EXPORTS / "fireflies_api_transcript.json").read_text())
    doc = read("fireflies_api_transcript.json")
    assert doc.metadata["interviewers"] == "Renee Walsh" and customer_turns(doc) == FIREFLIES_TURNS
    bare = read_transcript(Path("t.json"), json.dumps(data["data"]["transcript"]).encode(), metadata={})
    assert customer_turns(bare) == FIREFLIES_TURNS
    several = {
        "data": {"transcripts": [data["data"]["transcript"], {**data["data"]["transcript"], "id": "B2"}]}
    }
    docs = read_transcripts(Path("t.json"), json.dumps(several).encode(), metadata={})
    assert [d.doc_id for d in docs] == ["t.json#01JB3Q8W2TZ5K7M9N1P4R6S8VX", "t.json#B2"]


def test_a_json_that_is_no_call_export_names_the_formats_read():
    with pytest.raises(InputFileError, match=r"Gong's API transcript .* Fireflies' API response"):
        read_transcript(Path("x.json"), b'{"data": {"user": {"name": "Renee"}}}', metadata={})
    refused = b'{"data": null, "errors": [{"message": "Object not found"}]}'
    with pytest.raises(InputFileError, match="the API response holds no transcript: Object not found"):
        read_transcript(Path("x.json"), refused, metadata={})


def test_gong_without_parties_takes_the_manifests_interviewee_and_interviewer():
    data = json.loads((EXPORTS / "gong_calls_transcript.json").read_text())
    del data["callTranscripts"][0]["parties"]
    warnings: list[str] = []
    meta = {"interviewee": "Grace Lin", "interviewers": "Alex Rivera"}
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata=meta, warnings=warnings)
    assert customer_turns(doc) == CASES["gong_calls_transcript.json"][1]
    assert doc.metadata["interviewers"] == "Alex Rivera"
    assert warnings == [
        "speakers named from the manifest: 'Speaker 2298450198436219023' is Grace Lin, "
        "'Speaker 6432345678555530067' is Alex Rivera"
    ]
    # with no interviewer named, the questioner is found by its questions and keeps its id
    alone = read_transcript(
        Path("call.json"), json.dumps(data).encode(), metadata={"interviewee": "Grace Lin"}
    )
    assert {t.speaker for t in alone.turns} == {"Grace Lin", "Speaker 6432345678555530067"}


def test_gong_without_parties_reads_a_second_seller_the_manifest_names_as_an_interviewer():
    # qa174: the account executive's one line ("Yeah, that's on me, fair.") made him a customer, and the
    # interviewee kept an id
    data = json.loads((EXPORTS / "gong_calls_transcript.json").read_text())
    del data["callTranscripts"][0]["parties"]
    seller = {"speakerId": "1768201364018405213", "topic": None, "sentences": [{"start": 90000, "end": 91000,
              "text": "Yeah, that's on me, fair."}]}  # fmt: skip
    data["callTranscripts"][0]["transcript"].append(seller)
    warnings: list[str] = []
    meta = {"interviewee": "Grace Lin", "interviewers": "Alex Rivera; Kyle Brandt"}
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata=meta, warnings=warnings)
    assert customer_turns(doc) == CASES["gong_calls_transcript.json"][1]
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Grace Lin"}
    assert warnings[0] == (
        "speakers read as interviewers: Speaker 1768201364018405213 (the manifest names 2 interviewers and one "
        "interviewee, who says most)"
    )


def test_gong_without_parties_reads_a_listening_seller_as_an_interviewer_beside_two_interviewees():
    # qa194: two customers and a CSM "just listening mostly", all known by ids: the CSM's lines were customers', and
    # nothing said the two customers' ids were never named
    data = json.loads((EXPORTS / "gong_calls_transcript.json").read_text())
    del data["callTranscripts"][0]["parties"]
    second = {
        "speakerId": "3333",
        "topic": None,
        "sentences": [
            {
                "start": 80000,
                "end": 88000,
                "text": "I do the billing side, so for me the meter reads were the whole month-end problem.",
            }
        ],
    }
    seller = {"speakerId": "4444", "topic": None, "sentences": [{"start": 90000, "end": 91000,
              "text": "Hey everyone."}]}  # fmt: skip
    data["callTranscripts"][0]["transcript"] += [second, seller]
    warnings: list[str] = []
    meta = {"interviewee": "Grace Lin; Tom Kessler", "interviewers": "Alex Rivera; Jordan Ellis"}
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata=meta, warnings=warnings)
    customers = {t.speaker for t in doc.turns if t.is_customer}
    assert "Speaker 4444" not in customers and len(customers) == 2
    assert warnings[0] == (
        "speakers read as interviewers: Speaker 4444 (the manifest names 2 interviewers and 2 interviewees, who say "
        "most)"
    )
    assert "are Grace Lin; Tom Kessler in some order" in warnings[1]


def test_gong_without_parties_names_two_interviewees_who_introduce_themselves():
    # qa299: "Yeah, Linda's here. I'm Raj, VP of operations…", "Hi, I'm Linda, the controller.": the lost deal's
    # reasons were quoted as "Speaker 9679834464776185482"
    def said(speaker: str, at: int, text: str) -> dict:
        return {
            "speakerId": speaker,
            "topic": None,
            "sentences": [{"start": at, "end": at + 5000, "text": text}],
        }

    data = {"callTranscripts": [{"callId": "1", "transcript": [
        said("100", 0, "Thanks for making time, Raj. And Linda is joining too?"),
        said("200", 6000, "Yeah, Linda's here. I'm Raj, VP of operations at Ironclad Interiors."),
        said("300", 12000, "Hi, I'm Linda, the controller."),
        said("100", 18000, "Raj, what were you hoping to solve?"),
        said("200", 24000, "Honestly the daily logs were a mess and nobody trusted them."),
        said("300", 30000, "And for me the cost codes never matched the job."),
    ]}]}  # fmt: skip
    warnings: list[str] = []
    meta = {"interviewee": "Raj Malhotra; Linda Chu", "interviewers": "Marcus Lee"}
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata=meta, warnings=warnings)
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Raj Malhotra", "Linda Chu"}
    assert not any("in some order" in w for w in warnings)
    # one who never says their name is the one the others' introductions leave
    data["callTranscripts"][0]["transcript"][2] = said("300", 12000, "Hi there.")
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata=meta, warnings=[])
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Raj Malhotra", "Linda Chu"}
    # and where no one does, nothing tells which is whom, and it is said
    data["callTranscripts"][0]["transcript"][1] = said("200", 6000, "Yeah, she's here.")
    warnings = []
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata=meta, warnings=warnings)
    assert any("are Raj Malhotra; Linda Chu in some order" in w for w in warnings), warnings


def test_gong_parties_titles_say_who_said_i_when_several_customers_speak():
    # A new-market tester's Gong call with a CFO and an IT director: "I was the one who held it up", said by the
    # IT director, was read as the CFO blocking; Gong's parties hold each one's title.
    from icp_assist.analyze.committee import ActReader

    data = json.loads((EXPORTS / "gong_calls_transcript.json").read_text())
    call = data["callTranscripts"][0]
    call["parties"][1]["title"] = "CFO"
    call["parties"].append(
        {"speakerId": "77", "name": "Ken Howard", "affiliation": "External", "title": "IT Director"}
    )
    said = "Honestly I was the one who held it up, over SSO."
    call["transcript"].append(
        {"speakerId": "77", "topic": None, "sentences": [{"start": 90000, "end": 93000, "text": said}]}
    )
    doc = read_transcript(
        Path("call.json"), json.dumps(data).encode(), metadata={"interviewee": "Grace Lin", "role": "CFO"}
    )
    assert (
        doc.metadata["interviewee"] == "Grace Lin; Ken Howard" and doc.metadata["role"] == "CFO; IT Director"
    )
    acts = ActReader({doc.doc_id: doc}).acts(said, doc.doc_id, "Ken Howard")
    assert [(a.title, a.part) for a in acts] == [("IT Director", "blocker")]


def test_gong_parties_give_the_one_customers_title_and_company():
    # qa34: three calls in one Gong file, each party listing the customer's title and company: none was linked to
    # its account and no role was read (a manifest names a file, not each call in it)
    data = json.loads((EXPORTS / "gong_calls_transcript.json").read_text())
    call = data["callTranscripts"][0]
    customer = next(p for p in call["parties"] if p.get("affiliation") != "Internal")
    customer.update({"title": "Lab Manager", "company": "Keystone Ceramics"})
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata={})
    assert doc.metadata["role"] == "Lab Manager" and doc.metadata["company"] == "Keystone Ceramics"
    assert doc.metadata["interviewee"] == customer["name"]


@pytest.mark.parametrize(
    ("asker", "answerer"),
    [("Q", "A"), ("Interviewer", "Interviewee"), ("Interviewer", "Customer"), ("Q", "Respondent")],
)
def test_generic_speaker_labels_take_the_manifests_interviewee_name(asker: str, answerer: str):
    text = (
        f"{asker}: Luis, what's your role at Harbor City?\n"
        f"{answerer}: I'm Director of Technology for Harbor City Schools.\n"
        f"{asker}: What were you trying to fix?\n"
        f"{answerer}: Every school was doing its own thing for everyday messages.\n"
    )
    warnings: list[str] = []
    meta = {"interviewee": "Luis Ortega", "interviewers": asker}
    doc = read_transcript(Path("06-harbor-qa.txt"), text.encode(), metadata=meta, warnings=warnings)
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Luis Ortega"}
    assert {t.speaker for t in doc.turns if not t.is_customer} == {asker}  # no name to give the interviewer
    assert warnings == [f"speakers named from the manifest: '{answerer}' is Luis Ortega"]
    # a speaker with another name keeps it, whatever the manifest says
    named = read_transcript(Path("x.txt"), text.replace(f"{answerer}:", "Maria:").encode(), metadata=meta)
    assert {t.speaker for t in named.turns if t.is_customer} == {"Maria"}
    # and the interviewee's first name alone takes the full name (qa12: "Rick" for the manifest's Rick Delaney)
    first = read_transcript(Path("x.txt"), text.replace(f"{answerer}:", "Luis:").encode(), metadata=meta)
    assert {t.speaker for t in first.turns if t.is_customer} == {"Luis Ortega"}


def test_a_tldv_markdown_export_reads_bold_speaker_headers_and_leaves_its_header_lines_out():
    # A new-market tester: tl;dv's Markdown ('**Name** [00:41]' above the words) was refused, its '**Date:**' and
    # '**Participants:**' lines taken for speakers.
    text = (
        "# Ridgeline – customer interview\n\n**Date:** 2026-09-14  \n**Participants:** Priya Shah, Greg Okafor\n\n"
        "## Transcript\n\n**Priya Shah** [00:00]  \nTell me a bit about Ridgeline.\n\n"
        "**Greg Okafor** [00:41]  \nWe're on AMS360, about a hundred and twenty staff.\n\n"
        "**Priya Shah** [01:22]  \nWhat was going on when you started looking?\n\n"
        "**Greg Okafor** [02:03]  \nAn E&O audit flagged our renewal files.\n"
    )
    doc = read_transcript(Path("ridgeline-tldv.md"), text.encode(), metadata={"interviewers": "Priya Shah"})
    assert [t.speaker for t in doc.turns] == ["Priya Shah", "Greg Okafor", "Priya Shah", "Greg Okafor"]
    assert doc.turn_text(doc.turns[3]) == "An E&O audit flagged our renewal files."
    assert [t.seconds for t in doc.turns] == [0.0, 41.0, 82.0, 123.0]


def test_gong_parties_in_a_calls_list_beside_the_transcripts_name_the_speakers():
    # qa16: the transcript API's callTranscripts with the extensive API's calls[].parties in one file (as a user's
    # script joins them) still named speakers "Speaker 1012..."
    data = json.loads((EXPORTS / "gong_calls_transcript.json").read_text())
    call = data["callTranscripts"][0]
    data["calls"] = [
        {"metaData": {"id": "another"}, "parties": []},
        {"metaData": {"id": call["callId"]}, "parties": call.pop("parties")},
    ]
    doc = read_transcript(Path("call.json"), json.dumps(data).encode(), metadata={})
    assert "Alex Rivera" in {t.speaker for t in doc.turns}
    assert not any(t.speaker.startswith("Speaker ") for t in doc.turns)


def test_notes_quote_a_participant_after_a_name_and_colon_or_as_a_whole_paragraph():
    # staffingats: 'Derrick: "..."', 'Crewline: "..." HireLoop: "..."' and a paragraph that is one quotation were
    # dropped without a word: Rivergate's only reason for buying, both of Cardinal's remarks on rivals
    from icp_assist.ingest.notes import participant_quotes

    text = (
        "## Trigger\n"
        '> "We had a 300-head ramp and no way to reach 300 people fast."\n'
        "## Evaluation\n"
        'Crewline: "Too much system for us, and they wanted to replace StaffPay." HireLoop: "Nice for office '
        'jobs, useless for a forklift driver."\n'
        'Alicia was the champion in 2023: "We bought it for the texting, that was the entire reason."\n'
        "## Alternatives today\n"
        '"Nobody\'s going back to paper. If you disappeared, probably Crewline."\n'
        '"Land and expand" is the motion we think they follow.\n'
        'Key term: "SLA".\n'
    )
    quotes = [(text[t.start : t.end], t.question) for t in participant_quotes(text)]
    assert quotes == [
        ("We had a 300-head ramp and no way to reach 300 people fast.", "Trigger"),
        ("Too much system for us, and they wanted to replace StaffPay.", "Evaluation"),
        ("Nice for office jobs, useless for a forklift driver.", "Evaluation"),
        ("We bought it for the texting, that was the entire reason.", "Evaluation"),
        ("Nobody's going back to paper. If you disappeared, probably Crewline.", "Alternatives today"),
    ]
    # qa103: a quoted sentence after the researcher's sentence, ending the line, is the participant's; a record's
    # field quoted after its name is not
    text = (
        '- "We had five spreadsheets and one person who understood them."\n'
        '- Juniper for the portal only. "Juniper was a nicer portal on paper but it didn\'t fix the accounting."\n'
        'Closed-lost in January. Reason in HubSpot: "Went with outsourced administrator".\n'
        'Pricing came up. "Per fund pricing" is how they put it, twice.\n'
    )
    quotes = [text[t.start : t.end] for t in participant_quotes(text)]
    assert quotes[1:] == ["Juniper was a nicer portal on paper but it didn't fix the accounting."]
    # qa137: a list item's label and a dash before the quotation introduce it
    text = '## Objections\n- "Honestly the price."\n- Cost — "we\'re a lean network, every dollar is a teacher"\n'
    quotes = [text[t.start : t.end] for t in participant_quotes(text)]
    assert quotes == ["Honestly the price.", "we're a lean network, every dollar is a teacher"]
    # qa135: a paragraph that is a quotation with the speaker's name in parentheses after it
    text = '- "Honestly the price."\n\n"We had a rough fourth quarter and the owners wanted payback this year." (Angela)\n'
    quotes = [text[t.start : t.end] for t in participant_quotes(text)]
    assert quotes == [
        "Honestly the price.",
        "We had a rough fourth quarter and the owners wanted payback this year.",
    ]
    # qa151: a sentence quoted inside the researcher's own, mid-line or after "but", is the participant's; a record's
    # value, a question, a name referred to and the words between two quotations are not
    text = (
        '- Gary: "We had a wall of clipboards."\n'
        '- Considered Provender OMS too but "it was a six-month project and we needed something in six weeks."\n'
        '- Price. Per-route pricing was "more than we\'d budgeted, honestly, by about a third." Got them to prepay.\n'
        '- Marco marked it lost in Pipedrive as "Price and no budget at all".\n'
        '- We asked "what made you look elsewhere at all?" and she laughed.\n'
        '- Include the "Some agencies we have worked with" section.\n'
        '- One user asked what "18F" means, and said he might expect it on an "About" page.\n'
    )
    quotes = [text[t.start : t.end] for t in participant_quotes(text)]
    assert quotes == [
        "We had a wall of clipboards.",
        "it was a six-month project and we needed something in six weeks.",
        "more than we'd budgeted, honestly, by about a third.",
    ]
    # qa107: notes that quote only after a name and a colon are notes (they were refused as a one-speaker
    # transcript); an interviewer's label before a quotation is a script's line
    notes = (
        "## Context\n\nThey were using paper waivers.\n\n"
        'Ben: "Paper waivers. In 2025. We have binders going back to 2017."\n\n'
        "## Why we lost\n\nTwo reasons, in Ben's words:\n\n"
        'Ben: "Day-pass check-in. It was like six screens."\n'
    )
    document = read_transcript(Path("harbor.md"), notes.encode(), metadata={})
    assert [document.text[t.start : t.end] for t in document.turns] == [
        "Paper waivers. In 2025. We have binders going back to 2017.",
        "Day-pass check-in. It was like six screens.",
    ]
    script = 'Moderator: "Thanks for joining us today, this will take thirty minutes."\n'
    assert participant_quotes(script) == []

    # ... in notes that quote participants in the usual forms too: in an interview script they are the researcher's
    # lines (18F's content script: "Very brief discussion of the purpose of today's test: “My goal today is …”")
    script = (
        "Very brief discussion of the purpose of today's test: “My goal today is to get feedback on our words.”\n"
        "“Thank you so much for your time. Do you have any questions for me?”\n"
    )
    assert participant_quotes(script) == []


def test_a_vtt_cues_character_references_are_its_characters(tmp_path: Path):
    # qa127: Teams wrote "<v Rosa Pe&#241;a>", and every citation showed the code
    path = tmp_path / "call.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Jess Moreno>What made you look?</v>\n\n"
        "2\n00:00:04.000 --> 00:00:08.000\n<v Rosa Pe&#241;a>Our server died &amp; we lost a week.</v>\n",
        encoding="utf-8",
    )
    document = read_transcript(path, path.read_bytes(), metadata={})
    assert [t.speaker for t in document.turns] == ["Jess Moreno", "Rosa Peña"]
    assert "Our server died & we lost a week." in document.text


def test_teams_stopped_transcription_in_a_cue_of_its_own_takes_no_words_of_the_last_turn(tmp_path: Path):
    # qa242: the voiceless cue "Sorensen, Nate stopped transcription" joined Sharon's "Sure. Bye.", and both were
    # ignored as the tool's line
    path = tmp_path / "call.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Sorensen, Nate>Anything else?</v>\n\n"
        "2\n00:00:04.000 --> 00:00:05.000\n<v Lind, Sharon>Sure. Bye.</v>\n\n"
        "3\n00:00:05.500 --> 00:00:06.000\nSorensen, Nate stopped transcription\n",
        encoding="utf-8",
    )
    document = read_transcript(path, path.read_bytes(), metadata={"interviewers": "Nate Sorensen"})
    assert [(t.speaker, document.text[t.start : t.end]) for t in document.turns] == [
        ("Nate Sorensen", "Anything else?"), ("Sharon Lind", "Sure. Bye.")
    ]  # fmt: skip


def test_a_teams_speaker_named_surname_first_or_as_a_guest_is_named_as_people_name_them(tmp_path: Path):
    # qa140: Teams wrote "<v Mehta, Rahul>" and "<v Carla Nguyen (Guest)>", and "Why did Rahul choose it?" found no one
    path = tmp_path / "call.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Jess Moreno>What made you look?</v>\n\n"
        "2\n00:00:04.000 --> 00:00:08.000\n<v Mehta, Rahul>Our server died and we lost a week.</v>\n\n"
        "3\n00:00:09.000 --> 00:00:12.000\n<v Carla Nguyen (Guest)>And the audit was coming.</v>\n",
        encoding="utf-8",
    )
    document = read_transcript(path, path.read_bytes(), metadata={"interviewers": "Jess Moreno"})
    assert [t.speaker for t in document.turns] == ["Jess Moreno", "Rahul Mehta", "Carla Nguyen"]
    # qa143: Zoom's display name with the company in brackets, on a cue's "Name:" line
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nJess Moreno: What made you look?\n\n"
        "2\n00:00:04.000 --> 00:00:08.000\nRay Delgado (Sablewood): Harvest was coming and our old system died.\n",
        encoding="utf-8",
    )
    document = read_transcript(path, path.read_bytes(), metadata={"interviewers": "Jess Moreno"})
    assert [t.speaker for t in document.turns] == ["Jess Moreno", "Ray Delgado"]


@pytest.mark.parametrize(
    ("device", "named"),
    [
        ("Luis's iPhone", True),
        ("iPad", True),
        ("Call-in User 2", True),
        ("Galaxy S23", True),
        ("Maria's iPhone", False),
    ],
)
def test_a_device_zoom_names_the_interviewee_by_is_the_interviewee(device: str, named: bool):
    # qa158: "Jake's iPhone" kept its device name; the manifest's Jake Hollis, Owner, lost his role and signature
    text = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nPriya Raman: What were you trying to fix?\n\n"
        f"2\n00:00:05.000 --> 00:00:09.000\n{device}: Every route was on paper and the logs were a mess.\n"
    )
    meta = {"interviewee": "Luis Ortega", "interviewers": "Priya Raman"}
    doc = read_transcript(Path("call.vtt"), text.encode(), metadata=meta)
    assert {t.speaker for t in doc.turns if t.is_customer} == ({"Luis Ortega"} if named else {device})


def test_a_device_of_one_of_several_interviewees_or_by_a_short_name_is_theirs():
    # qa178: "Carla's iPhone" of "Mike Sorensen; Carla Diaz"; qa181: "Jen's iPad" of "Jennifer Lowe": never renamed
    text = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nPriya Raman: What were you trying to fix?\n\n"
        "2\n00:00:05.000 --> 00:00:09.000\nMike Sorensen: Every route was on paper.\n\n"
        "3\n00:00:10.000 --> 00:00:14.000\nCarla's iPhone: And the drivers guessed what to restock.\n"
    )
    meta = {"interviewee": "Mike Sorensen; Carla Diaz", "interviewers": "Priya Raman"}
    doc = read_transcript(Path("call.vtt"), text.encode(), metadata=meta)
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Mike Sorensen", "Carla Diaz"}
    alone = text.replace("Mike Sorensen: Every route was on paper.", "Jen's iPad: Every route was on paper.")
    alone = alone.replace("Carla's iPhone", "Jen's iPad")
    meta = {"interviewee": "Jennifer Lowe", "interviewers": "Priya Raman"}
    doc = read_transcript(Path("call.vtt"), alone.encode(), metadata=meta)
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Jennifer Lowe"}
    # qa235: the interviewee spoke under her name, then rejoined from her phone ("Denise's iPhone")
    rejoined = alone.replace("Jen's iPad: Every", "Jennifer Lowe: Every")
    doc = read_transcript(Path("call.vtt"), rejoined.encode(), metadata=meta)
    assert {t.speaker for t in doc.turns if t.is_customer} == {"Jennifer Lowe"}
