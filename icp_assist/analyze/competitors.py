"""Competitors and alternatives customers name: "We almost went with Bill.com", "cheaper than Tipalti".

A name counts only where a customer says they weighed it: after a verb of choosing (went with, chose,
looked at, evaluated, stayed with, switched to...) or in a comparison (than X, vs X). A name is a capitalised
word run or a domain (bill.com); counted by distinct interviews/answers, with their outcomes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from ..embed_onnx import vocabulary_words
from ..ingest.accounts import split_list
from ..ingest.columns import unprefixed_header
from ..models import Criterion, Evidence
from ..records import Account, Document
from .labels import one_edit
from .signals import (
    accounts_by_outcome,
    gives_a_reason,
    interviews_answers,
    outcomes_told,
    records_a_reason,
)
from .titles import title_spans
from .units import Unit, sentence_spans

MIN_SOURCES = 2  # a competitor is named in two or more interviews/answers
# A name the questions ask about in more than half of the interviews is the product they are about, not a
# competitor ("picked Tallybook over Bill.com"): customers name their main competitor in most interviews too (a
# new-market smoke corpus: ServiceTitan in 5 of 6). Set by reasoning, checked on samples/ (Tallybook asked about
# in 11 of 14 interviews and two survey questions, Bill.com in 1).
OWN_PRODUCT_SHARE = 0.5
# Quotes kept with a competitor (one per source), of which the page shows the first two that no line above it shows
QUOTES_KEPT = 6

_CHOICE = (
    r"(?:almost |nearly |eventually |finally )?(?:went|go|going) (?:with|back to)|chose|choose|picked|selected|"
    r"looked at|evaluated|considered|compared (?:you )?(?:to|with|against)|demo'?e?d|shortlisted|trialed|trialled|"
    # (not a person's own move: "he moved to Vermont to be near his grandkids", qa209: a state was a rival)
    r"tried|stayed with|stuck with|switched (?:over )?to|(?<![Hh]e )(?<![Ss]he )moved (?:over )?to|"
    r"replaced (?:you|it|\w+) with|"
    # ... in the present too, and a sign-up (qa101: "she decided we'd move to Tabletop Payroll", "I signed up for
    # Tabletop Payroll the same week": a churn and a loss to it, counted under neither)
    # (not a move they were made to make: "No QuickBooks Desktop connection, we had to switch to QBO", qa250: the
    # customers' accounting system was a rival)
    r"(?<!had to )(?<!have to )(?<!has to )(?<!forced to )(?<!needed to )(?:move|moving|switch|switching) (?:over )?to|"
    r"signed up (?:for|with)|"
    # (or heard their offer: "we got quotes from Edroute and RouteMaster too", "we had a demo from RouteMaster", qa323:
    # a rival weighed in three interviews was on no list)
    r"(?:got|had|took|saw|requested|asked for|sat through) (?:a |an |the |two |three |some )?(?:\w+ )?(?:quotes?|demos?|"
    r"proposals?|bids?|pitch(?:es)?|pricing) (?:from|by)|"
    # the tool a customer had before ("we'd been on TyMetrix 360 for years", "we moved off Jobber")
    r"(?:had )?been (?:on|using)|were (?:on|using)|moved off|switched (?:away )?from|migrated (?:off|from)|came from|"
    # (a comparison of the product with the name, its comparative shortly before "than" with no one doing anything
    # between: not "better we found it than TTB", where the regulator is who else might have found it, qa209)
    r"signed with|bought|cheaper than|better than|(?:[\w-]+er|(?i:more|less|rather|other))(?: (?!(?i:we|i|they|you|he|she|it)\b)[\w'’-]+){0,3} than|vs\.?|versus|instead of|"
    # (one picked over another by its name, not over a time: "over the Christmas week", qa217: Christmas a rival)
    # (nor a stretch of places: "Pensacola over to Panama City", qa248)
    r"over(?!\s+(?:the|a|an|this|that|our|my|to)\b)|"
    # a shortlist, a trial and a recommendation name what was weighed ("a shortlist of Limble, Fiix and ...")
    r"shortlisted|short-listed|(?:a |the )?short-?list of|(?:a |the )?trial of|recommended|lost (?:out )?to"
)
# (up to three capitalised words: "When I Work", "Sage Intacct", "TyMetrix 360")
# a capitalised word or one capitalised inside ("ezyVet", "iCIMS"), up to two more, or a web address
# A name's later words are capitalised words or numbers, never the pronoun "I" that follows it ("within ten percent
# of Crewlio I'd probably...", "looked at Snowflake I think": qa60, qa62 read "Crewlio I" and "Snowflake I"), unless
# another capitalised word follows it ("When I Work").
_NAME = r"((?:(?:[A-Z]|[a-z]+[A-Z])[\w&'-]*(?:\.[a-z]{2,4})?)(?: (?!I\b(?!\s+[A-Z]))(?:[A-Z][\w&'-]*|\d+)){0,2}|[a-z][\w-]*\.(?:com|io|ai|co))"
# the name may follow an article ("looked at the MaintainX free version", "better than anything MaintainX has")
_MENTION = re.compile(
    # (after the product itself: "I evaluated you and Tabletop Payroll", qa101)
    rf"\b(?:{_CHOICE})\s+(?:with\s+|to\s+)?(?:(?:you|us|yours)(?:,| and| or)\s+)?(?:(?:the|a|an|anything)\s+)?"
    rf"{_NAME}(?=[\s.,;:!?)'’]|$)"
    # not a part of something weighed: "evaluated the CAPA workflow", "looked at the NetSuite integration" (qa119:
    # "CAPA", a QMS process, was a competitor weighed in six interviews)
    r"(?!\s+(?:workflows?|modules?|process(?:es)?|features?|functionality|capabilit(?:y|ies)|side|piece|part|tabs?|"
    r"screens?|reports?|dashboards?|setup|set-up|integrations?|connectors?|flows?|templates?|sync|fields?|"
    r"data|api)\b)"
    # ... nor a kind of business: "I came from an HVAC company" (qa219: a trade was a rival)
    r"(?!\s+(?:company|companies|business|businesses|firms?|shops?|contractors?|background|industry|world|trade)\b)"
    # ... nor someone of a team ("I had a demo from Sarah on your team")
    r"(?!\s+(?:on|from|at|of) (?:your|the|our|their) (?:team|side|end|sales|staff)\b)"
)
# A question about the options weighed ("What other options did you consider?", "Which tools did you evaluate?",
# "Any alternatives?"): an answer may list names with no verb of choosing ("Vanta and Drata", "Drata, it was close").
_ASKS_FOR_OPTIONS = re.compile(
    r"\b(alternatives?|competitors?|short-?list|(other|which|what) (options|tools|vendors|products|solutions|platforms)|"
    # (an adverb between: "Which of these did you seriously consider…?", qa266: SurveyMonkey's ticks of a rival by 33
    # of 61 respondents were counted nowhere)
    r"(did|do) you (\w+ (or|and) )?(also |ever |even |\w+ly )?(consider|evaluate|look at|compare|shortlist|trial|pick|"
    r"choose|go with)|"
    r"what (else )?did you (\w+ly )?(consider|evaluate|look at|compare|shortlist|trial)|anything else, like|"
    r"(another|any other) (option|tool|vendor|product|solution|platform|provider)s?)\b",
    re.IGNORECASE,
)
# A question about the tools used with the product ("What other tools or systems do you use alongside HaulSync?",
# "Which apps do you use together with it?", "What other tools do you use?") asks for its neighbours in the stack, not for its rivals, unless it
# also asks what was weighed or used instead ("…alongside PawLedger, or considered instead of it?"). qa37, qa38,
# qa40: accounting, fuel cards, BI and integration partners listed as competitors ticked by dozens.
_ASKS_FOR_NEIGHBOURS = re.compile(
    r"\b(alongside|along with|together with|in addition to|besides|next to|on top of|in combination with|"
    r"integrate[sd]? with|connect(ed|s)? (to|with)|(do|does) (you|your \w+) (also |currently |still )?use)\b",
    re.IGNORECASE,
)
_ASKS_WHAT_WAS_WEIGHED = re.compile(
    r"\b(instead|replace[ds]?|switch(ed)? from|before|consider(ed)?|evaluat\w*|compar\w*|look(ed)? at|"
    r"short-?list\w*|trial(l?ed)?|alternatives?|competitors?|rather than)\b",
    re.IGNORECASE,
)


def asks_for_neighbours(question: str) -> bool:
    """Whether a question asks only for the tools used with the product ("What other tools do you use besides
    Tallyroute?"), not for those weighed against it or used instead."""
    return asks_also_for_neighbours(question) and not _ASKS_WHAT_WAS_WEIGHED.search(question)


def asks_also_for_neighbours(question: str) -> bool:
    """Whether a question asks for the tools used with the product, perhaps with those used instead ("What else do
    you use alongside DeskLoop (or instead of it)?"): its answers name options weighed only where they say so."""
    return bool(_ASKS_FOR_NEIGHBOURS.search(question))


def weighs(text: str) -> bool:
    """Whether a statement tells of options weighed against the product or used instead ("we looked at
    MillTrack before"), in the words a question asking for them uses."""
    return bool(_ASKS_WHAT_WAS_WEIGHED.search(text))


def said_weighed(units: Sequence[Unit]) -> list[re.Pattern[str]]:
    """The products customers say in so many words they weighed ("we looked at Benchly", "We used Perchd before"),
    each as ``name_pattern`` finds it: the rivals an answer naming no weighing may still name ("molarix cloud")."""
    names = {n.casefold() for u in units if weighs(u.text) for n in competitor_names(u.text)}
    return [name_pattern(name) for name in sorted(names)]


def asks_for_options(question: str) -> bool:
    """Whether a question asks for the options weighed against the product (not the tools used with it)."""
    return (
        bool(_ASKS_FOR_OPTIONS.search(question))
        and not asks_for_neighbours(question)
        and not _ASKS_FOR_REASONS.match(question)
    )


# "Why did you choose Lanyard?" asks why, not which (qa69: "Check in speed.", "Easy for my team…" and "We're on
# Cordova…" made "Check", "Easy" and "We're" competitors)
_ASKS_FOR_REASONS = re.compile(
    r"\s*(?:and |so )?(why|what made you|how come|what was the (main )?reason)\b", re.IGNORECASE
)


# A name listed: opening the answer or after a comma, "and" or "or", and followed by the end of the list item
# (or before a phrase that says when or how: "PlantPulse and MaintainX at the end", "Vanta and Drata for sure")
# A question asking why the customer chose a named product, or after that choice ("So why HireDesk?", "You chose
# HireDesk in the end, right?"): the name is one the customer weighed, where the answer names it too (qa100: a deal
# lost to HireDesk counted no interview of it).
_ASKED_OF_THE_CHOSEN = re.compile(
    rf"(?i:\bwhy\b(?:\s+(?:did|do) (?:you|they|the team)\s+(?:choose|pick|go with|select|end up with|move to|"
    rf"switch to))?)\s+(?!I\b){_NAME}|"
    rf"(?i:\b(?:chose|picked|went with|switched to|moved to|ended up with|end up with|going with|signed with)\b)\s+"
    rf"{_NAME}"
)
_LISTED = re.compile(
    rf"(?:^|,\s*|\s+(?:and|or|&)\s+){_NAME}(?=\s*(?:[,.;!?)]|\b(?:and|or|at|for|in|on|too)\b|$))"
)
_MORE = re.compile(rf"^(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+){_NAME}(?=[\s.,;:!?)'’]|$)")
_NOT_NAMES = frozenset(
    [
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "it",
        "the",
        "a",
        "an",
        "our",
        "your",
        "their",
        "my",
        "this",
        "that",
        "these",
        "those",
        "one",
        "two",
        "three",
        "some",
        "another",
        "other",
        "others",
        "them",
        "us",
        "me",
        "him",
        "her",
        "everyone",
        "nobody",
        "something",
        "anything",
        "nothing",
        "what",
        "which",
        "who",
        "monday",
        "friday",
        "january",
        "june",
        # words that open a listed answer without naming anything ("Honestly, Vanta.", "None, a friend...")
        "none",
        "no",
        "nope",
        "yes",
        "yeah",
        "not",
        "both",
        "all",
        "just",
        "only",
        "also",
        "maybe",
        "perhaps",
        "honestly",
        "basically",
        "mostly",
        "mainly",
        "probably",
        "really",
        "actually",
        "frankly",
        "obviously",
        "definitely",
        "well",
        "hmm",
        "um",
        # a word for a rival, not its name ("went to a competitor", "Competitor - Bloomerang")
        "competitor",
        "competitors",
        "competition",
        "vendor",
    ]
)


def named_competitors(
    units: Sequence[Unit],
    outcomes: Mapping[str, str | None],
    documents: Sequence[Document] = (),
    accounts: Sequence[Account] = (),
) -> list[Criterion]:
    """Products customers say they weighed, named in MIN_SOURCES or more sources, most sources first: in what
    they said, in a survey's pick-list question about the options weighed ("Which tools did you evaluate?
    (select all that apply)"), where a respondent's ticks name them too, and in the reason a CRM column records
    for a lost or churned account ("Chose ParentSquare (bundled with SIS)"); the last two with no quote to show."""
    said: dict[str, tuple[str, dict[str, Evidence]]] = {}
    outright: set[str] = set()  # the names someone says they weighed in so many words, not only compared
    for name, rows in weighed_names(units):
        quotes: dict[str, Evidence] = {}
        for row in rows:
            quotes.setdefault(units[row].doc_id, units[row].evidence())
        said[name.casefold()] = (name, quotes)
        if any(_weighs_outright(name, units[row]) for row in rows):
            outright.add(name.casefold())
    recorded = recorded_names(accounts)
    faced = faced_names(accounts)
    ticked = ticked_names(documents, known={*said, *recorded, *faced})
    # (which of them say it was weighed: a known rival counts in every interview that names it, and one only named
    # there, "We got acquired … everything runs on Yardi", was no weighing of it, qa289)
    weighed_in = {key: set(quotes) for key, (_, quotes) in said.items()}
    _named_in_interviews(said, units, [names[key][0] for names in (recorded, faced, ticked) for key in names])
    for alias, full in _fold_short_forms(said, ticked, recorded, faced).items():
        if alias in outright:
            outright.add(full)
        weighed_in.setdefault(full, set()).update(weighed_in.get(alias, set()))
    # a name only ever compared with something ("Our member texts get way better turnout than Instagram", "we charge
    # differently for a Sprinter versus a Transit", qa228, qa222: a marketing channel and a van were rivals) is no
    # option weighed, unless the CRM records it or a survey's pick list has it
    for key in [
        k for k in said if k not in outright and k not in ticked and k not in recorded and k not in faced
    ]:
        del said[key]
    account_of = {d.doc_id: d.account_id for d in documents}
    outcome_of = {a.account_id: a.outcome for a in accounts}
    # the systems the CRM records customers as running (their ERP, their warehouse) are what the product works with:
    # said beside it ("We were on Banner with the native requisition forms", "weaker than Banner") they are no rival,
    # unless the CRM records one as a deal's competitor or loss reason (qa58: Banner, qa60: Snowflake)
    platforms = {
        name for account in accounts for system in account.tech_stack for name in _system_names(system)
    } | _what_customers_have(accounts)
    platforms |= worked_with(
        [said[k][0] for k in said] + [names[k][0] for names in (ticked, recorded) for k in names], units
    )
    # the statements that answer a question about the options weighed: what they name was weighed
    options_asked = {
        (unit.doc_id, unit.start - len(unit.lead))
        for unit in units
        if unit.question and asks_for_options(unit.question) and not asks_also_for_neighbours(unit.question)
    }
    found: list[tuple[int, Criterion]] = []
    # the product the interviews are about, where an option names it ("None, we only looked at KiaiDesk", qa231)
    own = _own_products(list(ticked), units)
    for key in dict.fromkeys([*said, *ticked, *recorded, *faced]):
        if (
            key in own
            or _STATUS_QUO.match(key)
            or _NO_VENDOR.match(key)
            or _NO_PRODUCT_NAMED.match(key)
            or key in _EDITION_WORDS  # "Online" of "QuickBooks Online" (qa138: a rival "in 5 interviews")
            or (_A_PORTAL.match(key) and not _named_product(faced.get(key, ("",))[0]))
        ):
            # the way things were done before ("Spreadsheets (Excel / Google Sheets)", "Supplier portals"): an
            # alternative; a portal the CRM records by its product's name as a deal's competitor is a product
            # (qa93: "Meridian Borrower Portal", the competitor of 8 accounts, none won, was missing)
            continue
        if (
            key in platforms
            and key not in recorded
            and key not in faced
            and not _chosen_as_option(key, units)
            # (nor one customers say outright they weighed and the survey's respondents tick as an option weighed:
            # qa231, Kicksite, "I looked at Spark, Kicksite, and you" and 8 ticks, was a rival's quote)
            and not (key in outright and key in ticked)
        ):
            continue
        spelled = next((names[key][0] for names in (ticked, recorded, faced) if key in names), key)
        name, quotes = said.get(key, (spelled, {}))
        picked = ticked[key][1] if key in ticked else set()
        sources = set(quotes) | picked
        # accounts whose CRM reason names it, beyond those of the interviews and answers counted
        logged = (recorded[key][1] if key in recorded else set()) - {account_of.get(d) for d in sources}
        # accounts the CRM records it as the competitor of, beyond those counted already
        fought = (faced[key][1] if key in faced else set()) - logged - {account_of.get(d) for d in sources}
        if len(sources) + len(logged) + len(fought) < MIN_SOURCES:
            continue
        by_outcome = accounts_by_outcome({doc: account_of.get(doc) for doc in sources}, outcomes)
        counted = outcomes_told(by_outcome)
        n = len(sources)
        words = len(set(quotes))
        # what the survey's pick list asked ("...which tools did you use?" is no "...did you evaluate?")
        asked = re.sub(r"\s*-\s*Selected Choice$", "", ticked[key][2]) if picked else ""
        weighed = sum(
            1
            for doc, quote in quotes.items()
            if doc in weighed_in.get(key, ()) or (doc, quote.start) in options_asked
        )
        told = [f"named as weighed in {interviews_answers(weighed)}"] if weighed else []
        if words > weighed:
            told += [
                f"named in {words - weighed} more" if weighed else f"named in {interviews_answers(words)}"
            ]
        told += (
            [f"ticked by {len(picked)} survey respondents in " + (f"'{asked}'" if asked else "a pick list")]
            if picked
            else []
        )
        more = " more" if n else ""
        crm = (
            f"named in the CRM's recorded reason of {len(logged)}{more} lost or churned accounts"
            if logged
            else ""
        )
        if fought:
            their = outcomes_told(Counter(str(outcome_of.get(a) or "unknown") for a in fought))
            told_before = " more" if n or logged else ""
            crm = "; ".join(
                p
                for p in (crm, f"the CRM's competitor of {len(fought)}{told_before} accounts ({their})")
                if p
            )
        total = n + len(logged) + len(fought)
        # whose accounts they are: "won 3" is three of our won accounts that weighed it, not its wins
        said_it = " and ".join(told) + (f"; their accounts: {counted}" if counted else "")
        criterion = Criterion(
            attribute="competitor",
            value=name,
            reason="; ".join(part for part in (said_it if n else "", crm) if part),
            confidence="high" if total >= 5 else "medium" if total >= 3 else "low",
            # a quote naming this rival alone first: one naming several ("I looked at Spark, Kicksite, and you")
            # may be the line of another rival above it, where it is not shown again (qa231)
            evidence=sorted(quotes.values(), key=lambda q: sum(k in q.quote.casefold() for k in said))[
                :QUOTES_KEPT
            ],
            by_outcome=dict(by_outcome),
        )
        found.append((total, criterion))
    found.sort(key=lambda item: -item[0])  # stable: between equals, as the statements name them
    return [criterion for _, criterion in found]


def _weighs_outright(name: str, unit: Unit) -> bool:
    """Whether the statement names the product as an option weighed by more than a comparison ("cheaper than X",
    "X versus Y", "instead of X"): by a verb of choosing or weighing, or in answer to a question about the options."""
    if unit.question and asks_for_options(unit.question) and not asks_also_for_neighbours(unit.question):
        return True
    named = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)
    return any(not _COMPARED_BEFORE.search(unit.text[: m.start()]) for m in named.finditer(unit.text))


