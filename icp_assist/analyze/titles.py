"""Job titles and decision roles: a maintained list of B2B titles plus patterns for the part people play."""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

from ..records import Document

# (canonical title, pattern), most specific first. Extend here; nothing else knows titles. Finance roles come
# first (the samples' buyers), then the other functions B2B buyers come from: sales, marketing, people, engineering,
# product, data, customer success and support, so a committee or persona from another market is found too.
TITLES: tuple[tuple[str, str], ...] = (
    ("CFO", r"\bcfo\b|chief financial officer"),
    # small businesses are run by their owner or president: one title, named for both
    # a member-owned club's or a nonprofit's elected head signs as its board, not as a chief executive (qa133: three
    # golf clubs' board presidents were "CEO / Owner", and clubs have no CEO)
    ("Board President", r"\b(board|club) (president|chair(man|woman|person)?)s?\b|"
     r"\b(president|chair(man|woman|person)?) of the (board|club)\b"),
    # (a small firm's "my business partner" owns it with the speaker: qa208, "Me and my business partner, Stan." then
    # his hold on the purchase was no one's)
    # (and "the other owner", "the two owners": qa320, "Dr. Barrett, the other owner … He put the whole thing on hold",
    # a lost deal's blocker no one's)
    ("CEO / Owner", r"\bceo\b|chief executive|founder|\b(the|my|our|their) ((other|two|three|both|fellow) )?(co-?)?owners?\b|\bco-owners?\b|owner of the (business|company)|business owner|"
     r"\b(my|our) business partners?\b|"
     r"^\s*owner\b|\bowner\s*(/|&|and)\s*(president|ceo|operator)|\bpresident\s*(/|&|and)\s*owner|\bproprietor\b|"
     # (an option naming the owner after another title or a kind, "Agency Principal / Owner", "Executive: Owner", and
     # the owner of a kind of business, "Agency Owner", qa280: three personas of one buyer)
     # (an animal hospital's too, "Hospital Owner", and an insurance agency's principal, "Agency Principal", its
     # owner, qa318: the Owner and the Agency Principal two lines of one committee)
     r"(/|&|:)\s*(co-?)?owner\s*$|\b(agency|practice|clinic|shop|firm|studio|salon|store|restaurant|gym|school|"
     r"franchise|business|company|brewery|bakery|garage|pharmacy|lab|hospital) (co-?)?owners?\b|\bagency principals?\b|"
     r"(?<!vice )(?<!vice-)\bpresident\b|managing director|"
     # (and by its short form, the usual one in British and European firms, "Our MD signed", qa284: two signatures
     # no one's, one credited to the controller; "MD" after a name, the doctor's degree, is no title)
     r"\b(the|my|our|their|your) md\b|^\s*md\s*$|"
     # (and whoever is said to own the business: "Patel, she owns the practice, she signed the contract.", qa283)
     r"\b(she|he|who) (co-?)?owns (the|our|this) (business|company|practice|clinic|firm|agency|shop|studio|salon|"
     r"store|school|brewery|pharmacy|lab|hospital|group)\b"),
    # a charity's or nonprofit's chief executive ("our ED")
    ("Executive Director", r"\bexecutive director\b|\b(the|my|our|their) ed\b|^\s*ed\s*$"),
    ("COO", r"\bcoo\b|chief operating officer|chief operations officer"),
    # (a real-estate or investment firm's CIO is its chief investment officer, qa123: read as IT, an economic buyer)
    ("Chief Investment Officer", r"chief investment officer"),
    ("CIO", r"\bcio\b|chief information officer"),
    ("CTO", r"\bcto\b|chief technology officer"),
    ("CISO", r"\bciso\b|chief (information )?security officer"),
    ("CRO", r"\bcro\b|chief revenue officer"),
    ("CMO", r"\bcmo\b|chief marketing officer"),
    ("CHRO", r"\bchro\b|chief (people|human resources|hr) officer"),
    ("CPO", r"chief product officer"),
    ("Head of Finance", r"\bvp,? (of )?finance\b|vice president,? ((of|for) )?finance|head of finance|finance director|director of finance"),
    ("Head of Sales", r"\b(s?vp|vice president),? ((of|for) )?sales\b|head of sales|sales director|director of sales"),
    ("Head of Marketing", r"\b(s?vp|vice president),? ((of|for) )?marketing\b|head of marketing|marketing director|director of marketing"),
    ("Head of People", r"\b(s?vp|vice president),? ((of|for) )?(people|hr|human resources|talent)\b|head of (people|hr|human resources|talent)|(hr|people) director|director of (people|hr|human resources)"),
    ("Head of Engineering", r"\b(s?vp|vice president),? ((of|for) )?eng(ineering)?\b|head of ([a-z]+ )?eng(ineering)?\b|director of engineering|engineering director"),
    ("Head of Product", r"\b(s?vp|vice president),? ((of|for) )?product\b|head of product\b|director of product\b|product director"),
    # a club's, a league's or a nonprofit's treasurer, an officer of its board, holds its money (qa156: four
    # treasurers' approvals were no one's; of the board's family, as the board's president is)
    ("Treasurer", r"\b(board |club |league )?treasurers?\b"),
    ("Controller", r"\b(financial )?(controller|comptroller)\b"),
    ("FP&A Manager", r"\bfp&?a\b|financial planning"),
    ("Finance Manager", r"\bfinance manager\b"),
    ("AP Manager", r"\b(ap|accounts payable|payables) (manager|lead|supervisor|team lead)\b|head of (ap|accounts payable)"),
    ("AP Specialist", r"\b(ap|accounts payable|payables) (specialist|clerk|analyst|coordinator|associate)\b"),
    # (and the outside accountant by her credential: "Our CPA … she blocked it for a bit", qa267)
    ("Accountant", r"\b(senior |staff )?accountants?\b|bookkeeper|accounting (manager|team)|\b(our|their|my|the) ((outside|external|fractional|part-time) )?cpa\b"),
    ("IT Director", r"\b(it|information technology) director\b|director of it|head of it|director of technology|technology director|"
     r"\b(s?vp|vice president),? ((of|for) )?(it|information technology)\b"),
    # an IT manager or administrator is no director (qa65: "I'm Aisha Monroe, IT manager" was an "IT Director")
    ("IT Manager", r"\b(it|information technology) (manager|lead|admin|administrator)\b|\bsysadmin\b"),
    # the IT team, or the firm that runs IT ("our IT provider", "our MSP"), is IT, not a director nobody named
    # (qa50, qa53: "Our IT team's security review took a long time" made an "IT Director" the committee's first line)
    ("IT", r"\b(it|information technology) (team|department|dept|person|guy|folks|people|staff|provider|partner|"
     r"consultant|firm|company|vendor|contractor|group)\b|\bmsp\b|managed service provider"),
    # (a group by any name, "Our IT security and compliance group would not approve it.", qa321: no one's refusal)
    ("Security", r"\bsecurity (and compliance )?(team|review|lead|officer|engineer|manager|director|analyst|group|"
     r"department|dept|office|folks|people)s?\b|infosec|"
     r"\b(head|director|vp|vice president),? ((of|for) )?(information )?security\b"),
    ("Compliance", r"\b(compliance|grc) (manager|lead|officer|director|team|analyst|group|department|dept|office|folks|"
     r"people)s?\b|\bhead of (compliance|grc)\b|"
     r"\b(s?vp|vice president|director),? (of )?compliance\b"),
    ("Procurement", r"\bprocurement\b|purchasing (manager|team)|sourcing (manager|team)|vendor management"),
    # "our GC" is the general counsel; "the GC" on a building site is the general contractor (qa12: "the GC's
    # super signs the ticket" had made Legal a signer)
    # (a law firm's legal assistants and secretaries are its paralegal staff, and its legal administrator runs the
    # firm's office: no legal department, qa322: "Legal assistant" a persona of procurement and legal)
    ("Paralegal", r"\bparalegals?\b|\blegal (assistant|secretary|secretaries|aide)s?\b"),
    ("Firm Administrator", r"\b(firm|legal|law office) administrators?\b"),
    ("Legal", r"\blegal( team| counsel)?\b(?! (assistant|secretary|secretaries|aide|administrator)s?\b)|general counsel|"
     r"\blawyers?\b|\b(our|deputy|associate|assistant) gc\b"),
    # a nonprofit's fundraisers ("Director of Development", "Development Director", "Major gifts officer")
    # (a fundraiser's development, not a trainer's, a salesperson's or an engineer's: "Training & Development Manager",
    # qa66, read as a charity's Development Director)
    # (nor a town's: "Community Development Director" runs planning and building permits, qa78)
    ("Development Director", r"(?<!training & )(?<!training and )(?<!learning & )(?<!learning and )(?<!business )"
     r"(?<!community )(?<!economic )"
     r"(?<!software )(?<!product )(?<!organizational )(?<!organisational )"
     r"\b(development|fundraising|advancement|major gifts?|philanthropy) (director|manager|officer|lead|"
     r"team)s?\b|\b(director|head|vp|vice president|chief),? of (development|fundraising|advancement|philanthropy)\b"),
    ("Sales Ops", r"\b(sales|revenue|rev) ?ops\b|\b(sales|revenue) operations\b"),
    ("Marketing Ops", r"\bmarketing (ops|operations)\b"),
    # (and the one who runs them, said so: "my ops guy Mike", qa305)
    ("Operations", r"\b(vp|head|director|dir\.?) (of )?(operations|ops)\b|operations manager|\bops (lead|manager|director|guy|person)\b|\boperations (guy|person)\b"),
    # (a box office's manager runs ticket sales, qa85; a hotel's front office manager its front desk, qa87)
    ("Office Manager", r"(?<!box )(?<!front )\boffice managers?\b"),
    # a veterinary, medical or dental group's practice manager runs a clinic's business day to day
    ("Practice Manager", r"\bpractice managers?\b"),
    # a restaurant's kitchen, and the general manager who runs a store or a restaurant
    ("Executive Chef", r"\b(executive|exec|head|corporate|culinary) chefs?\b|\bchef de cuisine\b|\bculinary director\b|"
     r"\b(director|head|vp),? of culinary\b|\bkitchen managers?\b|^\s*chef\s*$"),
    ("General Manager", r"\bgeneral managers?\b|\b(the|my|our|their|store|restaurant) gms?\b|^\s*gm\s*$"),
    # the business head of a medical or dental practice, and the clinicians who own or lead one
    ("Practice Administrator", r"\bpractice (administrator|director)\b"),
    # the head of a home-health agency, a hospice, a care home or a hospital is its administrator ("Our administrator,
    # Paul Greer, signed the contract", qa223: the signer in four interviews was read only where a manifest named
    # the role); said as someone's, not a system's, a network's or a contract's administrator
    ("Administrator", r"\b(the|my|our|their|agency|hospital|facility|clinic|home|hospice|executive) administrators?\b|"
     r"^\s*administrator\s*$"),
    ("Medical Director", r"\bmedical directors?\b|\bchief medical officer\b|\bcmo of (the|our) (clinic|hospital|group)s?\b"),
    ("Physician", r"\b(physician|dentist|doctor)[- ](owner|partner)s?\b|\bmanaging physician\b"),
    # the partner who runs a firm of lawyers, accountants or doctors (qa23: a law firm's was read as a physician)
    # (and a practice's or a firm's partners together, who own it: "The two partners, Dr. Walsh and Dr. Obi, signed.",
    # "The partners signed", qa283: two signatures no one's; not a partner of another kind, "our channel partners")
    # (and by its short form, "our MP", as a law firm says it, qa288: the MP's signature credited to the billing manager)
    ("Managing Partner", r"\bmanaging partners?\b|\b(the|our|my|their|your) mp\b|^\s*mp\s*$|\b(the|our|both|my) ((two|three|four|five|senior|equity|founding) ){0,2}partners\b(?!['’]? committee)"),
    # ... and its principal, as architecture and engineering firms call the partner who runs them ("Then Greg, our
    # managing principal, signed the contract.", "Our two founding principals signed off", qa311: no one's signature;
    # not a school's principal)
    ("Managing Principal", r"\bmanaging principals?\b|\b(the|our|both|my) ((two|three|four|five|senior|founding) ){0,2}principals\b"),
    # manufacturing and distribution: who runs a plant, and who buys and runs freight and the supply chain
    ("Plant Manager", r"\bplant (manager|gm|general manager|director|superintendent)s?\b"),
    # (a "transportation director" runs a school district's buses as often as a shipper's freight, and a "traffic
    # manager" an agency's or a broadcaster's schedule as often as freight, qa294: named as said)
    ("Logistics Manager", r"\b(logistics|shipping|supply chain|distribution) (manager|director|lead|"
     r"coordinator|team)s?\b|\b(s?vp|vice president|head|director),? (of )?(logistics|supply chain)\b"),
    ("Sales Manager", r"\bsales (manager|lead|team lead)s?\b|\baccount executives?\b|\b[sb]drs?\b|\bsales reps?\b"),
    ("Marketing Manager", r"\bmarketing (manager|lead)s?\b|demand gen(eration)? (manager|lead)|growth (manager|lead)"),
    ("HR Manager", r"\b(hr|people|human resources) (manager|generalist|business partner|lead)s?\b|\brecruiters?\b|recruiting (manager|lead)|talent acquisition"),
    # engineers' and product people's own short forms ("EM", "Staff Eng", "Sr. SWE", "SRE", "dev", "PM"); the bare
    # two- and three-letter ones only as a whole role field, since "em" and "dev" are words in speech
    ("Engineering Manager", r"\beng(ineering)? (manager|lead)s?\b|\btech lead\b|^\s*(senior |sr\.? )?ems?\s*$"),
    ("Engineer", r"\b(software|staff|platform|devops|backend|back-end|frontend|front-end|full[- ]?stack|principal|"
     r"senior|sr\.?|lead|site reliability|infrastructure|mobile) (engineers?|developers?|devs?|eng)\b|\bdevelopers\b|"
     r"\bsres?\b|\bswes?\b|^\s*(senior |sr\.? )?(devs?|developer|engineer)\s*$"),
    ("Product Manager", r"\bproduct (manager|owner|lead)s?\b|^\s*(senior |sr\.? |principal |group |lead )?pms?\s*$"),
    ("Data & Analytics", r"\bdata (scientists?|engineers?|analysts?|team|lead)\b|\banalytics (manager|lead|team)\b|head of (data|analytics)"),
    ("Customer Success", r"\bcustomer success (manager|lead|director)s?\b|\bcsms?\b|head of customer success|\bvp,? (of )?customer success"),
    ("Support Manager", r"\b(customer )?support (manager|lead|director)s?\b|head of support"),
    # on a building site the superintendent runs the crews (qa12: "General Superintendent" read as a district's head)
    # (and beside the foreman, as a survey's option of field roles: "Foreman / Superintendent", qa299: 17 crew
    # respondents made an executive persona)
    ("Site Superintendent", r"\b(general|site|field|project|job|construction) superintend[ae]nts?\b|"
     r"\bforem[ae]n\s*(/|&|and|or)\s*superintend[ae]nts?\b|\bsuperintend[ae]nts?\s*(/|&|and|or)\s*forem[ae]n\b"),
    # schools: the superintendent runs a district (as a chief executive does), a head of school or principal
    # runs a school, a school business manager holds its budget
    # (the assistant superintendent for business holds a district's budget: its business manager, qa112)
    ("Business Manager", r"\b(assistant |deputy )?superintend[ae]nts? (for|of) (business|finance)\b"),
    # (an assistant or deputy superintendent is another office than the superintendent's, qa323: "Superintendent —
    # economic buyer" rested on three assistant superintendents for operations, and reps would call the wrong office)
    ("Assistant Superintendent", r"(?<!general )(?<!site )(?<!field )(?<!project )(?<!job )(?<!construction )"
     r"\b(assistant|deputy|associate) superintend[ae]nts?\b(?! pharmacist)(?! (for|of) (business|finance)\b)"),
    ("Superintendent", r"(?<!general )(?<!site )(?<!field )(?<!project )(?<!job )(?<!construction )"
     r"\bsuperintend[ae]nts?\b(?! pharmacist)(?! (for|of) (business|finance)\b)"),
    # (a bare "Principal" is a school's head or a firm's owner or partner: left as the role it says)
    ("Head of School", r"\bhead of school\b|\bhead ?teachers?\b|\bschool principals?\b"),
    ("Business Manager", r"\b(school )?business managers?\b"),
    # a district's chief academic officer (qa40: "Kevin did the evaluation and I made the decision" was no one's)
    ("Chief Academic Officer", r"\bchief academic officers?\b|^\s*cao\s*$|\b(our|the|their|my) cao\b"),
    # churches: the senior pastor leads, the executive pastor runs the staff and the budget (qa90: neither was
    # read, and the executive pastor who signed in three won deals was "varies by account")
    ("Senior Pastor", r"\b(senior|lead|head) pastors?\b"),
    ("Executive Pastor", r"\bexecutive pastors?\b"),
    ("Associate Pastor", r"\b(associate|assistant) pastors?\b"),
    # a governing body, as a church's elders or a finance committee is (qa90: "Gary and the finance committee
    # approved the budget" in three won deals, no one's act)
    # (and a firm's partners' or executive committee by its short name: "The exec committee put it on hold", qa288)
    # (not the idiom: "Dr. Cho, one of the two owners, was on board too", qa320: a Board that was no one)
    ("Board", r"(?<!\bon )\b(the )?board\b|investors?\b|\b(finance|budget|steering|executive|exec|management|partners['’]?) "
     r"committee\b|\belders\b"),
    # the head office of a franchise or a group, a body that decides for its members ("But corporate, the franchise
    # office, they … put the whole thing on hold for four months", qa286: the lost deals' blocker was no one's); "corporate"
    # alone, as a noun (a pause or a verb after it), not a kind of client or card
    ("Head Office", r"\bhead office\b|\bfranchise (office|corporate|hq|headquarters)\b|\bfranchisor\b|"
     r"\bparent company\b|\b(the |our )?corporate(?= ?[,;.]| (put|said|would|wouldn't|did|didn't|blocked|vetoed|"
     r"mandated|approved|signed|chose|picked|decided|required|told|wanted|made|has|had|was|is|needed|pushed|held|"
     r"stopped|killed|refused|rejected|insisted|froze|paused|halted|overruled)\b)"),
)  # fmt: skip
_COMPILED = tuple((title, re.compile(pattern, re.IGNORECASE)) for title, pattern in TITLES)
# The same patterns (all written in lower case) for lower-cased text: half again as fast as IGNORECASE, and the
# committee reads every clause of every statement.
_LOWER = tuple((title, re.compile(pattern)) for title, pattern in TITLES)

