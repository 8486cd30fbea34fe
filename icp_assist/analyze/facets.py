"""Which facet of buying a customer sentence speaks to, from cue phrases and the bundled embeddings.

Each facet has cue phrases (what people say: "we were struggling", "that's when", "signed off") and a few
prototype sentences. A unit's score for a facet is its best cosine similarity to the facet's prototypes,
plus a bonus when a cue phrase matches and when the survey question asks about that facet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..embed import Embedder
from ..models import FACETS, Facet
from .units import Unit

CUES: dict[Facet, str] = {
    "pain_point": r"struggl|drown|pain|nightmare|frustrat|manual|by hand|spreadsheet|excel|chas(e|ing)|\blost\b|los(e|ing)\b|error|mistake|duplicate|typo|forever|took (us )?(\w+ )?(days|weeks|hours)|too (long|slow)|couldn'?t|no (idea|visibility|way|view)|blind|problem|headache|bottleneck|wast|tedious|hate|mess|chaos|behind|overtime|late (fees|payments)|stuck|slipp",
    "trigger": r"that'?s when|when (we|our|the)|after (the|our|we)|new (cfo|controller|vp|finance|head)|hired|joined|came on|audit(or)?s? (found|flag|came|finding)|finding|acquisition|acquired|merg|grew|growth|doubled|tripled|volume|funding|series [a-e]|raised|investors?|migrat|moving to|moved to|switch(ed|ing) (to|erp)|quit|resign|left the company|went on leave|last straw|tipping point|kicked off|start(ed)? looking|prompted|forced (us|our)|wake-?up call|breaking point",
    "decision_maker": r"sign(ed|s)? off|sign-off|approv|final (say|call|decision)|decision|budget holder|\bcfo\b|vp (of )?finance|controller|procurement|legal|\bit\b (team|director|department)|security (review|team)|champion|pushed for|drove|led the|board|\bceo\b|stakeholder|weighed in|veto|evaluat|demo|shortlist|rfp|committee",
    "goal": r"want(ed)? to|goal|aim|hop(e|ed|ing)|need(ed)? to|so (that )?we could|in order to|faster|quicker|visibility|scale|without (hiring|adding)|free up|real[- ]time|automate|get (our|the) (time|team|people) back|peace of mind|on time|predictab|control",
    "objection": r"worr|concern|hesita|nearly|almost|push ?back|expensive|price|pricing|cost|budget|risk|afraid|skeptic|doubt|implement|integrat|onboarding|rollout|too much (effort|work|time)|questionnaire|\bsso\b|soc ?2|contract|lock-?in|not sure|unsure|hard sell",
    "alternative": r"instead|alternative|compared|looked at|evaluated|considered|competitor|\bvs\.?\b|before (we|this|you)|used to|previous|old (system|tool|process|way)|native|built[- ]in|in[- ]house|outsourc|stayed with|went with|chose|other (vendors?|tools?|options)|homegrown|module",
    "outcome": r"cancel|churn|didn'?t renew|not renew|(decided|chose) (not|against)|went with|stopped using|switched away|wasn'?t worth|never (really )?(took|got)|left (you|the (product|tool|vendor))|saved|cut (our|the)|reduced|\broi\b|paid for itself|renew(ed)?|since (we|switching|going live)|now (we|our|it)|today (we|our)",
}  # fmt: skip

PROTOTYPES: dict[Facet, tuple[str, ...]] = {
    "pain_point": (
        "We struggled with a slow, manual process that caused errors and wasted hours every week.",
        "The old way was painful: we kept losing track of things and mistakes slipped through.",
        "It was frustrating because we had no visibility into what was going on.",
    ),
    "trigger": (
        "What made us start looking was a specific event, like a new leader joining or an audit finding.",
        "That's when we knew we had to change: we grew quickly and volume doubled.",
        "After our key person quit, we started evaluating tools.",
    ),
    "decision_maker": (
        "Our CFO signed off on the purchase and had the final say.",
        "The controller championed it and ran the evaluation, and IT did the security review.",
        "Procurement and legal had to approve the contract before we could buy.",
    ),
    "goal": (
        "We wanted to close faster and get real-time visibility without hiring more people.",
        "Our goal was to automate the work so the team could focus on higher-value things.",
    ),
    "objection": (
        "The price was the main concern and it nearly stopped us from buying.",
        "We were worried the integration and implementation would be too much effort and too risky.",
        "Security questions and the contract terms made us hesitate.",
    ),
    "alternative": (
        "Before this we used spreadsheets and email to get it done.",
        "We also looked at a competitor and considered the module built into our existing system.",
    ),
    "outcome": (
        "In the end we cancelled and did not renew because it did not work for us.",
        "We went with the other vendor instead of you.",
        "Since switching we have saved days every month and it paid for itself.",
    ),
}

QUESTION_CUES: dict[Facet, str] = {
    "pain_point": r"problem|challenge|struggl|pain|frustrat|difficult|solve",
    "trigger": r"why now|made you (start|look)|start(ed)? looking|trigger|prompted|what happened",
    "decision_maker": r"who (was|were|signed|decided|approved)|decision|involved",
    "goal": r"goal|hope|achieve|want to|success",
    "objection": r"stop(ped)? you|nearly|almost|hesitat|concern|worr|hold you back|objection",
    "alternative": r"instead|alternative|before|compare|other (tools|vendors|options)",
    "outcome": r"why did you (leave|cancel|churn|choose)|result|impact|since",
}
CUE_BONUS = 0.12
QUESTION_BONUS = 0.10
THRESHOLD = 0.36  # a unit belongs to a facet at or above this score (tuned on samples) ...
RUNNER_UP = 0.04  # ... and to a second facet within this much of its best


@dataclass
class FacetScores:
    """Per-unit scores for each facet, and the facets each unit is assigned to."""

    scores: np.ndarray  # shape (units, facets)
    assigned: list[list[Facet]]


def classify(units: list[Unit], vectors: np.ndarray, embedder: Embedder) -> FacetScores:
    """Score every unit against every facet and assign it to at most two facets (or none)."""
    scores = np.zeros((len(units), len(FACETS)), dtype=np.float32)
    if not units:
        return FacetScores(scores, [])
    for index, facet in enumerate(FACETS):
        prototypes = embedder.embed(list(PROTOTYPES[facet]))
        scores[:, index] = (vectors @ prototypes.T).max(axis=1)
        cue = re.compile(CUES[facet], re.IGNORECASE)
        question = re.compile(QUESTION_CUES[facet], re.IGNORECASE)
        for row, unit in enumerate(units):
            if cue.search(unit.text):
                scores[row, index] += CUE_BONUS
            if unit.question and question.search(unit.question):
                scores[row, index] += QUESTION_BONUS
    assigned: list[list[Facet]] = []
    for unit_scores in scores:
        best = float(unit_scores.max())
        order = np.argsort(-unit_scores)[:2]
        assigned.append(
            [FACETS[i] for i in order if unit_scores[i] >= THRESHOLD and unit_scores[i] >= best - RUNNER_UP]
        )
    return FacetScores(scores, assigned)