# The end of a comparison before a name ("cheaper than the", "versus a", "instead of"): see _CHOICE.
_COMPARED_BEFORE = re.compile(
    r"\b(?:than|vs\.?|versus|instead of|over)\s+(?:(?:the|a|an|anything)\s+)?$", re.I
)


def recorded_names(accounts: Sequence[Account]) -> dict[str, tuple[str, set[str]]]:
    """Products a CRM column's recorded reason names for lost or churned accounts ("Lost to competitor -
    ServiceTitan", "Chose ParentSquare"), by lower-cased name: the name as most often spelled and the accounts."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    named: dict[str, set[str]] = defaultdict(set)
    reasons = [
        (account.account_id, value.strip())
        for account in accounts
        if account.outcome in ("lost", "churned")
        for column, value in account.extra.items()
        if records_a_reason(column) and gives_a_reason(value)
    ]
    # (a reason wanting a link to a system chooses none: "QuickBooks Desktop - no sync", qa269: the customers' own
    # accounting system was a rival "named in the CRM's recorded reason of 4 more lost or churned accounts")
    reasons = [
        (a, value) for a, value in reasons if not (_WANTED.search(value) and not _A_CHOICE.search(value))
    ]
    for account_id, value in reasons:
        for name in names_in_reason(value):
            spellings[name.casefold()][name] += 1
            named[name.casefold()].add(account_id)
    # ... or a system the customers run, kept or chosen over the product ("Nextech bundle - no budget for 2nd system",
    # "Acquired - consolidating on Nextech", qa244: the rival of 10 of 39 lost accounts was no competitor), unless
    # the reason wants it of the product ("Missing Feature - Vista Integration", "Needs QuickBooks sync")
    systems = {name: system for a in accounts for system in a.tech_stack for name in _system_names(system)}
    for account_id, value in reasons:
        for name, system in systems.items():
            found = name_pattern(name).search(value)
            after = value[found.end() :].split()[:1] if found else []
            if (
                found
                and len(name) >= 3
                and not (_WANTED.search(value[: found.start()]) or _WANTED.match(" ".join(after)))
            ):
                spellings[system.casefold()][system] += 1
                named[system.casefold()].add(account_id)
    # ... or on the name itself, once another reason has shown it is one ("KnowBe4 came in cheaper")
    for account_id, value in reasons:
        words = value.split()
        for size in (3, 2, 1):
            opening = " ".join(words[:size]).rstrip(",.;:").casefold()
            if size <= len(words) and opening in named:
                named[opening].add(account_id)
                break
    return {key: (spellings[key].most_common(1)[0][0], ids) for key, ids in named.items()}


def names_in_reason(value: str) -> list[str]:
    """Products a CRM's recorded reason names: after its verb ("Chose X", "Lost to competitor - X", read as a
    sentence's middle: "Lost to Competitor - Bloomerang" names Bloomerang, not a product called Competitor), or
    after a colon or a dash, spelled as a product is ("Corporate standard: SAP SuccessFactors", a capital or a
    digit inside a word; not "Lost - Budget")."""
    said = re.sub(r"\bcompetit(ors?|ion)\s*[-:–]\s*", "", value[:1].lower() + value[1:], flags=re.IGNORECASE)
    # (or in brackets after it: "Went with competitor (Toast)", qa241: the rival of 10 lost deals was not read)
    said = re.sub(r"\bcompetit(?:ors?|ion)\s*\(\s*([^()]+?)\s*\)", r"\1", said, flags=re.IGNORECASE)
    names = competitor_names(said, "Which competitor did they choose instead?")
    tail = _NAMED_AFTER.search(value)
    if (
        tail
        and re.search(r"\b\w+[A-Z0-9]", tail.group(1))
        and not _WANTED.search(value[: tail.start()])
        and (name := _clean(tail.group(1).strip()))
    ):
        names += [name] if name not in names else []
    return names


# A reason telling a choice of another product ("Went with TrakDrive", "Lost to competitor - X", "Stayed on X").
_A_CHOICE = re.compile(
    r"\b((went|go|going|gone) with|chose|chosen|picked|selected|switched|moved|lost to|signed with|bought|"
    r"stay(ed|ing)? (with|on)|renewed with|consolidat\w*|competit\w*|incumbent|bundle\w*)\b",
    re.IGNORECASE,
)


def worked_with(names: Iterable[str], units: Sequence[Unit]) -> set[str]:
    """The names (lower-cased) customers say the product links to: "the QuickBooks sync", "It syncs with QuickBooks
    Online", "QuickBooks Desktop isn't supported" (qa269, qa263: the customers' accounting system was a rival named
    as weighed). A system the product works with is no option weighed against it."""
    found = set()
    for name in names:
        named = re.escape(name)
        link = re.compile(
            rf"\b(the|your|our|a|no|their)\s+{named}\s+(sync|integration|connector|connection|export|import|link|"
            rf"feed)s?\b|\b(sync\w*|integrat\w*|connect\w*|export\w*|import\w*|push\w*)\s+(\w+\s+)?(with|to|into|from)\s+"
            rf"{named}\b|\b{named}\s+(is\s*n['’]?t|is not|was\s*n['’]?t|was not|not)\s+(\w+\s+)?supported\b",
            re.IGNORECASE,
        )
        if any(link.search(unit.text) for unit in units):
            found.add(name.casefold())
    return found


# What a reason says was missing or needed, before its colon or dash ("Missing Feature - CLM", "Feature gap: EVV"):
# a feature of the product, not a product (qa227: "CLM", closed-loop marketing, was a rival of three lost accounts).
_WANTED = re.compile(
    r"\b(missing|lack(s|ed|ing)?|no|without|features?|gaps?|needs?|needed|required|requirements?|capabilit(y|ies)|"
    r"functionality|integrat\w*|sync\w*|connect\w*|compatib\w*|"
    # ... or that work was done twice for want of a link to it ("Double entry concerns - OrthoTrac", qa249: the
    # practices' own practice-management system was a rival of three lost deals)
    r"double[- ]entry|dual[- ]entry|duplicate (data )?entry|re-?key\w*|enter(ed|ing)? (it )?twice)\b",
    re.IGNORECASE,
)


# The way things were done without a product of this kind: no competitor, whatever a pick list calls it (the
# alternatives section tells them). Closed words of office life, not fitted to data.
_STATUS_QUO = re.compile(
    r"^(spreadsheets?|excel|google sheets|sheets|paper|pen and paper|e-?mails?|whatsapp|manual(ly)?|in-?house|"
    r"(built|build|building|developed|develop) (it )?(in-?house|ourselves|our own)|diy|do it ourselves|"
    r"home-?grown|nothing|status quo|word( docs?)?|outlook|phone( calls?)?|texts?|text messages|sms|"
    # (a calendar or a whiteboard kept the bookings: "We had a paper book for orders and Google Calendar for
    # appointments", qa232: a competitor "named as weighed in 3")
    r"(google |paper |outlook )?calendars?|whiteboards?|white boards?)\b",
    re.IGNORECASE,
)
_A_PORTAL = re.compile(r"[\w\s'’&-]*\bportals?\b", re.IGNORECASE)
# An option that names no product: none weighed ("We didn't look at anything else", "No other tools"), or one of a
# kind unnamed ("Another booking software", "Other POS"), qa271: both competitors "ticked by 18" and "by 7". Closed
# phrases of English.
_NO_PRODUCT_NAMED = re.compile(
    r"^\W*(?:(?:we|i)\s+)?(?:didn['’]?t|did not|never|haven['’]?t|have not)\s+(?:really\s+)?(?:look|looked|consider|"
    r"considered|evaluate|evaluated|compare|compared|try|tried|check|checked)\b|"
    r"^\W*(?:no|none|nothing)(?:\s+(?:other|others|else|at all))?\b(?!-)|"
    r"^\W*(?:another|other|others|a different|some other|an other|any other)\b(?!\s+(?-i:[A-Z]))",
    re.IGNORECASE,
)
# Standards, reports and kinds of technology, which no vendor sells under that name: "SOC 2" (qa123), "SSO" (qa118),
# "Bluetooth probes" (qa124: a survey's "Bluetooth probes / paper logs", the status quo, was a competitor ticked 46
# times). Closed class, not fitted to data.
_NO_VENDOR = re.compile(
    r"^(sso|saml|single sign-?on|soc( ?[12])?|iso( ?\d+)?|hipaa|gdpr|ccpa|pci( dss)?|fedramp|api|apis|csv|pdf|sftp|"
    r"ftp|edi|bluetooth|wi-?fi|rfid|nfc|gps|qr( codes?)?|ai|ml|cloud|saas|on-?prem(ise)?|"
    # kinds of system and of trade document ("the delivery vs BOL matching", qa135: "BOL" a rival in 5 answers)
    r"erp|crm|pos|ach|eft|bol|bols|asn|po|w-?9|1099|coi)\b",
    re.IGNORECASE,
)


def _named_product(spelled: str) -> bool:
    """Whether a name is written as a product's: every word capitalised, one portal ("Meridian Borrower Portal",
    not "Supplier portals")."""
    words = spelled.split()
    return (
        len(words) >= 2 and all(w[:1].isupper() for w in words) and not spelled.casefold().endswith("portals")
    )


def _fold_short_forms(
    said: dict[str, tuple[str, dict[str, Evidence]]],
    ticked: dict[str, tuple[str, set[str], str]],
    recorded: dict[str, tuple[str, set[str]]],
    faced: dict[str, tuple[str, set[str]]],
) -> dict[str, str]:
    """A product's short form is the product ("R365" is Restaurant365), and so is its slip of the keys: its sources
    go to the full name (in place), which is spelled as the sources spell it. Returns what was folded into what."""
    keys = [*said, *ticked, *recorded, *faced]
    spellings = [v[0] for names in (said, ticked, recorded, faced) for v in names.values()]
    # (each entry's sources are its second item: the quotes said, the responses ticked, the accounts recorded)
    sources = {
        key: sum(len(names[key][1]) for names in (said, ticked, recorded, faced) if key in names)
        for key in keys
    }
    folded = {**short_forms(keys, spellings), **slips_of_the_keys(sources)}
    # (a name and its edition, each written as itself in a pick list or the CRM, are two products: "VetraSys", the
    # on-prem system customers left, ticked by 35, and "VetraSys Enterprise", the CRM's rival for large groups, qa283:
    # one competitor "won 15")
    listed = {*ticked, *recorded, *faced}
    folded = {
        alias: full
        for alias, full in folded.items()
        if not (
            alias in listed
            and full in listed
            and full.startswith(alias + " ")
            and set(full[len(alias) :].split()) <= _EDITION_WORDS
        )
    }
    for alias, full in folded.items():
        spelled = next(names[full][0] for names in (said, ticked, recorded, faced) if full in names)
        if alias in said:
            quotes = said.pop(alias)[1]
            said[full] = (spelled, {**quotes, **(said[full][1] if full in said else {})})
        for names in (recorded, faced):
            if alias in names:
                ids = names.pop(alias)[1]
                names[full] = (spelled, ids | (names[full][1] if full in names else set()))
        if alias in ticked:
            _, docs, question = ticked.pop(alias)
            had = ticked.get(full, (spelled, set(), question))
            ticked[full] = (spelled, had[1] | docs, had[2])
    return folded


# Names this long one edit apart are one name mistyped (shorter ones may be two products), when the one spelling has
# at least SLIP_RATIO times the other's sources (labels' MISSPELLING_RATIO). Set by reasoning, not on data.
SLIP_MIN_LETTERS = 6
SLIP_RATIO = 3


def slips_of_the_keys(sources: Mapping[str, int]) -> dict[str, str]:
    """Lower-cased names that are another's slip of the keys, to that name: one letter dropped, added, changed or two
    swapped, in a name of SLIP_MIN_LETTERS or more that the other spelling outnumbers SLIP_RATIO to one in sources
    ("smartmovign" for "smartmoving", qa224: a rival of its own "in 2 interviews")."""
    found: dict[str, str] = {}
    for key, n in sources.items():
        if len(key) < SLIP_MIN_LETTERS:
            continue
        near = [
            o for o in one_edit(key) if o in sources and o != key and sources[o] >= SLIP_RATIO * max(n, 1)
        ]
        if len(near) == 1:
            found[key] = near[0]
    return found


def short_forms(keys: Sequence[str], spellings: Sequence[str]) -> dict[str, str]:
    """Lower-cased names that are another name's short form, to that name: its first letter and its capitals and
    digits after it ("R365" for "Restaurant365", "QBO" for "QuickBooks Online"), three characters at least,
    either name of one written with the other in brackets ("Motive" for "Motive (KeepTruckin)"), or the first
    words of one other name and no more ("Loop" for "Loop Returns")."""
    full: dict[str, str] = {}
    for spelled in spellings:
        letters = spelled[0] + "".join(c for c in spelled[1:] if c.isupper() or c.isdigit())
        if len(letters) >= 3 and letters.casefold() != spelled.casefold():
            full.setdefault(letters.casefold(), spelled.casefold())
        # a name with its other name in brackets ("Motive (KeepTruckin)"): each of the two is a short form of it
        bracketed = re.fullmatch(r"\s*(.+?)\s*\((.+?)\)\s*", spelled)
        for part in bracketed.groups() if bracketed else ():
            if part.casefold() != spelled.casefold():
                full.setdefault(part.casefold(), spelled.casefold())
    # a name that begins one other name, and only one ("Loop" of "Loop Returns"; not "Microsoft" beside both
    # "Microsoft Dynamics" and "Microsoft Teams"): qa30 counted "Chose Loop Returns" apart from "Went with Loop"
    # (or begins it as its owner: "Sonny" of "Sonny's Controls", qa248: two rivals "in 5 interviews" each)
    known = {spelled.casefold() for spelled in spellings}
    for name in known:
        longer = {other for other in known if other.startswith((name + " ", name + "'s ", name + "’s "))}
        if len(name) >= 3 and len(longer) == 1:
            other = longer.pop()
            if all(word in _KINDS_OF_SOFTWARE for word in other[len(name) :].split()):
                # (the name and the kind of software it is, as a CRM's column writes it, is the name: "Travora ERP" of
                # the CRM and "Travora" of the interviews, qa323: a rival shown as an ERP)
                full.setdefault(other, name)
            else:
                full.setdefault(name, other)
    # ... and the product's own word after its maker's initials ("Patheon" of "DRB Patheon", "SuccessFactors" of "SAP
    # SuccessFactors", qa248), where one name ends so
    for name in known:
        makers = [
            spelled.casefold()
            for spelled in dict.fromkeys(spellings)
            if len(words := spelled.split()) == 2
            and words[0].isupper()
            and len(words[0]) >= 2
            and words[1].casefold() == name
        ]
        if len(name) >= 4 and len(set(makers)) == 1 and name not in _EDITION_WORDS:
            full.setdefault(name, makers[0])
    # ... and a word, written as a name, that ends one other name, and only one, after its maker's name
    # ("WinTeam" of "Team Software WinTeam", "Intacct" of "Sage Intacct", qa275: one rival counted twice, 14 + 4 of
    # 55 loss reasons), a word of English too ("Epic" of "Applied Epic", qa318; "Meld" of "Property Meld", qa275):
    # a name two rivals' names end with stays apart
    capitalised = {spelled.casefold() for spelled in spellings if spelled[:1].isupper()}
    for name in known & capitalised:
        ending = {other for other in known if other.endswith(" " + name) and len(other.split()) <= 3}
        if len(name) >= 4 and " " not in name and len(ending) == 1:
            full.setdefault(name, ending.pop())
    return {key: full[key] for key in dict.fromkeys(keys) if key in full and full[key] in keys}


# A CRM column naming the rival a deal was fought against ("Primary Competitor", "Competitor"), on any account, or
# the one that won it ("Competitor Chosen", qa193: the two rivals of 27 deals were missing; "Lost To", "Won By").
_COMPETITOR_COLUMN = re.compile(
    r"^((primary|main|chosen|winning) )?competitors?( faced| chosen| selected| won| name)?$|"
    r"^(lost to|won by|lost to competitor|chosen (vendor|solution|provider|product))$",
    re.IGNORECASE,
)


def names_products(column: str) -> bool:
    """Whether a CRM column's values are products, not kinds of customer: its rival ("Primary Competitor"), the
    system the account runs ("Current PMS") or ran before, or one it went to."""
    return bool(
        _COMPETITOR_COLUMN.match(unprefixed_header(column)[0])
        or _RUNS_A_SYSTEM.search(column)
        or _OF_A_RIVAL.search(column)
    )


def faced_names(accounts: Sequence[Account]) -> dict[str, tuple[str, set[str]]]:
    """Products a CRM column records as the competitor of an account, won or lost ("Primary Competitor:
    Bloomerang"), by lower-cased name: the name as most often spelled and the accounts."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    named: dict[str, set[str]] = defaultdict(set)
    for account in accounts:
        for column, value in account.extra.items():
            # with a CRM's object prefix too ("Deal - Competitor", qa74: Vantix, the competitor of 14 of 22 lost deals,
            # was not read as one)
            if _COMPETITOR_COLUMN.match(unprefixed_header(column)[0]):
                for name in filter(None, map(_clean, re.split(r"\s*[;,/]\s*", value.strip()))):
                    if name.casefold() not in _NO_RIVAL:
                        spellings[name.casefold()][name] += 1
                        named[name.casefold()].add(account.account_id)
    return {key: (spellings[key].most_common(1)[0][0], ids) for key, ids in named.items()}


_NO_RIVAL = frozenset({"n/a", "na", "unknown", "other", "no competitor", "no decision", "status quo"})


_NAMED_AFTER = re.compile(r"[:\u2013-]\s*((?:[A-Z][\w.&'’-]*\s?){1,3})$")


_WEIGHED_OPTION = re.compile(
    r"(?:considered|evaluated|looked at|demoed|demo'd|trialed|trialled|tried|compared)\s+(?=[A-Z0-9])",
    re.IGNORECASE,
)


def ticked_names(
    documents: Sequence[Document], known: Collection[str] = ()
) -> dict[str, tuple[str, set[str], str]]:
    """Products survey respondents ticked in a pick-list question about the options weighed, by lower-cased name:
    the name as most often spelled, the respondents (documents) that ticked it and the question most of them
    ticked it in. The product the survey is about, and options that name no product ("Other", "None"), are left
    out. Asked what they use alongside the product or instead of it, an option is weighed where it says so
    ("Vertix Field (we looked at it)") or names a rival ``known`` otherwise (lower-cased: said weighed, recorded
    in the CRM), else it is a tool used beside the product (qa164: Bluebeam and SkyMeasure were competitors)."""
    common = lowercase_words(d.text for d in documents)
    boxes = _write_in_boxes(documents, known)
    known = {*known, *_options_beside_rivals(documents, known)}
    return _tallied(
        (name.casefold(), name, document.doc_id, asked)
        for document in documents
        if document.kind == "survey_response"
        for question, value in document.metadata.items()
        for name, asked in (
            _written_in(value, common, known)
            if (document.source, question) in boxes
            else _ticks(question, value, common, known)
        )
    )


# The header of a pick list's box for an option written in, as Typeform exports it beside the options' columns
# ("Other", and "Other (column 12)" where the header names "Other" twice). Closed words of English.
_OTHER_BOX = re.compile(r"^\s*other\b(\s*\((column \d+|please specify)\))?\s*$", re.IGNORECASE)


def _write_in_boxes(documents: Sequence[Document], known: Collection[str]) -> set[tuple[str, str]]:
    """The (survey, column) of each "Other" box that follows the options of a question exported one column per option
    in which two or more options are rivals ``known`` (``_options_weighed``): most respondents who wrote in it and
    ticked an option before it ticked one of that question's (qa284: "CargoWise" and "Magaya", written by 8
    respondents in Typeform's "Other (column 12)" after Forwardix and Shiplane, were counted nowhere)."""
    weighed = {name.strip() for names in _options_weighed(documents, known) for name in names}
    votes: dict[tuple[str, str], Counter[bool]] = defaultdict(Counter)
    for document in documents:
        if document.kind != "survey_response":
            continue
        before = None
        for question, value in document.metadata.items():
            if _OTHER_BOX.match(question) and isinstance(value, str) and value.strip() != question.strip():
                if before is not None:
                    votes[(document.source, question)][before in weighed] += 1
            elif isinstance(value, str):
                before = question.strip() if value.strip() == question.strip() else None
    return {box for box, said in votes.items() if said[True] > said[False]}


def _written_in(value: object, common: Collection[str], known: Collection[str]) -> list[tuple[str, str]]:
    """The products written in an "Other" box of the options weighed (``_write_in_boxes``), each as ticked there."""
    if not isinstance(value, str):
        return []
    return [
        (name, _ONE_COLUMN_PER_OPTION)
        for option in (sentence for o in split_list(value) for sentence in _sentences(o))
        if not (
            _keeps_what_they_had(option) or _NO_PRODUCT_NAMED.match(option) or _a_course_of_action(option)
        )
        for name in _option_names(option, "", common, known)
    ]


def _tallied(ticks: Iterable[tuple[str, str, str, str]]) -> dict[str, tuple[str, set[str], str]]:
    """Ticks given as (key, spelling, respondent, question), by key: the spelling most often written, the respondents
    that ticked it and the question most of them ticked it in; keys in the order first ticked."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    ticked: dict[str, set[str]] = defaultdict(set)
    questions: dict[str, Counter[str]] = defaultdict(Counter)
    for key, spelled, respondent, asked in ticks:
        spellings[key][spelled] += 1
        ticked[key].add(respondent)
        questions[key][asked] += 1
    return {
        key: (spellings[key].most_common(1)[0][0], docs, questions[key].most_common(1)[0][0])
        for key, docs in ticked.items()
    }


def _question_of(header: str, option: str) -> str:
    """The question a pick list's column asks: its header, less the option a list exported one column per option
    names in it ("Which tools did you use before? - Deputy"); only that question can name the product asked about."""
    return header[: -len(option) - 3] if header.endswith(f" - {option}") else header


def status_quo_ticked(
    documents: Sequence[Document],
    outcomes: Mapping[str, str | None],
    rivals: Collection[str] = (),
    own: re.Pattern[str] | None = None,
) -> list[Criterion]:
    """The options of keeping what they had ("None - we were using paper / spreadsheets", "Staying on paper / Excel")
    that survey respondents ticked or wrote in, in a question about the options weighed, each ticked by MIN_SOURCES
    or more: the option most often weighed against the product is often doing nothing new (qa242: 20 of 56
    respondents, as many as ticked the main rival, were shown nowhere); most respondents first. A question exported
    one column per option with no words of its own is of the options weighed where two or more of its options are
    ``rivals`` (qa267: Typeform's "Nothing - we kept using spreadsheets and group texts", beside Toast and Truckit,
    ticked by 15 respondents, was shown nowhere). The product itself (``own``, its names) is no alternative (qa272:
    "Cragbook — ticked or written in by 70 survey respondents")."""
    beside_rivals = {name for names in _options_weighed(documents, rivals) for name in names}
    tally = _tallied(
        (
            " ".join(option.casefold().split()),
            option.strip(),
            document.doc_id,
            # (a pick list exported one column per option names it in its header: "... - None - we were using paper")
            re.sub(r"\s*-\s*(Selected Choice|Other.*)$", "", _question_of(question, option)).strip()
            if question not in beside_rivals
            else _ONE_COLUMN_PER_OPTION,
        )
        for document in documents
        if document.kind == "survey_response"
        for question, value in document.metadata.items()
        if isinstance(value, str)
        and (
            asks_for_options(question)
            or asks_what_was_used_before(question)
            or (question.strip() in beside_rivals and value.strip() == question.strip())
        )
        for option in (split_list(value) if question.strip() not in beside_rivals else [value])
        if _keeps_what_they_had(option)
        or _a_course_of_action(option)
        # (asked what they used before, every way ticked is one: "Paper appointment book" 31, "Square Appointments" 8,
        # qa264, qa268: the question every respondent answered was read nowhere)
        or (
            asks_what_was_used_before(question)
            and option.split()[0].casefold() not in _NOT_OPTIONS
            # (nor the box of a kind unnamed, "Another software (please specify)", qa281: listed as an alternative)
            and not _NO_PRODUCT_NAMED.match(option)
        )
    )
    account_of = {d.doc_id: d.account_id for d in documents}
    found = []
    for spelled, docs, question in sorted(tally.values(), key=lambda tick: -len(tick[1])):
        if len(docs) < MIN_SOURCES or (own is not None and own.fullmatch(spelled.strip(" .,;:!?"))):
            continue
        by_outcome = accounts_by_outcome({d: account_of.get(d) for d in docs}, outcomes)
        counted = outcomes_told(by_outcome)
        found.append(
            Criterion(
                attribute="alternative",
                value=spelled,
                reason=f"ticked or written in by {len(docs)} survey respondents in "
                + (f"'{question}'" if question else "a pick list beside the rivals")
                + (
                    " (what they used before)"
                    if asks_what_was_used_before(question)
                    else " (a way of working, no product named)"
                    if _a_course_of_action(spelled) and not _keeps_what_they_had(spelled)
                    else " (keeping what they had, no product)"
                )
                + (f"; their accounts: {counted}" if counted else ""),
                confidence="high" if len(docs) >= 5 else "medium" if len(docs) >= 3 else "low",
                by_outcome=dict(by_outcome),
            )
        )
    return found


# The words an option of keeping what they had opens with ("None - we were using paper", "Staying on paper / Excel",
# "Kept doing it by hand"), and the fillers before a way of doing it written in ("just excel"). Closed classes.
_KEPT = frozenset(
    ["none", "nothing", "stayed", "stay", "staying", "kept", "keep", "keeping", "continued", "remained"]
)
_FILLERS = re.compile(r"^(?:just|only|mostly|still|basically)\s+", re.IGNORECASE)
# ... but no option at all ("None of the above", "Nothing else"): closed phrases of English
_NO_OPTION = re.compile(
    r"^\s*(none|nothing)(\s+(of\s+(the\s+above|these|them|those)|else|really|at\s+all))?\W*$", re.IGNORECASE
)


# The words a spoken answer naming a way of doing the work opens with ("Honestly, a whiteboard and a lot of phone
# calls.", "Just paper sign-up sheets"), and the words of a clause, which tells something of it ("It was chaos").
# Closed classes of English.
_BEFORE_THE_WAY = re.compile(
    r"^(?:(?:honestly|well|so|um|uh|oh|yeah|just|only|mostly|mainly|still|basically|a lot of|lots of|a bunch of|"
    r"a mix of|a|an|the|our|my|some)\b[\s,]*)+",
    re.IGNORECASE,
)
_A_CLAUSE = re.compile(r"\b(i|we|it|they|he|she|that|this|there|you)\b|['’](s|re|d|ve|ll)\b", re.IGNORECASE)


def names_only_a_way(text: str) -> bool:
    """Whether a statement only names the way the work was done without a product of this kind ("Spreadsheets,
    mostly.", "Honestly, a whiteboard and a lot of phone calls."), telling nothing of it: no clause."""
    return not _A_CLAUSE.search(text) and bool(_STATUS_QUO.match(_BEFORE_THE_WAY.sub("", text.strip())))


# A survey question asking what was used, or how the work was done, before the product ("Before TailTrim, how did you
# book appointments? (check all that apply)", "What did you use before StowPilot?"). Closed words of English.
_BEFORE = re.compile(r"\b(before|previously|prior to)\b", re.IGNORECASE)
_HOW_OR_WHAT = re.compile(r"\b(how|what|which)\b", re.IGNORECASE)


def asks_what_was_used_before(question: str) -> bool:
    """Whether a survey question asks how the work was done, or what was used, before the product: not which options
    were looked at before choosing ("Which of these did you look at before choosing your current software?", qa272:
    every option ticked read as what they used before)."""
    return (
        bool(_BEFORE.search(question) and _HOW_OR_WHAT.search(question))
        and not _ASKS_FOR_REASONS.match(question)
        and not asks_for_options(question)
    )


# An option saying they weighed nothing but the product ("None - we only looked at PhysioLoop", qa282: "keeping what
# they had" ticked by 41, listed with Excel and paper as what they used before). Closed phrases of English.
_ONLY_US = re.compile(
    r"\bonly (looked at|considered|evaluated|trialled|trialed|demoed|spoke to|talked to|went with|ever used)\b|"
    r"\b(didn['’]?t|did not|never) (look|consider|evaluate|compare)\b",
    re.IGNORECASE,
)


def _keeps_what_they_had(option: str) -> bool:
    """Whether an option ticked or written in is keeping what they had: "None - paper", "Stayed with spreadsheets",
    "just excel" (not "None" alone, nor "Other")."""
    words = option.strip().casefold().split()
    if not words or _NO_OPTION.match(option) or _ONLY_US.search(option):
        return False
    if words[0].strip(",.-:") in _KEPT:
        return len(words) > 1
    return bool(_STATUS_QUO.match(_FILLERS.sub("", option.strip())))


def _a_course_of_action(option: str) -> bool:
    """Whether an option is a course of action or a kind of thing described, no product: a gerund, or an article or
    possessive, and then words no name capitalises ("Hiring more staff", qa284, and "The state's free EVV app",
    qa286: beside the rivals in a pick list, competitors at high confidence); an acronym is no name ("EVV")."""
    words = option.split()
    opens = words[0].casefold() if words else ""
    return (
        len(words) >= 2
        and (opens.endswith("ing") or opens in _DESCRIBED_BY)
        and words[0][:1].isalpha()
        and all(not w[:1].isupper() or w.strip(".,;:()'’s").isupper() for w in words[1:])
    )


_DESCRIBED_BY = frozenset(["the", "a", "an", "our", "their", "my", "your"])  # closed class of English


def _options_beside_rivals(documents: Sequence[Document], known: Collection[str]) -> set[str]:
    """The options, lower-cased, of a multiple-choice question exported one column per option (each column headed by
    its option and holding it where ticked, ``_ticks``) in which two or more options are rivals ``known`` by their
    name or its first words ("Acuity" of "Acuity Scheduling"): the question is of the options weighed, and each of
    its options is one (qa232: Calendly's 10 ticks beside AisleOne and Square Appointments were counted nowhere)."""
    return {
        n.casefold()
        for names in _options_weighed(documents, known)
        for n in names
        if n.split()[0].casefold() not in _NOT_OPTIONS and not _a_course_of_action(n)
    }


def _options_weighed(documents: Sequence[Document], known: Collection[str]) -> list[list[str]]:
    """The options of each multiple-choice question exported one column per option in which two or more options are
    rivals ``known`` (``_options_beside_rivals``), as their columns are headed. A question's columns are those a
    respondent's answers list one after another (no answer between them)."""
    columns: dict[str, set[str]] = defaultdict(set)  # each survey's one-column options (by file)
    beside: dict[str, str] = {}  # each option column to the first of its question's (union-find)

    def first(option: str) -> str:
        while beside.get(option, option) != option:
            option = beside[option]
        return option

    others: dict[str, set[str]] = defaultdict(set)  # columns that hold anything but their own header
    for document in documents:
        if document.kind != "survey_response":
            continue
        before = None
        for question, value in document.metadata.items():
            key = f"{document.source}\x00{question}"
            if isinstance(value, str) and value.strip() == question.strip():
                columns[document.source].add(key)
                beside.setdefault(key, key)
                if before is not None:
                    beside[first(key)] = first(before)
                before = key
            else:
                others[document.source].add(key)
                before = None
    options: dict[str, list[str]] = defaultdict(list)
    for source, keys in columns.items():
        for key in sorted(keys - others[source]):
            options[first(key)].append(key.split("\x00", 1)[1].strip())
    rivals = {name.casefold() for name in known}
    return [
        names
        for names in options.values()
        if sum(1 for n in names if n.casefold() in rivals or _begins_with_one(n.casefold(), rivals))
        >= MIN_SOURCES
    ]


def _begins_with_one(name: str, names: Collection[str]) -> bool:
    """Whether a lower-cased name opens with one of ``names`` as whole words ("acuity scheduling", "acuity")."""
    return any(name.startswith(other + " ") for other in names)


def _ticks(
    question: str, value: object, common: Collection[str], known: Collection[str]
) -> list[tuple[str, str]]:
    """The products one answer ticks as weighed (``ticked_names``), each with the question it was ticked in."""
    if not isinstance(value, str):
        return []
    if value.strip() == question.strip() and value.casefold() in known:
        # Typeform exports a multiple-choice question one column per option, headed by the option and holding it
        # where ticked, the question's words nowhere (qa236: Quore's 15 ticks, qa232: AisleOne's 12, were never
        # counted): a tick of a rival named otherwise is of an option weighed
        return [(value.strip(), _ONE_COLUMN_PER_OPTION)]
    if not asks_for_options(question):
        return []
    found = []
    # the options ticked ("LaunchDarkly,Unleash"), as a tech stack's, and each sentence of one written out
    # ("QuickBooks. Considered FieldNest", qa214: FieldNest ticked by 4 respondents of 13)
    for option in (sentence for o in split_list(value) for sentence in _sentences(o)):
        asked = _question_of(question, option)
        found += [
            (name, re.sub(r"\s*-\s*$", "", asked).strip())
            for name in _option_names(option, asked, common, known)
        ]
    return found


# Options that name no product: none, other, and keeping what they had ("Stayed with spreadsheets / paper", qa233:
# "Stayed" a competitor). Closed classes of English.
_NOT_OPTIONS = _KEPT | {"other", "n/a", "na", "no", "not", "stuck", "continue"}
# The question of an option ticked in a column of its own: its words are not exported
_ONE_COLUMN_PER_OPTION = ""


def _sentences(option: str) -> list[str]:
    """The sentences of an option written out, as a statement's are cut (``sentence_spans``), without their stops."""
    spans = sentence_spans(option, 0, len(option), min_words=1)
    return [cut for a, b in spans if (cut := option[a:b].strip().rstrip(".!?").strip())]


def _option_names(option: str, asked: str, common: Collection[str], known: Collection[str]) -> list[str]:
    """The products an option ticked or written names as weighed: its leading name ("Kestrel at the high school",
    "TitanDesk (too expensive)": qa40, qa41, one rival read as three; words with no name are no product), after
    the verb of weighing it may open with ("Considered Allegro Retail", qa198); else the names it tells weighed
    ("we almost went with ShopGlaze", qa214). Asked what they use alongside the product or instead of it, a
    leading name is weighed where the option says so or names a rival ``known``."""
    weighed = _WEIGHED_OPTION.match(option.strip())
    said = option.strip()[weighed.end() :] if weighed else option.strip()
    leading = re.match(_NAME, said)
    name = _clean(leading.group(1)) if leading else None
    if (
        name
        and name.split()[0].casefold() not in _NOT_OPTIONS
        and not name_pattern(name).search(asked)
        # (not a written answer's first word, "Looked at RouteCore…", nor an English word, qa72)
        and not (name.casefold() in common and said != name)
        and not (
            asks_also_for_neighbours(asked) and not (weighed or weighs(option) or name.casefold() in known)
        )
    ):
        return [name]
    return [
        n
        for n in competitor_names(option)
        if n.split()[0].casefold() not in _NOT_OPTIONS and not name_pattern(n).search(asked)
    ]


def name_pattern(name: str) -> re.Pattern[str]:
    """The name as a whole word in any case, not inside another ("Drata" not in "Dratasoft" nor "go.drata"): how a
    question is found to name the product it is about ("...before choosing ShipLog?")."""
    return re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])", re.IGNORECASE)