ROLE_FAMILY = {
    "CFO": "Finance leader", "Head of Finance": "Finance leader", "Treasurer": "Board", "CEO / Owner": "Executive", "COO": "Executive",
    "Controller": "Controller / AP manager", "AP Manager": "Controller / AP manager",
    "FP&A Manager": "Finance leader", "AP Specialist": "AP practitioner", "Accountant": "Accounting staff",
    "IT Director": "IT & security", "IT Manager": "IT & security", "CIO": "IT & security",
    "Chief Investment Officer": "Executive", "CTO": "Engineering", "CISO": "IT & security",
    "Security": "IT & security", "IT": "IT & security", "Compliance": "Risk & compliance", "Procurement": "Procurement & legal",
    "Legal": "Procurement & legal", "Operations": "Operations", "Board": "Board", "Board President": "Board",
    "Head Office": "Head Office",
    "CRO": "Sales", "Head of Sales": "Sales", "Sales Ops": "Sales", "Sales Manager": "Sales",
    "CMO": "Marketing", "Head of Marketing": "Marketing", "Marketing Ops": "Marketing", "Marketing Manager": "Marketing",
    "CHRO": "People & HR", "Head of People": "People & HR", "HR Manager": "People & HR",
    "Head of Engineering": "Engineering", "Engineering Manager": "Engineering", "Engineer": "Engineering",
    "CPO": "Product", "Head of Product": "Product", "Product Manager": "Product",
    "Customer Success": "Customer success & support", "Support Manager": "Customer success & support",
    "Superintendent": "Executive", "Assistant Superintendent": "Executive", "Head of School": "School leadership", "Business Manager": "Finance leader",
    "Chief Academic Officer": "Executive", "Senior Pastor": "Executive", "Executive Pastor": "Executive",
    "Associate Pastor": "Ministry staff",
    "Practice Administrator": "Operations", "Firm Administrator": "Office Manager", "Office Administrator": "Office Manager",
    "Physician": "Clinical leadership", "Medical Director": "Clinical leadership", "Plant Manager": "Operations",
    "Logistics Manager": "Operations", "Site Superintendent": "Operations",
    "Executive Director": "Executive", "Managing Partner": "Executive", "Managing Principal": "Executive", "Development Director": "Fundraising", "Executive Chef": "Kitchen",
    "General Manager": "Operations",
}  # fmt: skip
# A role field that says nothing about the person's job.
_NOT_ROLES = frozenset({"other", "others", "other please specify", "n a", "na", "none", "unknown", "not applicable", "prefer not to say",
                        "rather not say", "no answer", "not sure", "various", "multiple", "self", "me"})  # fmt: skip
