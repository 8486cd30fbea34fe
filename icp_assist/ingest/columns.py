"""Tolerant matching of column headers to the fields icp-assist knows ('Employees' = 'employee_count')."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from functools import lru_cache

from ..errors import InputFileError

# Kinds of workplace a market's customers are, whose "<kind> type" column is their industry (see ACCOUNT_FIELDS);
# not a plant, which may be a greenhouse's crop ("Plant Type").
_KINDS_OF_WORKPLACE = (
    "center", "centre", "clinic", "facility", "practice", "shelter", "school", "store", "venue", "agency", "firm",
    "studio", "gym", "salon", "shop", "restaurant", "hotel", "property", "league", "club", "farm", "lab",
    "hospital", "pharmacy", "church", "library", "dealership", "operation",
)  # fmt: skip

ACCOUNT_FIELDS: dict[str, tuple[str, ...]] = {
    "account_id": (
        # a deals export names its company by id (HubSpot's 'Associated Company IDs'), as its companies export
        # does by 'Record ID': the two files are joined on it
        "associated company id", "associated company record id",
        "account id", "accountid", "acct id", "account number", "company id", "crm id",
        "customer id", "organization id", "organisation id", "org id", "deal organization id", "record id",
        # a bare "Account" holds the account's name as often as its id (a customer-success churn list's "Account"
        # beside its "HubSpot Company ID", qa118): it keys the file only when no column above does
        "account", "acct", "id",
    ),
    "name": (
        "account name", "company", "company name", "name", "organization", "organisation", "organization name",
        "deal organization", "associated company", "customer", "customer name",
        # Salesforce leads' "Company / Account", Close's "display_name" and "lead_name"
        "company account", "display name", "lead name",
        "account",
    ),
    # a deals export names its company's industry so ("Company Industry", qa60: every lead's industry "missing")
    "industry": (
        "industry", "sector", "vertical", "segment industry", "organization industry", "company industry",
        "account industry",
        # a subcontractor's or a tradesman's industry is their trade (qa116: Pipedrive's "Organization - Trade")
        "trade", "primary trade",
        # the kind of workplace a market's customers are, in its own word (qa212: HubSpot's custom "Center Type",
        # test prep or music, was kept as an attribute and "What do test prep centers care about?" found none);
        # not "Company type", HubSpot's relationship (prospect, partner, reseller)
        *(f"{kind} type" for kind in _KINDS_OF_WORKPLACE), *(f"type of {kind}" for kind in _KINDS_OF_WORKPLACE),
    ),
    "employees": (
        "employees", "employee count", "number of employees", "no of employees", "headcount",
        "company size", "size", "fte", "staff",
    ),
    "revenue": ("annual revenue", "revenue", "company revenue", "annual turnover", "turnover",
                # a nonprofit's or a school's size in money (qa298: leads' "Annual Budget" unread)
                "annual budget", "operating budget", "annual operating budget"),
    "region": (
        "region", "country", "country region", "hq region", "hq country", "geo", "geography", "territory",
        "location", "hq", "billing country", "billing region", "organization country", "state region",
        "billing state province", "billing state", "state province",
        # Pipedrive's organization address parts (qa122: "Organization - Country of Address" was a street address),
        # in its older and its newer wording (qa235: "Organization - Address - State/county")
        "country of address", "state county of address", "address country", "address state county",
    ),
    "tech_stack": (
        "tech stack", "technologies", "technographics", "tools", "stack", "erp",
        "erp system", "software used", "current erp", "crm system", "practice management system",
        "practice management software", "pms", "ehr", "emr", "pos system", "accounting software",
        "accounting system", "data warehouse",
        # the system a market runs its work on, by its usual acronym (qa37: "TMS"; qa38: "ERP / AP System")
        "erp ap system", "ap system", "tms", "wms", "hris", "lms", "sis", "ats",
        # ... or by its name in the trade: a bank's or credit union's core (qa303: "Core Processor", the strongest
        # signal of the CRM, was shown as a firmographic and the technographics said none), a property manager's system
        "core processor", "core system", "core banking system", "core provider", "property management software",
        # last: HubSpot's "Web Technologies" is what a scan of the company's website found (analytics, CMS), not
        # the systems it runs on, and yields to any column naming those (qa38: it hid "ERP / AP System")
        "web technologies",
    ),
    "outcome": (
        "outcome", "stage", "stage name", "deal stage", "opportunity stage", "deal status", "status", "result",
        "won lost", "win loss", "converted", "won",
    ),
    "lifecycle": (
        "lifecycle stage", "customer status", "account status", "account type", "customer type", "type",
        "lifecycle", "renewal status", "subscription status", "contract status",
    ),
    "arr": ("arr", "annual recurring revenue", "acv", "annual contract value", "contract value"),
    "ltv": ("ltv", "lifetime value", "clv", "customer lifetime value"),
    "sales_cycle_days": ("sales cycle", "sales cycle days", "days to close", "cycle length", "cycle days"),
    "close_date": (
        "close date", "closed date", "date closed", "won date", "closed on", "deal close date", "won time",
        "deal won time", "expected close date", "deal expected close date",
        # Salesforce's "Accounts with Last Opportunity" report (qa151: every sales cycle was "-")
        "last close date", "last closed date",
    ),
    "created_date": (
        "created date", "create date", "deal created", "opportunity created date", "date created", "created",
        "created on", "deal deal created", "first contact date",
        # Pipedrive's deals export: "Deal - Add time" is when the deal was created (qa33: no sales cycle read)
        "add time", "deal add time", "added", "date added",
    ),
    "deal_name": ("opportunity name", "deal name", "deal title", "opportunity"),
    "deal_id": ("opportunity id", "deal id", "opportunity record id", "deal record id"),
    "amount": ("amount", "deal value", "value", "opportunity amount", "total amount"),
    "lost_date": ("lost date", "lost time", "deal lost time", "date lost"),
}  # fmt: skip
DEAL_FIELDS = ("deal_name", "deal_id", "amount", "created_date", "lost_date")


def normalise_header(header: str) -> str:
    """'Annual Revenue (USD)' -> 'annual revenue'; 'employee_count' -> 'employee count'; 'HubSpot Company ID'
    -> 'company id' (a CRM's own name before a field names the CRM, not another field)."""
    header = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header)  # AnnualRevenue -> Annual Revenue
    header = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header.lower())
    words = re.sub(r"[^a-z0-9]+", " ", header).split()
    for length in (1, 2):  # "HubSpot" was split as camel case above: "hub spot"
        if len(words) > length and "".join(words[:length]) in _CRM_NAMES:
            return " ".join(words[length:])
    return " ".join(words)


