"""Survey exports as Google Forms, SurveyMonkey, Typeform and Qualtrics write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from icp_assist.ingest.accounts import is_accounts_table
from icp_assist.ingest.columns import names_a_company, names_a_role, names_a_segment
from icp_assist.ingest.surveys import SurveyColumns, column_types, open_columns, read_survey
from icp_assist.ingest.tables import Table, read_table

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


def survey(name: str) -> tuple[Table, list, list[str]]:
    table = read_table(EXPORTS / name, (EXPORTS / name).read_bytes())
    assert not is_accounts_table(table, has_free_text=bool(open_columns(table)))
    notes = list(table.notes)
    return table, read_survey(EXPORTS / name, table, notes=notes), notes


def answers(documents: list) -> dict[str, list[str]]:
    return {d.metadata["respondent"]: [d.turn_text(t) for t in d.turns] for d in documents}


def test_google_forms_answers_that_repeat_stay_open_and_the_zoned_timestamp_is_a_date():
    table, docs, _ = survey("google_forms_repeated_answers.csv")
    types = column_types(table)
    assert types["Timestamp"] == "date"  # '2026/04/01 8:00:00 AM AST': the sheet's time zone
    assert open_columns(table) == [
        "What's the most frustrating part of paying suppliers today?",
        "If Ledgerly disappeared tomorrow, what would you do instead?",
    ]
    assert types["What is your role?"] == "role"
    assert types["How likely are you to recommend Ledgerly to a colleague?"] == "number"
    assert len(docs) == 20


@pytest.mark.parametrize(
    ("header", "values"),
    [
        # a pick list with long options, asked as a pick list
        ("Which best describes your finance team?", ["A team of two to five people"] * 8
         + ["Just me, with help from an outside bookkeeper"] * 8 + ["More than twenty people in finance"] * 4),
        # three reasons picked over and over, though the question asks why
        ("Why did you choose us over the alternatives?", ["It was cheaper than the other tools"] * 9
         + ["It works with our ERP out of the box"] * 7 + ["A colleague at another company recommended it"] * 4),
    ],
)  # fmt: skip
def test_long_options_picked_over_and_over_stay_choices(header: str, values: list[str]):
    table = Table(header=[header], rows=[[v] for v in values], row_numbers=list(range(2, 22)))
    assert column_types(table)[header] == "choice"


OBJECTIONS = [
    "SSO only on the Enterprise plan almost killed it", "Security review took six weeks for the SOC 2 report",
    "another SDK in our critical path worried the platform team", "MAU based pricing was hard to predict",
    "Self-hosted GitLab is a blocker for us", "bundle size of the JS SDK mattered on mobile web",
    "our infosec team wanted a DPA before we connected GitHub", "didn't understand the MAU pricing at all",
    "latency of flag evaluation on the checkout page", "hard to forecast the bill with active user pricing",
    "giving a third party read access to our repos", "the security questionnaire, the usual one",
    "we were not sure the Slack app was approved", "legal wanted changes to the order form",
    "no EU data residency option at the time", "the trial was too short to test the rollout",
    "nobody owned the migration from our old toggles", "the Jira integration looked half finished",
]  # fmt: skip


def test_many_different_sentences_are_open_though_some_repeat_and_the_question_reads_yes_or_no():
    # Google Forms: 'Was there anything …?' starts like a yes/no question, yet 18 different objections written
    # in words, each repeated (copied stock phrases), and short denials are free text, not a pick list.
    header = "Was there anything that nearly stopped you from signing up?"
    values = OBJECTIONS * 3 + ["no", "nothing", "n/a", "nope"] * 3
    table = Table(header=[header], rows=[[v] for v in values], row_numbers=list(range(2, 2 + len(values))))
    assert column_types(table)[header] == "open"


def test_a_question_that_asks_after_anything_is_answered_in_words_however_few_its_stock_phrases():
    # qa282: ten objections written in words, each given by two to six respondents, under "Was there anything that
    # nearly stopped you signing up?", were read as a pick list: 50 written answers never used
    header = "Was there anything that nearly stopped you signing up?"
    values = OBJECTIONS[:10] * 5 + ["n/a", "Nothing really"] * 3
    table = Table(header=[header], rows=[[v] for v in values], row_numbers=list(range(2, 2 + len(values))))
    assert column_types(table)[header] == "open"
    # a question asked of a pick list stays one
    header = "Did you use any of these before? (select all that apply)"
    table = Table(header=[header], rows=[[v] for v in ["Excel", "Paper diary", "Excel"] * 10], row_numbers=[])
    table.row_numbers = list(range(2, 2 + len(table.rows)))
    assert column_types(table)[header] == "choice"


def test_more_different_complaints_than_a_pick_list_offers_are_open_however_often_each_is_repeated():
    # qa20: twelve complaints written in words, each by nine respondents (12 of 108 answers are distinct).
    complaints = OBJECTIONS[:12]
    header = "What is the most frustrating part of ShiftLedger today?"
    values = complaints * 9
    table = Table(header=[header], rows=[[v] for v in values], row_numbers=list(range(2, 2 + len(values))))
    assert column_types(table)[header] == "open"
    # ten such options picked as often are what a pick list can offer: not enough to tell
    table = Table(header=[header], rows=[[v] for v in values[:100] if v in complaints[:10]], row_numbers=[])
    table.row_numbers = list(range(2, 2 + len(table.rows)))
    assert column_types(table)[header] == "choice"


QUALTRICS_SHORT_IMPORT_IDS = """ResponseId,Finished,Q1,Q2
Response ID,Finished,What is your role?,What was the main reason you chose ShiftLedger?
"{""ImportId"":""responseid""}","{""ImportId"":""finished""}","{""ImportId"":""Q1""}","{""ImportId"":""Q2""}"
R_1aa,True,Payroll Manager,Clients approve hours from an email link now
R_2bb,True,Owner,We failed an audit and needed ACA tracking
R_3cc,True,CFO,Bill and pay rates finally match on every invoice
"""


def test_qualtrics_import_ids_written_q4_are_questions_not_embedded_data(tmp_path: Path):
    # Real exports write "QID4"; files made by scripts and other tools often write "Q4". Either is a question.
    path = tmp_path / "qualtrics.csv"
    path.write_text(QUALTRICS_SHORT_IMPORT_IDS, encoding="utf-8")
    docs = read_survey(path, read_table(path, path.read_bytes()))
    assert [d.metadata["role"] for d in docs] == ["Payroll Manager", "Owner", "CFO"]
    assert all(t.question == "What was the main reason you chose ShiftLedger?" for d in docs for t in d.turns)


def test_naming_one_column_open_keeps_the_other_columns_guessed_types():
    table = read_table(
        EXPORTS / "google_forms_repeated_answers.csv",
        (EXPORTS / "google_forms_repeated_answers.csv").read_bytes(),
    )
    named = "What's the most frustrating part of paying suppliers today?"
    types = column_types(table, choice=SurveyColumns(open=[named]))
    assert types[named] == "open (chosen)"
    assert types["If Ledgerly disappeared tomorrow, what would you do instead?"] == "open"  # still read
    assert types["Timestamp"] == "date" and types["What is your role?"] == "role"
    notes: list[str] = []
    docs = read_survey(
        EXPORTS / "google_forms_repeated_answers.csv", table, choice=SurveyColumns(open=[named]), notes=notes
    )
    assert all(len(d.turns) == 2 for d in docs)
    assert (
        "open (chosen) (1): 'What's the most frustrating part" in notes[0]
        and "date (1): 'Timestamp'" in notes[0]
    )


@pytest.mark.parametrize(
    "value",
    [
        "2026/08/03 4:06:23 PM EST",
        "2026/03/14 10:22:31 AM GMT+1",
        "8/3/2026 16:06:23",
        "2026-08-03T16:06:23Z",
    ],
)
def test_a_timestamp_column_is_never_an_open_question(value: str):
    rows = [[value, f"answer number {i} about the approvals that keep stalling"] for i in range(6)]
    rows[0][0] = "Aug 3, 2026 at 4pm (entered by hand)"  # one odd cell does not make the column an answer
    table = Table(header=["Timestamp", "What is slow?"], rows=rows, row_numbers=list(range(2, 8)))
    assert column_types(table)["Timestamp"] == "date"


def test_keys_run_over_to_pass_a_required_field_are_no_answer(tmp_path):
    # qa56: "asdf" answers made a theme "Asdf"
    path = tmp_path / "survey.csv"
    path.write_text(
        "Timestamp,What was the main reason you chose us?\n"
        '2025-01-02 10:00:00,asdf\n2025-01-03 10:00:00,Asdf.\n2025-01-04 10:00:00,"The accounting sync, mostly."\n',
        encoding="utf-8",
    )
    docs = read_survey(path, read_table(path, path.read_bytes()), notes=[])
    assert list(answers(docs).values()) == [["The accounting sync, mostly."]]


def test_google_forms_timestamp_is_a_date_and_blank_rows_are_not_respondents():
    table, docs, notes = survey("google_forms_responses.csv")
    types = column_types(table)
    assert types["Timestamp"] == "date" and types["Email Address"] == "contact"
    assert open_columns(table) == [
        "What almost stopped you from signing up?",
        "What is the one thing we should improve?",
    ]
    assert len(docs) == 4 and "row 4" not in answers(docs)  # Quill & Co answered nothing open
    assert answers(docs)["row 3"] == [
        "Our CFO worried about moving approvals out of email",
        "Approval reminders",
    ]
    assert docs[0].metadata["Company name"] == "Harborline Freight"
    assert "4 respondents with at least one open answer; 1 rows without any open answer not counted" in notes
    assert any(n.startswith("survey columns: open (2)") and "--open-column" in n for n in notes)


def test_surveymonkey_second_header_row_is_not_a_respondent_and_says_which_columns_are_open():
    table, docs, notes = survey("surveymonkey_export.csv")
    assert open_columns(table) == [
        "Which tools did you use before Tallybook? - Other (please specify)",
        "What is the main reason for your score?",
        "What one word describes your onboarding?",  # a one-word open answer is still open
    ]
    assert list(answers(docs)) == ["114212847301", "114212847355", "114212847412"]
    assert answers(docs)["114212847412"] == [
        "Paper binders",
        "We passed our audit without a single missing approval",
        "Smooth",
    ]
    assert docs[0].metadata["Which tools did you use before Tallybook? - Spreadsheets"] == "Spreadsheets"
    assert any("SurveyMonkey" in n for n in notes)


def test_surveymonkey_option_labels_of_any_length_are_its_second_header_row(tmp_path):
    # qa37: a multi-select's option "None - we only looked at HaulSync" (7 words) hid row 2, and the blank row-1
    # cells over the options then refused the whole survey ("header has empty column names")
    path = tmp_path / "survey.csv"
    path.write_text(
        "Respondent ID,Collector ID,What is your role?,,Which providers did you evaluate? (Select all that apply),,,"
        "What was the main reason you chose HaulSync?\n"
        ",,Response,Other (please specify),FleetBeacon,TruckPulse,None - we only looked at HaulSync,"
        "Open-Ended Response\n"
        "114022940552,431870522,Safety Manager,,FleetBeacon,,,The IFTA report. That was the reason.\n"
        "114022940553,431870522,Other (please specify),Dispatcher,,,None - we only looked at HaulSync,Price\n",
        encoding="utf-8",
    )
    table = read_table(path, path.read_bytes())
    assert table.vendor.startswith("SurveyMonkey") and len(table.rows) == 2
    assert open_columns(table) == ["What was the main reason you chose HaulSync?"]
    docs = read_survey(path, table, notes=[])
    assert answers(docs) == {
        "114022940552": ["The IFTA report. That was the reason."],
        "114022940553": ["Price"],
    }
    # qa49: the role is what was picked, or, for "Other (please specify)", what was written in its box
    assert [d.metadata.get("role") for d in docs] == ["Safety Manager", "Dispatcher"]


def test_surveymonkey_role_write_ins_are_roles_however_varied(tmp_path):
    # qa62: varied jobs typed in the role question's "Other (please specify)" box read as open answers, and
    # "Onboarding Specialist" was cited as a buying trigger
    jobs = ["Onboarding Specialist", "Branch lead (second shift)", "Owner's assistant", "Payroll and onboarding",
            "Regional trainer", "Office coordinator (temp)"]  # fmt: skip
    rows = "".join(
        f"11480{n},431,Other (please specify),{job},The kiosk mode for day one.\n"
        for n, job in enumerate(jobs)
    )
    path = tmp_path / "survey.csv"
    path.write_text(
        "Respondent ID,Collector ID,Which best describes your role?,,What was the main reason you chose Enlistly?\n"
        ",,Response,Other (please specify),Open-Ended Response\n" + rows,
        encoding="utf-8",
    )
    table = read_table(path, path.read_bytes())
    assert open_columns(table) == ["What was the main reason you chose Enlistly?"]
    docs = read_survey(path, table, notes=[])
    assert [d.metadata.get("role") for d in docs] == jobs


def test_typeform_write_ins_headed_other_twice_are_read_and_the_roles_one_is_the_role(tmp_path):
    # qa236: Typeform heads each question's write-in "Other"; the export was refused ("names column 'Other' twice")
    path = tmp_path / "responses.csv"
    path.write_text(
        "#,What's your role?,Other,What was the main reason you chose Turnline?,Quore,Optii,Other,"
        "Response Type,Start Date (UTC),Submit Date (UTC),Network ID,Tags\n"
        "a1b2,General Manager,,The room status goes straight into the PMS now,Quore,,,completed,"
        "2025-04-12 18:28:20,2025-04-12 18:40:24,7b0758f1a7,\n"
        "c3d4,,Rooms Division Manager,Our housekeepers can use it in Spanish,,Optii,Paper board,partial,"
        "2025-04-13 10:00:00,2025-04-13 10:09:00,39b333d2e9,\n",
        encoding="utf-8",
    )
    table = read_table(path, path.read_bytes())
    notes: list[str] = []
    docs = read_survey(path, table, notes=notes)
    assert any("1 marked partial in 'Response Type'" in note for note in notes), notes  # as the README says
    assert [d.metadata.get("role") for d in docs] == ["General Manager", "Rooms Division Manager"]
    assert docs[1].turn_text(docs[1].turns[0]) == "Our housekeepers can use it in Spanish"


def test_typeform_token_is_the_respondent_and_a_repeated_option_is_closed():
    table, docs, _ = survey("typeform_responses.csv")
    types = column_types(table)
    assert types["What do you use Tallybook for?"] == "choice"
    assert types["Network ID"] == "id" and types["Tags"] == "empty"
    assert open_columns(table) == ["What would make you recommend us to a peer?"]
    assert len(docs) == 4  # the third response left the open question blank
    assert docs[0].metadata["respondent"] == "k3n4b7z2q9r1x8m5a0c6d4e2f1g7h3j9"
    # the token identifies the response; a citation shows the row, which a reader can find in the file
    assert docs[0].doc_id.endswith("#k3n4b7z2q9r1x8m5a0c6d4e2f1g7h3j9")
    assert docs[0].title == "typeform_responses.csv · row 2" and docs[0].turns[0].speaker == "Respondent"


def test_qualtrics_three_header_rows_question_text_and_partial_responses():
    table, docs, notes = survey("qualtrics_export.csv")
    assert column_types(table)["IP Address"] == "ip address"  # '198.51.100.17' is not a number
    # the role written in the "Other" box is the respondent's role (qa24), not an answer
    assert open_columns(table) == ["What would you change about your approval process?"]
    assert answers(docs) == {
        "R_1dBqPzLw3u6JxKp": ["Let approvers see the PO next to the invoice"],
        "R_2VkT8sYc0mQnHr4": ["Route anything over budget to the department head automatically"],
        "R_3PqW9eZx1bLmN7s": ["Fewer clicks to approve"],
    }
    assert [d.metadata["role"] for d in docs][:2] == ["Controller", "Shared services lead"]
    assert docs[0].metadata["How satisfied are you with your month-end close?"] == "Somewhat satisfied"
    assert "3 respondents with at least one open answer (1 marked partial in 'Finished'); " in notes[-1]
    # the owner's own preview of the survey is no respondent (qa227: its "test test" was counted and embedded)
    assert "; 1 row marked 'Survey Preview' in 'Response Type' not counted (no respondent)" in notes[-1]


QUALTRICS_NUMERIC_STATUS = """StartDate,Status,Progress,Finished,ResponseId,Q1
Start Date,Response Type,Progress,Finished,Response ID,Why did you choose TenantLoop?
"{""ImportId"":""startDate""}","{""ImportId"":""status""}","{""ImportId"":""progress""}","{""ImportId"":""finished""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID6_TEXT""}"
2026-03-12 13:28:00,0,100,True,R_1aa,Maintenance requests were lost between phone and email
2026-03-12 14:02:11,0,40,False,R_2bb,Our after-hours line was a manager's cell phone
2026-03-12 15:40:09,1,100,True,R_3cc,test test
2026-03-13 09:12:45,0,100,True,R_4dd,Tenants wanted to send photos of the leak
"""


def test_qualtrics_numeric_status_zero_is_an_ordinary_response_and_one_a_preview(tmp_path):
    # qa289: in Qualtrics' numeric export Status is a code, 0 an ordinary response; all 60 finished responses were
    # reported "marked partial in 'Status'". 1 is the owner's Survey Preview, no respondent.
    path = tmp_path / "TenantLoop Survey_April 24, 2026_14.37.csv"
    path.write_text(QUALTRICS_NUMERIC_STATUS, encoding="utf-8")
    table = read_table(path, path.read_bytes())
    notes: list[str] = []
    docs = read_survey(path, table, notes=notes)
    assert [d.metadata["respondent"] for d in docs] == ["R_1aa", "R_2bb", "R_4dd"]
    assert "3 respondents with at least one open answer (1 marked partial in 'Finished'); " in notes[-1]
    assert "; 1 row marked '1' in 'Response Type' not counted (no respondent)" in notes[-1]


QUALTRICS_JOB_TITLE = """ResponseId,Finished,Q1,Q2,Q3
Response ID,Finished,What company do you work for?,What is your job title?,Why did you start using ShipLog?
"{""ImportId"":""_recordId""}","{""ImportId"":""finished""}","{""ImportId"":""QID1_TEXT""}","{""ImportId"":""QID2_TEXT""}","{""ImportId"":""QID6_TEXT""}"
R_1aa,True,verdantgrid,CTO,Release notes were written by hand every Friday
R_2bb,True,Brightwave Labs,Staff Eng,We could not tell whether a flag rollout moved latency
R_3cc,True,Kestrellabs,PM,Support kept asking whether a fix had shipped yet
"""


def test_a_job_title_typed_in_a_text_box_is_the_respondents_role_not_an_answer(tmp_path: Path):
    # Qualtrics marks 'What is your job title?' a text entry (QID2_TEXT); its 'CTO' is who answered.
    path = tmp_path / "qualtrics.csv"
    path.write_text(QUALTRICS_JOB_TITLE, encoding="utf-8")
    table = read_table(path, path.read_bytes())
    assert column_types(table)["What is your job title?"] == "role"
    notes: list[str] = []
    docs = read_survey(path, table, notes=notes)
    assert [d.metadata["role"] for d in docs] == ["CTO", "Staff Eng", "PM"]
    assert all(t.question == "Why did you start using ShipLog?" for d in docs for t in d.turns)
    assert "role (1): 'What is your job title?'" in notes[0]


def test_option_lists_and_many_repeats_are_closed_even_when_long():
    options = ["Less than one year", "More than one year"] * 10
    table = Table(["Roughly how long have you been using it?"], [[v] for v in options], list(range(2, 22)))
    assert column_types(table) == {"Roughly how long have you been using it?": "choice"}
    picks = ["comfortable;intuitive;quick", "quick;simple", "intuitive;comfortable", "simple"] * 5
    table = Table(["Select all the words that describe it."], [[v] for v in picks], list(range(2, 22)))
    assert column_types(table) == {"Select all the words that describe it.": "choice"}


def test_a_question_asking_for_the_respondents_job_is_their_role(tmp_path: Path):
    path = tmp_path / "typeform.csv"
    path.write_text(
        "#,What's your role?,What was your role in the decision?,What nearly stopped you from signing up?\n"
        "k3n4b7z2q9r1x8m5a0c6d4e2f1g7h3j9,Dispatcher,Influencer,The price per technician added up fast\n"
        "p0q9r8s7t6u5v4w3x2y1z0a9b8c7d6e5,Owner / President,Decision maker,Moving eight years of history\n",
        encoding="utf-8",
    )
    table = read_table(path, path.read_bytes())
    roles = [d.metadata.get("role") for d in read_survey(path, table, notes=[])]
    assert roles == ["Dispatcher", "Owner / President"]  # not the part in the decision


def test_a_surveys_company_question_is_the_respondents_company_not_an_open_answer():
    table, docs, _ = survey("surveymonkey_company_multiselect.csv")
    types = column_types(table)
    assert types["What company do you work for?"] == "company"
    assert open_columns(table) == ["What made you start looking for an approvals tool?"]
    assert docs[1].metadata["company"] == "Kestrel Foods Ltd"
    assert all(len(d.turns) == 1 for d in docs)


def test_a_multiple_answer_questions_option_columns_are_closed_and_a_repeated_write_in_too():
    table, _, notes = survey("surveymonkey_company_multiselect.csv")
    options = [c for c in table.header if c.startswith("Which tools do you use for approvals?")]
    assert [c.rsplit(" - ", 1)[1] for c in options] == [
        "Email",
        "Spreadsheets",
        "NetSuite",
        "Other (please specify)",
    ]
    assert {column_types(table)[c] for c in options} == {"choice"}  # 'SAP Concur' four times is an option
    # the note keeps each option's label, so the four columns are told apart
    assert "… - Other (please specify)'" in next(n for n in notes if n.startswith("survey columns"))


@pytest.mark.parametrize(
    ("header", "company"),
    [
        ("What company do you work for?", True),
        ("Company name", True),
        ("Company name (optional)", True),  # Google Forms marks a question that may be skipped
        ("Organisation", True),
        ("Which company are you with?", True),
        ("What is the name of your company?", True),
        ("How many employees work at your company?", False),
        ("What does your company do?", False),
        ("Company size", False),
        ("Which clinic or hospital group do you work for?", True),  # qa19: whatever it calls the workplace
        ("What do you work on?", False),
        ("District or school name", True),  # qa40: one of two kinds of workplace, no respondent was linked
        ("School or district", True),
        ("District or school size", False),
        # qa127: the name of either of two of the respondent's own workplaces
        ("Name of your marina or boatyard", True),
        ("Name of your system or tool", False),
        # qa171: their role there, and a recommendation to another, were read as the company
        ("What is your role at your district or company? - Selected Choice", False),
        ("How likely are you to recommend CanalWise to another district or canal company?", False),
        ("What is the name of your irrigation district or canal company?", True),
        # qa228: a workplace said with its kind ("gaming center"); not a favourite thing of theirs
        ("What's the name of your gaming center?", True),
        ("What is the name of your favorite feature?", False),
        ("What is the name of your accounting system?", False),
    ],
)
def test_company_questions_are_told_from_questions_about_the_company(header: str, company: bool):
    assert names_a_company(header) is company


def test_a_survey_answer_is_cited_as_the_respondent_of_a_titled_response_not_the_id_twice():
    _, docs, _ = survey("surveymonkey_export.csv")
    turn = docs[0].turns[0]
    citation = f"{turn.speaker}, {docs[0].title}"  # as the profile and the explorer show a quote's source
    assert citation == "Respondent, surveymonkey_export.csv · 114212847301"


@pytest.mark.parametrize(
    ("header", "segment"),
    [
        ("Industry", True),
        ("Which industry best describes your organization?", True),
        ("What sector are you in?", True),
        ("Industry (optional)", True),
        ("Which industry do you serve?", False),  # their customers' industry, not their own
        ("Company size", False),
        # qa116: a contractor's trade is their industry; a trade show or publication is not
        ("What trade is your company in?", True),
        ("Primary trade", True),
        ("What trade show did you meet us at?", False),
        ("What trade publications do you read?", False),
        # qa121: the kind of work the company does is its segment; what they use the product for is not
        ("What kind of work does your company mostly do?", True),
        ("What kind of work do you use Lienloop for?", False),
        # qa129: what a grower mostly grows is their segment; what they use the product for, or would make better, is not
        ("What do you mostly grow?", True),
        ("What does your company mainly manufacture?", True),
        ("What do you use Canopia for?", False),
        ("What would you make better?", False),
        # qa158, qa160, qa162: the kind of what it mostly serves or runs, and the kind of operation it is
        ("What kind of pools do you mostly service?", True),
        ("What kind of auctions does your company mostly run?", True),
        ("Which best describes your operation?", True),
        ("What kind of reports do you mostly run?", False),
        ("What's the name of your mill or yard? (optional)", False),
        # qa177, qa179: the kind of workplace in the trade's own word; not what is about the respondent
        ("Which best describes your cemetery?", True),
        ("Which best describes your studio?", True),
        ("Which of the following best describes your experience?", False),
        ("What best describes your current process?", False),
        # qa212: the kind of place the respondent runs; not the kind of report or software
        ("What kind of center do you run?", True),
        ("What type of clinic do you operate?", True),
        ("What kind of software do you run?", False),
        # qa208: the kind of work that makes up most of the respondent's
        ("What kind of assignments make up most of your agency's work?", True),
    ],
)
def test_a_respondents_industry_question_is_their_segment(header: str, segment: bool):
    # qa11: `ask --filter segment=Manufacturing` dropped the 54 respondents who ticked Manufacturing
    assert names_a_segment(header) is segment


@pytest.mark.parametrize(
    ("header", "company", "segment"),
    [
        ("Which best describes your organization?", False, True),  # qa29: read as the company's name
        ("Which best describes your organization? - Selected Choice", False, True),
        ("What best describes your practice?", False, True),
        ("What is the name of your organization?", True, False),
        ("Organization", True, False),
        ("Which best describes your role?", False, False),
        ("What type of organization do you work for?", False, True),  # qa35: Association, Corporation
        ("What type of lab are you?", False, True),
        ("What's the name of your lab?", True, False),  # qa34: read as a person's name, no respondent linked
        ("Lab name", True, False),
        # qa71: no respondent was linked to a hospital account
        ("What's the name of your hospital?", True, False),
        ("Which best describes your hospital?", False, True),
        ("Credit union name", True, False),
        ("What is the name of your research site or organization?", True, False),  # qa73
        # qa78: a government's jurisdiction, and its kind
        ("Jurisdiction name", True, False),
        ("Type of jurisdiction", False, True),
        ("City", False, False),
        # qa82: a senior living operator's community, or its company
        ("Community / company name", True, False),
        ("Type of community", False, True),
        # qa87: a hotel's property, and its kind
        ("What is the name of your property?", True, False),
        ("Which best describes your property?", False, True),
        # qa90, qa94: a church, and a workplace said with its trade; a system's name is no workplace's
        ("What is the name of your church?", True, False),
        ("What is the name of your staffing company?", True, False),
        ("Which staffing company do you use?", False, False),
        ("What is the name of your accounting system?", False, False),
        ("What is the name of your team?", False, False),
        # qa101: a group of workplaces said with its trade, and a group of people
        ("What's the name of your restaurant group?", True, False),
        ("What is the name of your user group?", False, False),
        # qa105, qa107: any one thing of the respondent's own asked by name, but their system, vendor or role
        ("What's the name of your studio? (optional)", True, False),
        ("What is the name of your utility?", True, False),
        ("What is the name of your POS provider?", False, False),
        ("What is the name of your vendor?", False, False),
        # qa165: a public library system is a workplace, as a school system is
        ("What is the name of your library system?", True, False),
        ("What is the name of your school system?", True, False),
        ("Which best describes your library system?", False, True),
    ],
)
def test_a_question_describing_the_workplace_asks_its_kind_not_its_name(
    header: str, company: bool, segment: bool
):
    assert (names_a_company(header), names_a_segment(header)) == (company, segment)


def test_qualtrics_picks_joined_by_bare_commas_are_a_choice_and_each_option_keeps_its_own_commas():
    # qa14: Qualtrics joins a 'select all that apply' answer's picks with a bare comma; the column was read as
    # free text, its pick lists quoted as customers' words and none of its ticks counted
    from icp_assist.ingest.accounts import split_list

    picks = [
        "Spreadsheets (Excel / Google Sheets),MarketMan,Restaurant365",
        "Supplier ordering portals (Sysco, US Foods, etc.),MarketMan",
        "Spreadsheets (Excel / Google Sheets),BlueCart,Other",
        "MarketMan",
        "Supplier ordering portals (Sysco, US Foods, etc.),Spreadsheets (Excel / Google Sheets)",
    ] * 4
    header = "Which of these did you use or evaluate before PantryPilot? (select all that apply)"
    table = Table([header], [[v] for v in picks], list(range(2, 22)))
    assert column_types(table) == {header: "choice"}
    assert split_list(picks[1]) == ["Supplier ordering portals (Sysco, US Foods, etc.)", "MarketMan"]
    spoken = [f"We counted {n},200 cases by hand every week at store {n}" for n in range(20)]
    table = Table(["What was the biggest headache?"], [[v] for v in spoken], list(range(2, 22)))
    assert column_types(table)["What was the biggest headache?"] == "open"  # a number's comma joins no picks


def test_a_nonprofits_mission_area_is_its_segment_and_an_anonymous_company_is_none(tmp_path: Path):
    # qa13: the survey's mission area (the NTEE category) was not the respondents' segment, and 19 respondents'
    # "anonymous" / "prefer not to say" were listed as companies the CRM lacked
    assert names_a_segment("Which best describes your organization's mission area?")
    assert not names_a_segment("What is your organization's mission?")
    path = tmp_path / "typeform.csv"
    path.write_text(
        "#,Organization name,Which best describes your organization's mission area?,What made you start looking?\n"
        'k3n4b7z2q9r1,Anonymous,"Arts, Culture & Humanities",Our old database kept crashing on gala night\n'
        "p0q9r8s7t6u5,Riverbend Food Bank,Human Services,Duplicate donor records everywhere after the merger\n"
        "x1y2z3w4v5u6,Prefer not to say,Health,Year-end receipts took our team two full weeks\n",
        encoding="utf-8",
    )
    table = read_table(path, path.read_bytes())
    documents = read_survey(path, table, notes=[])
    assert [d.metadata.get("company") for d in documents] == [None, "Riverbend Food Bank", None]
    assert documents[0].metadata["segment"] == "Arts, Culture & Humanities"


def test_still_a_customer_no_is_a_churned_respondent_whose_why_is_a_churn_reason(tmp_path: Path, embedder):
    # qa15: "Are you still a ClientPulse customer? No" was not read, so none of the 22 answers to "If you
    # cancelled, why did you cancel?" reached the churn reasons
    from icp_assist.analyze import document_outcome
    from icp_assist.analyze.facets import classify
    from icp_assist.analyze.units import customer_units

    path = tmp_path / "surveymonkey.csv"
    question = "If you cancelled, why did you cancel?"
    path.write_text(
        f"Respondent ID,Are you still a ClientPulse customer?,{question}\n"
        '11,Yes,n/a\n12,No,The per-client price kept climbing as we grew\n13,"No, we left in May",We lost trust in the numbers\n',
        encoding="utf-8",
    )
    documents = read_survey(path, read_table(path, path.read_bytes()), notes=[])
    outcomes = {d.doc_id: document_outcome(d, {}) for d in documents}
    assert list(outcomes.values()) == ["active", "churned", "churned"]
    units = customer_units(documents)
    facets = classify(units, embedder.embed([u.text for u in units]), embedder, outcomes=outcomes)
    told = {u.text: a[:1] for u, a in zip(units, facets.assigned, strict=True)}
    assert told["The per-client price kept climbing as we grew"] == ["churn_reason"], told
    assert told["We lost trust in the numbers"] == ["churn_reason"], told


@pytest.mark.parametrize(
    ("header", "role", "segment"),
    [
        ("What is your role at your agency?", True, False),
        ("What was your role in the decision?", False, False),
        ("What type of agency are you?", False, True),
        ("Practice type", False, True),
        ("What type of reports do you send?", False, False),
        ("How many people work at your agency?", False, False),
        # qa246: Typeform's conversational wording, with a recall of an earlier answer
        ("Thanks! And what's your role at {{field:7f3c1e0a9b}}?", True, False),
        # qa248: a car wash's format (express, flex-serve, full-service), in two words or as a bare header
        ("Which best describes your wash format?", False, True),
        ("Wash format", False, True),
        ("File format", False, False),
    ],
)
def test_a_role_asked_at_the_workplace_and_the_kind_of_workplace_are_read(header, role, segment):
    # qa15: "What is your role at your agency?" and "What type of agency are you?" were read as neither, so
    # --filter role=Owner and segment=SEO found no survey answers (34 owners, 22 SEO agencies)
    assert (names_a_role(header), names_a_segment(header)) == (role, segment)


def test_a_question_answered_in_words_whose_answers_list_the_same_reasons_stays_open():
    # qa18: "What is the most frustrating part of DockWise today?" (58 distinct answers, most of them four
    # words or more, several joined with ';') was read as a pick list, and the page lost its complaints
    reasons = ["retail compliance / EDI is missing", "slow support after hours", "the mobile app is slow",
               "tickets sit for a day", "scanning is slow at peak"]  # fmt: skip
    answers = [reasons[n % 5] if n % 3 else f"{reasons[n % 5]}; {reasons[(n + 1) % 5]}" for n in range(40)]
    header = "What is the most frustrating part of DockWise today?"
    table = Table([header], [[v] for v in answers], list(range(2, 42)))
    assert column_types(table) == {header: "open"}
    picks = [
        f"{a}, {b}"
        for a, b in zip(
            ["Python", "R", "Julia", "Scala"] * 10, ["R", "Julia", "Python", "SQL"] * 10, strict=True
        )
    ]
    header = "What language(s) will your students be using?"
    assert column_types(Table([header], [[v] for v in picks], list(range(2, 42)))) == {header: "choice"}


QUALTRICS_ROLE_WITH_OTHER = """ResponseId,Q1,Q1_5_TEXT,Q2,Q3,Q4
Response ID,What is your role in the district? - Selected Choice,What is your role in the district? - Other - Text,How would you describe your district?,Which industry best describes your fleet?,What was the main reason your district chose RouteWise?
"{""ImportId"":""responseid""}","{""ImportId"":""QID1""}","{""ImportId"":""QID1_5_TEXT""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}","{""ImportId"":""QID4_TEXT""}"
R_1aa,Director of Transportation,,Suburban,School transport,Routes built in a day instead of three weeks
R_2bb,Other,Fleet maintenance manager,Rural,School transport,Parents stopped calling the office every morning
R_3cc,IT Director,,City,School transport,It worked with PowerSchool out of the box
"""


def test_a_role_picked_or_written_in_and_the_kind_of_district_or_industry_asked_in_words_are_read(
    tmp_path: Path,
):
    # qa24: "What is your role in the district? - Selected Choice" and its "Other - Text" box were an option list
    # and an answer, "How would you describe your district?" nothing; qa22: "Which industry best describes your
    # fleet?" nothing: role and segment questions found no respondent
    path = tmp_path / "qualtrics.csv"
    path.write_text(QUALTRICS_ROLE_WITH_OTHER, encoding="utf-8")
    docs = read_survey(path, read_table(path, path.read_bytes()))
    assert [d.metadata["role"] for d in docs] == [
        "Director of Transportation",
        "Fleet maintenance manager",
        "IT Director",
    ]
    assert [d.metadata["segment"] for d in docs] == ["Suburban", "Rural", "City"]
    assert all(
        t.question == "What was the main reason your district chose RouteWise?" for d in docs for t in d.turns
    )
    assert names_a_segment("Which industry best describes your fleet?")
    assert not names_a_segment("How long have you worked in the industry?")


def test_a_role_question_asked_of_the_following_or_at_a_workplace_of_any_name_is_the_role():
    # qa85: "Which of the following best describes your role?" was a plain choice column: no persona was drawn
    from icp_assist.ingest.columns import names_a_role

    assert names_a_role("Which of the following best describes your role?")
    assert names_a_role("What best describes your role at the museum?")
    assert not names_a_role("What role did IT play in the decision?")