_ROLE_WORDS = 6  # a longer role field is a description, not a title


# Rank words of a title the list does not know: what is left is its function ("Head of Clinical Operations",
# "Associate Director, Clinical Operations" and "VP Clinical Operations" are all Clinical Operations). English's
# closed set of ranks and grades, not fitted to data. (qa46: five clinical operations interviewees, each titled
# differently, were five titles and none reached the persona of the survey's "Clinical Operations".) A collective
# noun after a function is no function either: "Front Desk Staff", "Front Desk Team" and "Front Desk" are one
# persona (a tester in session 32 saw two personas of the same people).
_RANK_WORDS_OF_A_TITLE = re.compile(
    r"\b(senior|sr|junior|jr|associate|assistant|deputy|acting|interim|executive|exec|global|former|"
    r"s?vp|evp|avp|vice president|head|director|manager|lead|chief|officer|supervisor|coordinator|of|the|"
    r"staff|team|team member|member|personnel|crew|employee)s?\b\.?",
    re.IGNORECASE,
)


def title_function(title: str) -> str | None:
    """A title's function without its rank, as the persona it would join ("Head of Clinical Operations",
    "Associate Director, Clinical Operations" -> "Clinical Operations"; "VP Quality" -> "Quality"); None for a
    title the list knows (its family is ROLE_FAMILY's) or one that is all rank."""
    if title in ROLE_FAMILY:
        return None
    function = " ".join(_RANK_WORDS_OF_A_TITLE.sub(" ", re.sub(r"\(.*?\)|[,/]", " ", title)).split()).strip(
        " &-"
    )
    known = role_title(function) if function else None
    return ROLE_FAMILY.get(known, known) if known else None