def weighed_names(units: Sequence[Unit]) -> list[tuple[str, list[int]]]:
    """Each product customers say they weighed (the product they are about left out), as most often spelled, with
    the rows of the statements naming it; most distinct sources first."""
    rows: dict[str, list[int]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for row, unit in enumerate(units):
        for name in competitor_names(unit.text, unit.question):
            key = name.casefold()
            spellings[key][name] += 1
            rows[key].append(row)
    sources = {key: len({units[r].doc_id for r in found}) for key, found in rows.items()}
    # (and the product's own line, named by its first word: "having to switch to Clueboard Pay", the vendor's payments,
    # qa206: a rival "in 10 interviews")
    firsts = {key.split()[0] for key in rows if len(key.split()) > 1}
    own = _own_products([*rows, *sorted(firsts - set(rows))], units)
    common = lowercase_words(unit.text for unit in units)
    return [
        (spellings[key].most_common(1)[0][0], found)
        for key, found in sorted(rows.items(), key=lambda item: (-sources[item[0]], item[0]))
        if key not in own and key.split()[0] not in own and key not in common
    ]


# A verb of choosing between options, said of a name ("We almost went with the Crescendo cloud upgrade"): what the
# customers run is still a rival where they say they chose it, or nearly did, over the product (the incumbent's own
# upgrade). Not a move ("we moved to NetSuite" is a migration, a trigger). Closed phrases of English.
_CHOSE_IT = (
    r"\b(?:almost |nearly )?(?:went with|go with|going with|chose|choose|picked|stayed with|stuck with|went back to|"
    r"signed with|ended up with|upgrad(?:e|ed|ing) to)\s+(?:the |their |a )?"
)


def _chosen_as_option(key: str, units: Sequence[Unit]) -> bool:
    """Whether MIN_SOURCES or more sources say they chose the named product, or nearly did (``_CHOSE_IT``)."""
    chosen = re.compile(_CHOSE_IT + rf"{re.escape(key)}(?![\w-])", re.IGNORECASE)
    return len({u.doc_id for u in units if chosen.search(u.text)}) >= MIN_SOURCES


def _what_customers_have(accounts: Sequence[Account]) -> set[str]:
    """What the CRM records the customers having, never rivals: every value of a column that records a system the
    account runs ("Accounting Software", "EMR", "ELD Provider"), beyond the one read as its tech stack (qa110:
    QuickBooks Online, qa111: the ELD partner, qa113: the customers' EMRs were the competitors named most), and any
    value two or more accounts share in another column (qa117: where they sell, "Sales Channels: Amazon"). Not a
    column of the vendor's rivals ("Competitor", "Previous vendor", "Moved To") or of reasons. A cell of several
    values names each."""
    systems: set[str] = set()
    held_by: dict[tuple[str, str], set[str]] = defaultdict(set)  # (column, value) -> the accounts it records
    for account in accounts:
        for column, value in account.extra.items():
            if _OF_A_RIVAL.search(column) or records_a_reason(column):
                continue
            # each one ticked ("QuickBooks Online; Bill.com"), as a tech stack's
            for item in split_list(value):
                if _RUNS_A_SYSTEM.search(column):
                    systems.update(_system_names(item))
                held_by[(column, item.casefold())].add(account.account_id)
    # (qa117: "Sales Channels: Amazon; Shopify", the strongest ICP trait, was a competitor "weighed in 7")
    return systems | {item for (_, item), held in held_by.items() if len(held) >= MIN_SOURCES}


def _initials(system: str) -> set[str]:
    """The initials a system's name is written as ("QBO" of "QuickBooks Online", qa153: the customers' accounting
    system, said so, was a rival with high confidence), where it has three capitals or more."""
    capitals = "".join(re.findall(r"[A-Z]", system))
    return {capitals.casefold()} if len(capitals) >= 3 and len(system.split()) >= 2 else set()


def _short_names(system: str) -> set[str]:
    """The names a system of two words goes by alone: its maker's and its own ("NCR Radiant": "radiant", qa135: the
    customers' POS, said as "Radiant", was a competitor), not a word any product's name carries ("Online", "Cloud")."""
    words = system.split()
    if len(words) != 2:
        return set()
    return {
        w.casefold() for w in words if len(w) >= 4 and w[:1].isupper() and w.casefold() not in _EDITION_WORDS
    }


def _system_names(system: str) -> set[str]:
    """The names a system the customers run goes by: its whole name, its short names, its initials and its maker's
    name, the first word of a longer name, in capitals too ("ADP" of "ADP Workforce Now", qa161: the customers'
    payroll, said as "ADP", was the competitor named most). (A rival's acronym is no name of its own: "DOT
    consultant", "CPA firm".)"""
    words = system.split()
    maker = words[0] if len(words) >= 2 else ""
    named = (len(maker) >= 4 and maker[:1].isupper()) or (
        len(maker) >= 3 and maker.isupper() and maker.isalpha()
    )
    # (a system described in words of English, "Resort ticketing module", has no maker: qa266, its "Resort" read "Went
    # with resort platform (Alpinist POS)" as naming it, a rival "recorded" for 8 accounts)
    described = all(w.islower() for w in words[1:]) and maker.casefold() in vocabulary_words()
    makers = (
        {maker.casefold()} if named and not described and maker.casefold() not in _EDITION_WORDS else set()
    )
    return {system.casefold()} | _short_names(system) | _initials(system) | makers


# Words of a product's edition, not its name ("QuickBooks Online", "Cephalo Cloud", "ArchWire Hosted")
_EDITION_WORDS = frozenset(
    ["online", "cloud", "hosted", "desktop", "enterprise", "pro", "plus", "premium", "suite", "software", "system",
     "systems", "manager", "express", "standard", "edition", "server", "mobile", "business", "practice"]
)  # fmt: skip


# Closed classes of what a CRM calls the systems an account runs, and what it calls its rivals.
_RUNS_A_SYSTEM = re.compile(
    r"\b(system|software|platform|stack|erp|crm|emr|ehr|pms|pos|eld|tms|wms|lms|accounting|payroll|telematics|"
    r"technolog\w*)\b",
    re.IGNORECASE,
)
_OF_A_RIVAL = re.compile(
    r"\b(competitors?|competition|incumbent|previous|prior|former|replac\w*|lost to|chose|alternative|switched|"
    # where a customer went, and what it used before buying ("Moved To" in a churn list, qa118)
    r"moved to|went to|churned to|new vendor|won by|winner|current (solution|vendor|provider|tool)|"
    r"existing (solution|vendor|provider|tool))\b",
    re.IGNORECASE,
)


def _named_in_interviews(
    said: dict[str, tuple[str, dict[str, Evidence]]], units: Sequence[Unit], recorded: Sequence[str]
) -> None:
    """A rival known (said to be weighed somewhere, or the CRM's competitor or reason) counts in every interview
    whose customer names it, whatever the verb: "Procura does general healthcare procurement, so one system",
    from the deal lost to Procura (qa106: that interview was not counted; qa100, qa101 likewise)."""
    known = {key: name for key, (name, _) in said.items()} | {name.casefold(): name for name in recorded}
    common = lowercase_words(unit.text for unit in units)
    # (a word two known names share is neither's short name: "Health" of "Prompt Health" and "Net Health", qa261)
    shared = Counter(w for name in known.values() for w in _short_names(name))
    for key, name in known.items():
        # ... and by the coined word of a recorded two-word name ("FreshHaul" of "FreshHaul Routes", qa151: the rival
        # a deal was lost to counted in one interview of four), not a word the customers write as a word ("Routes")
        # and not a maker's name said of its other products too ("Google" of "Google Forms" beside "Google Sheets")
        shorts = [
            w
            for w in sorted(_short_names(name) - common - set(known))
            if shared[w] == 1 and not _makes_others(w, name, units)
        ]
        # (nor the maker's word before a thing it sells: "the Square reader at the front desk" is no "Square
        # Appointments", qa251), written as a name is, capitalised ("once IT says no in a health system", qa261)
        spelled = "|".join(
            [
                re.escape(name),
                *(
                    f"(?-i:{re.escape(w[:1].upper())})(?i:{re.escape(w[1:])})"
                    + r"(?![\w-])(?!\s+(?-i:[A-Z]))"
                    + _MAKERS_THING
                    for w in shorts
                ),
            ]
        )
        named = re.compile(rf"(?<![\w-])(?:{spelled})(?![\w-])", re.IGNORECASE)
        for unit in units:
            if unit.kind == "interview" and named.search(unit.text):
                entry = said.setdefault(key, (name, {}))
                entry[1].setdefault(unit.doc_id, unit.evidence())


_MAKERS_THING = (
    r"(?!\s+(?:card |chip |tap )?(?:readers?|terminals?|cards?|invoices?|registers?|hardware|devices?|machines?|"
    r"payments?|pos|stand|kiosks?|printers?|scanners?)\b)"
)


def _makes_others(word: str, name: str, units: Sequence[Unit]) -> bool:
    """Whether the word of a two-word name is said before another capitalised word than the name's own: a maker
    of several products ("Google Sheets", "Google Drive" beside "Google Forms"), no short form of one."""
    other = re.compile(rf"(?<![\w-])(?i:{re.escape(word)})\s+([A-Z][\w-]*)")
    own = {w.casefold() for w in name.split()}
    return any(m.group(1).casefold() not in own for unit in units for m in other.finditer(unit.text))


def lowercase_words(texts: Iterable[str]) -> set[str]:
    """The words these texts write in lower case inside a sentence more often than capitalised there: English
    words, not names, which are written capitalised wherever they fall (a respondent typing "routecore" once does
    not make RouteCore a word). An answer's capitalised first word is no name when the same word is written so
    elsewhere (qa72: "Looked at RouteCore…" and "Still on paper…" made "Looked" and "Still" competitors)."""
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        for m in re.finditer(r"(?<![.!?:;\n])\s([A-Za-z][A-Za-z'’-]+)\b", text):
            word = m.group(1)
            (lower if word.islower() else capitalised)[word.casefold()] += 1
    return {word for word, n in lower.items() if n > capitalised[word]}


def competitor_names(text: str, question: str | None = None) -> list[str]:
    """Product names a sentence says were weighed, in order: 'We almost went with Bill.com' -> ['Bill.com'];
    answering a question about the options weighed, the names it lists too: 'Vanta and Drata' -> both."""
    names = []
    # (not where it asks for the tools used alongside too: "Besides Vowline, what other tools do you use? Did you
    # consider any other venue software?" "QuickBooks, Canva, Instagram", qa221: QuickBooks the rival named most)
    if question and asks_for_options(question) and not asks_also_for_neighbours(question):
        names += [
            n
            for n in map(_clean, (m.group(1) for m in _LISTED.finditer(text) if not _among_features(text, m)))
            if n
        ]
    for asked in _ASKED_OF_THE_CHOSEN.finditer(question or ""):
        chosen = _clean(asked.group(1) or asked.group(2))
        if chosen and re.search(rf"\b{re.escape(chosen)}\b", text):
            names.append(chosen)
    for match in _MENTION.finditer(text):
        if _PART_OF_IT.match(text, match.end()):
            continue  # "evaluated the Salesforce side": a part of a tool they keep, not a rival (qa27)
        after_the = text[max(0, match.start(1) - 4) : match.start(1)].casefold() == "the "
        if after_the and _is_a_title(re.sub(r"(’s|'s)$", "", match.group(1))):
            continue  # a person's title after "the" ("over the City Manager's signing limit")
        found = [match.group(1)]
        end = match.end()
        while more := _MORE.match(text[end:]):  # "We demoed BlackLine and Tipalti"
            found.append(more.group(1))
            end += more.end()
        names += [n for n in map(_clean, found) if n and not _a_grade(n, text)]
    return list(dict.fromkeys(names))


_LOWERCASE_ITEM = re.compile(r"\s*(?:and |or )?[a-z][a-z'’-]*(?: [a-z][a-z'’-]*){0,2}\s*")


def _among_features(text: str, listed: re.Match[str]) -> bool:
    """Whether a listed name stands between two items in lower case: a list of what something does ("Enterprise
    contract, clinical, hospice, scheduling, EVV, billing.", qa253: EVV, the product's category, was a rival named in
    12 interviews), not of the options weighed ("Vanta, Drata and a spreadsheet")."""
    head = text[: listed.start(1)].rstrip()
    before = re.split(r"[,.;:!?]", head.removesuffix(",").removesuffix(" and"))
    after = re.split(r"[.;:!?]", text[listed.end(1) :], maxsplit=1)[0].split(",")
    return (
        head.endswith((",", " and"))
        and len(after) > 1
        and bool(_LOWERCASE_ITEM.fullmatch(before[-1]))
        and bool(_LOWERCASE_ITEM.fullmatch(after[1]))
    )


def _a_grade(name: str, text: str) -> bool:
    """Whether a name is one of several numbered grades the statement tells apart ("It knows what a Level 1 vs Level 2
    is", qa219: "Level 2", a chimney inspection's grade, was a rival named in 7 answers), not a product."""
    graded = re.fullmatch(r"(\w+) (\d{1,2})", name)
    if not graded:
        return False
    return any(other != graded[2] for other in re.findall(rf"\b{re.escape(graded[1])} (\d{{1,2}})\b", text))


# A name followed by a part of it ("the Salesforce side", "the NetSuite integration", "the HubSpot connector") is the
# tool being connected to, not one weighed against the product. Closed words of software, not fitted to data.
_PART_OF_IT = re.compile(
    r"\s+(side|integration|integrations|sync|connector|connectors|plugin|plug-in|api|apis|instance|admin|data|"
    r"reports?|module|app|fields?|objects?|setup)\b",
    re.IGNORECASE,
)


def _clean(name: str) -> str | None:
    name = re.sub(r"(’s|'s)$", "", name).rstrip(".'’")
    name = re.sub(
        r"^(?:and|or|but|plus|also|then)\s+", "", name, flags=re.IGNORECASE
    )  # "And Proofpoint, because..."
    # a sentence run on without its full stop ("compared to ParkLogix Also your team was great", qa150: the summary's
    # rival was "ParkLogix Also")
    name = re.sub(
        r"\s+(?:Also|And|But|So|Then|Plus|However|Honestly|The|We|They|Our|It|This|That|You|Your)$", "", name
    )
    first = name.split()[0].casefold() if name.split() else ""
    first = re.sub(r"['’](d|m|ve|ll|s|re)$", "", first)  # "than I'd like" (qa110, qa113: "I'd" a competitor)
    # a name that opens with a title is a person ("CFO", "Procurement team"); one that ends with a word of a title is a
    # product's ("Workday Procurement", qa58: the CRM's competitor of 11 lost deals, nowhere on the page)
    # (nor is an organisation's IT department: "Hospital IT and compliance would not approve a cloud system",
    # qa321: "Hospital IT" a rival of two lost deals; "Corporate IT", "County IT")
    if (
        first in _NOT_NAMES
        or _opens_with_a_title(name)
        or len(name) < 3
        or name.casefold() in _KINDS_OF_SOFTWARE
        or re.fullmatch(r"\w+(?: \w+)? IT", name)
    ):
        return None
    return name


def _opens_with_a_title(name: str) -> bool:
    return any(start == 0 for start, _, _ in title_spans(name))


def _is_a_title(name: str) -> bool:
    """Whether the name is all of a title the list does not know, as "our …" would name one ("over the City
    Manager's signing limit", qa150: "City Manager" was a rival weighed in two interviews)."""
    said = f"our {name}"
    return any(start == 4 and end == len(said) for start, end, _ in title_spans(said))


# What kind of software a product is, said as a short form ("Went with ERP vendor webstore"): no product's name
# (qa32: "ERP" was a competitor of 8 lost deals). Closed words of the trade, not fitted to data.
_KINDS_OF_SOFTWARE = frozenset(
    ["erp", "crm", "wms", "tms", "hris", "hcm", "ats", "lms", "cms", "pos", "ehr", "emr", "pms", "ctms", "qms",
     "mes", "cmms", "eam", "plm", "scm", "p2p", "saas", "api", "edi", "bi", "mrp", "psa", "cpq", "esp", "ecm",
     "dms", "lims", "eln", "rms", "fsm"]
)  # fmt: skip


def _own_products(keys: Sequence[str], units: Sequence[Unit]) -> set[str]:
    """The product the interviews and survey are about, among the names customers said: a name a survey question
    asks about, or the one the interviewers' questions name in the most interviews, when that is more than
    OWN_PRODUCT_SHARE of them. Where no interview has questions, the name said in the most, by the same share.
    Interviewers may ask about the main competitor in many interviews too ("Did you look at KnowBe4?"), but
    less often than about their own product."""
    naming = {key: name_pattern(key) for key in keys}
    survey_questions = {u.question for u in units if u.kind == "survey_response" and u.question}
    own = {key for key in keys if any(naming[key].search(q) for q in survey_questions)}
    interviews = {u.doc_id for u in units if u.kind == "interview"}
    if len(interviews) < 4:
        return own
    asked = [(u.doc_id, u.question) for u in units if u.doc_id in interviews and u.question]
    read = asked or [(u.doc_id, u.text) for u in units if u.doc_id in interviews]
    texts: dict[str, list[str]] = defaultdict(list)
    for doc, text in read:
        texts[doc].append(text or "")
    reach = {
        key: sum(1 for said in texts.values() if any(naming[key].search(t) for t in said)) for key in keys
    }
    most = max(reach.values(), default=0)
    # customers name their main competitor in most interviews too; the interviewers name their own product most
    return own | {k for k, n in reach.items() if n == most and n > OWN_PRODUCT_SHARE * len(interviews)}
