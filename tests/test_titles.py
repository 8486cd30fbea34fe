"""Titles are searched only where a word each needs is present, and each distinct text once: same spans."""

from __future__ import annotations

import re

import pytest

from icp_assist.analyze import titles
from icp_assist.analyze.titles import (
    ROLE_FAMILY,
    TITLES,
    canonical_title,
    find_titles,
    needed_words,
    role_title,
    title_mentions,
    title_spans,
)

CLAUSES = [
    "Our CFO signed",
    "the Controller and the comptroller",
    "Sanjay, our IT director, ran the security review",
    "our VP, Finance signed and the SVP of Sales approved",
    "vice president finance",
    "the head of people ran it",
    "HR director",
    "our sdrs and BDRs and an account executive",
    "the FP&A team and fp&a folks; financial planning",
    "the board and investors",
    "Our founder / business owner, and the owner of the company",
    "the security team; infosec; security officer",
    "İstanbul office manager",  # lower-cases to a longer text: the case-blind patterns
    "CSMs and customer success managers",
    "data engineers, analytics team, head of data",
    "a frontend developer and the developers",
    "rev ops; revenue operations; salesops",
    "no title here at all",
    "",
    "CFOs",  # a word boundary the pattern needs
    "ChIeF FiNaNcIaL OfFiCeR",
    "Interviewer: who signed? " * 60
    + "Customer: our CFO and the VP of Finance, Greg.",  # too long to remember
]


def every_pattern(text: str) -> list[tuple[int, int, str]]:
    """The spans with every pattern tried, as title_spans found them before it skipped any."""
    spans: list[tuple[int, int, str]] = []
    lowered = text.lower()
    text, patterns = (lowered, titles._LOWER) if len(lowered) == len(text) else (text, titles._COMPILED)
    for title, pattern in patterns:
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), title))
    return sorted(spans)


def every_first_mention(text: str) -> list[tuple[int, str]]:
    """Each title's first mention with every pattern tried."""
    lowered = text.lower()
    text, patterns = (lowered, titles._LOWER) if len(lowered) == len(text) else (text, titles._COMPILED)
    return sorted((m.start(), title) for title, pattern in patterns for m in [pattern.search(text)] if m)


@pytest.mark.parametrize("text", CLAUSES)
def test_skipping_titles_whose_words_are_absent_finds_exactly_the_same_spans(text: str) -> None:
    assert title_spans(text) == every_pattern(text)
    assert title_spans(text) == every_pattern(text)  # the second time from the cache
    assert title_mentions(text) == every_first_mention(text)


def test_every_title_needs_a_word_and_each_match_contains_one() -> None:
    for title, pattern in TITLES:
        needed = needed_words(pattern)
        assert needed, title
        for text in CLAUSES:
            for match in re.finditer(pattern, text.lower()):
                assert any(word in match.group(0) for word in needed), (title, match.group(0))


def test_words_needed_are_read_from_the_pattern() -> None:
    assert needed_words(r"\bcfo\b|chief financial officer") == {"cfo", "chief financial officer"}
    assert needed_words(r"\b(senior |staff )?accountants?\b") == {"accountant"}
    assert needed_words(r"x?") is None  # an optional part needs nothing


def test_a_cached_result_is_not_changed_by_its_caller() -> None:
    spans = title_spans("Our CFO signed")
    spans.clear()
    assert title_spans("Our CFO signed") == [(4, 7, "CFO")]