def find_titles(text: str) -> list[str]:
    """Canonical job titles mentioned in a text, in order of first mention."""
    return [title for _, title in title_mentions(text)]


def title_mentions(text: str) -> list[tuple[int, str]]:
    """(position, canonical title) of each title's first mention in a text, in order."""
    return list(_remembered_mentions(text) if len(text) <= _LONGEST_REMEMBERED else _mentions(text))


def title_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical title) of every title mention in a text, in order, overlaps resolved first-listed."""
    return list(_remembered_spans(text) if len(text) <= _LONGEST_REMEMBERED else _spans(text))


def _mentions(text: str) -> tuple[tuple[int, str], ...]:
    first: dict[str, int] = {}
    for start, _, title in _spans(text):
        first.setdefault(title, start)
    return tuple(sorted((start, title) for title, start in first.items()))


def _spans(text: str, *, listed_only: bool = False) -> tuple[tuple[int, int, str], ...]:
    spans: list[tuple[int, int, str]] = []
    original = text
    text, patterns = _searchable(text)
    for title, pattern in patterns:
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), title))
    # the IT team named as "IT" ("IT blocked it", "IT had a veto"), which lower-cased text cannot tell from "it"
    if "IT" in original and sum(c.isupper() for c in original) * 2 < sum(c.isalpha() for c in original):
        for m in _IT_TEAM.finditer(original):
            if not any(a < m.end() and m.start() < b for a, b, _ in spans):
                spans.append((m.start(), m.end(), "IT"))
    # titles the list does not know, after those it does (only in a text with a rank's word in it)
    lowered = original.lower() if patterns is _COMPILED else text  # _searchable lower-cased it when it could
    if not listed_only and any(word in lowered for word in _RANK_WORDS):
        for start, end, title in _function_titles(original):
            if not any(a < end and start < b for a, b, _ in spans):
                spans.append((start, end, title))
    return tuple(sorted(spans))


# "IT" as the team that acts ("IT blocked it"), not as a word for what is the team's ("IT review", "IT systems":
# a question asking whether "security or IT review" slowed the purchase asks about no one's words, qa-samples)
_IT_TEAM = re.compile(
    r"\bI\.?T\b\.?(?=\s+[a-z]|[,;:!?)]|\.?\s*$|\.\s)(?!\s+(?:review|reviews|security|systems?|infrastructure|stack|"
    r"budgets?|polic(?:y|ies)|requirements?|approvals?|sign-?off|support|tickets?|costs?|spend|projects?|"
    r"resources?|side|questionnaires?|checklists?|audits?|assessments?|standards?|tools?|hardware|software|"
    r"services?|issues?|problems?)\b)"
)


def _function_titles(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of each title named as a function and a rank (_FUNCTION_TITLE), spelt as said."""
    found = []
    for m in _FUNCTION_TITLE.finditer(text):
        if (
            m.group("title")
            and m.group("rank").lower() == "lead"
            and m.group(0).split()[0].lower() not in _OWNERS
        ):
            continue  # "our CAD lead", "Dave, our maintenance lead" (qa254, qa260); not "a hot lead", "the inbound lead"
        if m.group("title"):
            words = m.group("function").split()
            while words and words[0].lower() in _NOT_FUNCTIONS:  # "our three DC managers"
                words.pop(0)
            if not words or words[-1].lower() in _NOT_FUNCTIONS:
                continue
            start = m.end("function") - len(" ".join(words))
            title = " ".join([*map(_spelt, words), m.group("rank").capitalize()])
            found.append((start, m.end("title"), title))
            continue
        if m.group("title5"):
            if m.group("function5").split()[0].lower() not in _NOT_FUNCTIONS:
                title = " ".join(["Chief", *map(_spelt, m.group("function5").split()), "Officer"])
                found.append((m.start("title5"), m.end("title5"), title))
            continue
        if m.group("title4"):
            worker = m.group("function4").split()
            if worker[-1].lower() in _NOT_FUNCTIONS | _NOT_DOERS or worker[0].lower() in _NOT_FUNCTIONS:
                continue
            spelt = [_spelt(w) for w in worker[:-1]] + [
                "Technician" if worker[-1].lower() == "tech" else _spelt(worker[-1])
            ]
            title = " ".join([m.group("rank4").capitalize(), *spelt])
            found.append((m.start("title4"), m.end("function4"), title))
            continue
        group = "function2" if m.group("function2") else "function3"
        words = m.group(group).split()
        # "VP of Property Management", "head of client services"; not "VP Quality Signed"
        # (nor the verb a question puts after its subject: "What do directors of nursing care about?", qa223: the
        # role asked about was a "Nursing Care Director" no one is)
        if len(words) == 2 and (
            words[1].lower() in _NOT_FUNCTIONS | _VERBS_AFTER_THEIR_SUBJECT
            or words[1].lower().endswith(("ed", "ing"))
            or re.match(r"\s+about\b", text[m.end(group) :], re.IGNORECASE)
        ):
            words = words[:1]
        if words[0].lower() in _NOT_FUNCTIONS or words[0].lower().endswith("ed"):  # not "our VP, signed off"
            continue
        end = m.start(group) + len(" ".join(words))
        if group == "function2":
            title = " ".join(["VP", *map(_spelt, words)])
        elif m.group("rank3").casefold() == "director":
            # "director of transportation", as "transportation director" (role_title reads a role field so too)
            title = " ".join([*map(_spelt, words), "Director"])
        else:
            title = " ".join(["Head of", *map(_spelt, words)])
        found.append((m.start("title2"), end, title))
    return found


