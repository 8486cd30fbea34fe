"""Drafting the ICP and buyer personas from themes, distinct counts and outcome signals — never from guesses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from .analyze.signals import MIN_CRITERION_N, split_signals
from .analyze.titles import ROLE_FAMILY, canonical_title, document_role
from .analyze.units import one_per_document
from .models import (
    Confidence,
    Criterion,
    Facet,
    IcpProfile,
    Persona,
    Saturation,
    Signal,
    Theme,
)
from .records import Account, Document
from .rubric import draft_rubric

THIN_INTERVIEWS = 8  # fewer interviews than this and every theme is only indicative


def draft_profile(
    *,
    themes: Sequence[Theme],
    firmographic: Sequence[Signal],
    by_theme: Sequence[Signal],
    committee: Sequence[Criterion],
    saturation: Saturation | None,
    counts: Mapping[str, int],
    accounts: Sequence[Account] = (),
) -> IcpProfile:
    """The ICP: positive and negative signals from outcomes, and the recurring themes with their evidence.

    A firmographic value becomes a criterion only with n >= MIN_CRITERION_N accounts; the rubric groups
    values that co-occur on ``accounts`` so one fact is counted once.
    """
    positive, negative = split_signals(firmographic, min_n=MIN_CRITERION_N)
    positive_themes, negative_themes = split_signals(by_theme)
    theme_by_id = {t.theme_id: t for t in themes}
    profile = IcpProfile(
        # Other CRM category columns (lead source, deal type...) describe the account too.
        firmographics=[_signal_criterion(s) for s in positive if s.attribute != "tech_stack"],
        technographics=[_signal_criterion(s) for s in positive if s.attribute == "tech_stack"],
        triggers=_theme_criteria(themes, "trigger", counts, limit=6),
        buying_committee=list(committee),
        pain_points=_theme_criteria(themes, "pain_point", counts, limit=6),
        goals=_theme_criteria(themes, "goal", counts, limit=4),
        negative_signals=[_signal_criterion(s) for s in negative]
        + [
            _theme_signal_criterion(s, theme_by_id[s.value])
            for s in negative_themes
            if s.value in theme_by_id
        ],
        saturation=saturation,
        counts=dict(counts),
    )
    profile.rubric = draft_rubric(firmographic, accounts)
    profile.summary = _summary(profile, positive_themes, theme_by_id)
    profile.warnings = _warnings(profile, counts, firmographic)
    return profile


def _signal_criterion(signal: Signal) -> Criterion:
    return Criterion(
        attribute=signal.attribute,
        value=signal.value,
        reason=signal.note,
        confidence=signal.confidence,
        signal=signal,
    )


def _theme_signal_criterion(signal: Signal, theme: Theme) -> Criterion:
    return Criterion(
        attribute="theme",
        value=theme.label,
        reason=f"raised more often by churned or lost customers: {signal.note}",
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


def _theme_criteria(
    themes: Sequence[Theme], facet: Facet, counts: Mapping[str, int], *, limit: int
) -> list[Criterion]:
    chosen = [t for t in themes if t.facet == facet][:limit]
    return [
        Criterion(
            attribute=facet,
            value=t.label,
            reason=_reach(t),
            confidence=theme_confidence(t, counts.get("interviews", 0)),
            theme_id=t.theme_id,
            evidence=t.evidence[:2],
        )
        for t in chosen
    ]


def _reach(theme: Theme) -> str:
    parts = [f"{theme.interviews} interview{'s' * (theme.interviews != 1)}"]
    if theme.respondents:
        parts.append(f"{theme.respondents} survey respondent{'s' * (theme.respondents != 1)}")
    reach = " and ".join(parts)
    return f"raised in {reach} ({theme.accounts} known account{'s' * (theme.accounts != 1)})"


def _summary(
    profile: IcpProfile, positive_themes: Sequence[Signal], themes: Mapping[str, Theme]
) -> list[str]:
    lines = []
    firmo = [f"{c.attribute} {c.value}" for c in profile.firmographics + profile.technographics][:4]
    if firmo:
        lines.append("Best-fit accounts: " + "; ".join(firmo) + ".")
    for name, section in (("Top trigger", profile.triggers), ("Top pain", profile.pain_points)):
        if section:
            lines.append(f"{name}: {section[0].value} ({section[0].reason}).")
    if profile.buying_committee:
        lines.append("Buying committee: " + "; ".join(c.value for c in profile.buying_committee[:3]) + ".")
    if positive_themes:
        best = themes.get(positive_themes[0].value)
        if best:
            lines.append(f"Said most by customers who stayed: {best.label} ({positive_themes[0].note}).")
    if profile.negative_signals:
        lines.append(
            "Avoid: " + "; ".join(f"{c.attribute} {c.value}" for c in profile.negative_signals[:3]) + "."
        )
    return lines


def _warnings(profile: IcpProfile, counts: Mapping[str, int], firmographic: Sequence[Signal]) -> list[str]:
    warnings = []
    interviews = counts.get("interviews", 0)
    if interviews < THIN_INTERVIEWS:
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
    thin = [name for name in ("triggers", "pain_points", "buying_committee") if not getattr(profile, name)]
    if thin and counts.get("customer_units"):
        warnings.append(
            "No recurring evidence yet for: " + ", ".join(n.replace("_", " ") for n in thin) + "."
        )
    return warnings


def draft_personas(
    documents: Sequence[Document], themes: Sequence[Theme], *, min_sources: int = 2
) -> list[Persona]:
    """One persona per role family (finance leader, controller/AP manager, ...) seen in two or more sources."""
    families: dict[str, list[Document]] = defaultdict(list)
    roles: dict[str, set[str]] = defaultdict(set)
    for document in documents:
        role = document_role(document)
        title = canonical_title(role) if role else None
        if title:
            family = ROLE_FAMILY.get(title, title)
            families[family].append(document)
            roles[family].add(role or title)
    personas = []
    for family, members in sorted(families.items(), key=lambda item: -len(item[1])):
        if len(members) < min_sources:
            continue
        ids = {d.doc_id for d in members}
        ranked = sorted(themes, key=lambda t: -len(ids.intersection(t.documents)))
        mine = [t for t in ranked if ids.intersection(t.documents)]
        quotes = [e for t in mine[:6] for e in t.evidence if e.document in ids]
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
                quotes=one_per_document(quotes)[:3],
            )
        )
    return personas


def _top(themes: Sequence[Theme], facet: Facet, limit: int = 3) -> list[str]:
    return [t.theme_id for t in themes if t.facet == facet][:limit]