# CRMs whose name a column carries when another tool keeps their ids ("HubSpot Company ID", "Salesforce Account ID",
# "SFDC ID" in a customer-success churn list, qa118). Not "Close": "Close Date" is a field of its own.
_CRM_NAMES = frozenset(["hubspot", "salesforce", "sfdc", "pipedrive", "zoho", "attio", "freshsales"])


# A CRM's object prefix on its export's headers: Pipedrive's 'Organization - Region', 'Deal - Renewal status',
# 'Person - Job title'; Salesforce Data Loader's 'Account.BillingCountry'. A person's columns describe the
# contact, so they never name the account's id or name.
_OBJECT_PREFIX = re.compile(
    r"^\s*(?P<object>organi[sz]ation|deal|person|product|account|opportunity|company|contact|lead)"
    r"(?:\s+-\s+|\.(?=[A-Za-z]))",
    re.IGNORECASE,
)
_PREFIX_RANK = {"organization": 0, "organisation": 0, "account": 0, "company": 0, "deal": 1, "opportunity": 1}
_CONTACT_OBJECTS = {"person", "contact", "lead"}
_IDENTITY_FIELDS = {"account_id", "name"}


def unprefixed_header(header: str) -> tuple[str, str | None]:
    """The normalised header without a CRM's object prefix, and the object ('Organization - Region' ->
    ('region', 'organization')); the header as normalised and None when it has no such prefix."""
    match = _OBJECT_PREFIX.match(header)
    if match is None:
        return normalise_header(header), None
    return normalise_header(header[match.end() :]), match["object"].lower()


def header_names(header: str) -> tuple[str, ...]:
    """The names a header may be matched by: normalised as written, then without a CRM's object prefix."""
    bare, prefix = unprefixed_header(header)
    return (normalise_header(header), bare) if prefix else (bare,)