def test_an_owner_or_president_is_the_same_title_as_a_ceo_but_a_vice_president_or_product_owner_is_not():
    for role in ("Owner / President", "Owner", "President", "Founder & CEO", "CEO"):
        assert canonical_title(role) == "CEO / Owner", role
    assert canonical_title("Vice President of Sales") == "Head of Sales"
    assert canonical_title("Product Owner") == "Product Manager"
    # qa280: the owner named after another title or a kind, and the owner of a kind of business (three personas)
    # qa318: an insurance agency's principal is its owner; an animal hospital's owner too
    for role in (
        "Agency Principal / Owner",
        "Executive: Owner",
        "Agency Owner",
        "Practice owner",
        "Agency Principal",
        "Hospital Owner",
    ):
        assert role_title(role) == "CEO / Owner", role
    assert role_title("Principal") == "Principal"  # a school's head or a firm's owner: left as it says
    # qa133: a member-owned club's board or club president signs as its board's head, not as a chief executive
    assert find_titles("the board president, Walter Kim, signed") == ["Board President"]
    assert (
        canonical_title("Club President") == "Board President" and ROLE_FAMILY["Board President"] == "Board"
    )


def test_security_compliance_and_engineering_heads_are_their_functions_titles():
    # A new-market survey's roles: "Head of Security" was a persona of its own beside "IT & security", and
    # "Compliance Manager" and "Head of Platform Engineering" were no title at all.
    assert find_titles("Head of Security") == ["Security"]
    assert find_titles("Compliance Manager") == ["Compliance"]
    assert find_titles("Head of Platform Engineering") == ["Head of Engineering"]
    assert ROLE_FAMILY["Security"] == "IT & security"
    # compliance is its own function, not IT's (qa62, qa66: a staffing agency's and a credit union's compliance
    # managers were an "IT & security" persona); training and development is no fundraising (qa66)
    assert ROLE_FAMILY["Compliance"] == "Risk & compliance"
    assert find_titles("Training & Development Manager") == [] and find_titles("Director of Development") == [
        "Development Director"
    ]
    # a town's community development director runs planning and permits (qa78); production is no product (qa80)
    assert "Development Director" not in find_titles("our Community Development Director")
    assert "Head of Product" not in find_titles("our head of production, Raj")


@pytest.mark.parametrize(
    ("role", "title", "family"),
    [
        ("EM", "Engineering Manager", "Engineering"), ("eng manager", "Engineering Manager", "Engineering"),
        ("VP Eng", "Head of Engineering", "Engineering"), ("Staff Eng", "Engineer", "Engineering"),
        ("Sr. SWE", "Engineer", "Engineering"), ("SRE", "Engineer", "Engineering"),
        ("dev", "Engineer", "Engineering"), ("backend dev", "Engineer", "Engineering"),
        ("PM", "Product Manager", "Product"), ("Senior PM", "Product Manager", "Product"),
        ("CTO", "CTO", "Engineering"), ("Co-founder & CTO", "CTO", "Engineering"),
        ("Founder & CEO", "CEO / Owner", "Executive"),
    ],
)  # fmt: skip
def test_engineers_and_product_people_are_known_by_their_own_short_forms(role, title, family):
    # A survey-only tester (a developer tool): "EM", "VP Eng", "Staff Eng", "Sr. SWE", "SRE", "dev" and "PM" each
    # made a persona of their own, and the CTO was put with IT & security.
    assert role_title(role) == title and ROLE_FAMILY[title] == family


def test_short_forms_that_are_words_in_speech_name_no_title_inside_a_sentence():
    assert find_titles("Let em know, and the pm meeting is at five.") == []


def test_a_role_the_list_does_not_know_has_one_spelling_whatever_its_case():
    # A new-market tester: "PIC", "Pharmacist in charge" and "Pharmacist In Charge" made three personas.
    assert role_title("Pharmacist in charge") == role_title("Pharmacist In Charge") == "Pharmacist in Charge"
    assert role_title("PIC") == "PIC" and role_title("clinic director") == "Clinic Director"