def _spelt(word: str) -> str:
    """A title's word as said when it has capitals ("EHS", "DC"), else capitalised; a short form spelt out ("Ops"
    as "Operations", qa46: "VP Clinical Ops" and "VP Clinical Operations" were two titles), as role_title does."""
    full = _SHORT_FORMS.get(word.casefold().rstrip("."))
    if full:
        return full.capitalize()
    return word if any(c.isupper() for c in word) else word.capitalize()


# A title the list does not know, named as one in English: a function and a rank after a determiner ("our payroll
# manager", "the branch managers", "our quality director"), or a rank of a function ("VP Quality", "Head of
# Quality"). Its name is the words said, singular and capitalised ("Payroll Manager", "Branch Manager").
_FUNCTION_TITLE = re.compile(
    r"\b(?:our|the|my|their|his|her|its|a|an)\s+"
    # (and one brought in from outside: "our outside CPA", "our fractional controller", qa291: the CPA who put the
    # deal on hold was no one)
    r"(?:(?:new|former|old|then|current|interim|acting|senior|sr\.?|assistant|deputy|regional|outside|external|"
    r"fractional|part-time)\s+)*"
    r"(?P<title>(?P<function>[a-z][a-z&-]+(?:\s[a-z][a-z&-]+)?)\s+(?P<rank>manager|director|supervisor|coordinator|"
    r"administrator|admin|lead)s?)\b"
    r"|(?P<title2>\b(?P<rank2>vp|svp|vice president),?\s+(?:(?:of|for)\s+)?(?P<function2>[a-z]+(?:\s[a-z]+)?)"
    r"|\b(?P<rank3>head|director) of (?P<function3>[a-z]+(?:\s[a-z]+)?))\b"
    # ... or a rank before the one who does the work ("our head estimator Walt", "our lead estimator, Carlos", qa131:
    # the estimator who refused to sign off was no one)
    # (with what they work on between, and a technician by the short form everyone says: "my lead tech, Carla",
    # "our lead pharmacy technician", qa293: the evaluator was the owner who spoke)
    # (and how many: "Our two head techs evaluated it", qa320)
    r"|\b(?:our|the|my|their|his|her)\s+(?:(?:two|three|four|both)\s+)?(?P<title4>(?P<rank4>head|lead|chief|senior|principal)\s+"
    r"(?P<function4>(?:[a-z]+\s+)?(?!officers?\b)(?:[a-z]+(?:or|er|ist|ian)|tech)))s?\b"
    # ... or a chief officer of a function the list does not know ("Chief Lending Officer", "Chief Nursing Officer",
    # qa149: the lender's approver was no one)
    r"|\b(?P<title5>chief\s+(?P<function5>[a-z]+(?:\s[a-z]+)?)\s+officers?)\b",
    re.IGNORECASE,
)
_OWNERS = frozenset(["our", "my", "their", "his", "her"])  # whose a title's holder is
_RANK_WORDS = (
    "manager",
    "director",
    "supervisor",
    "coordinator",
    "administrator",
    "admin",
    "vp",
    "vice president",
    "head",
    "lead",
    "chief",
    "senior",
    "principal",
)
# Words before "manager" that name no job of the customer's: the vendor's own people ("our account manager"),
# software ("password manager", "task manager"), and words that only judge or count.
_NOT_FUNCTIONS = frozenset(
    ["account", "password", "task", "file", "package", "window", "download", "display", "session", "device",
     "dependency", "secrets", "license", "good", "great", "bad", "real", "big", "small", "other", "same", "whole",
     "only", "first", "last", "next", "previous", "one", "two", "three", "new", "old", "the", "our", "a", "an",
     "my", "their", "it", "this", "that", "all", "every", "each", "them", "us", "and", "or", "at", "for", "is",
     "was", "had", "has", "said", "wanted", "signed", "approved", "signs", "approves", "runs", "ran", "leads", "led",
     "owns", "wants", "says", "will", "would", "did", "does", "made", "makes", "pushed", "blocked", "to", "in", "on"]
)  # fmt: skip