def match_columns(
    header: list[str], fields: Mapping[str, tuple[str, ...]], *, explicit: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each known field to a column of ``header``; ``explicit`` ({field: column}) wins over guessing."""
    explicit = dict(explicit or {})
    for field, column in explicit.items():
        if field not in fields:
            raise InputFileError(f"--map names unknown field {field!r} (known: {', '.join(fields)})")
        if column not in header:
            raise InputFileError(f"--map {field}={column!r}: no such column (columns: {', '.join(header)})")
    mapping = dict(explicit)
    # (a column of what was so before, "Booking system (before)", "Previous ERP", is no field of the account now:
    # qa256, the booking tool customers left was read as their tech stack, and the rival as a system they run)
    taken = set(explicit.values()) | {c for c in header if _OF_THE_PAST.search(c)}
    normalised = {column: normalise_header(column) for column in header}
    _match(header, fields, normalised, mapping, taken)
    # then without a CRM's object prefix ('Organization - Number of employees'), the account's own columns
    # before the deal's and the contact's; a header matched as written ('Deal - Title') is not matched again
    bare = {column: unprefixed_header(column) for column in header}
    prefixed = sorted((c for c in header if bare[c][1]), key=lambda c: _PREFIX_RANK.get(bare[c][1] or "", 2))
    for field in [f for f in fields if f not in mapping]:
        allowed = [c for c in prefixed if field not in _IDENTITY_FIELDS or bare[c][1] not in _CONTACT_OBJECTS]
        _match(allowed, {field: fields[field]}, {c: bare[c][0] for c in allowed}, mapping, taken)
    scanned = mapping.get("tech_stack")
    if (
        "tech_stack" in fields
        and "tech_stack" not in explicit
        and (scanned is None or _SCANNED.match(bare[scanned][0]))
    ):
        # the system a market runs its work on, named by what it manages or does ("Pharmacy management system",
        # "Property management software", qa68: the strongest anti-ICP signal was a plain attribute; "Climate Control
        # System", qa129), before what a scan of the website found
        found = next((c for c in header if c not in taken and _RUNS_ON.search(bare[c][0])), None)
        if found is not None:
            taken.discard(scanned or "")
            mapping["tech_stack"] = found
            taken.add(found)
    return mapping


_OF_THE_PAST = re.compile(
    r"\b(before|previous(ly)?|prior|former|old|legacy|replaced|switched from|migrated from|moved from)\b",
    re.IGNORECASE,
)
_RUNS_ON = re.compile(r"^(\w+ ){1,3}(system|software|platform)s?$|^(system|software|platform)s?$")
_SCANNED = re.compile(r"^web technolog(y|ies)$")


def _match(
    header: list[str],
    fields: Mapping[str, tuple[str, ...]],
    names: Mapping[str, str],
    mapping: dict[str, str],
    taken: set[str],
) -> None:
    for field, synonyms in fields.items():
        if field in mapping:
            continue
        found = next(columns_named(header, names, synonyms, taken), None)
        if found is not None:
            mapping[field] = found
            taken.add(found)


def columns_named(
    header: Sequence[str], names: Mapping[str, str], synonyms: Sequence[str], taken: Collection[str] = ()
) -> Iterator[str]:
    """The columns (not ``taken``) whose name (``names``: column -> normalised name) is one of the field's
    ``synonyms`` or its plural, the most preferred synonym first."""
    for synonym in synonyms:  # synonyms are in order of preference
        found = next((c for c in header if c not in taken and names[c] in (synonym, f"{synonym}s")), None)
        if found is not None:
            yield found


def parse_mapping(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """'field=Column Name' pairs from the command line into a dict."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise InputFileError(f"--map expects FIELD=COLUMN, got {pair!r}")
        mapping[field.strip()] = column.strip()
    return mapping


# A survey's closed question for the respondent's job: "Role", "Job title", "What's your role?", "Which best
# describes your role?". Not "What was your role in the decision?": that asks for a part in the purchase.
_ROLE_HEADERS = frozenset(
    ["role", "title", "job title", "position", "job role", "job function", "job position"]
)
_ASKING_WORDS = frozenset(
    ["what", "whats", "s", "is", "are", "your", "which", "best", "describes", "current", "please", "select",
     "enter", "tell", "us",
     # what a form adds to a question that may be skipped: "Company name (optional)" (Google Forms), "Job
     # title (required)"
     "optional", "required"]
)  # fmt: skip


@lru_cache(maxsize=4096)  # asked for every respondent's every closed column
def names_a_role(header: str) -> bool:
    """Whether a survey column asks for the respondent's role or job title ("What is your role at your agency?",
    "Which of the following best describes your role?", "What best describes your role at the museum?": where
    they hold it, whatever the workplace is called, only places the role, qa85)."""
    return _asks_for(_WHERE_HELD.sub("", header), _ROLE_HEADERS, _ROLE_ASKING_WORDS)


# (or a Typeform recall of an earlier answer, its name: "your role at {{field:7f3c1e0a9b}}?", qa246)
_WHERE_HELD = re.compile(r"\s+(at|in|with|within)\s+(?:(?:your|the|our|this|my)\b|\{\{).*$", re.IGNORECASE)


# where the respondent works, as a role question may name it ("your role at your agency", "in the company")
_WORKPLACES = frozenset(
    ["agency", "company", "organization", "organisation", "practice", "firm", "business", "school", "clinic",
     "district", "store", "restaurant", "team", "group",
     # workplaces of markets that buy as institutions of a kind (qa71: "What's the name of your hospital?" linked
     # none of 86 respondents)
     "hospital", "health system", "bank", "credit union", "pharmacy", "university", "college", "nonprofit",
     "association", "dealership", "hotel", "facility", "plant", "brokerage", "carrier",
     # a government customer ("Jurisdiction name", qa78: none of 92 respondents was linked), and a senior living
     # operator's ("Community / company name", qa82)
     "jurisdiction", "municipality", "community",
     # a hotel's ("What is the name of your property?", qa87: 34 of 104 respondents unlinked), and a church's
     # (qa90: "What is the name of your church?" read as an answer, and a goal named "Hope Lutheran Church")
     "property", "church", "parish", "congregation", "diocese", "synagogue", "temple", "mosque",
     # an operation of a trade ("Which best describes your operation?", qa162: a mill's or a yard's kind was no
     # segment, and "What do retail lumber yards care about?" found none of its 16 respondents)
     "operation", "shop", "mill", "yard", "farm",
     # a public institution's system of branches or schools ("What is the name of your library system?", qa165: no
     # respondent of 118 was linked), not a system of software ("your accounting system")
     "library", "library system", "school system", "hospital system", "university system", "college system"]
)  # fmt: skip
_ROLE_ASKING_WORDS = _ASKING_WORDS | _WORKPLACES | {"at", "in", "with", "the", "you", "do", "of", "following"}


def _asks_for(header: str, answers: frozenset[str], asking: frozenset[str]) -> bool:
    """Whether a question, without the words that only ask ("What is your", "(optional)"), is one of ``answers``."""
    return _asked(header, asking) in answers


def _asked(header: str, asking: frozenset[str]) -> str:
    """A question's words without those that only ask ("What type of agency are you?" -> "type of agency"), and
    without the part a survey tool adds to a column of a multiple-choice question ("... - Selected Choice")."""
    header = _PLEASANTRY.sub("", _CHOICE_PART.sub("", header))
    return " ".join(w for w in re.findall(r"[a-z]+", header.lower()) if w not in asking)


# What a conversational form opens a question with ("Thanks! And what's your role at …?", Typeform, qa246: the
# role question of 46 respondents was not read): closed words of English.
_PLEASANTRY = re.compile(
    r"^\s*((thanks|thank you|great|awesome|perfect|nice|cool|got it|ok|okay|lastly|finally|and|so|now)\b[\s!,.:;-]*)+",
    re.IGNORECASE,
)


# Qualtrics names the columns of a question with an "Other" box "<question> - Selected Choice" and
# "<question> - Other - Text": both ask the question.
_CHOICE_PART = re.compile(r"\s+-\s+(selected choice|other\b.*-\s*text)\s*$", re.IGNORECASE)


# A survey's question for the respondent's company: "Company", "Company name", "Organisation", "What company do
# you work for?", "Which company are you with?", "What is the name of your company?". Not "How many employees
# work at your company?" nor "What does your company do?": those ask about it.
_COMPANY_HEADERS = frozenset(
    ["employer", "account", "company account",
     # the customer organisation of a market that buys as institutions ("District name", "School")
     "school district", "institution",
     # and of a market whose customers are workplaces of a kind ("What's the name of your lab?", qa34)
     "lab", "laboratory", "lab name",
     # every workplace ("Company", "Hospital name"), a team, group, store or plant alone naming a part of one
     *(f"{workplace} name" for workplace in _WORKPLACES), *_WORKPLACES - {"team", "group", "store", "plant"}]
)  # fmt: skip
_WORKPLACE_WORDS = frozenset({*_COMPANY_HEADERS, "site", "network", "system"})
_COMPANY_ASKING_WORDS = _ASKING_WORDS | {"you", "do", "work", "for", "with", "at", "name", "of", "the", "who"}


# A survey's question for the respondent's industry: "Industry", "What industry are you in?", "Which sector best
# describes your organization?". Its answer is the respondent's "segment", as a manifest's is an interview's.
_SEGMENT_HEADERS = frozenset(
    [
        "industry",
        "sector",
        "segment",
        "vertical",
        "industry sector",
        "type of business",
        # a nonprofit's sector is its mission area or cause (NTEE categories: "Arts, Culture & Humanities")
        "mission area",
        "cause area",
        "ntee category",
        "focus area",
        # a contractor's trade (electrical, mechanical, drywall), qa116
        "trade",
        "primary trade",
    ]
)
_SEGMENT_ASKING_WORDS = _COMPANY_ASKING_WORDS | {
    "are",
    "in",
    "organization",
    "organisation",
    "company",
    "business",
}


def names_a_segment(header: str) -> bool:
    """Whether a survey column asks for the respondent's industry (their segment, which `ask --filter` reads),
    or the kind of workplace it is ("What type of agency are you?", "Practice type"), or the kind of work it does
    ("What kind of work does your company mostly do?")."""
    return (
        _asks_for(header, _SEGMENT_HEADERS, _SEGMENT_ASKING_WORDS)
        or bool(_KIND_OF_WORK.search(_CHOICE_PART.sub("", header)))
        or bool(_KIND_OF_WORKPLACE.fullmatch(_asked(header, _ASKING_WORDS | {"you", "we"})))
        or bool(_INDUSTRY_ASKED.search(_CHOICE_PART.sub("", header)))
        or bool(_DESCRIBES_WORKPLACE.search(_CHOICE_PART.sub("", header)))
        or _describes_your_own(_CHOICE_PART.sub("", header))
    )


# "Which best describes your cemetery?", "Which best describes your studio?" (qa177, qa179: the kind of workplace,
# in a trade's own word, read as no segment, and "What do municipal cemeteries care about?" was answered thin): one
# noun of the respondent's own, but for the closed class of what is about them or their use of the product.
# (or two: "Which best describes your wash format?", qa248: 59 respondents' express or flex-serve was no segment)
_DESCRIBES_YOUR_ONE = re.compile(
    r"^\s*(which|what)\b[^?]*\bdescribes? your (?P<noun>[a-z]+(?: [a-z]+)?)\s*\??\s*$", re.I
)
_NOT_THE_WORKPLACE = frozenset(
    ["role", "job", "title", "position", "function", "department", "team", "responsibility", "responsibilities",
     "experience", "situation", "satisfaction", "opinion", "feeling", "feelings", "usage", "use", "level", "plan",
     "budget", "process", "workflow", "needs", "need", "timeline", "relationship", "involvement", "stage", "status",
     "goal", "goals", "priority", "priorities", "challenge", "challenges", "approach", "setup", "view", "age",
     "gender", "background", "education", "seniority", "tenure", "location", "region"]
)  # fmt: skip


def _describes_your_own(header: str) -> bool:
    found = _DESCRIBES_YOUR_ONE.match(header) or _FORMAT_ASKED.match(header)
    return found is not None and not set(found["noun"].casefold().split()) & _NOT_THE_WORKPLACE


# The format a business runs in its trade's word ("What is your wash format?", "Wash format": express, flex-serve,
# full-service, qa248), not a file's or a report's.
_FORMAT_ASKED = re.compile(
    r"^\s*(((what|which)\b[^?]*\byour )?(?P<noun>(?!(file|export|report|data|date|time|video|audio|image|"
    r"document|pricing|payment|billing|content|ad|meeting|event|interview|survey)\b)[a-z]+ format))\s*\??\s*$",
    re.IGNORECASE,
)


# "Which industry best describes your fleet?", "What sector is your organization in?", and the kind of workplace
# asked in words: "How would you describe your district?" (City, Suburban, Rural) (qa22, qa24).
_INDUSTRY_ASKED = re.compile(
    r"^\s*(what|which)\b(?![^?]*\b(serve|sell|target|customers|clients)\b)[^?]*\b(industry|industries|sector|vertical"
    # (a trade asked as a kind, "What trade is your company in?", not a trade show or publication, qa116)
    r"|trades?(?=\s+(is|are|does|do|best)\b|\s*[?(]|\s*$))\b"
    r"|^\s*how would you (describe|classify|categori[sz]e) your ("
    + "|".join(sorted(_WORKPLACES | {"fleet"}))
    + r")\b",
    re.IGNORECASE,
)


# The kind of work the respondent's company does, the segment a contractor or a services firm names itself by
# ("What kind of work does your company mostly do?", "What type of projects do you mostly build?", qa121: a
# residential or commercial builder's answer was no segment). Not what they use the product for.
_KIND_OF_WORK = re.compile(
    r"^\s*(what|which)\s+(kind|type|sort)s?\s+of\s+(work|projects?|jobs?|construction|services?)\b"
    r"(?![^?]*\b(use|used|using|do with)\b[^?]*\b(it|us|for)\b)[^?]*\b(you|your (company|firm|business|team|organi[sz]ation))\b|"
    # ... or what it makes ("What do you mostly grow?", qa129: vegetables, flowers, cannabis were no segment)
    r"^\s*what\s+(do|does)\s+(you|your (company|firm|business|farm|operation|organi[sz]ation|plant|shop))\s+"
    r"((mostly|mainly|primarily|chiefly)\s+)?(grow|make|produce|manufacture|build|raise|brew|print|fabricate)\b|"
    # ... or the kind of what it mostly serves or runs ("What kind of pools do you mostly service?", "What kind of
    # auctions does your company mostly run?", qa158, qa160), not of what it does in the product ("reports")
    r"^\s*(what|which)\s+(kind|type|sort)s?\s+of\s+(?!(reports?|features?|dashboards?|integrations?|workflows?|"
    r"modules?|screens?|data)\b)[a-z]+(\s+[a-z]+)?\s+(do|does)\s+(you|your (company|firm|business|team|operation|"
    r"organi[sz]ation|shop))\s+(mostly|mainly|primarily|chiefly|usually|typically)\s+(service|serve|clean|maintain|"
    r"hold|run|handle|operate|work on|inspect)\b|"
    # ... or the kind of work that makes up most of theirs ("What kind of assignments make up most of your agency's
    # work?", qa208: medical or court was no segment)
    r"^\s*(what|which)\s+(kind|type|sort)s?\s+of\s+[a-z]+(\s+[a-z]+)?\s+makes?\s+up\s+(most|the (bulk|majority))\s+of\s+"
    r"your\b|"
    # ... or the kind of place it runs ("What kind of center do you run?", qa212: test prep or music was no segment)
    r"^\s*(what|which)\s+(kind|type|sort)s?\s+of\s+(?!(reports?|features?|dashboards?|integrations?|workflows?|"
    r"modules?|screens?|data|software|tools?|systems?|payroll|queries|jobs?|errands?)\b)[a-z]+\s+(do|does)\s+(you|your "
    r"(company|firm|business|team|organi[sz]ation))\s+(run|operate|own|manage)\s*\??\s*$",
    re.IGNORECASE,
)
_KIND_OF_WORKPLACE = re.compile(
    r"(type|kind) of (" + "|".join(sorted(_WORKPLACES)) + r")|(" + "|".join(sorted(_WORKPLACES)) + r") type"
)


def names_a_company(header: str) -> bool:
    """Whether a survey column asks for the respondent's company (it links the response to a CRM account); not
    "Which best describes your organization?", which asks what kind it is (a segment)."""
    if _DESCRIBES_WORKPLACE.search(_CHOICE_PART.sub("", header)):
        return False
    # nor one that asks their role there ("What is your role at your district or company?") or would have them
    # recommend you to another ("How likely are you to recommend CanalWise to another district or canal company?",
    # qa171: both read as the company, and none of 111 respondents linked)
    if names_a_role(header) or _RECOMMEND.search(header):
        return False
    asked = _asked(header, _COMPANY_ASKING_WORDS)
    # one of several kinds of workplace: "District or school name" (qa40: no respondent was linked), "Community /
    # company name" (qa82)
    either = [
        _asked(part, _COMPANY_ASKING_WORDS) for part in re.split(r"\bor\b|/", _CHOICE_PART.sub("", header))
    ]
    return (
        asked in _COMPANY_HEADERS
        or (len(either) > 1 and all(part in _COMPANY_HEADERS for part in either))
        # ... of a kind said with its trade ("What is the name of your research site or organization?", qa73: read as
        # an open answer, no respondent linked): each part ends on a word for a workplace
        or (len(either) > 1 and all(_last_word(part) in _WORKPLACE_WORDS for part in either))
        or bool(_WORKS_FOR.search(header))
        # ... or one workplace said with its trade, when the question asks for its name ("What is the name of your
        # staffing company?", qa94: read as an open answer, no respondent linked); not "the name of your accounting
        # system", whose last word names no workplace
        or (bool(re.search(r"\bname\b", header, re.I)) and _last_word(asked) in _COMPANY_HEADERS)
        # ... or any one thing of the respondent's own named so ("What's the name of your studio? (optional)",
        # "What is the name of your utility?", qa107, qa105: no respondent linked), but for the closed class of
        # what is not their workplace (their system, their role, their vendor)
        or _names_your_own(header)
        # ... or a group of workplaces said with its trade ("What's the name of your restaurant group?", qa101: no
        # respondent linked); not a group of people ("your user group")
        or (
            bool(re.search(r"\bname\b", header, re.I))
            and _last_word(asked) == "group"
            and len(asked.split()) > 1
            and asked.split()[-2] not in _GROUPS_OF_PEOPLE
        )
    )


def _names_your_own(header: str) -> bool:
    """'What is the name of your X?' (a remark in brackets after it aside), X one word, or a word and the thing it
    says the kind of ("gaming center", qa228: six respondents naming a center no CRM record holds were counted as
    naming none), that is no system, role, person or other company of theirs."""
    asked = re.fullmatch(
        r"\s*(?:what(?:'s|’s| is)|please (?:enter|give|type|share)|enter|your)?\s*(?:the\s+)?name of your "
        # (one thing, or either of two: "Name of your marina or boatyard", qa127: no respondent linked)
        r"((?:[a-z][a-z-]*\s+)?[a-z][a-z-]*)(?:\s*(?:or|/)\s*([a-z][a-z-]*))?\s*\??\s*(?:\([^)]*\))?\s*[?:.]?\s*",
        header,
        re.IGNORECASE,
    )
    if asked is None:
        return False
    words = [w.casefold() for g in asked.groups() if g for w in g.split()]
    # (not a group of people: "What is the name of your user group?")
    people = len(words) > 1 and words[-1] == "group" and words[-2] in _GROUPS_OF_PEOPLE
    return not people and not set(words) & (_NOT_YOUR_WORKPLACE | {"or"})


# What a respondent has that is not their workplace: their tools, their role, their people and the companies they
# buy from. Closed class.
_NOT_YOUR_WORKPLACE = frozenset(
    ["system", "software", "tool", "tools", "platform", "app", "application", "product", "products", "solution",
     "vendor", "provider", "supplier", "distributor", "partner", "consultant", "accountant", "broker", "agent",
     "role", "position", "title", "job", "manager", "supervisor", "boss", "rep", "representative", "contact",
     "team", "department", "unit", "plan", "package", "subscription", "pet", "dog", "cat", "child", "spouse",
     "city", "town", "state", "country", "region", "county", "website", "domain", "email", "erp", "crm", "ehr", "pos",
     "feature", "features", "favorite", "favourite", "preferred"]
)  # fmt: skip


# Groups that are of people, not of workplaces. Closed class.
_GROUPS_OF_PEOPLE = frozenset(
    ["user", "users", "focus", "working", "peer", "support", "buying", "age", "job", "study", "customer", "interest",
     "advisory", "team", "work", "your", "the", "a"]
)  # fmt: skip


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1] if words else ""


# "Which best describes your organization?" (Independent research site, Physician practice, Multi-site network),
# "What type of organization do you work for?" (Association, Corporation): the kind of workplace, asked as a
# description of it (qa29, qa35: read as the company's name, the segments lost)
_DESCRIBES_WORKPLACE = re.compile(
    r"^\s*(what|which)\b[^?]*\b(describes? your|(type|kind|sort|category) of) ("
    + "|".join(sorted(_WORKPLACES | {"institution", "site", "employer", "workplace", "lab", "laboratory"}))
    + r")\b",
    re.IGNORECASE,
)


# "Which clinic or hospital group do you work for?" (qa19): whatever it calls the workplace, a question asking
# which one the respondent works for or at asks for their employer.
_RECOMMEND = re.compile(r"\brecommend", re.I)
_WORKS_FOR = re.compile(r"^\s*(which|what)\b[^?]*\b(do|did) you (currently )?work (for|at)\s*\??\s*$", re.I)
