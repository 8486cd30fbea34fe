"""Outcome signals: how far an attribute value separates won/active customers from churned or lost ones.

One view only: good = won or active, bad = churned or lost, unknown outcomes left out. A retention-only
view (active vs churned among customers) is not computed here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from statistics import NormalDist
from typing import TypeVar

from scipy.stats import fisher_exact

from ..ingest.columns import ACCOUNT_FIELDS, normalise_header
from ..models import Confidence, Signal, Theme
from ..records import Account

T = TypeVar("T")

GOOD_OUTCOMES = frozenset({"won", "active"})
BAD_OUTCOMES = frozenset({"churned", "lost"})

_KNOWN_HEADERS = frozenset(h for synonyms in ACCOUNT_FIELDS.values() for h in synonyms)
# A column named as one of the account's categories (industry, region, tech stack) that another column was read
# as is a category of its own, compared as any other: HubSpot's "Operation Type" (co-op, elevator, feed mill) beside
# its "Industry" (qa234: the column that best told won from lost was silently never compared). A column named as a
# count or an identity (a second "Employees" that could not be read as a number) is left to that field.
_LEFT_TO_ITS_FIELD = frozenset(
    h
    for field, synonyms in ACCOUNT_FIELDS.items()
    if field not in ("industry", "region", "tech_stack")
    for h in synonyms
)
_MAX_CATEGORY_WORDS = 4.0  # longer values are notes or free text, not categories
# a word of a value, its hyphens and apostrophes inside it; "+" and "&" are none ("Self-serve + WDF + pickup &
# delivery" is four words, qa204: counted as seven, the column was no category and silently never compared)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_MAX_NUMERIC_CATEGORIES = 10  # a numeric column with more distinct values is a measure, not a code
# ... unless its name says it counts ("Number of clinics", "Location count", "# of trucks"): a count with a few
# values is still a measure, cut into bands (qa39: clinics 1-15 in ten values compared one by one, 5-12 unscored)
_COUNT_HEADER = re.compile(
    r"\b(number|no|num|count|total) of\b|\bcount\b|#|\bhow many\b"
    # ... or is a plural noun, as a column of counts is named ("Campuses", "Branches", "Locations": qa90, campuses
    # 1-5 compared value by value, "Campuses: 2" a criterion and a 5-campus lead given nothing); not "Status"
    r"|[a-z][^\Wsui_]s\s*$",
    re.IGNORECASE,
)
_MIN_COUNTED_VALUES = 2  # more distinct values than this: a count column with two values is a yes/no
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}.*|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}.*")
_NUMBER = re.compile(r"-?[\d,]*\.?\d+%?")
_Z95 = 1.959964  # two-sided 95% normal quantile, for the Wilson interval
# A value's rate is shrunk toward the base rate as if PRIOR_ACCOUNTS more accounts had the base rate (a Beta
# prior): a value seen on 10 accounts keeps half of its observed difference, one on 90 keeps nine tenths.
# Chosen a priori (not fitted): the same 10 as MIN_CRITERION_N.
PRIOR_ACCOUNTS = 10.0
# Fewer accounts than this and a value is no ICP criterion (firmographic, technographic or theme, positive or
# anti-ICP) and is not in the summary, and its confidence is "low" whatever its lift: at n < 10 the 95% Wilson
# interval of a rate is wider than ±25 points whatever the rate, so a value cannot be told from the base rate
# except at the extremes (0/n or n/n), and those extremes are what small n gives. "high" needs three times as
# many (n >= 30, interval about ±15 points). Both set a priori, not fitted to any data set.
MIN_CRITERION_N = 10
MIN_LIFT = 1.2  # a value whose lift, shrunk by n, is this far from 1 (either way) is a signal
HIGH_CONFIDENCE_N = 3 * MIN_CRITERION_N
# Themes whose facet is defined by the outcome (why they left, why we lost, what customers got after buying) are
# raised by bad or good accounts by construction: their lift restates the facet, so they are never a signal.
# a theme's base rate: the accounts whose people told something under its heading, asked as its sources were
HEARD_FROM = "of the accounts heard under its heading"
_OUTCOME_DEFINED = frozenset({"churn_reason", "loss_reason", "outcome"})
# CRM columns that name a person or a record (the seller, the owner, an email, a record id) describe how the
# deal was handled, not the customer: listed in the signals, never an ICP criterion or rubric rule by default.
_PERSON_OR_ID = re.compile(
    r"\b(sell(er|ers)|owner|reps?|sales ?(person|rep|man|woman)|account (manager|executive|owner)|agent|"
    r"assign(ed|ee)|created by|modified by|creator|consultant|sdr|bdr|csm|contact (name|person|email)|user ?name|"
    # when to reach a person ("Preferred Call Time") is about the contact, not the account
    r"(preferred|best) (call |contact )?(time|day)|"
    r"(record|row|account|customer|client|deal|opportunity|opp|lead|contact|user|crm|mql|sql) ?(id|number|no|#))\b"
    # an address or number is the column's head noun ("Work email", "Phone number"), not the first word of a
    # compound naming something else ("Email Platform", "Phone system": a category of the account)
    r"|\b(e-?mail|phone)( address| number| no)?$"
    # the deal's contact ("Person - Name", "Deal - Contact", "First name": qa33's "Omar Haddad +5.1") and the
    # seller's team ("HubSpot Team", "Sales team": qa31)
    r"|\b(person|contact)\W+(name|e-?mail|phone)\b|\b(first|last|full) name\b|\bdeal\W+contact$|^contact$"
    r"|^((hubspot|sales|selling|account|owner'?s?)\s+)?team$"
    r"|^(id|uuid|guid|key|ae|am)$",
    re.IGNORECASE,
)


def counts_people(column: str) -> bool:
    """Whether a column of numbers counts the account's people of a kind ("Field Reps: 24", "Number of agents"):
    the size of its team, a measure, though its words name the kind of person a seller's column names (qa227: the
    strongest predictor, 10-60 field reps, was set aside as a person column)."""
    return bool(_COUNT_OF_PEOPLE.search(column.replace("_", " ")))


_COUNT_OF_PEOPLE = re.compile(
    r"\b(number|no\.?|count|total) of\b|#\s*of\b|\b(reps|agents|consultants|sellers|salespeople|csms|sdrs|bdrs)\s*$|"
    r"\b(reps?|agents?|consultants?|sellers?) (count|headcount)\s*$",
    re.IGNORECASE,
)


# CRM columns that say how the lead reached the vendor (lead source, campaign, source channel, UTM tags, "how did you
# hear about us") describe the vendor's marketing, not the customer; a street address, city or postal code is a
# place too fine to be a market (region, state and country stay traits). Listed in the signals, never an ICP
# criterion or rubric rule by default (qa45, qa47, qa49: a lead source drawn at random passed the chi-square test by
# chance and became the profile's only "Avoid" line and the rubric's largest weight; a city column scored points).
_CHANNEL_OR_ADDRESS = re.compile(
    # (Salesforce's "Account Source", qa102: a rubric rule)
    r"\b((lead|deal|contact|account|company|organi[sz]ation|original|latest|first|last|marketing|traffic|referral|"
    r"acquisition|inbound) ?source|"
    r"source ?(channel|type|detail|drill.?down)|(source|lead|marketing|acquisition|sales|deal|inbound) ?channel|"
    r"campaign|utm|referr(al|er|ed ?by)|how (did )?you hear|heard about us|"
    # (not an address's state, county or country, a market: "Organization - Address - State/county", qa235)
    r"(street|postal|mailing|billing|shipping)? ?address(?!\W+(state|county|province|region|country)\b)|street|"
    r"city|town|zip( ?code)?|post ?code|postal ?code)\b"
    # (a bare "Source", or Pipedrive's "Deal - Source", qa155: +3.5 or -7.0 points by where the lead came from)
    r"|(?:^|-\s*)source$",
    re.IGNORECASE,
)

# A CRM column recording why a deal was lost or an account left ("Closed Lost Reason", "Deal - Lost reason",
# "Churn Reason"): its values are listed under the reasons customers gave (profile.recorded_reasons).
_RECORDED_REASON = re.compile(
    r"\b((closed )?(lost|loss|churn|cancell?ation) reasons?|reasons? (lost|for (loss|losing|churn|cancell?ation|leaving)))\b",
    re.IGNORECASE,
)
# CRM columns that say what the account bought from us (its plan, tier, seats, contract value), how far its deal
# went (stage, probability, forecast category, close date) or a reason recorded with its outcome ("Closed Lost
# Reason", "Win reason") follow from the outcome rather than describe the customer:
# a prospect has neither, so they are listed in the signals, never an ICP criterion or rubric rule.
_BOUGHT_OR_WON = re.compile(
    # (a kind of licence is the customer's, a state permit: "License type: Vertically integrated", qa83)
    # (not the customer's own programme: "Subscription program: No", a theater's season tickets, qa240)
    r"\b(plan|tier|subscription(?!s? (program|programme|model|business|box)s?\b)|package|edition|licen[cs]es?(?! (type|class|category|kind)s?\b)|seats?|mrr|arr|acv|"
    r"tcv|contract (value|length|term)|"
    # the currency the deal was priced in (Pipedrive's "Deal - Currency of value", qa122: "GBP -4.1" a scoring rule)
    r"currency( of (value|amount|deal))?|"
    r"deal (value|size|amount)|amount|discount|billing (plan|cycle|frequency)|(closed )?(win|won) reasons?|"
    # (not the stage the company itself is at: "Commercial Stage: Launch (0-2 yrs)", "Funding stage", qa227)
    r"probability|forecast( category)?|(deal |opportunity |sales )?"
    r"(?<!commercial )(?<!company )(?<!business )(?<!growth )(?<!funding )(?<!development )(?<!clinical )"
    r"(?<!maturity )(?<!startup )(?<!product )stage|next steps?|close date|expected revenue|"
    # whom the deal was fought against is recorded while it is sold ("Primary Competitor"): no lead has it yet
    r"(primary |main )?competitors?( faced)?|"
    # where the seller stands with the account ("Lead Status: Connected", "Lifecycle Stage", "Pipeline") and
    # when the deal closed ("Fiscal Period: 2025-Q3") record the sale, not the customer
    r"lead status|lifecycle( stage)?|pipeline|(fiscal|close|closing) (period|quarter|month|year)|"
    # how much the seller did on the deal ("Notes count", "Done activities", "Emails sent") grows as it is won,
    # and the seller's own label on it ("Deal - Label: Hot")
    r"(notes?|activities|activity|e-?mails?|calls?|meetings?|tasks?|touch(es|points)?) (count|sent|logged|completed|done)|"
    r"number of (notes|activities|e-?mails|calls|meetings|touches|sales activities)|"
    # (Pipedrive's "Deal - Total activities", "Activities to do", "Email messages count", qa235: "Total activities up
    # to 15" was the second best-fit trait)
    r"(done|open|completed|total|planned|undone) activities|activities to do|(e-?mail )?messages count|"
    # the people the CRM holds for the account grow as it is sold to (qa25: "Number of Associated Contacts" scored)
    r"(number of )?associated contacts|number of contacts|organi[sz]ation\W+people|"
    r"deal\W+labels?|"
    # and the seller's grade of it (Salesforce's "Rating": Hot, Warm, Cold, qa242: a scoring rule every lead missed)
    r"^((account|lead|deal|opportunity|prospect|sales)\s+)?rating$|(lead|deal|opportunity) (score|grade)|"
    # what the account's deals came to: HubSpot's "Total Revenue" (its closed-won deals summed), "Recent Deal
    # Amount", "Days to Close"; Pipedrive's "Won deals", "Lost deals" and "Weighted value" (value × probability)
    r"total revenue|recent deal (amount|close date)|days to close|first deal created( date)?|"
    r"(won|lost|open|closed) deals?( count| value| amount)?|number of (associated )?deals|weighted (value|amount))\b",
    re.IGNORECASE,
)

_EMPLOYEE_BANDS: tuple[tuple[int, str], ...] = (
    (50, "1-49"),
    (200, "50-199"),
    (1_000, "200-999"),
    (5_000, "1,000-4,999"),
)
# Every headcount band employee_band names, smallest first: what a lead file or a filter may give as it is.
EMPLOYEE_BAND_LABELS: tuple[str, ...] = (*(band for _, band in _EMPLOYEE_BANDS), "5,000+")
_REVENUE_BANDS: tuple[tuple[float, str], ...] = (
    (10e6, "<$10M"),
    (50e6, "$10M-$50M"),
    (250e6, "$50M-$250M"),
    (1e9, "$250M-$1B"),
)


def employee_band(count: int) -> str:
    """The headcount band of an employee count, e.g. 120 -> '50-199'."""
    if count < 0:
        raise ValueError(f"employee count cannot be negative: {count}")
    return next((band for upper, band in _EMPLOYEE_BANDS if count < upper), EMPLOYEE_BAND_LABELS[-1])


def revenue_band(amount: float) -> str:
    """The revenue band of an annual revenue in dollars, e.g. 42e6 -> '$10M-$50M'."""
    if amount < 0 or math.isnan(amount):
        raise ValueError(f"revenue must be a non-negative number: {amount}")
    return next((band for upper, band in _REVENUE_BANDS if amount < upper), "$1B+")


def wilson_interval(good: int, n: int, *, z: float = _Z95) -> tuple[float, float]:
    """The Wilson score interval (95% by default) for a proportion good/n."""
    if n <= 0:
        return (0.0, 1.0)
    p = good / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def firmographic_signals(
    accounts: Sequence[Account], *, min_n: int = 5, people_as_traits: bool = False
) -> list[Signal]:
    """Signals for industry, employee and revenue band, region and each tech-stack item, by lift.

    One view: won/active against churned/lost, with unknown outcomes left out of every count (there
    is no separate retention view of active against churned). Text values are grouped ignoring case
    and surrounding space and shown in their most common spelling; an account counts once per
    tech-stack item.
    Accounts without (or with a negative) head count or revenue are left out of that attribute only.
    Other CRM columns that hold categories (see `categorical_columns`) are compared the same way, under
    their column name, e.g. 'Lead source' or 'Up_sale'. Columns that name a person or a record (seller,
    owner, email, record id) are listed with ``trait=False`` unless ``people_as_traits``; so are columns that
    follow from the sale (plan, tier, seats, contract value, a lost reason).
    """
    known = [a for a in accounts if a.outcome is not None]
    total_good = sum(a.outcome in GOOD_OUTCOMES for a in known)
    base_rate = total_good / len(known) if known else 0.0
    signals: list[Signal] = []
    groups = value_groups(known)
    standing = sale_standing_columns(groups)
    filled_after = {c for c in {a for a, _, _, _ in groups} if filled_by_the_outcome(known, c)}
    counted = {c for c in measure_bands(known) if counts_people(c)}
    for attribute, value, members, values in groups:
        good = sum(a.outcome in GOOD_OUTCOMES for a in members)
        signal = _signal(
            attribute, value, n=len(members), good=good, base_rate=base_rate, min_n=min_n,
            rest=(total_good - good, len(known) - len(members)),
        ).model_copy(update={"values": values})  # fmt: skip
        if not people_as_traits and is_person_or_id(attribute) and attribute not in counted:
            signal = signal.model_copy(
                update={"trait": False, "note": signal.note + "; a person or record column, not an ICP trait"}
            )
        elif follows_the_sale(attribute) or says_where_it_stands(value) or attribute in standing:
            signal = signal.model_copy(
                update={"trait": False, "note": signal.note + "; follows from the sale, not an ICP trait"}
            )
        elif attribute in filled_after:
            signal = signal.model_copy(
                update={
                    "trait": False,
                    "note": signal.note
                    + "; blank on every account of one outcome: filled in because of how it went, not an ICP "
                    "trait",
                }
            )
        elif not people_as_traits and reached_us_or_address(attribute):
            signal = signal.model_copy(
                update={
                    "trait": False,
                    "note": signal.note
                    + "; how the lead reached you or its street address, not an ICP trait",
                }
            )
        signals.append(signal)
    return sorted(signals, key=_by_lift)


# A CRM column blank on every account of one outcome and filled in on others was filled in because of how the
# account went (qa267: "Deal - Hardware bundle", set by the rep at close and blank on all 56 lost deals, was the
# first best-fit criterion, its "Yes" and its "No" both good, and lifted the back-test's AUC from 0.70 to 0.82): a
# new lead cannot have it. The outcomes: won or active, churned, lost. Told from chance by Fisher's exact test of
# filled against blank, that outcome against the rest, at the conventional 5%.
FILLED_P = 0.05
_OUTCOME_SIDES = (GOOD_OUTCOMES, frozenset({"churned"}), frozenset({"lost"}))


def filled_by_the_outcome(accounts: Sequence[Account], column: str) -> bool:
    """Whether a column of ``Account.extra`` is blank on every account of one outcome (won or active, churned,
    lost) and filled in on others, beyond chance (FILLED_P). The standard fields (industry, head count...) are no
    such column."""
    known = [a for a in accounts if a.outcome is not None]
    filled = [bool((a.extra.get(column) or "").strip()) for a in known]
    for side in _OUTCOME_SIDES:
        inside = [a.outcome in side for a in known]
        filled_in = sum(f and i for f, i in zip(filled, inside, strict=True))
        filled_out = sum(f and not i for f, i in zip(filled, inside, strict=True))
        if filled_in or not filled_out:
            continue
        table = [[filled_in, filled_out], [sum(inside) - filled_in, len(known) - sum(inside) - filled_out]]
        if fisher_exact(table).pvalue < FILLED_P:
            return True
    return False


# Values saying which kind of sale a deal was ("Deal Type: Renewal"): only a customer renews or buys more, so they
# restate the outcome (qa22: "Deal Type: Renewal" was on the avoid line and a −10 rule); and values saying where
# the account stands with the seller ("Organization - Label: Former customer", "Cold lead"), which is the outcome
# (qa30: "Label Customer" was the first best-fit criterion, and the back-test's AUC 1.000).
_SALE_KIND = re.compile(
    r"\s*(renewal|existing ?business|new ?business|upsell|up-sell|cross-?sell|expansion|add-?on|"
    r"((former|past|ex|lost|churned|current|active|existing|new|prospective|paying)[ -])?(customer|client)s?|"
    r"((cold|warm|hot|new|open|qualified|unqualified|marketing qualified|sales qualified|dead|lost)[ -])?leads?|"
    r"prospects?|churned|won|lost|closed[ -](won|lost))\s*",
    re.IGNORECASE,
)


def says_where_it_stands(value: str) -> bool:
    """Whether a CRM value says which kind of sale a deal was or where the account stands with the seller
    ("Renewal", "Former customer", "Hot lead"): the outcome restated, never a kind of customer."""
    return bool(_SALE_KIND.fullmatch(value))


def sale_standing_columns(groups: Sequence[tuple[str, str, list[Account], list[str]]]) -> set[str]:
    """The columns most of whose accounts have a value saying where they stand with the seller: every value of
    such a column is that, its own words too (Pipedrive's "Organization - Labels": Customer, Former customer, Hot
    lead and "Cold", qa187: "Labels: Cold" was a -30 scoring rule)."""
    said: Counter[str] = Counter()
    of: Counter[str] = Counter()
    for attribute, value, members, _ in groups:
        of[attribute] += len(members)
        if says_where_it_stands(value):
            said[attribute] += len(members)
    return {attribute for attribute in of if said[attribute] * 2 > of[attribute]}


def value_groups(accounts: Sequence[Account]) -> list[tuple[str, str, list[Account], list[str]]]:
    """(attribute, value, accounts with it, the values it pools) for every standard attribute, category column and
    measure column (a count of the account's own, such as stores or sites, in bands of equal numbers of accounts).
    Head count and revenue are cut where their good and bad accounts part, as measures are, else into the usual
    bands; a category's values whose outcomes do not differ beyond chance are pooled (``pooled``)."""
    bands = measure_bands(accounts)
    employees = size_edges(accounts, lambda a: a.employees)
    revenue = size_edges(accounts, lambda a: a.revenue)
    standard = [
        ("industry", lambda a: _one(a.industry)),
        ("employees", _employees(employees)),
        ("revenue", _revenue(revenue)),
        ("region", lambda a: _one(a.region)),
        ("tech_stack", lambda a: list(a.tech_stack)),
    ]
    # a count cut into bands is not also compared value by value ("Number of clinics: 3" beside "3-4"); a
    # multi-select column's choices each are a value
    categories = categorical_columns(accounts)
    lists = {c for c in categories if is_list_column([a.extra.get(c, "") for a in accounts])}
    other = [(c, _choices(c) if c in lists else _extra(c)) for c in categories if c not in bands]
    measures = [(column, _measure(column, edges)) for column, edges in bands.items()]
    # one value per account, a trait of the customer: its values may be pooled
    poolable = {"industry", "region"} | {
        c
        for c in categories
        if c not in lists and not (is_person_or_id(c) or follows_the_sale(c) or reached_us_or_address(c))
    }
    found = []
    for attribute, values_of in [*standard, *other, *measures]:
        groups = _group(accounts, values_of)
        # (not a column whose values say where the account stands with the seller: each is no trait on its own)
        pool = attribute in poolable and not any(says_where_it_stands(v) for v in groups)
        for value, members, values in pooled(groups) if pool else _unpooled(groups):
            found.append((attribute, value, members, values))
    return found


_NAMED_IN_POOL = 5  # a pool of more values is named by its five largest (page space)
# A column of more values than this is compared value by value, unpooled: a picklist a person reads holds fewer (survey
# tools advise ten options at most), and pooling hundreds (Olist's landing pages) would cost the test its power, as
# its p is multiplied by the ways the values could have been pooled (rubric.attribute_weights). Judgement, not fitted.
MAX_POOLED_VALUES = 20


def _unpooled(groups: Mapping[str, list[Account]]) -> list[tuple[str, list[Account], list[str]]]:
    return [(value, members, []) for value, members in groups.items()]


def pooled(groups: Mapping[str, list[Account]]) -> list[tuple[str, list[Account], list[str]]]:
    """A category's values, those whose rates of good outcomes do not differ beyond chance pooled: the pair that
    differs least by the likelihood-ratio test is merged while it differs less than chance would allow (the 5%
    point, CUT_SIGNIFICANCE), as CHAID merges a predictor's categories (Kass 1980). (value, accounts, the values it
    pools) each; a pool is named by its values, most accounts first ("Light Industrial, Warehouse or
    Manufacturing"), and holds two or more. Where every value pools into one, the column tells nothing as a
    whole and its values are kept apart, each with its own note (staffingats: placement types of 3-20 accounts
    each, industrial 61% good and the rest 8%, were seven values "not clearly different from overall")."""
    told = {
        value: (
            sum(a.outcome in GOOD_OUTCOMES for a in members),
            sum(a.outcome in BAD_OUTCOMES for a in members),
        )
        for value, members in groups.items()
    }
    # in the order of their rates: for a yes/no outcome the best pools are runs of that order (Fisher 1958), so
    # only neighbours are weighed, and a column of hundreds of values (Olist's landing pages) stays quick
    ranked = sorted(
        (v for v, (good, bad) in told.items() if good + bad), key=lambda v: told[v][0] / sum(told[v])
    )
    pools = [[value] for value in ranked]
    if not 3 <= len(pools) <= MAX_POOLED_VALUES:
        return _unpooled(groups)

    pools = _merged_neighbours(
        pools, lambda pool: [sum(told[v][1] for v in pool), sum(told[v][0] for v in pool)]
    )
    if len(pools) == 1:
        return _unpooled(groups)
    found: list[tuple[str, list[Account], list[str]]] = []
    for pool in pools:
        pool.sort(key=lambda v: -len(groups[v]))
        members = [a for v in pool for a in groups[v]]
        if len(pool) == 1:
            found.append((pool[0], members, []))
        elif len(pool) <= _NAMED_IN_POOL:
            found.append((f"{', '.join(pool[:-1])} or {pool[-1]}", members, pool))
        else:
            named = ", ".join(pool[:_NAMED_IN_POOL])
            found.append((f"{named} or {len(pool) - _NAMED_IN_POOL} more like them", members, pool))
    return found + [(v, m, []) for v, m in groups.items() if not sum(told[v])]


MEASURE_BANDS = 3  # a measure column is cut into thirds of the accounts (equal-frequency bands; judgement)
_MIN_MEASURED = 0.8  # share of a column's filled cells that must be numbers for it to be a measure


def measure_bands(accounts: Sequence[Account]) -> dict[str, list[float]]:
    """CRM columns that measure the account (a count such as 'Number of stores', 'Sites', 'Technicians'), each
    with the edges that cut its accounts into MEASURE_BANDS bands of about equal size. Columns named like a
    known field, dates, people and ids, and what follows from the sale (seats, contract value) are not measures;
    neither is a number with few values (a category: see ``categorical_columns``)."""
    numbers: dict[str, list[float]] = {}
    told: dict[str, list[tuple[float, bool]]] = {}  # (amount, good) of the accounts with a known outcome
    filled: Counter[str] = Counter()
    for account in accounts:
        for column, value in account.extra.items():
            if not value.strip():
                continue
            filled[column] += 1
            amount = _amount(value)
            if amount is not None:
                numbers.setdefault(column, []).append(amount)
                if account.outcome in GOOD_OUTCOMES | BAD_OUTCOMES:
                    told.setdefault(column, []).append((amount, account.outcome in GOOD_OUTCOMES))
    bands: dict[str, list[float]] = {}
    for column, found in numbers.items():
        if (
            len(found) < _MIN_MEASURED * filled[column]
            or len(set(found))
            <= (_MIN_COUNTED_VALUES if _COUNT_HEADER.search(column) else _MAX_NUMERIC_CATEGORIES)
            or normalise_header(column) in _KNOWN_HEADERS
            or (is_person_or_id(column) and not counts_people(column))
            or follows_the_sale(column)
            or _DATE_HEADER.search(column)
            or reached_us_or_address(column)  # a postal code is a place, no measure
        ):
            continue
        low = float(math.floor(min(found)))
        edges = _outcome_edges(told.get(column, []), low, max(found))
        if not edges:  # no cut tells good from bad accounts: bands of equal numbers of accounts
            edges = sorted({_nice(q) for q in _quantiles(sorted(found), MEASURE_BANDS)})
            edges = [e for e in edges if low < e <= max(found)]
        if not edges and _COUNT_HEADER.search(column):
            # a count most accounts share one value of ("Number of Locations": 74 of 99 accounts at 1, qa254), whose
            # thirds are all that value: its values in order, neighbours pooled as ``pooled`` pools a category's
            edges = _ordinal_edges(told.get(column, []))
        if edges:
            bands[column] = [low, *edges]  # the lowest value seen opens the first band
    return bands


def _ordinal_edges(told: Sequence[tuple[float, bool]]) -> list[float]:
    """Where a count's values, in their order, part into runs whose rates of good outcomes differ beyond chance:
    neighbouring values merged while the pair that differs least does so less than chance would allow, as CHAID
    merges an ordinal predictor's categories (Kass 1980); each run after the first opens at its lowest value
    (qa254: "Number of Locations: 2, 3 or 12" pooled a 12-site chain with the 2- and 3-site venues that fit, and an
    18-site lead matched no value)."""
    counts: dict[float, list[int]] = {}
    for amount, good in told:
        counts.setdefault(amount, [0, 0])[int(good)] += 1
    runs = [[value] for value in sorted(counts)]
    if not 3 <= len(runs) <= MAX_POOLED_VALUES:
        return []
    runs = _merged_neighbours(
        runs, lambda run: [sum(counts[v][0] for v in run), sum(counts[v][1] for v in run)]
    )
    return [run[0] for run in runs[1:]]


def _merged_neighbours(runs: list[list[T]], counts: Callable[[Sequence[T]], list[int]]) -> list[list[T]]:
    """Neighbouring runs merged, the pair whose (bad, good) ``counts`` differ least by the likelihood-ratio test
    first, while they differ less than chance would allow (CUT_SIGNIFICANCE), as CHAID merges categories."""
    runs = [list(run) for run in runs]
    while len(runs) > 1:
        g, i = min(
            (_likelihood_ratio([counts(runs[i]), counts(runs[i + 1])]), i) for i in range(len(runs) - 1)
        )
        if g >= CUT_SIGNIFICANCE:
            break
        runs[i] += runs.pop(i + 1)
    return runs


def size_edges(accounts: Sequence[Account], amount_of: Callable[[Account], float | None]) -> list[float]:
    """Where head count or revenue parts good accounts from bad ones, as ``_outcome_edges`` cuts a measure: the
    lowest value seen and one or two edges; none when no cut tells, and the usual bands are used (dentallab,
    grantmgmt: fixed bands put 20-49-employee labs, the segment that wins, with the 1-14 ones that churn)."""
    found = [(x, a) for a in accounts if (x := amount_of(a)) is not None and x >= 0 and math.isfinite(x)]
    if not found:
        return []
    told = [(x, a.outcome in GOOD_OUTCOMES) for x, a in found if a.outcome in GOOD_OUTCOMES | BAD_OUTCOMES]
    amounts = [x for x, _ in found]
    low = float(math.floor(min(amounts)))
    edges = _outcome_edges(told, low, max(amounts))
    return [low, *edges] if edges else []


# Where a measure's accounts split into good and bad ones ("groups of 5-20 clinics win, 1-4 and 21+ churn"),
# its bands are cut there: at one or two of its deciles (rounded as people write them), whichever cut's bands
# differ most in their share of good accounts by the likelihood-ratio test, each band holding MIN_CRITERION_N
# accounts with a known outcome or more; a second cut only where it adds what chance would not (the 5% point of
# chi-squared with one degree of freedom), and none unless the best one passes that point. The usual test, not a
# threshold fitted to data (qa19, qa25, qa26: thirds of the accounts had hidden the segment that wins).
CUT_SIGNIFICANCE = 3.84
CUT_CANDIDATES = 10


def _outcome_edges(told: Sequence[tuple[float, bool]], low: float, high: float) -> list[float]:
    """One or two band edges of a measure chosen by the outcomes of its accounts; none when no cut tells."""
    if len(told) < 2 * MIN_CRITERION_N:
        return []
    ordered = sorted(amount for amount, _ in told)
    candidates = sorted({e for e in map(_nice, _quantiles(ordered, CUT_CANDIDATES)) if low < e <= high})

    def fit(edges: Sequence[float]) -> float | None:
        bins = [[0, 0] for _ in range(len(edges) + 1)]
        for amount, good in told:
            bins[sum(amount >= e for e in edges)][int(good)] += 1
        if any(sum(b) < MIN_CRITERION_N for b in bins):
            return None
        return _likelihood_ratio(bins)

    singles = [(g, [e]) for e in candidates if (g := fit([e])) is not None]
    if not singles or max(singles)[0] < CUT_SIGNIFICANCE:
        return []
    best_g, best = max(singles)
    pairs = [
        (g, [a, b])
        for n, a in enumerate(candidates)
        for b in candidates[n + 1 :]
        if (g := fit([a, b])) is not None
    ]
    if pairs and max(pairs)[0] - best_g >= CUT_SIGNIFICANCE:
        return max(pairs)[1]
    return best


def _likelihood_ratio(bins: Sequence[Sequence[int]]) -> float:
    """The G statistic of a table of (bad, good) counts per band against one shared rate."""
    total = sum(map(sum, bins))
    good = sum(b[1] for b in bins)
    g = 0.0
    for band in bins:
        n = sum(band)
        for observed, share in ((band[1], good / total), (band[0], 1 - good / total)):
            if observed:
                g += 2 * observed * math.log(observed / (n * share))
    return g


# A column of dates or ages; not a rate, counted over a year or a month ("Trade Shows per Year", "Weddings/Year",
# qa218, qa221: the column that best told won from lost was kept as an attribute and never compared)
_DATE_HEADER = re.compile(
    r"(?<!\bper )(?<!\ba )(?<!\beach )(?<!/)(?<!/ )\b(date|year|since|created|modified|updated|time|day|days|age)\b",
    re.IGNORECASE,
)


def _quantiles(values: Sequence[float], parts: int) -> list[float]:
    return [values[min(len(values) - 1, round(len(values) * k / parts))] for k in range(1, parts)]


def _nice(value: float) -> float:
    """A band edge rounded to two significant figures (12, 45, 1,200), so the bands read as people write them."""
    if value <= 0:
        return 0.0
    digits = 1 - math.floor(math.log10(value))
    return float(round(value, digits))


def _amount(value: str) -> float | None:
    # (a share written with its sign is its number: "80%", qa281: a CRM's "Commercial work %", the strongest trait,
    # was no measure and no signal, with no word said)
    text = value.strip().replace(",", "").removesuffix("%").strip()
    try:
        amount = float(text)
    except ValueError:
        return None
    return amount if math.isfinite(amount) and amount >= 0 else None


def measure_band(amount: float, edges: Sequence[float]) -> str:
    """The band of a measure's value: '1-11', '12-44', '45+' for edges [1, 12, 45] (the first is the lowest
    value seen). Where the lowest value seen is above 1, the lowest band is 'up to 349': a lead below every
    account seen (190 loads a month) still falls in it."""
    lower = edges[0]
    for edge in edges[1:]:
        if amount < edge:
            upper = _shown(edge - 1) if float(edge).is_integer() else _shown(edge)
            if upper == _shown(lower):
                return upper  # one value ("Campuses: 1", not "1-1")
            return f"up to {upper}" if lower == edges[0] and lower > 1 else f"{_shown(lower)}-{upper}"
        lower = edge
    return f"{_shown(lower)}+"


def in_measure_band(value: str, band: str) -> bool:
    """Whether a number written as text lies in a band measure_band named ('12-44', '45+', '1')."""
    amount = _amount(value)
    found = _BAND.fullmatch(band.strip())
    if amount is None or not found:
        return False
    if found["only"]:
        return amount == float(found["only"].replace(",", ""))
    low = float(found["low"].replace(",", "")) if found["low"] else -math.inf
    high = found["high"] or found["up_to"]
    return low <= amount and (high is None or amount <= float(high.replace(",", "")))


_BAND_NUMBER = r"[\d,]+(?:\.\d+)?"
_BAND = re.compile(
    rf"up to (?P<up_to>{_BAND_NUMBER})|(?P<low>{_BAND_NUMBER})(?:-(?P<high>{_BAND_NUMBER})|\+)|(?P<only>{_BAND_NUMBER})"
)


def money_band(amount: float, edges: Sequence[float]) -> str:
    """The band of a revenue as the usual revenue bands write theirs ('<$2.7M', '$2.7M-$12M', '$12M+'), for edges
    [low, 2.7e6, 12e6]: each band from its edge up to the next one."""
    cuts = list(edges[1:])
    for lower, upper in zip([None, *cuts], cuts, strict=False):
        if amount < upper:
            return f"<{_money(upper)}" if lower is None else f"{_money(lower)}-{_money(upper)}"
    return f"{_money(cuts[-1])}+"


def in_money_band(value: str, band: str) -> bool:
    """Whether an amount written as text lies in a band revenue_band or money_band named ('$10M-$50M', '<$2.7M',
    '$1B+'): from its lower edge up to, not including, its upper one."""
    amount = _amount(value)
    found = _MONEY_BAND.fullmatch(band.strip())
    if amount is None or not found:
        return False
    low = _dollars(found["low"]) if found["low"] else 0.0
    high = _dollars(found["high"] or found["below"]) if found["high"] or found["below"] else math.inf
    return low <= amount < high


_MONEY = r"\$[\d.]+[KMB]?"
_MONEY_BAND = re.compile(rf"<(?P<below>{_MONEY})|(?P<low>{_MONEY})(?:-(?P<high>{_MONEY})|\+)")
_SCALE = {"": 1.0, "K": 1e3, "M": 1e6, "B": 1e9}


def _money(amount: float) -> str:
    scale = next((s for s in ("B", "M", "K") if amount >= _SCALE[s]), "")
    return f"${amount / _SCALE[scale]:g}{scale}"


def _dollars(text: str) -> float:
    number = text.lstrip("$")
    scale = number[-1] if number[-1] in _SCALE else ""
    return float(number.rstrip("KMB")) * _SCALE[scale]


def _shown(number: float) -> str:
    return f"{int(number):,}" if float(number).is_integer() else f"{number:g}"


def _measure(column: str, edges: Sequence[float]) -> Callable[[Account], list[str]]:
    def band(account: Account) -> list[str]:
        amount = _amount(account.extra.get(column) or "")
        return [measure_band(amount, edges)] if amount is not None else []

    return band


def follows_the_sale(column: str) -> bool:
    """True for a CRM column that follows from the sale (Plan, Tier, Seats, ARR, Closed Lost Reason) or records how
    far the deal went (Stage, Probability (%), Forecast Category, Close Date, Next Step): an account has it only
    once it is being sold to, so it tells won from lost after the fact and says nothing about a new lead."""
    return bool(_BOUGHT_OR_WON.search(column.replace("_", " "))) or records_a_reason(column)


def records_a_reason(column: str) -> bool:
    """True for a CRM column recording why a deal was lost or an account left (Closed Lost Reason)."""
    return bool(_RECORDED_REASON.search(column.replace("_", " ")))


# A recorded value that only says what happened, not why ("Churn" in a 'Closed Lost Reason' column beside its
# 'Churn Reason'), or that nobody filled in: no reason.
_NO_REASON = re.compile(
    r"(?i)\s*(churn(ed)?|lost|closed[ -]?lost|cancell?(ed|ation)|renewal[ -]?lost|lost renewal|other|others|none|"
    r"n/?a|unknown|tbd|-+|\?+)\s*\.?\s*"
)


def gives_a_reason(value: str) -> bool:
    """Whether a recorded reason's value says why (not 'Churn', 'Other', 'N/A' or blank)."""
    return bool(value.strip()) and not _NO_REASON.fullmatch(value)


def accounts_by_outcome(
    account_of: Mapping[str, str | None], outcomes: Mapping[str, str | None] | None
) -> dict[str, int]:
    """How many accounts of each outcome the given documents (id -> account id) come from: several documents of
    one account count once, a document with no known account as its own (qa12: "churned 37" of 22 accounts)."""
    accounts = {account or doc: (outcomes or {}).get(doc) for doc, account in sorted(account_of.items())}
    return dict(sorted(Counter(o for o in accounts.values() if o).items()))


def outcomes_told(by_outcome: Mapping[str, int]) -> str:
    """'churned 1, won 3': the outcome counts of a line on the page, alphabetical."""
    return ", ".join(f"{outcome} {n}" for outcome, n in sorted(by_outcome.items()) if n)


def interviews_answers(n: int) -> str:
    """'1 interview/answer', '3 interviews/answers': how many sources a line of the page counts."""
    return f"{n} interview/answer" if n == 1 else f"{n} interviews/answers"


def reached_us_or_address(column: str) -> bool:
    """True for a CRM column saying how the lead reached the vendor (Lead Source, Campaign) or where exactly the
    account is (Address, City, Postal code); not the country or state of an address (Pipedrive's "Organization -
    Country of Address", a market, qa122)."""
    column = column.replace("_", " ")
    return bool(_CHANNEL_OR_ADDRESS.search(column)) and not _AREA_OF_ADDRESS.search(column)


_AREA_OF_ADDRESS = re.compile(r"\b(country|state|region|province|county)\b[^-]*\bof address\b", re.IGNORECASE)


def is_person_or_id(column: str) -> bool:
    """True for a CRM column that names a person or a record (Seller, Owner, Sales rep, Email, Record ID); not one
    that names a kind the account is ("Service Agent Type": OEM-authorized or independent, qa138: the strongest
    predictor was read as a person's column because of "Agent")."""
    column = column.replace("_", " ")
    return bool(_PERSON_OR_ID.search(column)) and not _A_KIND.search(column)


# A column's head noun that names a kind of account, whatever the words before it: closed class of English.
_A_KIND = re.compile(
    r"\b(type|kind|category|class|tier|level|segment|model|program|status)\s*$", re.IGNORECASE
)


def shrunk_lift(good: int, n: int, base_rate: float, *, prior: float = PRIOR_ACCOUNTS) -> float:
    """The lift of a value's rate after a Beta prior worth ``prior`` accounts at the base rate."""
    if base_rate <= 0 or n + prior <= 0:
        return 1.0
    return (good + prior * base_rate) / (n + prior) / base_rate


def categorical_columns(accounts: Sequence[Account]) -> list[str]:
    """The CRM columns kept in ``Account.extra`` that hold categories, in first-seen order.

    A category column has at least two distinct short values (four words or fewer on average), each
    value shared by two accounts on average (ids and notes are mostly unique), and is not dates or a
    numeric measure (a numeric code with up to ten values is kept). Columns named like a known account
    field other than a category (an 'Employees' band that could not be read as a count) are left to that field.
    """
    values: dict[str, list[str]] = {}
    for account in accounts:
        for column, value in account.extra.items():
            if value.strip():
                values.setdefault(column, []).append(value.strip())
    return [
        c
        for c, v in values.items()
        if normalise_header(c) not in _LEFT_TO_ITS_FIELD
        and _is_category([i for value in v for i in list_items(value)] if is_list_column(v) else v)
    ]


def is_list_column(values: Sequence[str]) -> bool:
    """Whether a column's cells are lists: half or more hold a semicolon, as a CRM writes a multi-select field
    ("LTL; Truckload; Parcel"), each cell a set of choices rather than one (qa43, qa44: compared whole)."""
    filled = [v for v in values if v.strip()]
    return bool(filled) and 2 * sum(";" in v for v in filled) >= len(filled)


def list_items(value: str) -> list[str]:
    """A multi-select cell's choices ("LTL; Truckload" -> ["LTL", "Truckload"])."""
    return [item.strip() for item in value.split(";") if item.strip()]


def _is_category(values: Sequence[str]) -> bool:
    distinct = {v.casefold() for v in values}
    if not 2 <= len(distinct) <= len(values) / 2:
        return False
    if sum(len(_WORD.findall(v)) for v in values) / len(values) > _MAX_CATEGORY_WORDS:
        return False
    if any(_DATE.fullmatch(v) for v in distinct):
        return False
    if all(_NUMBER.fullmatch(v) for v in distinct):
        return len(distinct) <= _MAX_NUMERIC_CATEGORIES
    return True


def theme_signals(
    themes: Sequence[Theme], documents_outcome: Mapping[str, str | None], *, min_n: int = 3
) -> list[Signal]:
    """Signals for each theme over the distinct accounts that raise it with a known outcome, by lift.

    Two respondents of one account are one account (n counts accounts, as for firmographics; a document
    whose quotes name no account counts on its own). Each theme is weighed against the accounts that told something
    under its heading, asked as its sources were, and as one of the themes weighed (Bonferroni). Churn and loss reasons and outcomes got are left out:
    their facet is defined by the outcome, so their lift says nothing new.
    """
    outcomes = {doc: _outcome(doc, value) for doc, value in documents_outcome.items()}
    known = {doc: outcome in GOOD_OUTCOMES for doc, outcome in outcomes.items() if outcome is not None}
    account_of = _accounts_of(themes)  # a document's account is the same under every theme
    told: dict[str, set[str]] = {}  # each heading's documents
    for theme in themes:
        told.setdefault(theme.facet, set()).update(theme.documents)
    raised_by = {
        theme.theme_id: {account_of.get(doc, doc): known[doc] for doc in theme.documents if doc in known}
        for theme in themes
        if theme.facet not in _OUTCOME_DEFINED
    }
    # each is one of the themes weighed, and differs beyond chance only beyond the chance that one of them does (qa320:
    # an objection of random outcomes, "Internet", 93% against 64%, the summary's line of customers who stayed)
    weighed = sum(len(raised) >= min_n for raised in raised_by.values())
    signals: list[Signal] = []
    for theme in themes:
        raised = raised_by.get(theme.theme_id, {})
        if not raised:
            continue
        # weighed against the accounts that told something under its heading, asked as its sources were: only those
        # who bought tell what nearly stopped them, and a survey sent to customers has more customers who stayed
        # than the interviews of lost deals beside it, so any such theme would read as said by customers who stayed
        # (qa319, qa320, qa321: an objection, "won/active 80% vs 58% of the accounts heard from", the summary's line
        # of what customers who stayed said most)
        asked = {_asked_together(doc) for doc in theme.documents}
        alike = {
            doc: good
            for doc, good in known.items()
            if doc in told[theme.facet] and _asked_together(doc) in asked
        }
        base_rate = _account_rate(alike, account_of)
        heard = {account_of.get(doc, doc): good for doc, good in alike.items()}
        good = sum(raised.values())
        signal = _signal(
            "theme",
            theme.theme_id,
            n=len(raised),
            good=good,
            base_rate=base_rate,
            min_n=min_n,
            overall=HEARD_FROM,
            rest=(sum(heard.values()) - good, len(heard) - len(raised)),
            weighed=weighed,
        )
        signals.append(signal.model_copy(update={"note": f"{theme.label}: {signal.note}"}))
    return sorted(signals, key=_by_lift)


def _asked_together(document: str) -> str:
    """What a document was asked with: a survey row its survey's (the file before '#respondent'), an interview
    every interview's."""
    return document.split("#", 1)[0] if "#" in document else ""


def _accounts_of(themes: Sequence[Theme]) -> dict[str, str]:
    """Document id -> account id, from the themes' quotes (the account a quote's document is linked to)."""
    return {
        e.document: e.account_id
        for t in themes
        for e in [*t.evidence, *t.members]
        if e.account_id is not None
    }


def _account_rate(known: Mapping[str, bool], account_of: Mapping[str, str]) -> float:
    """The share of good outcomes over distinct accounts (documents without an account count alone)."""
    accounts = {account_of.get(doc, doc): good for doc, good in known.items()}
    return sum(accounts.values()) / len(accounts) if accounts else 0.0


def split_signals(
    signals: Sequence[Signal], *, min_lift: float = MIN_LIFT, min_n: int = MIN_CRITERION_N
) -> tuple[list[Signal], list[Signal]]:
    """(positive, negative): trusted traits whose lift shrunk by n is >= min_lift or <= 1/min_lift, strongest first.

    Chosen by the same rule as the rubric's points: the lift shrunk toward 1 by n (``shrunk_lift``). Ranked by
    ``cautious_lift``, so a value seen on 883 accounts ranks above one seen on 15 with a higher raw lift.
    Person and record columns (``trait=False``), low-confidence values and values seen on fewer than ``min_n``
    accounts are never ICP criteria.
    """
    if min_lift <= 1:
        raise ValueError(f"min_lift must be above 1 (got {min_lift}); 1 means no difference from overall")
    trusted = [s for s in signals if s.confidence != "low" and s.trait and s.n >= min_n]
    positive = sorted(
        (s for s in trusted if shrunk_or_raw_lift(s) >= min_lift), key=lambda s: (-cautious_lift(s), -s.n)
    )
    negative = sorted(
        (s for s in trusted if shrunk_or_raw_lift(s) <= 1 / min_lift), key=lambda s: (cautious_lift(s), -s.n)
    )
    return positive, negative


def cautious_lift(signal: Signal) -> float:
    """The lift at the end of the rate's 95% Wilson interval nearest the base rate: how far from 1 it surely is.

    A value of 4 good in 15 (27% against a 10% base) is surely only 1.05x; 173 in 883 (20%) surely 1.6x.
    A signal without counts (made by hand, ``shrunk_lift`` unset) keeps its lift.
    """
    if signal.shrunk_lift is None or signal.base_rate <= 0 or signal.n <= 0:
        return signal.lift
    low, high = wilson_interval(signal.good, signal.n)
    bound = low if signal.rate >= signal.base_rate else high
    return bound / signal.base_rate


def shrunk_or_raw_lift(signal: Signal) -> float:
    """The lift criteria and rubric points go by: shrunk toward 1 by n, or the raw lift of a hand-made signal."""
    return signal.shrunk_lift if signal.shrunk_lift is not None else signal.lift


def _signal(
    attribute: str,
    value: str,
    *,
    n: int,
    good: int,
    base_rate: float,
    min_n: int,
    overall: str = "overall",
    rest: tuple[int, int] | None = None,
    weighed: int = 1,
) -> Signal:
    """The signal of a value seen on n accounts, good of them won or active. It is clearly different when its rate
    differs from that of the other accounts (``rest``: good, n) beyond chance: Newcombe's interval for the
    difference of two rates, from their Wilson intervals, excludes 0. Not against the overall rate, which holds
    the value's own accounts: a segment of half the accounts at 63% against 32% for the rest is 63% against 46%
    overall, whose interval holds 46% (qa82: Assisted Living, 19 of 30 won, was "not yet beyond chance" while
    its column's values passed the rubric's chi-square). Without ``rest``, against the overall rate. One of
    ``weighed`` values compared alike must differ beyond the chance that one of them does (Bonferroni)."""
    rate = good / n
    lift = rate / base_rate if base_rate > 0 else 1.0
    low, high = wilson_interval(good, n)
    z = NormalDist().inv_cdf(1 - 0.025 / max(1, weighed))
    overlaps = low <= base_rate <= high if rest is None else not differs_beyond_chance(good, n, *rest, z=z)
    confidence = signal_confidence(n, overlaps=overlaps) if n >= min_n else "low"
    if n < min_n:
        note = f"n={n} is too small to trust"
    else:
        note = f"won/active {rate:.0%} vs {base_rate:.0%} {overall} (n={n})"
        if overlaps:
            note += f"; not clearly different from {'the rest' if rest is not None else overall}"
            if weighed > 1:
                note += f" (one of {weighed} weighed)"
        elif n < MIN_CRITERION_N:
            note += f"; fewer than {MIN_CRITERION_N}, indicative only"
    return Signal(
        attribute=attribute,
        value=value,
        n=n,
        good=good,
        rate=rate,
        base_rate=base_rate,
        lift=lift,
        shrunk_lift=shrunk_lift(good, n, base_rate),
        confidence=confidence,
        note=note,
    )


def differs_beyond_chance(good: int, n: int, other_good: int, other_n: int, *, z: float = _Z95) -> bool:
    """Whether good/n and other_good/other_n differ beyond chance: Newcombe's (1998, method 10) 95% interval for
    their difference (or the interval of the normal quantile ``z``), built from the two Wilson intervals, excludes
    0."""
    if n <= 0 or other_n <= 0:
        return False
    p, q = good / n, other_good / other_n
    (p_low, p_high), (q_low, q_high) = (
        wilson_interval(good, n, z=z),
        wilson_interval(other_good, other_n, z=z),
    )
    lower = p - q - math.sqrt((p - p_low) ** 2 + (q_high - q) ** 2)
    upper = p - q + math.sqrt((p_high - p) ** 2 + (q - q_low) ** 2)
    return lower > 0 or upper < 0


def signal_confidence(n: int, *, overlaps: bool) -> Confidence:
    """The confidence word for a value seen on n accounts: it follows n, the same for every kind of signal.

    Low below MIN_CRITERION_N or when the rate's 95% interval holds the base rate; high from
    HIGH_CONFIDENCE_N; medium between.
    """
    if overlaps or n < MIN_CRITERION_N:
        return "low"
    return "medium" if n < HIGH_CONFIDENCE_N else "high"


def _by_lift(signal: Signal) -> tuple[float, int, str, str]:
    return (-signal.lift, -signal.n, signal.attribute, signal.value)


def _outcome(document: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    outcome = value.strip().lower()
    if outcome not in GOOD_OUTCOMES | BAD_OUTCOMES:
        raise ValueError(
            f"document {document!r} has outcome {value!r}; expected won, active, lost or churned"
        )
    return outcome


def _group(
    accounts: Iterable[Account], values_of: Callable[[Account], list[str]]
) -> dict[str, list[Account]]:
    """Accounts per value, grouped ignoring case, keyed by the value's most common spelling."""
    members: dict[str, list[Account]] = {}
    spellings: dict[str, Counter[str]] = {}
    for account in accounts:
        seen: set[str] = set()
        for value in values_of(account):
            key = value.strip().casefold()
            if not key or key in seen:
                continue
            seen.add(key)
            members.setdefault(key, []).append(account)
            spellings.setdefault(key, Counter())[value.strip()] += 1
    # most_common keeps first-seen order among ties, so the result does not depend on hashing
    return {spellings[key].most_common(1)[0][0]: group for key, group in members.items()}


def _one(value: str | None) -> list[str]:
    return [value] if value is not None else []


def _extra(column: str) -> Callable[[Account], list[str]]:
    return lambda account: _one(account.extra.get(column) or None)


def _choices(column: str) -> Callable[[Account], list[str]]:
    return lambda account: list_items(account.extra.get(column) or "")


def _employees(edges: Sequence[float]) -> Callable[[Account], list[str]]:
    def band(account: Account) -> list[str]:
        # a negative count is a bad CRM cell, not a reason to drop the whole analysis: treat it as unknown
        count = account.employees
        if count is None or count < 0:
            return []
        return [measure_band(count, edges) if edges else employee_band(count)]

    return band


def _revenue(edges: Sequence[float]) -> Callable[[Account], list[str]]:
    def band(account: Account) -> list[str]:
        amount = account.revenue
        if amount is None or amount < 0 or math.isnan(amount):
            return []
        return [money_band(amount, edges) if edges else revenue_band(amount)]

    return band