# Verbs that follow the people a question asks about ("What does the head of finance want?"): a closed set of the
# verbs of wanting and saying, each with its third person; "care", a function's word as often ("director of home
# care"), is a verb where "about" follows.
_VERBS_AFTER_THEIR_SUBJECT = frozenset(
    w for verb in ["want", "worry", "think", "need", "say", "like", "value", "feel", "expect", "complain",
                   "prefer", "use", "ask", "mention", "look", "see", "hate", "love", "struggle", "buy", "choose",
                   "pick", "sign", "approve", "raise", "mean", "do", "get", "find", "read", "hear"]
    for w in (verb, f"{verb}s", f"{verb}es")
)  # fmt: skip


# Words of one who does something that no customer's job is named by after "lead" or "senior": the customers and
# partners a company deals with ("our lead customer", "our senior partner" at a law firm is named by the firm).
_NOT_DOERS = frozenset(
    ["customer", "user", "member", "supplier", "provider", "partner", "carrier", "buyer", "seller", "retailer",
     "reseller", "dealer", "investor", "lender", "payer", "owner", "officer", "other", "computer", "server", "center",
     "number", "order", "water", "paper", "letter", "matter", "quarter", "error", "factor", "sector", "folder"]
)  # fmt: skip


# The committee reads every clause of every statement, and a survey's clauses repeat ("Honestly,", the same
# answer from many respondents): each distinct short text is searched once. Whole transcripts are not kept.
_TEXTS_REMEMBERED = 20_000
_LONGEST_REMEMBERED = 1_000  # characters: at most ~20 MB remembered
_remembered_mentions = lru_cache(maxsize=_TEXTS_REMEMBERED)(_mentions)
_remembered_spans = lru_cache(maxsize=_TEXTS_REMEMBERED)(_spans)


