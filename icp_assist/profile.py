"""Drafting the ICP and buyer personas from themes, distinct counts and outcome signals — never from guesses."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from scipy.stats import fisher_exact

from .analyze.committee import function_of
from .analyze.competitors import names_in_reason, short_forms
from .analyze.signals import (
    BAD_OUTCOMES,
    MIN_CRITERION_N,
    MIN_LIFT,
    cautious_lift,
    gives_a_reason,
    list_items,
    outcomes_told,
    records_a_reason,
    shrunk_or_raw_lift,
    split_signals,
    wilson_interval,
)
from .analyze.titles import (
    ROLE_FAMILY,
    document_role,
    interviewees,
    role_title,
    speaker_roles,
    title_function,
)
from .analyze.units import one_per_document, wording
from .ingest.surveys import PICK_LIST_MAX_OPTIONS
from .models import (
    Confidence,
    Criterion,
    Evidence,
    Facet,
    IcpProfile,
    Persona,
    Rubric,
    Saturation,
    Signal,
    Theme,
    shown_attribute,
)
from .records import Account, Document
from .rubric import attribute_weights, draft_rubric
from .score import score_reach

THIN_INTERVIEWS = 8  # fewer interviews than this and every theme is only indicative
QUOTES_PER_LINE = 2
# A persona's theme must be raised by at least this many of its own sources (and clearly more often than by
# the others): one or two statements are an anecdote, not a trait of the role. Set a priori, as the smallest
# count the theme lines call more than "low" evidence; not fitted to samples/.
PERSONA_MIN_SOURCES = 3
PERSONA_FDR = (
    0.05  # the false-discovery rate of a persona's standing-out themes: the conventional level, a priori
)
PERSONA_QUOTE_WORDS = (
    5  # shorter statements ("Bill.com was cheaper") are a persona's quote only as a last resort
)
_OUTCOME_FACETS = frozenset(
    {"churn_reason", "loss_reason", "alternative", "objection", "outcome", "reason_chosen", "complaint"}
)
RECORDED_REASONS = 3  # the CRM's most recorded reasons shown in each section ...
# ... and up to this many when the others are each recorded for two accounts or more
RECORDED_REASONS_MORE = 5
RECORDED_WORDINGS = 3  # the other wordings of one recorded reason its line lists
OTHER_RECORDED = (
    "Other recorded reasons"  # the line naming the recorded reasons not shown: never a "top" reason
)
# Groups texts that say the same thing: the numbers of the texts in each group, the most typical first (analyze
# passes one by meaning).
Grouping = Callable[[Sequence[str]], list[list[int]]]


def as_its_label_says(theme: Theme) -> Theme:
    """A theme of several points (``Theme.points``) as the point its label names counts it, the other points listed
    beside it: its line, the summary, personas and signals count the sources that said what the label says, never
    the group's other points under one answer's words (qa314: "Attic signal — 25 survey respondents", about 10 said
    it; qa315: "The sync runs overnight — 25", 6 did). A theme without points is itself."""
    if not theme.points:
        return theme
    point = next((p for p in theme.points if p.label == theme.label), theme.points[0])
    held = set(point.documents)
    return theme.model_copy(
        update={
            "label": point.label,
            "interviews": point.interviews,
            "respondents": point.respondents,
            "accounts": point.accounts,
            "documents": point.documents,
            "account_ids": point.account_ids,
            "by_outcome": point.by_outcome,
            "evidence": point.evidence,
            "members": [m for m in theme.members if m.document in held],
            "points": [p for p in theme.points if p is not point],
        }
    )


def draft_profile(
    *,
    themes: Sequence[Theme],
    firmographic: Sequence[Signal],
    by_theme: Sequence[Signal],
    committee: Sequence[Criterion],
    saturation: Saturation | None,
    counts: Mapping[str, int],
    accounts: Sequence[Account] = (),
    competitors: Sequence[Criterion] = (),
    alike_reasons: Grouping | None = None,
    status_quo: Sequence[Criterion] = (),
) -> IcpProfile:
    """The ICP: positive and negative signals from outcomes, and the recurring themes with their evidence.

    A firmographic value becomes a criterion only with n >= MIN_CRITERION_N accounts; the rubric groups
    values that co-occur on ``accounts`` so one fact is counted once.
    """
    # A value is a criterion only where its column's values differ beyond chance (the rubric's chi-square test):
    # among many columns and values, a few pass their own test by chance (qa52: "region Southeast", drawn at
    # random, was a best-fit trait while its rubric rule said its values differ little beyond chance).
    weight = attribute_weights(firmographic)
    positive, negative = (
        [s for s in found if weight.get(s.attribute, 0.0) >= 1.0]
        for found in split_signals(firmographic, min_n=MIN_CRITERION_N)
    )
    positive_themes, negative_themes = split_signals(by_theme, min_n=MIN_CRITERION_N)
    theme_by_id = {t.theme_id: t for t in themes}
    rubric = draft_rubric(firmographic, accounts)
    fits = _grouped([_signal_criterion(s) for s in positive], rubric)
    profile = IcpProfile(
        # Other CRM category columns (lead source, deal type...) describe the account too.
        firmographics=[c for c in fits if c.attribute != "tech_stack"],
        technographics=[c for c in fits if c.attribute == "tech_stack"],
        reasons_chosen=_theme_criteria(themes, "reason_chosen", counts, limit=6),
        triggers=_theme_criteria(themes, "trigger", counts, limit=6),
        buying_committee=_distinct_quotes(committee),
        pain_points=_theme_criteria(themes, "pain_point", counts, limit=6),
        goals=_theme_criteria(themes, "goal", counts, limit=4),
        objections=_theme_criteria(themes, "objection", counts, limit=6),
        # a theme that is only a rival's name is that rival's line under competitors, counted there from every
        # mention (qa47: "BaitShield" under both headings, with two different counts)
        # (and keeping what they had, as a survey's pick list of the options weighed counts it: no quote to show)
        # (unless more sources raise the theme than the rival's line counts: twelve respondents answering "Before
        # LabTrack, how did you track cases?" with "DentaLedger" were no line, the rival "weighed in 3", qa273)
        alternatives=_theme_criteria(
            themes,
            "alternative",
            counts,
            limit=4,
            leave_out={_name_key(c.value): (c.value, sum(c.by_outcome.values())) for c in competitors},
        )
        + list(status_quo),
        competitors=_distinct_quotes(competitors, limit=2),
        outcomes=_theme_criteria(themes, "outcome", counts, limit=4),
        complaints=_theme_criteria(themes, "complaint", counts, limit=4),
        churn_reasons=_theme_criteria(themes, "churn_reason", counts, limit=4)
        + recorded_reasons(accounts, "churned", alike=alike_reasons),
        loss_reasons=_theme_criteria(themes, "loss_reason", counts, limit=4)
        + recorded_reasons(accounts, "lost", alike=alike_reasons),
        negative_signals=_grouped([_signal_criterion(s) for s in negative], rubric)
        + [
            _theme_signal_criterion(s, theme_by_id[s.value])
            for s in negative_themes
            if s.value in theme_by_id
        ],
        saturation=saturation,
        counts=dict(counts),
    )
    profile.rubric = rubric
    rubric.reach = score_reach(rubric)
    recurring: set[str] = {t.facet for t in themes if len(t.documents) >= 2}
    profile.notes = story_notes(profile, firmographic, recurring=recurring)
    profile.summary = _summary(profile, positive_themes, theme_by_id, accounts)
    profile.warnings = _warnings(profile, counts, firmographic, recurring=recurring)
    return profile


def _signal_criterion(signal: Signal) -> Criterion:
    return Criterion(
        attribute=signal.attribute,
        value=signal.value,
        reason=signal.note,
        confidence=signal.confidence,
        signal=signal,
    )


def _grouped(criteria: Sequence[Criterion], rubric: Rubric) -> list[Criterion]:
    """The criteria with their rubric group, each grouped one naming the values it shares its accounts with.

    Values on mostly the same accounts (5,000+ staff, $1B+ revenue, SAP) are one fact: the rubric scores
    the group once, and the page says so rather than presenting them as separate reasons.
    """
    group_of = {(r.attribute, r.value.casefold()): r.group for r in rubric.rules if r.group}
    members: dict[str, list[str]] = defaultdict(list)
    for rule in sorted(rubric.rules, key=lambda r: -abs(r.points)):
        if rule.group:
            members[rule.group].append(f"{rule.attribute} {rule.value}")
    kept = []
    for criterion in criteria:
        group = group_of.get((criterion.attribute, criterion.value.casefold()), "")
        others = [m for m in members.get(group, []) if m != f"{criterion.attribute} {criterion.value}"]
        if others:
            shared = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
            reason = f"{criterion.reason}; mostly the same accounts as {shared} (one fact, scored once)"
            criterion = criterion.model_copy(update={"group": group, "reason": reason})
        kept.append(criterion)
    return kept


def _one_per_group(criteria: Sequence[Criterion], *, limit: int) -> list[str]:
    """Up to ``limit`` criteria as 'attribute value', one per group, each naming the other criteria of its group."""
    lines: list[str] = []
    seen: set[str] = set()
    for criterion in criteria:
        if criterion.group and criterion.group in seen:
            continue
        seen.add(criterion.group)
        named = f"{shown_attribute(criterion.attribute)} {criterion.value}"
        same = [
            f"{shown_attribute(c.attribute)} {c.value}"
            for c in criteria
            if c.group and c.group == criterion.group
        ]
        with_ = [s for s in same if s != named]
        lines.append(named + (f" (with {', '.join(with_)})" if with_ else ""))
    return lines[:limit]


def _theme_signal_criterion(signal: Signal, theme: Theme) -> Criterion:
    return Criterion(
        attribute="theme",
        value=theme.label,
        reason=f"raised more often by churned or lost customers: {signal.note.removeprefix(theme.label + ': ')}",
        confidence=signal.confidence,
        signal=signal,
        theme_id=theme.theme_id,
        evidence=theme.evidence[:2],
    )


def theme_confidence(theme: Theme, interviews: int) -> Confidence:
    """High when a theme is raised by many distinct sources, low when by two or three."""
    sources = theme.interviews + theme.respondents
    if sources >= 5 and theme.interviews >= max(3, interviews // 4):
        return "high"
    return "medium" if sources >= 4 else "low"


def _prevalence(theme: Theme, counts: Mapping[str, int]) -> float:
    """How surely a theme is common: the lower 95% bound of the share of interviews, or of survey respondents,
    that raise it, whichever is higher. Sources of the two kinds are not alike (a theme from three of twelve
    interviews is no rarer than one from eight of seventy respondents, qa289: AppFolio's add-on, weighed in three
    interviews, was off the page behind four survey answers), and a share of few sources is an unsure one."""
    shares = [
        wilson_interval(raised, total)[0]
        for raised, total in (
            (theme.interviews, counts.get("interviews", 0)),
            (theme.respondents, counts.get("respondents", 0)),
        )
        if total
    ]
    return max(shares, default=0.0)


def _theme_criteria(
    themes: Sequence[Theme],
    facet: Facet,
    counts: Mapping[str, int],
    *,
    limit: int,
    leave_out: Mapping[str, tuple[str, int]] | None = None,
) -> list[Criterion]:
    """The facet's strongest themes as criteria, each with up to two quotes no other line of the section shows;
    none whose label is a name of ``leave_out`` (as ``_name_key`` writes it: its spelling and the accounts its own
    line counts) unless more sources raise the theme, which then takes that spelling."""
    shown = Shown()
    criteria = []
    ranked = []
    for theme in themes:
        if theme.facet != facet:
            continue
        rival = (leave_out or {}).get(_name_key(theme.label))
        if rival is None:
            ranked.append(theme)
        elif len(theme.documents) > rival[1]:
            ranked.append(theme.model_copy(update={"label": rival[0]}))
    # lines only one account gave (reasons, or anything where nothing recurs): one line per account (its most
    # told), since its other single lines are more of its own story and would read as other accounts' (the
    # explorer shows them all)
    told: set[str] = set()
    kept: list[Theme] = []
    for theme in ranked:
        if len(theme.documents) == 1 and theme.documents[0] in told:
            continue
        kept.append(theme)
        if len(theme.documents) == 1:
            told.add(theme.documents[0])
    ranked = sorted(kept, key=lambda t: -_prevalence(t, counts))
    for theme in ranked[:limit]:
        evidence = _unseen(theme.evidence, shown, limit=QUOTES_PER_LINE)
        outcomes = outcomes_told(theme.by_outcome)
        criteria.append(
            Criterion(
                attribute=facet,
                value=theme.label,
                reason=_reach(theme) + (f"; {outcomes}" if outcomes and facet in _OUTCOME_FACETS else ""),
                confidence=theme_confidence(theme, counts.get("interviews", 0)),
                theme_id=theme.theme_id,
                evidence=evidence,
                by_outcome=dict(theme.by_outcome),
                # each point cites one quote the section does not show yet, or none
                points=[
                    p.model_copy(update={"evidence": _unseen(p.evidence, shown, limit=1)})
                    for p in theme.points
                ],
            )
        )
    return criteria


def _name_key(name: str) -> str:
    return " ".join(name.casefold().strip(" .,;:!?\"'“”").split())


def recorded_reasons(
    accounts: Sequence[Account], outcome: str, *, alike: Grouping | None = None
) -> list[Criterion]:
    """The reasons a CRM column records for the accounts with this outcome ("Closed Lost Reason: Lost to
    competitor - ServiceTitan"), most accounts first: a field someone filled in, not a customer's words, so
    each says so and carries no quote. Wordings ``alike`` groups as saying the same thing ("Low volume", "Too
    small, mostly used broker") count as one reason, named by the wording most accounts have, and the line
    lists the others; without ``alike``, each wording is its own reason."""
    theirs = [a for a in accounts if a.outcome == outcome]
    spelling: dict[tuple[str, str], str] = {}
    holders: dict[tuple[str, str], set[str]] = {}  # the accounts each wording is recorded for
    for account in theirs:
        given: dict[tuple[str, str], str] = {}
        for column, value in account.extra.items():
            if not records_a_reason(column):
                continue
            # a cell of several reasons, as a multi-select field joins them ("Price increase at renewal; QuickBooks
            # Desktop sync issues", qa100: the account was counted under neither)
            for reason in list_items(value):
                if gives_a_reason(reason):
                    given.setdefault((column, " ".join(reason.casefold().split())), " ".join(reason.split()))
        for key, spelt in given.items():
            spelling.setdefault(key, spelt)
            holders.setdefault(key, set()).add(account.account_id)
    # how many accounts each wording is recorded for
    counted = {key: len(held) for key, held in holders.items()}

    def held_by(keys: Iterable[tuple[str, str]]) -> int:
        """How many accounts these wordings are recorded for: an account whose cell lists two of them once
        ("Churn - acquired; parent standardized on NetSuite", qa183: counted twice, 14 of 13 churned)."""
        return len(set().union(*(holders[key] for key in keys)))

    groups: list[list[tuple[str, str]]] = []
    for column in dict.fromkeys(c for c, _ in counted):
        keys = sorted((k for k in counted if k[0] == column), key=lambda k: (-counted[k], k[1]))
        # a pick list's options are reasons someone chose apart ("Camera hardware offline", "Driver / union
        # pushback on cameras"): only free text written in other words is grouped by meaning
        picked = _is_pick_list([counted[k] for k in keys])
        if picked:  # options naming one product are one reason ("Price - chose Clio", "Competitor - Clio")
            parts = _by_product(range(len(keys)), [spelling[k] for k in keys], keep_apart=True)
            parts = _with_their_qualified([spelling[k] for k in keys], parts)
        else:
            told = [
                _HOW_IT_CLOSED_FIRST.sub("", w) for w in _without_shared_opening([spelling[k] for k in keys])
            ]
            parts = alike(told) if alike else [[n] for n in range(len(keys))]
            parts = _with_their_kind([spelling[k] for k in keys], parts)
            parts = _with_the_kind_they_open_with([spelling[k] for k in keys], parts)
            # two wordings each recorded for several accounts are two options someone chose apart, however alike
            # they read ("Crop producer left the agency" 4, "Agency acquired / merged" 3, qa109: one reason of 8)
            parts = [
                piece
                for part in parts
                for piece in (
                    [[n] for n in part] if sum(counted[keys[n]] >= 2 for n in part) >= 2 else [part]
                )
            ]
        # wordings alike in meaning but naming different products are different reasons ("Price - went with
        # TalentLMS", "Went with Cornerstone")
        parts = [p for part in parts for p in _by_product(part, [spelling[k] for k in keys])]
        parts = _one_per_product(parts, [spelling[k] for k in keys])
        # most accounts first, then in the order ``alike`` gives (the wording nearest the group's centre first)
        groups += [sorted((keys[n] for n in part), key=lambda k: -counted[k]) for part in parts]
    groups = _across_columns(groups, counted)
    groups.sort(key=lambda g: (-held_by(g), g[0][1]))
    shown = [
        group
        for number, group in enumerate(groups[:RECORDED_REASONS_MORE])
        if number < RECORDED_REASONS or held_by(group) >= 2
    ]
    # a tie is never cut: the reasons recorded as often as the last one shown are shown too (qa31, qa33: two
    # reasons of 3 lost deals each, and a Part 11 reason of 5, were dropped beside others of the same count)
    last = held_by(shown[-1]) if shown else 0
    shown += [g for g in groups[len(shown) :] if last >= 2 and held_by(g) == last]
    lines = [
        _recorded_reason(group, held_by(group), counted, spelling, outcome, len(theirs)) for group in shown
    ]
    rest = [group for group in groups if group not in shown]
    if rest:
        # the reasons not shown are said to be there, never dropped unseen (qa133: two churned accounts' recorded
        # reasons, a price rise and support times, were in no line and no "more")
        k = held_by(key for group in rest for key in group)
        named = "; ".join(f"'{spelling[group[0]]}' {held_by(group)}" for group in rest[:RECORDED_WORDINGS])
        more = f" and {len(rest) - RECORDED_WORDINGS} more" if len(rest) > RECORDED_WORDINGS else ""
        lines.append(
            Criterion(
                attribute="recorded_reason",
                value=OTHER_RECORDED,
                reason=f"recorded in the CRM for {k} more of the {len(theirs)} {outcome} accounts: {named}{more}",
                confidence="low",
                by_outcome={outcome: k},
            )
        )
    return lines


def _across_columns(
    groups: Sequence[list[tuple[str, str]]], counted: Mapping[tuple[str, str], int]
) -> list[list[tuple[str, str]]]:
    """The groups, those of different columns that share a wording joined: one reason recorded in two columns (a
    companies export's "Churn Reason" and its renewal deal's "Closed Lost Reason", qa249: "Too expensive for volume"
    4 and again 3, for the same churned accounts) is one line, each account counted once."""
    joined: list[list[tuple[str, str]]] = []
    home: dict[str, int] = {}
    for group in groups:
        index = next((home[w] for _, w in group if w in home), None)
        if index is None:
            index = len(joined)
            joined.append([])
        joined[index] += group
        for _, w in group:
            home.setdefault(w, index)
    return [sorted(group, key=lambda k: -counted[k]) for group in joined]


def _with_their_qualified(wordings: Sequence[str], parts: list[list[int]]) -> list[list[int]]:
    """The parts, each option qualified in parentheses joined to the option it qualifies ("Price (per-seat
    pricing)" is a wording of "Price", qa79: two lines, 6 and 5 lost deals, where one of 11 was the top reason)."""
    return _joined_to_their_base(
        wordings, parts, lambda w: _QUALIFIER.sub("", w).casefold() if _QUALIFIER.search(w) else None
    )


def _joined_to_their_base(
    wordings: Sequence[str], parts: list[list[int]], base_of: Callable[[str], str | None]
) -> list[list[int]]:
    """The parts, each wording's part joined to the part of the wording it details (``base_of``: that wording,
    casefolded, or None where it details none), through any number of such joins, in the order the parts come."""
    whole = {w.strip().casefold(): n for n, w in enumerate(wordings)}
    part_of = {n: i for i, part in enumerate(parts) for n in part}
    joins = [
        (part_of[n], part_of[whole[base]])
        for n, said in enumerate(wordings)
        if (base := base_of(said)) is not None and base in whole
    ]
    return _joined_parts(parts, joins)


def _joined_parts(parts: list[list[int]], joins: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The parts, each pair of ``joins`` (part numbers) one part, through any number of joins, in the order the
    parts come."""
    root = list(range(len(parts)))

    def find(i: int) -> int:
        while root[i] != i:
            i = root[i]
        return i

    for detail, detailed in joins:
        if find(detail) != find(detailed):
            root[find(detail)] = find(detailed)
    merged: dict[int, list[int]] = {}
    for i, part in enumerate(parts):
        merged.setdefault(find(i), []).extend(part)
    return list(merged.values())


_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


# A reason's kind before its detail: "Lost to competitor - benefits module", "No decision: IT blocked migration"
_CATEGORY = re.compile(r"^(?P<kind>[^-–—:]+?)\s*(?:\s[-–—]\s|:\s)\s*\S")


# A kind that only names how the deal closed ("Churn - Needed transit-specific asset rules", "Closed Lost - Price"):
# it says nothing of why, so wordings that carry it are no kind of one reason (qa316: seven different recorded reasons
# were one, "Churn", where the column's lost deals' reasons, "Lost - Price", kept the prefix from being every one's).
_ONLY_HOW_IT_CLOSED = re.compile(r"(?:closed[\s-]*)?(?:lost|loss|won|churn\w*|cancell?\w*)", re.IGNORECASE)
# ... and read without it where wordings are weighed by meaning (the same words on each make them read alike)
_HOW_IT_CLOSED_FIRST = re.compile(
    rf"^\s*{_ONLY_HOW_IT_CLOSED.pattern}\s*(?:\s[-–—]\s|:\s)\s*(?=\S)", re.IGNORECASE
)


def _category(wording: str) -> str:
    """The kind a wording names before its detail ("Lost to competitor" of "Lost to competitor - benefits module"),
    or the wording itself when it has no detail or its kind only says how the deal closed."""
    found = _CATEGORY.match(wording)
    if not found or _ONLY_HOW_IT_CLOSED.fullmatch(found["kind"].strip()):
        return wording.strip()
    return found["kind"].strip()


def _shared_category(wordings: Sequence[str], column: Sequence[str] = ()) -> str | None:
    """The kind every one of several different wordings names (qa280: "Lost to competitor - enterprise features",
    recorded for one account, named a line of three that held "- benefits module" and a bare "Lost to competitor"):
    the line is the kind's, and its wordings are listed. Not a prefix every wording of the ``column`` carries and
    none is alone ("Churn - …" says nothing, qa50)."""
    if len({w.casefold() for w in wordings}) < 2:
        return None
    kinds = {_category(w).casefold() for w in wordings}
    detailed = [_category(w) for w in wordings if _category(w).casefold() != w.strip().casefold()]
    if len(kinds) != 1 and detailed and len({k.casefold() for k in detailed}) == 1:
        # (a wording that opens with the kind the others detail names it too: "Acquired by consolidator", qa307)
        opened = " ".join(detailed[0].casefold().split()) + " "
        if all(
            _category(w).casefold() == detailed[0].casefold()
            or " ".join(w.casefold().split()).startswith(opened)
            for w in wordings
        ):
            kinds = {detailed[0].casefold()}
    if len(kinds) != 1:
        return None
    kind = detailed[0] if detailed else _category(wordings[0])
    said_alone = any(w.strip().casefold() == kind.casefold() for w in column)
    if column and not said_alone and all(_category(w).casefold() == kind.casefold() for w in column):
        return None
    return kind


def _with_their_kind(wordings: Sequence[str], parts: list[list[int]]) -> list[list[int]]:
    """The parts, a wording joined to the one that is its kind ("No decision - IT consultant blocked migration" to
    "No decision", qa280: two lines of one reason each)."""

    def kind_of(said: str) -> str | None:
        kind = _category(said).casefold()
        return kind if kind != said.strip().casefold() else None

    return _joined_to_their_base(wordings, parts, kind_of)


def _with_the_kind_they_open_with(wordings: Sequence[str], parts: list[list[int]]) -> list[list[int]]:
    """The parts, a wording that opens with the kind other wordings detail joined to theirs ("Acquired by
    consolidator" to "Acquired - corporate mandated PIMS" and "Acquired - group standardised on Cornerstone", qa307:
    two lines of 2 accounts each, and "Price - single doctor", 3, the top churn reason over acquisitions, 4)."""
    kinds = {_category(w).casefold() for w in wordings if _category(w).casefold() != w.strip().casefold()}
    # (not a prefix every wording carries: "Churn - …" says nothing, qa50)
    kinds -= {k for k in kinds if all(_category(w).casefold() == k for w in wordings)}

    def kind_of(said: str) -> str | None:
        folded = " ".join(said.casefold().split())
        if _category(said).casefold() != said.strip().casefold():
            return _category(said).casefold() if _category(said).casefold() in kinds else None
        opening = [k for k in kinds if folded.startswith(k + " ")]
        return max(opening, key=len) if opening else None

    part_of_kind: dict[str, int] = {}
    joins = []
    for number, part in enumerate(parts):
        for kind in filter(None, (kind_of(wordings[n]) for n in part)):
            joins.append((number, part_of_kind.setdefault(kind, number)))
    return _joined_parts(parts, joins)


def _without_shared_opening(wordings: Sequence[str]) -> list[str]:
    """The wordings without the words all of them open with ("Churn - Support / Service", "Churn - No benefits
    module"): a prefix every value carries says nothing, yet it makes them read alike (qa50: four recorded churn
    reasons were one)."""
    if len(wordings) < 2:
        return list(wordings)
    split = [re.findall(r"\w+|[^\w\s]+", w) for w in wordings]
    shared = 0
    while all(len(t) > shared + 1 for t in split) and len({t[shared].casefold() for t in split}) == 1:
        shared += 1
    if not shared:
        return list(wordings)
    return [" ".join(t[shared:]).strip(" -:/|") or w for t, w in zip(split, wordings, strict=True)]


def _is_pick_list(counts: Sequence[int]) -> bool:
    """A pick list's options, each chosen again and again: at most as many wordings as a survey's pick list offers
    (a CRM's reason field is the same kind of list), used twice each on average."""
    return len(counts) <= PICK_LIST_MAX_OPTIONS and sum(counts) >= 2 * len(counts)


def _by_product(part: Sequence[int], wordings: Sequence[str], *, keep_apart: bool = False) -> list[list[int]]:
    """A group of wordings split by the product each names, and those naming none apart from those naming one
    (qa22: "Lost to Motive (price)" is no "No decision / no budget"); with ``keep_apart``, each of those naming
    none is a reason of its own (a pick list's options)."""
    named: dict[str, list[int]] = {}
    unnamed: list[int] = []
    spelled: dict[str, str] = {}
    for n in part:
        names = names_in_reason(wordings[n])
        if names:
            spelled.setdefault(names[0].casefold(), names[0])
        (named.setdefault(names[0].casefold(), []) if names else unnamed).append(n)
    # "KnowBe4 came in cheaper" names KnowBe4 too, once another wording shows it is one
    for n in list(unnamed):
        if holder := next((k for k in named if _names(k, wordings[n])), None):
            named[holder].append(n)
            unnamed.remove(n)
    # a product's short form is the product ("Went with Loop", "Chose Loop Returns")
    for alias, full in short_forms(list(named), list(spelled.values())).items():
        named[full] += named.pop(alias)
    rest = [[n] for n in unnamed] if keep_apart else ([unnamed] if unnamed else [])
    split = sorted(named.values(), key=len, reverse=True) + rest
    return split if len(split) > 1 else [list(part)]


def _one_per_product(parts: Sequence[list[int]], wordings: Sequence[str]) -> list[list[int]]:
    """Parts naming one product (or its short form) joined, whatever meaning put them apart (qa30: "Loop (brand
    name / incumbent)" and "Went with Loop" were two loss reasons)."""
    names = {n: names_in_reason(wordings[n]) for part in parts for n in part}
    spelled = {found[0].casefold(): found[0] for found in names.values() if found}
    folded = short_forms(list(spelled), list(spelled.values()))

    def product(part: list[int]) -> str | None:
        keys = {folded.get(k, k) for n in part if names[n] for k in [names[n][0].casefold()]}
        if not keys:  # "Loop (brand name / incumbent)" names Loop once another wording shows it is one
            said = " ".join(wordings[n] for n in part)
            keys = {folded.get(k, k) for k in spelled if _names(k, said)}
        return keys.pop() if len(keys) == 1 else None

    joined: dict[str, list[int]] = {}
    rest: list[list[int]] = []
    for part in parts:
        key = product(part)
        if key is None:
            rest.append(list(part))
        else:
            joined.setdefault(key, []).extend(part)
    return [*joined.values(), *rest]


def _names(product: str, wording: str) -> bool:
    """Whether a wording names a product (given lower-cased) as a word of its own."""
    return bool(re.search(rf"(?<!\w){re.escape(product)}(?!\w)", wording.casefold()))


def _recorded_reason(
    group: Sequence[tuple[str, str]],
    k: int,
    counted: Mapping[tuple[str, str], int],
    spelling: Mapping[tuple[str, str], str],
    outcome: str,
    of: int,
) -> Criterion:
    # (a wording recorded in several columns is one wording, its columns named: "'Churn Reason' and 'Closed Lost
    # Reason'")
    columns = " and ".join(f"'{c}'" for c in dict.fromkeys(column for column, _ in group))
    # (named by the kind its wordings share, each wording but the kind itself is listed)
    in_columns = {column for column, _ in group}
    kind = _shared_category(
        [spelling[key] for key in group], [spelling[k] for k in spelling if k[0] in in_columns]
    )
    named = kind.casefold() if kind else group[0][1]
    firsts: dict[str, tuple[str, str]] = {}
    for key in group:
        if key[1] != named:
            firsts.setdefault(key[1], key)
    wordings = list(firsts.values())
    others = "; ".join(f"'{spelling[key]}' {counted[key]}" for key in wordings[:RECORDED_WORDINGS])
    more = f" and {len(wordings) - RECORDED_WORDINGS} more" if len(wordings) > RECORDED_WORDINGS else ""
    alike = f" (with the wordings {others}{more})" if others else ""
    return Criterion(
        attribute="recorded_reason",
        value=kind or spelling[group[0]],
        reason=f"recorded in the CRM's {columns} for {k} of the {of} {outcome} accounts{alike}",
        confidence="high" if k >= 5 else "medium" if k >= 3 else "low",
        by_outcome={outcome: k},
    )


def _distinct_quotes(criteria: Sequence[Criterion], *, limit: int | None = None) -> list[Criterion]:
    """The criteria with every quote an earlier line of the same section already shows left out (and at most
    ``limit`` of the rest, which are the ones shown)."""
    shown = Shown()
    kept = []
    for criterion in criteria:
        evidence = _unseen(criterion.evidence, shown, limit=limit)
        kept.append(criterion.model_copy(update={"evidence": evidence}))
    return kept


@dataclass
class Shown:
    """What a section has quoted: the words (two respondents writing the same line count once) and each
    document's spans (a quote inside another, or around it, is the same words again)."""

    words: set[str] = field(default_factory=set)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def add(self, quote: Evidence) -> bool:
        """Mark the quote shown; False when the section already shows it or a quote overlapping it."""
        words = wording(quote.quote)
        spans = self.spans.setdefault(quote.document, [])
        if words in self.words or any(a < quote.end and quote.start < b for a, b in spans):
            return False
        self.words.add(words)
        spans.append((quote.start, quote.end))
        return True


def _unseen(evidence: Sequence[Evidence], shown: Shown, *, limit: int | None = None) -> list[Evidence]:
    """Up to ``limit`` quotes the section has not shown yet (``Shown``); marks them shown."""
    kept: list[Evidence] = []
    for quote in evidence:
        if limit is not None and len(kept) >= limit:
            break
        if shown.add(quote):
            kept.append(quote)
    return kept


_TWO = "in two or more interviews/answers yet"
# Why a section of the buying story is empty, as the page says it. One churned or lost account's reason is
# shown (REASON_FACETS), so those two need no second source; every other line needs two.
STORY_SECTIONS = {
    "triggers": f"No buying trigger is raised {_TWO}.",
    "pain_points": f"No pain point is raised {_TWO}.",
    "goals": f"No goal statements recur {_TWO}.",
    "objections": f"No objection is raised {_TWO}.",
    "alternatives": f"No alternative is weighed {_TWO}.",
    "competitors": f"No competitor is named {_TWO}.",
    "outcomes": f"No outcome customers got is described {_TWO}.",
    "churn_reasons": "No churn reason is given yet.",
    "loss_reasons": "No loss reason is given yet.",
    "buying_committee": f"No one is seen signing, approving, driving the evaluation or blocking {_TWO}.",
}
ACCOUNT_SECTIONS = {
    "firmographics": "No firmographic value", "technographics": "No tool in the tech stack",
    "negative_signals": "No account value",
}  # fmt: skip


INDICATIVE_N = (
    5  # the fewest accounts a value below MIN_CRITERION_N needs to be named as indicative in a note
)


# The heading each section of the buying story is drawn from, where one theme of it can recur or be said once.
_SECTION_FACET = {
    "triggers": "trigger", "pain_points": "pain_point", "goals": "goal", "objections": "objection",
    "alternatives": "alternative", "outcomes": "outcome",
}  # fmt: skip


def story_notes(
    profile: IcpProfile, firmographic: Sequence[Signal] = (), *, recurring: set[str] | None = None
) -> dict[str, str]:
    """A note for each section whose evidence is missing or thin, saying why in words the page shows; an empty
    account section names the clearest value seen on fewer accounts than a criterion needs, as indicative. With
    ``recurring`` (the headings with a theme two or more sources raise), a section of none says each line was
    said once."""
    notes = {}
    for name, why_empty in STORY_SECTIONS.items():
        items: list[Criterion] = getattr(profile, name)
        if not items:
            notes[name] = why_empty
        elif recurring is not None and name in _SECTION_FACET and _SECTION_FACET[name] not in recurring:
            notes[name] = (
                "Nothing here recurs yet: each line was said in one interview or by one respondent; read it as "
                "what was said, not as a pattern."
            )
        elif all(c.confidence == "low" for c in items):
            notes[name] = "Thin evidence: each line rests on three sources or fewer; treat it as indicative."
    has_outcomes = bool(profile.counts.get("accounts_with_outcome"))
    for name, words in ACCOUNT_SECTIONS.items():
        if getattr(profile, name):
            continue
        if not has_outcomes:
            notes[name] = "No accounts with outcomes: this needs a CRM export with won/lost/churned."
        else:
            side = "worse" if name == "negative_signals" else "better"
            notes[name] = (
                f"{words} seen on {MIN_CRITERION_N} or more accounts does clearly {side} than the rest yet."
            )
            nearest = _nearest_miss(firmographic, name, profile.counts.get("accounts_with_outcome", 0))
            if nearest:
                notes[name] += f" Closest, not yet a criterion: {nearest}."
            closest = _indicative(firmographic, name)
            if closest:
                notes[name] += (
                    f" Indicative only, on fewer accounts: {closest.attribute.replace('_', ' ')} {closest.value} "
                    f"({closest.good} of {closest.n} won or active, against {closest.base_rate:.0%} overall)."
                )
    return notes


def _nearest_miss(signals: Sequence[Signal], section: str, known: int) -> str:
    """The value seen on MIN_CRITERION_N or more accounts whose lift shrunk by n passes the section's bar, as
    criteria are chosen, that is surely furthest from the rest (the lift at its Wilson bound, as criteria are
    ranked) though its rate or its column's values are within what chance gives, told against the other accounts, not against an overall rate that includes it: a segment of
    half the accounts at 60% against 30% for the rest is 60% against 46% overall (qa76: the segment a vendor is
    built for, 21 of 35 won, and a platform 2 of 13 won, were on no line of the page). Empty when none is."""
    worse = section == "negative_signals"
    lift = shrunk_or_raw_lift
    fits = [
        s
        for s in signals
        if s.trait
        and s.n >= MIN_CRITERION_N
        and known > s.n
        and (worse or (s.attribute == "tech_stack") == (section == "technographics"))
        and (lift(s) <= 1 / MIN_LIFT if worse else lift(s) >= MIN_LIFT)
    ]
    if not fits:
        return ""
    # the one surely furthest from the rest, as the sections rank criteria (qa81: a tool 22 of 30 won lost to one whose
    # higher lift rested on fewer accounts)
    best = min(fits, key=cautious_lift) if worse else max(fits, key=cautious_lift)
    rest_n = known - best.n
    rest_good = max(0, round(best.base_rate * known) - best.good)
    others = "without it" if best.attribute == "tech_stack" else "for the other accounts"
    # why it is no criterion: its own rate is within chance of the others', or its column's values as a whole
    # differ little beyond chance (the rubric's test, which keeps one of many values from passing by luck)
    why = (
        "within chance of the others"
        if best.confidence == "low"
        else f"{shown_attribute(best.attribute)}'s values as a whole differ little beyond chance"
    )
    return (
        f"{shown_attribute(best.attribute)} {best.value} ({best.good} of {best.n} won or active, against "
        f"{rest_good} of {rest_n} ({rest_good / rest_n:.0%}) {others}; {why})"
    )


def _indicative(signals: Sequence[Signal], section: str) -> Signal | None:
    """The value that most clearly separates good accounts from the rest among those seen on INDICATIVE_N to
    MIN_CRITERION_N - 1 accounts, for an account section (technographics: tech stack; anti-ICP: worse)."""
    worse = section == "negative_signals"
    lift = shrunk_or_raw_lift  # as split_signals reads a signal
    fits = [
        s
        for s in signals
        if s.trait
        and INDICATIVE_N <= s.n < MIN_CRITERION_N
        and (worse or (s.attribute == "tech_stack") == (section == "technographics"))
        and (lift(s) <= 1 / MIN_LIFT if worse else lift(s) >= MIN_LIFT)
    ]
    if not fits:
        return None
    return min(fits, key=lift) if worse else max(fits, key=lift)


def _reach(theme: Theme) -> str:
    accounts = f"({theme.accounts} known account{'s' * (theme.accounts != 1)})"
    respondents = f"{theme.respondents} survey respondent{'s' * (theme.respondents != 1)}"
    # a survey-only theme: "raised in 0 interviews" says nothing
    if not theme.interviews and theme.respondents:
        return f"raised by {respondents} {accounts}"
    parts = [f"{theme.interviews} interview{'s' * (theme.interviews != 1)}"]
    if theme.respondents:
        parts.append(respondents)
    return f"raised in {' and '.join(parts)} {accounts}"


def _summary(
    profile: IcpProfile,
    positive_themes: Sequence[Signal],
    themes: Mapping[str, Theme],
    accounts: Sequence[Account] = (),
) -> list[str]:
    lines = []
    fits = sorted(profile.firmographics + profile.technographics, key=_strength)
    firmo = _one_per_group([c for c in fits if c.signal is None or c.signal.n >= MIN_CRITERION_N], limit=4)
    if firmo:
        lines.append("Best-fit accounts: " + "; ".join(firmo) + ".")
    named = (
        ("Top reason customers chose it", profile.reasons_chosen),
        ("Top trigger", profile.triggers),
        ("Top pain", profile.pain_points),
    )
    for name, section in named:
        if section:
            # the headline is the best customers', not a line only churned or lost accounts raise (qa48: "Top
            # trigger: A candle shows up cracked", a churned shop's; "Top pain: Warranty claims", a lost deal's)
            top = next((c for c in section if not _only_gone(c)), section[0])
            thin = " — thin evidence" if top.confidence == "low" else ""
            line = f"{name}: {top.value} ({top.reason}){thin}{_as_said(top)}"
            lines.append(line if re.search(r"[.!?]”$", line) else f"{line}.")
    if profile.buying_committee:
        # (the committee of the deals won and kept: not a part only lost deals tell, qa220: "COO — technical
        # evaluator" of two lost deals led the summary; all of them where only those are known)
        bought = [c for c in profile.buying_committee if not _only_gone(c)] or profile.buying_committee
        lines.append("Buying committee: " + "; ".join(_by_title(bought[:3])) + ".")
    if profile.competitors:
        top = profile.competitors[0]
        thin = " — thin evidence" if top.confidence == "low" else ""
        lines.append(f"Competitor named most: {top.value} ({top.reason}){thin}.")
    for outcome, section in (("churned", profile.churn_reasons), ("lost", profile.loss_reasons)):
        if section:
            lines.append(_reason_line(outcome, section, themes, accounts))
    # (not a complaint about the product today, which only customers who stay are asked: qa298, "Dashboard is slow
    # sometimes (100% won/active)" read as a mark of good customers)
    stayed = [(s, t) for s in positive_themes if (t := themes.get(s.value)) and t.facet != "complaint"]
    if stayed:
        signal, best = stayed[0]
        lines.append(f"Said most by customers who stayed: {best.label} ({signal.note}).")
    avoid = _one_per_group([c for c in profile.negative_signals if c.attribute != "theme"], limit=3)
    if avoid:
        lines.append("Avoid: " + "; ".join(avoid) + ".")
    return lines


def _buying_roles(
    committee: Sequence[Criterion], family: str, family_of: Callable[[str], str], shown: set[str]
) -> list[str]:
    """The committee lines a persona's people play: those of its titles, and those of a title no persona is, of the
    persona's function ("Service (Lead Service Advisor, Service Advisor, Service Manager) — champion" for the
    Service Advisor persona, qa295: listed as a role with nothing that stands out, beside the committee's champion)."""
    mine = []
    for line in committee:
        if not line.title:
            continue
        theirs = family_of(line.title)
        if theirs == family or (
            theirs not in shown and (function := function_of(line.title)) and function == function_of(family)
        ):
            mine.append(line.value)
    return mine


def _only_gone(line: Criterion) -> bool:
    """Whether every account a line's outcome counts know churned or was lost."""
    known = {o: n for o, n in line.by_outcome.items() if n}
    return bool(known) and all(o in BAD_OUTCOMES for o in known)


SAID_CHARS = 160  # the longest quote the summary shows beside a label (one line of the page)


def _as_said(line: Criterion) -> str:
    """The quote a theme's label was cut from, when the label is only part of it: a label of a few words
    ("Bank partner") reads as meant beside the sentence it came from."""
    quote = line.evidence[0].quote.strip() if line.evidence else ""
    if not quote or len(quote) > SAID_CHARS or quote.rstrip(".!?").casefold() == line.value.casefold():
        return ""
    return f", as in “{quote}”"


def _by_title(committee: Sequence[Criterion]) -> list[str]:
    """'CFO — economic buyer (signs off), champion (drives the evaluation)': one entry per title, parts in order."""
    parts: dict[str, list[str]] = {}
    for entry in committee:
        title, _, part = entry.value.partition(" — ")
        parts.setdefault(entry.title or title, []).append(part or entry.value)
    return [f"{title} — {', '.join(each)}" for title, each in parts.items()]


def _accounts_given(criterion: Criterion, outcome: str, themes: Mapping[str, Theme], theirs: set[str]) -> int:
    """How many of the CRM's accounts of this outcome (``theirs``) give the reason: counted by the CRM for a
    recorded reason, by the theme's accounts for one customers said."""
    if criterion.attribute == "recorded_reason":
        return criterion.by_outcome.get(outcome, 0)
    theme = themes.get(criterion.theme_id or "")
    return len(theirs.intersection(theme.account_ids)) if theme else 0


def _reason_line(
    outcome: str, section: Sequence[Criterion], themes: Mapping[str, Theme], accounts: Sequence[Account]
) -> str:
    """The summary's top churn (or loss) reason, as a share of all the CRM's churned (or lost) accounts: the
    reason that covers the most of them (a customer's reason first on a tie). Reasons of one kind that cover as
    many are a tie, and the line names each of them.

    With a CRM, a reason is "top" only when two or more distinct churned (lost) accounts give it; otherwise
    the line says none recurs yet, so a reader never takes one account's story for the pattern.
    """
    name = "Top churn reason" if outcome == "churned" else "Top loss reason"
    theirs = {a.account_id for a in accounts if a.outcome == outcome}
    # (the line of the reasons not shown is many reasons, not one: qa146, it was both "top" reasons)
    reasons = [c for c in section if c.value != OTHER_RECORDED] or list(section)

    def rank(c: Criterion) -> tuple[int, bool]:
        return _accounts_given(c, outcome, themes, theirs), c.attribute != "recorded_reason"

    top = max(reasons, key=rank)
    thin = " — thin evidence" if top.confidence == "low" else ""
    if not theirs:
        return f"{name}: {top.value} ({top.reason}){thin}."
    k = _accounts_given(top, outcome, themes, theirs)
    if k < 2:
        if top.attribute == "recorded_reason":
            return f"{name}: none recurs yet — {top.value}, {top.reason}."
        who = _people_of(k, len(theirs), outcome)
        return f"{name}: none recurs yet — the most raised, {top.value}, comes from {who} ({top.reason})."
    # (two reasons each of three churned accounts are a tie, not one top reason and the other unsaid: qa293, the
    # first of two recorded reasons in the CRM's order was the summary's)
    tied = [c for c in reasons if rank(c) == rank(top)]
    told = [_reason_told(c, outcome, k, len(theirs)) for c in tied]
    if len(told) > 1:
        return f"{name}: a tie of {len(told)} — " + "; ".join(told) + "."
    return f"{name}: {told[0]}."


def _reason_told(criterion: Criterion, outcome: str, k: int, of: int) -> str:
    """One top reason, given by ``k`` of the ``of`` accounts of the outcome: recorded by the CRM (whose reasons
    say "recorded in the CRM's ...") or said by their people."""
    thin = " — thin evidence" if criterion.confidence == "low" else ""
    if criterion.attribute == "recorded_reason":
        return f"{criterion.value} — {criterion.reason}{thin}"
    return f"{criterion.value} — said by {_people_of(k, of, outcome)} ({criterion.reason}){thin}"


def _people_of(k: int, of: int, outcome: str) -> str:
    """Whose reason a line is: 'people of 2 of the 6 churned accounts in the CRM'."""
    return f"people of {k} of the {of} {outcome} accounts in the CRM"


def _strength(criterion: Criterion) -> float:
    """Strongest first: the lift surely furthest above 1 (``cautious_lift``), as the sections rank them."""
    return -cautious_lift(criterion.signal) if criterion.signal else 0.0


def _warnings(
    profile: IcpProfile,
    counts: Mapping[str, int],
    firmographic: Sequence[Signal],
    *,
    recurring: set[str] | None = None,
) -> list[str]:
    warnings = []
    interviews = counts.get("interviews", 0)
    respondents = counts.get("respondents", 0)
    if not interviews and respondents:
        warnings.append(
            f"No interviews: every theme rests on {respondents} survey respondents' answers alone; interviews "
            "would show who decided and why, in the customers' own story."
        )
    elif interviews < THIN_INTERVIEWS:
        plural = "s" * (interviews != 1)
        warnings.append(f"Only {interviews} interview{plural}: treat every theme as indicative, not settled.")
    if not counts.get("accounts_with_outcome"):
        warnings.append(
            "No accounts with outcomes: firmographic and negative signals need a CRM export with won/lost/churned."
        )
    elif not firmographic or all(s.confidence == "low" for s in firmographic):
        warnings.append("Too few accounts per attribute value to trust any firmographic signal.")
    if not counts.get("customer_units"):
        warnings.append(
            "No customer statements: nothing in interviews or survey answers to draw themes from."
        )
    # a section is thin when nothing in it recurs: empty, or (themes given) only statements said once each
    thin = [
        name
        for name in ("triggers", "pain_points", "goals", "buying_committee")
        if not getattr(profile, name)
        or (recurring is not None and name in _SECTION_FACET and _SECTION_FACET[name] not in recurring)
    ]
    if thin and counts.get("customer_units"):
        said_once = [n.replace("_", " ") for n in thin if getattr(profile, n)]
        named = ", ".join(n.replace("_", " ") for n in thin)
        if said_once and len(said_once) == len(thin):
            named += " (each said once, shown as such)"
        elif said_once:
            named += f" ({', '.join(said_once)}: each said once, shown as such)"
        warnings.append(f"No recurring evidence yet for: {named}.")
    return warnings


def draft_personas(
    documents: Sequence[Document],
    themes: Sequence[Theme],
    *,
    committee: Sequence[Criterion] = (),
    min_sources: int = 2,
) -> list[Persona]:
    """One persona per role family (finance leader, controller/AP manager, ...) seen in two or more sources.

    A persona lists only the themes its own people raise more often than everyone else does (``distinctive``:
    at least PERSONA_MIN_SOURCES of its own sources, clearly more often), so two personas differ where their
    people said different things; its quote is its own people's, from its most distinctive theme, and no
    quote appears under two personas. When nothing stands out the persona says so instead.
    """
    families: dict[str, list[Document]] = defaultdict(list)
    roles: dict[str, set[str]] = defaultdict(set)
    # a call with two customers of different roles ("interviewee: Marcus Feld; Dana Whitaker", "role: Deputy
    # General Counsel; Accounts Payable Manager") belongs to each one's family, with that person's quotes only
    # (qa37, qa38: the pair's role string was one title, a controller counted as an executive)
    speakers_in: dict[tuple[str, str], set[str]] = {}
    placed: set[tuple[str, str]] = set()  # (family, document id)
    stated_by: dict[str, list[tuple[str | None, str | None]]] = {}
    for document in documents:
        each = speaker_roles(document)  # {person: role} when the metadata names several, else empty
        stated_by[document.doc_id] = (
            [(role, person) for person, role in each.items()] if each else [(document_role(document), None)]
        )
        # the one interviewee named, on a call where another customer speaks too: the role is that person's, and so
        # are the quotes (qa45: a general superintendent quoted under his colleague's "Project Executive")
        named = interviewees(document)
        speakers = {t.speaker for t in document.turns if t.is_customer}
        if not each and len(named) == 1 and len(speakers) > 1 and named[0] in speakers:
            stated_by[document.doc_id] = [(document_role(document), named[0])]
    titles = {role_title(role) for stated in stated_by.values() for role, _ in stated if role}
    family_of = _families({t for t in titles if t})
    for document in documents:
        for role, person in stated_by[document.doc_id]:
            title = role_title(role) if role else None
            if not title:
                continue
            family = family_of(title)
            if (family, document.doc_id) not in placed:
                placed.add((family, document.doc_id))
                families[family].append(document)
            roles[family].add(role or title)
            if person:
                speakers_in.setdefault((family, document.doc_id), set()).add(person)
    personas = []
    all_ids = {d.doc_id for d in documents}
    shown = Shown()  # no quote twice in the section, even from two people of different roles
    # Benjamini-Hochberg over every theme tested for every role the page shows: the page reads each role's
    # standing-out themes together, so a role's few tests are no family of their own (qa284: roles drawn
    # independently of every answer, and two personas each "raised more" a theme, 3 of 8 against 6% of others,
    # p = 0.02, one of two tests for that role)
    shown_ids = {
        family: {d.doc_id for d in members}
        for family, members in families.items()
        if len(members) >= min_sources
    }
    tests = {family: _persona_tests(themes, ids, all_ids - ids) for family, ids in shown_ids.items()}
    bar = _fdr_bar([p for _, tested in tests.values() for p in tested], PERSONA_FDR)
    for family, members in sorted(families.items(), key=lambda item: -len(item[1])):
        if family not in shown_ids:
            continue
        ids = shown_ids[family]
        mine = _standing_out(tests[family][0], bar)
        # What the role's people say, not who decided: a decision-maker cluster is labelled by one act or one
        # person ("Ben ran it"), and the buying committee shows each title's part with its evidence.
        said = [t for t in mine if t.facet != "decision_maker"]
        personas.append(
            Persona(
                name=family,
                roles=sorted(roles[family]),
                sources=len(members),
                goals=_top(mine, "goal"),
                pains=_top(mine, "pain_point"),
                triggers=_top(mine, "trigger"),
                objections=_top(mine, "objection"),
                evaluation=_top(mine, "decision_maker") + _top(mine, "alternative"),
                buying_roles=_buying_roles(committee, family, family_of, set(families)),
                highlights=[_highlight(t, ids, all_ids - ids) for t in said[:3]],
                quotes=_unseen(
                    one_per_document(_own_quotes(said[:3], ids, speakers_in, family)), shown, limit=3
                ),
                note=_persona_note(len(members), bool(said)),
            )
        )
    return personas


def _families(titles: set[str]) -> Callable[[str], str]:
    """The persona a title belongs to: its role family; for a title the list does not know, its function when
    another title of the data shares that function (a VP, a head and an associate director of Clinical Operations,
    with the survey's "Clinical Operations"), else the title itself (a lone "Clinic Director" is no "Clinic")."""
    sharing = Counter(f for t in titles if (f := title_function(t)))  # distinct titles per function

    def family(title: str) -> str:
        if title in ROLE_FAMILY:
            return ROLE_FAMILY[title]
        # a title written as two ("Scheduler / Care Coordinator") one of which is another title of the data is that
        # one's persona (qa286: two personas of the schedulers)
        for part in (p for p in re.split(r"\s*/\s*", title) if p.strip()) if "/" in title else ():
            if (known := role_title(part)) and known != title and known in titles:
                return family(known)
        function = title_function(title)
        return function if function and sharing[function] >= 2 else title

    return family


def _said_by_one_of(
    quote: Evidence, speakers_in: Mapping[tuple[str, str], set[str]] | None, family: str
) -> bool:
    """Whether the quote is the family's own: any quote of a document with one role, in a document with several
    only one of that family's speakers' (by full or first name)."""
    people = (speakers_in or {}).get((family, quote.document))
    if not people:
        return True
    return quote.speaker in people or quote.speaker.split()[0] in people


def _own_quotes(
    themes: Sequence[Theme],
    ids: set[str],
    speakers_in: Mapping[tuple[str, str], set[str]] | None = None,
    family: str = "",
) -> list[Evidence]:
    """The persona's own people's statements of its themes, most distinctive theme first.

    Within a theme, statements whose words the theme's own line may already show (its first quotes) come
    last, and a statement of a few words ("Bill.com was cheaper") after the fuller ones, so the quote says
    something on its own.
    """
    quotes: list[Evidence] = []
    for theme in themes:
        on_page = {wording(e.quote) for e in theme.evidence[: 2 * QUOTES_PER_LINE]}
        own = [
            e
            for e in [*theme.members, *theme.evidence]
            if e.document in ids and _said_by_one_of(e, speakers_in, family)
        ]
        quotes += sorted(
            own, key=lambda e: (wording(e.quote) in on_page, len(e.quote.split()) < PERSONA_QUOTE_WORDS)
        )
    return quotes


def _highlight(theme: Theme, mine: set[str], others: set[str]) -> str:
    """'label (6 of 47 (13%) vs 3% of others)': the theme and how many of this persona's sources raise it."""
    k_mine = len(mine.intersection(theme.documents))
    share = len(others.intersection(theme.documents)) / max(len(others), 1)
    return f"{theme.label} ({k_mine} of {len(mine)} ({k_mine / len(mine):.0%}) vs {share:.0%} of others)"


def _persona_note(sources: int, distinct: bool) -> str:
    if not distinct:
        return (
            f"Nothing this role raises stands out from the other roles yet: no theme is raised by "
            f"{PERSONA_MIN_SOURCES} or more of its {sources} sources clearly more often than by the others."
        )
    return "" if sources >= 3 else f"Thin: {sources} sources; indicative only."


def distinctive(
    themes: Sequence[Theme], mine: set[str], others: set[str], *, bar: float | None = None
) -> list[Theme]:
    """Themes these sources raise clearly more often than the other sources do, the widest gap first.

    A theme counts only when at least PERSONA_MIN_SOURCES of these sources raise it and the lower 95% Wilson
    bound of their share is above the other sources' share (smoothed by half a source): two of fifty people
    raising something nobody else did is not a trait of the role. Ties go to the theme more of them raise.
    ``bar``: the largest p-value that stands out (``draft_personas`` gives the one over every role the page shows);
    by default, over this role's tests alone.
    """
    scored, tested = _persona_tests(themes, mine, others)
    return _standing_out(scored, _fdr_bar(tested, PERSONA_FDR) if bar is None else bar)


def _standing_out(scored: Sequence[tuple[float, int, Theme, float]], bar: float) -> list[Theme]:
    """The themes of ``_persona_tests`` whose p is at most ``bar``, the widest gap first. Of the many themes weighed
    for each role, some differ by chance (qa119: roles drawn independently of every answer, and three personas
    "raised more" at 33% against 11%): a theme stands out only where it survives Benjamini-Hochberg's
    false-discovery control at PERSONA_FDR."""
    kept = sorted(
        (item for item in scored if item[3] <= bar), key=lambda item: (-item[0], -item[1], item[2].theme_id)
    )
    return [theme for _, _, theme, _ in kept]


def _persona_tests(
    themes: Sequence[Theme], mine: set[str], others: set[str]
) -> tuple[list[tuple[float, int, Theme, float]], list[float]]:
    """(gap, sources, theme, p) of each theme these sources raise above the others' share, and the one-sided Fisher
    p of every theme enough of them raise."""
    scored = []
    tested: list[float] = []  # one-sided Fisher p of every theme enough of these sources raise
    for theme in themes:
        k_mine = len(mine.intersection(theme.documents))
        k_others = len(others.intersection(theme.documents))
        if k_mine < PERSONA_MIN_SOURCES:
            continue
        table = [[k_mine, len(mine) - k_mine], [k_others, len(others) - k_others]]
        p = float(fisher_exact(table, alternative="greater")[1])
        tested.append(p)
        low, _ = wilson_interval(k_mine, len(mine))
        gap = low - (k_others + 0.5) / (len(others) + 1)
        if gap > 0:
            scored.append((gap, k_mine, theme, p))
    return scored, tested


def _fdr_bar(p_values: Sequence[float], rate: float) -> float:
    """The largest p-value Benjamini-Hochberg (1995) rejects at this false-discovery rate (-1 when none is)."""
    ranked = sorted(p_values)
    passing = [p for i, p in enumerate(ranked, start=1) if p <= rate * i / len(ranked)]
    return passing[-1] if passing else -1.0


def _top(themes: Sequence[Theme], facet: Facet, limit: int = 3) -> list[str]:
    return [t.theme_id for t in themes if t.facet == facet][:limit]