def test_school_leaders_are_known_and_a_superintendent_pharmacist_is_not_a_district_superintendent():
    # A new-market tester (school districts): "The superintendent approved it" named no one.
    assert role_title("Superintendant") == "Superintendent" and ROLE_FAMILY["Superintendent"] == "Executive"
    assert (
        role_title("School principal") == "Head of School" and role_title("Principal Engineer") == "Engineer"
    )
    assert role_title("Principal") == "Principal"  # an agency's or a firm's principal is no school's head
    assert role_title("School Business Manager") == "Business Manager"
    assert role_title("Superintendent Pharmacist") == "Superintendent Pharmacist"
    assert find_titles("the principal reason was price") == []
    # qa112: the assistant superintendent for business holds the budget; a chief operations officer is the COO
    assert role_title("Assistant Superintendent for Business") == "Business Manager"
    # qa323: an assistant superintendent (for operations) is another office than the superintendent's
    assert role_title("Assistant Superintendent") == "Assistant Superintendent"
    assert find_titles("Dr. Hanley, our assistant superintendent for operations, signed") == [
        "Assistant Superintendent"
    ]
    assert find_titles("Marcus Bell, our Chief Operations Officer, signed") == ["COO"]


def test_short_forms_and_grades_of_a_role_are_one_role():
    # A new-market tester (insurance brokerages): "CSR" and "CSR II", "Acct Mgr" and "Account Manager", "Ops Mgr"
    # and "Operations" were separate personas.
    assert role_title("CSR II") == role_title("CSR") == "CSR"
    assert role_title("Acct Mgr") == role_title("Account Manager") == "Account Manager"
    assert role_title("Ops Mgr") == role_title("Operations") == "Operations"
    assert role_title("IT Dir") == "IT Director"


@pytest.mark.parametrize(
    ("role", "title", "family"),
    [
        ("Executive Director", "Executive Director", "Executive"), ("ED", "Executive Director", "Executive"),
        ("Director of Development", "Development Director", "Fundraising"),
        ("Development Director", "Development Director", "Fundraising"),
        ("Director of Philanthropy", "Development Director", "Fundraising"),
        ("Board Treasurer", "Treasurer", "Board"),  # (qa156: the officer who holds the money, of the board)
        ("Executive Chef", "Executive Chef", "Kitchen"), ("Dir Ops", "Operations", "Operations"),
        ("GM", "General Manager", "Operations"),
    ],
)  # fmt: skip
def test_charities_and_restaurant_groups_are_known_by_their_titles(role, title, family):
    # qa13: "ED" and "Executive Director", "Director of Development" and "Development Director" were separate
    # personas, and a board treasurer an executive; qa14: the executive chef was no title at all
    assert role_title(role) == title and ROLE_FAMILY[title] == family


def test_a_title_the_list_does_not_know_is_found_as_said_and_a_role_field_is_kept_whole():
    # qa20, qa21: "the branch managers", "our payroll manager", "our VP Quality" held no title, so their acts
    # never reached the committee; a role field keeps all its words ("VP of Property Management")
    assert find_titles("The branch managers pushed back") == ["Branch Manager"]
    assert find_titles("our three DC managers evaluated it") == ["DC Manager"]
    assert find_titles("our VP Quality signed, then the head of client services") == [
        "VP Quality",
        "Head of Client Services",
    ]
    assert find_titles("our account manager and a good manager") == []
    assert find_titles("Rob, our VP, signed off") == []
    # qa223: the verb a question puts after them is no word of their function ("Nursing Care Director")
    assert find_titles("What do directors of nursing care about?") == []
    assert find_titles("What does the director of nursing care about?") == ["Nursing Director"]
    assert find_titles("What does the director of nursing want?") == ["Nursing Director"]
    assert find_titles("Our director of home care signed") == ["Home Care Director"]
    assert role_title("VP of Property Management") == "VP of Property Management"
    assert (
        role_title("Practice Manager") == "Practice Manager"
        and role_title("Medical Director") == "Medical Director"
    )


def test_a_managing_partner_runs_a_firm_and_is_no_physician():
    # qa23: a law firm's managing partner signed as "Physician" and headed a "Clinical leadership" persona
    assert (
        role_title("Managing Partner") == "Managing Partner"
        and ROLE_FAMILY["Managing Partner"] == "Executive"
    )
    assert find_titles("our managing partner signed the contract") == ["Managing Partner"]
    assert role_title("Physician Owner") == "Physician"