def _searchable(text: str) -> tuple[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """The text lower-cased with the lower-case patterns that could match it (those with a word they need in
    it), or as it is with every case-blind one when lower-casing would move offsets (a few characters, such as
    'İ', lower-case to two)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return text, _COMPILED
    return lowered, tuple(
        pattern
        for pattern, needed in zip(_LOWER, _NEEDED, strict=True)
        if needed is None or any(word in lowered for word in needed)
    )


def needed_words(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of the pattern contains one (read from its parse tree), or None when the
    pattern does not tell: a text with none of them cannot match, so the pattern need not be tried on it."""
    try:
        parser = importlib.import_module("re._parser")  # the standard library's own parse of a pattern
        return _needed(parser.parse(pattern))
    except Exception:  # another Python's parse tree: try the pattern on every text
        return None


def _needed(items: Any) -> frozenset[str] | None:
    """One set of strings that a match of this sequence of parsed items must contain one of (the longest)."""
    options: list[frozenset[str]] = []
    run = ""  # consecutive literal characters
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(arg)
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        inner: frozenset[str] | None = None
        if name == "BRANCH":
            branches = [_needed(branch) for branch in arg[1]]
            known = [words for words in branches if words is not None]
            inner = frozenset().union(*known) if len(known) == len(branches) else None
        elif name == "SUBPATTERN":
            inner = _needed(arg[-1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] >= 1:
            inner = _needed(arg[2])
        # Anything else (\b, a character class, an optional part, a look-around) needs no particular string.
        if inner:
            options.append(inner)
    if run:
        options.append(frozenset({run}))
    return max(options, key=lambda words: min(map(len, words))) if options else None


_NEEDED = tuple(needed_words(pattern) for _, pattern in TITLES)


def canonical_title(role: str) -> str | None:
    """The canonical title for a free-text role such as 'Senior AP Specialist'."""
    # the list's titles only: a role field the list does not know is tidied whole (role_title)
    titles = list(dict.fromkeys(title for _, _, title in _spans(role, listed_only=True)))
    if len(titles) > 1 and titles[0] == "CEO / Owner" and not _RUNS_IT.search(role):
        return titles[1]  # a co-founder with another title ("Co-founder & CTO") is known by that title
    return titles[0] if titles else None


_RUNS_IT = re.compile(r"\bceo\b|chief executive|owner|president|proprietor", re.IGNORECASE)


_SHARED_HEAD = re.compile(r"([A-Za-z]+)\s*/\s*([A-Za-z]+)\s+([A-Za-z]+)")


def role_title(role: str) -> str | None:
    """The title a document's stated role gives its person: the canonical title when the role names one, else the
    role itself tidied ("Clinic Director", "IT"), so people of a role this list does not know still form a
    persona and their own decision acts still count; None when the role field says nothing ("Other", "N/A").
    Common short forms are read out ("Ops Mgr" is an operations manager) and a grade dropped ("CSR II")."""
    role = _spelled_out(role)
    canonical = canonical_title(role)
    # a survey's option of two titles sharing their head noun is both ("Office / Practice Manager": an office manager
    # and a practice manager; qa201: read as practice managers alone, the 29 office managers were no one's), kept
    # whole where the two are different titles
    # (a first word that is a title of its own is one of two titles: "Owner / Head Brewer")
    if (shared := _SHARED_HEAD.fullmatch(role.strip())) and not canonical_title(shared.group(1)):
        first, second, head = shared.groups()
        both = {canonical_title(f"{first} {head}") or first, canonical_title(f"{second} {head}") or second}
        canonical = canonical if len(both) == 1 else None
    if canonical:
        return canonical
    words = role.split()
    key = " ".join(re.sub(r"[^\w&]+", " ", role.lower()).split())
    if not key or key in _NOT_ROLES or len(words) > _ROLE_WORDS or re.search(r"\d", role):
        return None
    # "Director of Transportation" is the "Transportation Director" another interview says (one title, one spelling)
    if ranked := _RANK_OF.fullmatch(role):
        words = [*ranked.group("function").split(), ranked.group("rank")]
    # one spelling per role whatever its case ("Pharmacist in charge", "Pharmacist In Charge"): each word capitalised
    # but the small ones inside, and acronyms or inner capitals kept ("PIC", "iOS Lead")
    return " ".join(
        w
        if w.isupper() or any(c.isupper() for c in w[1:])
        else w.lower()
        if n and w.lower() in _SMALL
        else w.capitalize()
        for n, w in enumerate(words)
    )


_RANK_OF = re.compile(
    r"\s*(?P<rank>director|manager|supervisor|coordinator)\s+of\s+(the\s+)?(?P<function>[\w&-]+(\s[\w&-]+)?)\s*",
    re.IGNORECASE,
)


# Short forms of job-title words, and grades after a title ("II", "Level 2", "Sr."): one role, however written.
_SHORT_FORMS = {
    "mgr": "manager", "mngr": "manager", "acct": "account", "ops": "operations", "dir": "director",
    "asst": "assistant", "exec": "executive", "coord": "coordinator", "rep": "representative",
    # a function's short form, so "AP Director" and "Accounts Payable Director" are one title (qa126)
    "ap": "accounts payable", "ar": "accounts receivable",
}  # fmt: skip
_GRADE = re.compile(r"\s+(?:[IV]{1,3}|\d|level \d|grade \d)\s*$", re.IGNORECASE)


def _spelled_out(role: str) -> str:
    words = [_SHORT_FORMS.get(w.casefold().rstrip("."), w) for w in _GRADE.sub("", role.strip()).split()]
    return " ".join(words)


_SMALL = frozenset(["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"])


def document_role(document: Document) -> str | None:
    """The interviewee's or respondent's role or job title from the document's metadata, if given."""
    given = {key.lower(): value for key, value in document.metadata.items() if isinstance(value, str)}
    for key in ("role", "job title", "job_title", "position", "title"):
        value = given.get(key)
        # a front matter's "title" is as often the document's ("Customer interview - Society of Hospital
        # Pharmacists") as the person's: read only after "role", and never when it names a document (qa35)
        if value and not (key == "title" and _DOCUMENT_TITLE.search(value)):
            return value
    return None


_DOCUMENT_TITLE = re.compile(
    r"\b(interview|call|meeting|transcript|notes|conversation|chat|sync|debrief|recording|session)\b|[:|—–]|\s-\s",
    re.IGNORECASE,
)


def interviewees(document: Document) -> list[str]:
    """The interviewees the metadata names, in order ("interviewee: Omar Haddad; Beth Sorensen")."""
    names = next(
        (
            v
            for k, v in document.metadata.items()
            if k.lower() in ("interviewee", "interviewees", "name", "names") and isinstance(v, str)
        ),
        "",
    )
    return [
        n.strip()
        for n in re.split(_LIST_OF_PEOPLE if _BY_COMMAS.fullmatch(names) else r"[;|]", names)
        if n.strip()
    ]


# Several people listed with commas, each by a first and a last name ("Priya Nair, Tom Becker", qa120); not one
# person written last name first ("Cole, Hannah"), nor a list with semicolons, which split first.
_BY_COMMAS = re.compile(
    r"\s*[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3}(?:\s*,\s*[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3})+\s*"
)
_LIST_OF_PEOPLE = r"\s*,\s*"


def speaker_roles(document: Document) -> dict[str, str]:
    """Each interviewee's role when the metadata names several, in the same order ("interviewee: Omar Haddad;
    Beth Sorensen", "role: Director of Operations; Controller"), by full name and by first name; else none."""
    people = interviewees(document)
    role = document_role(document)
    if not role:
        return {}
    roles = [r.strip() for r in re.split(r"[;|]", role) if r.strip()]
    if len(roles) == 1 and len(people) > 1:
        # roles listed with commas beside people listed so ("Head of CRM & Retention, Data Engineering Lead")
        roles = [r.strip() for r in role.split(",") if r.strip()]
    if len(people) < 2 or len(people) != len(roles):
        return {}
    found: dict[str, str] = {}
    for person, stated in zip(people, roles, strict=True):
        found[person] = stated
        found.setdefault(person.split()[0], stated)
    return found