def test_a_director_of_a_function_is_its_function_director():
    # qa24: "Director of Transportation" (a manifest) and "our transportation director" (an interview) were two
    # titles, so their evaluations "varied by account"
    assert (
        role_title("Director of Transportation")
        == role_title("Transportation Director")
        == "Transportation Director"
    )
    assert find_titles("our director of transportation led it") == ["Transportation Director"]
    # qa294: an agency's traffic manager, who schedules its work, was a "Logistics Manager" on the page
    assert role_title("Traffic Manager") == "Traffic Manager"
    assert find_titles("Our traffic manager evaluated the scheduling side.") == ["Traffic Manager"]


def test_a_front_matters_document_title_is_not_the_interviewees_job_title():
    # qa35: "title: Customer interview - Society of Hospital Pharmacists" came before "role: CFO", so the CFO's
    # "I signed the contract" and "What do CFOs worry about?" missed her
    from icp_assist.analyze.titles import document_role
    from icp_assist.records import Document

    def interview(**metadata: str) -> Document:
        return Document(
            doc_id="d", kind="interview", source="d.md", title="d", text="", turns=[], metadata=metadata
        )

    assert (
        document_role(interview(title="Customer interview - Society of Hospital Pharmacists", role="CFO"))
        == "CFO"
    )
    assert document_role(interview(title="VP Finance")) == "VP Finance"
    assert document_role(interview(title="Discovery call: Acme")) is None


def test_a_box_office_manager_is_no_office_manager():
    # qa85: a museum's box office manager, who runs ticket sales, was read as an office manager
    assert find_titles("our Box Office Manager") != ["Office Manager"]
    assert find_titles("our Front Office Manager") != ["Office Manager"]  # a hotel's front desk (qa87)
    assert find_titles("the office manager") == ["Office Manager"]


def test_two_interviewees_listed_with_commas_each_get_their_role():
    # qa120: "Priya Nair, Tom Becker" with "Head of CRM & Retention, Data Engineering Lead" credited each one's act
    # to both titles; one person written last name first ("Cole, Hannah") stays one person
    from icp_assist.analyze.titles import interviewees, speaker_roles
    from icp_assist.records import Document

    def call(interviewee: str, role: str) -> Document:
        return Document(doc_id="c", source="c", title="c", kind="interview", text="t", turns=[],
                        metadata={"interviewee": interviewee, "role": role})  # fmt: skip

    pair = call("Priya Nair, Tom Becker", "Head of CRM & Retention, Data Engineering Lead")
    assert speaker_roles(pair)["Tom Becker"] == "Data Engineering Lead"
    assert speaker_roles(pair)["Priya"] == "Head of CRM & Retention"
    assert interviewees(call("Cole, Hannah", "VP, Finance")) == ["Cole, Hannah"]
    assert speaker_roles(call("Ann Lee", "VP, Finance")) == {}


def test_a_functions_short_form_in_a_role_is_one_title_with_its_spelling_out():
    # qa126: "AP Director" and "Accounts Payable Director" were two titles, two personas
    from icp_assist.analyze.titles import role_title

    assert role_title("AP Director") == role_title("Accounts Payable Director") == "Accounts Payable Director"
    assert role_title("AP Specialist") == "AP Specialist" and role_title("AP Manager") == "AP Manager"


def test_a_law_firms_office_roles_are_one_and_its_legal_assistants_no_legal_department():
    # qa322: the office manager, office administrator and firm administrator who drove the buy were three lines, and
    # "Legal assistant" a persona of procurement and legal
    for role in ("Office Administrator", "Firm Administrator", "Legal Administrator"):
        assert ROLE_FAMILY[role_title(role)] == "Office Manager", role
    assert ROLE_FAMILY.get("Office Manager", "Office Manager") == "Office Manager"
    for role in ("Legal assistant", "Legal Secretary", "Paralegal"):
        assert role_title(role) == "Paralegal", role
    assert role_title("General Counsel") == "Legal" and find_titles("Legal reviewed the contract") == [
        "Legal"
    ]
