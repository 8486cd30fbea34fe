"""The buying committee from decision acts: who signed, approved, owned the budget, championed, evaluated or blocked.

A title enters the committee only from a clause in which that person does a decision act, never from a
mention. The parse is clause-level and deliberately strict:

- the clause's subject is the title ("our CFO signed"), a name the document ties to a title ("our
  controller, Ben, ..." then "Ben ran it"), "I" (the interviewee's own role) or he/she for the last of those;
  or the act names the title as its agent ("approved by legal", "sign-off from the CFO", "goes through the CFO");
- the act verb follows the subject within the clause, with no other person in between;
- a clause with a negation (not, n't, never, no, nobody, without), a hypothetical (if, would, could, should,
  might, unless) or an imperative/advice ("Put your AP manager in charge...", "your controller") is refused.

The part a person plays (economic buyer, approver, champion, technical evaluator, user, blocker) is the act's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..models import Criterion, DecisionRole, Evidence
from ..records import Document
from .product import own_product_named, read_as_us
from .signals import BAD_OUTCOMES, accounts_by_outcome, interviews_answers, outcomes_told
from .titles import (
    ROLE_FAMILY,
    document_role,
    find_titles,
    interviewees,
    role_title,
    speaker_roles,
    title_function,
    title_spans,
)
from .units import Unit

MIN_SOURCES = 2  # a committee member is named doing a decision act in two or more interviews/answers
MAX_VARIED_QUOTES = 4  # quotes shown for a part whose title varies by account, one per title (page space)
# The parts a single act may show when the title varies by account. Approving and using are left out: they are
# what many products are for ("managers approve invoices by email now", "I use it daily"), so one clause
# showing them is as likely the product's work as the purchase; two interviews saying it of one title is not.
VARIED_PARTS: tuple[DecisionRole, ...] = ("economic_buyer", "champion", "technical_evaluator", "blocker")
# Approving varies by account too where it was the purchase that was approved, told as done ("Steve Dunn, our VP of
# operations, approved the budget.", "Once the board approved the budget"; qa182, qa186, qa187: a CFO, a controller and
# a board approved, one interview each, and the page had no approver), not approving as the product's use ("The
# office manager approves every purchase order in it now"). Closed phrases of English.
_APPROVED_THE_PURCHASE = re.compile(
    r"\b(approved|okayed|ok'?d|signed off on|green-?lit|blessed|(had|needed) to (approve|okay|sign off on))\s+"
    r"(the |our |their |my |that |this )?"
    r"(budget|spend|spending|purchase|contract|deal|money|funds|funding|it|investment|project|upgrade)\b|"
    r"\bgave (it |us )?(the |their |his |her |final )?(ok|okay|approval|blessing|green light)\b",
    re.IGNORECASE,
)

# A sign-off of one area of the purchase ("I signed off on the security side") is that area's review, not the
# signature on the purchase (qa39: an IT director who ran the security review was the economic buyer).
_SIGNED_OFF_AREA = (
    r"off (on (the |our |their |my )?(security|technical|tech|(?-i:IT)|infosec|integration|architecture|data|"
    r"privacy|compliance|hipaa|soc ?2)\b"
    # ... and so is signing off that something works ("had to sign off that the StaffPay sync actually worked
    # before Greg would sign", qa94: the payroll manager who checked the sync was the economic buyer)
    r"|(that|on whether)\b"
    # ... or a part of it told by pointing back to the review just told, or a technical one ("he signed off on that
    # part", "the hosting piece", qa270: the IT contractor who reviewed the hosting and backups was the economic
    # buyer); "the kitchen side" a chef signs off is the purchase's, as before
    r"|on (that|this) (part|piece|side|bit|portion|aspect|end)\b"
    r"|on (the|our|their|my) (hosting|backups?|server|network|infrastructure|hardware|cloud|database|data) "
    r"(part|piece|side|bit|portion|aspect|end)\b)"
)
_AREA_SIGNED = rf"sign(s|ed)? {_SIGNED_OFF_AREA}"
# The areas of the purchase a review covers ("the security review", "a technical assessment", "the security and
# hosting review", qa162).
_REVIEWED_AREAS = (
    r"security|cyber ?security|technical|tech|it|infosec|architecture|integration|access|privacy|data|compliance|"
    r"hosting|infrastructure|network|vendor risk|risk|"
    # ... and the security questionnaires and standards a review is named by ("did the HECVAT review", qa229: two of
    # four won deals' security reviews were no one's act)
    r"hecvat|soc ?2|hipaa|pci|iso ?27001|gdpr|caiq|vsaq|sig"
)
ACTS: dict[DecisionRole, str] = {
    "economic_buyer": rf"sign(s|ed)?\b(?!-|\s+up\b|\s+of\b|\s+{_SIGNED_OFF_AREA})( off)?|own(s|ed)? the budget|"
    # signing up for it, the purchase itself ("Cody's the owner, he signed up and put it on his card", qa257: the
    # owner's signature was no one's), not for a trial or "for a tool" of their own
    r"sign(s|ed)? up(?=\s*(?:[.,;!]|$|\s+and\b|\s+for (it|us|you|the (annual|yearly|monthly|paid) plan)\b))|"
    r"put (it|this|that) on (his|her|my|our|the) (company )?(credit )?card|"
    r"(held|holds|had|has|controls?|controlled) the (budget|purse)|"
    r"budget holder|wrote the check|paid for it|pays for it|(made|makes|had|has) the (final|last) (say|call|decision)|"
    r"(made|makes) the (call|decision)",
    "approver": r"approv(e|es|ed)\b|green[- ]?light(ed|s)?\b|okay(ed|s)\b|ok'd|rubber[- ]stamp(ed|s)?|(has|had) to agree|agreed to it|"
    r"(goes|went|go)(?= through)",
    # (an RFP or tender is run by procurement for every purchase: running it evaluates, it champions nothing, qa119,
    # qa120: "Procurement ran the RFP" of a lost deal was its champion)
    "champion": r"champion(s|ed)?|push(ed|es)? (for|it)|drove|drives|(ran|runs|led|leads|owned|owns|drove) the (whole )?"
    r"(evaluation|project|search|process(?! (for|of) the (rfp|tender))|selection|buying process)|"
    # (not the IT department run: "Our CIO, Anita Rao, ran IT and security.", qa100: a champion of a lost deal)
    # (but running it somewhere or for a while is a trial: "I ran it at four of the Colorado communities for a month
    # side by side with the paper process", qa139: a champion)
    r"ran (?-i:it)\b(?!\s+(at|for|across|in|side by side|alongside|in parallel|against)\b)|brought (it|you|us|them) in|"
    # ... and led it, answering who ran the purchase ("I led it. I evaluated …", qa155: the champions were none)
    r"led (?-i:it)(?=\s*(?:$|[.,;!]|\s+(?:from|on|for) our side\b))|"
    # a sponsor is an act only as a verb or as someone's part ("sponsored it", "was the exec sponsor"), not the
    # noun of a trade ("all CRO and sponsor documents", qa46: a clinical trial's sponsor is a company)
    r"sponsor(s|ed) (it|the|this|that|our|us|them|him|her)\b|sponsored\b|(was|were|is|'s|’s|as) (the |our |their |an? )?"
    r"(exec(utive)? |internal |business |project )?sponsor\b|advocat(e|ed|es)|sold (it|the idea)|found (you|it|them)(?!\s+in (the|our|their)\b)|took it on|did it (myself|himself|herself)|"
    # the work of running an evaluation: "I ran the whole thing", "she did the demos and the business case"
    r"(ran|runs|did|does|set up|organi[sz]ed|built|wrote|made|owned|put together) the (whole thing|scoring|shortlist|"
    r"short list|demos|reference calls|requirements( list)?|(business )?case|scorecard|vendor research|vendor search)|"
    r"put the short ?list together|"
    # recommending the purchase to the one who signs ("I recommended it, Michelle signed the contract", qa31)
    r"recommend(s|ed)? (it|us|you|them|this|that|the (tool|product|platform|software|system|purchase|switch))\b|"
    # ... or the product by its name ("I evaluated the options and recommended Tidewell", qa152: an evaluator only;
    # in a lost deal the one recommended was the rival, _CHOSE_ANOTHER)
    r"recommend(s|ed)? (?-i:[A-Z][\w.&-]+)|"
    r"made the recommendation\b|put together (a|the|our) (small |little )?(team|committee|working group)",
    "technical_evaluator": _AREA_SIGNED
    # (any article: "Our CISO, Ana Ruiz, did a security review"; two areas, the second blanked by _unfilled: "Our
    # head of IT did the security and access review", qa115: three security reviews of won deals were no one's act)
    + r"|(did|ran|led|owned|handled|does|runs|conducted|performed|completed) (the|a|an|our|their) "
    rf"((full|formal|whole|vendor|initial|detailed|final) )?({_REVIEWED_AREAS}) +(review|evaluation|assessment|audit)|"
    r"review(s|ed)? the (security|setup|architecture|integration|api)|vett(ed|s)|evaluat(ed|es)|"
    r"test(ed|s) (it|the|them|both|all|three|two|several|a few|each)\b|"
    # (or trialled or piloted it: "Our lead tech, Marisol, trialed it for two weeks", qa320: no one's evaluation)
    r"(trial(l)?ed|piloted) (it|the|them|both|all|us|you)\b|"
    # (the trial of any article: "My field supervisor, Ray Dunn, ran a trial on two routes", qa157)
    r"ran (the|a|an|our) (\w+ )?(trial|pilot|poc|proof of concept)s?\b|ran (?-i:it) (at|for|across|in|side by side|alongside|in parallel|"
    r"against)\b|insist(s|ed)? on (sso|soc|a pen|single sign)|"
    # ... or did one, of any length, or ran the work both ways ("do a two week pilot", "ran a parallel payroll for two
    # pay periods", "ran our last pay period through Tendwell and through our old way, side by side", qa250, qa253:
    # the field supervisors and payroll managers who tested it were no one's evaluators)
    r"(did|do|does|doing|run|running|ran|conducted) (the|a|an|our|their) ([\w-]+ ){0,3}(trial|pilot|test run|"
    r"proof of concept|poc|bake-?off)s?\b|"
    r"ran (the|a|an|our|their) ([\w-]+ ){0,2}(parallel|side[- ]by[- ]side)\b|"
    r"ran (our|the|their|a) ([\w-]+ ){0,4}(through|on) (\w+ ){0,6}(side by side|in parallel)\b|"
    # ... or took it out to the field ("he took the app out on like six or seven assignments during the trial")
    r"took (it|the (app|tool|product|system|software|platform|device|tablet)) (out|for a (spin|test drive|test run))|"
    # ... or scored the options, or checked one against the other ("had two of my escrow managers score the demos",
    # qa252; "checked the reports against QuickBooks")
    r"(scored|score|rated|rate|graded|grade) (the|all the|each of the|our) (demos|vendors|options|finalists|"
    r"products|tools|systems)\b|(checked|compared|tested|validated) (it|them|the [\w-]+( [\w-]+)?) against\b|"
    r"(ran|runs|led|leads|managed|manages|issued) (the|an|a|our) (rfp|rfi|rfq|tender|sourcing)( process)?\b|"
    r"(wanted|asked for|requested|required) (the |a |our )?(soc ?2|pen ?test|security (review|questionnaire|assessment|"
    r"audit|sign-?off)|sso)|"
    r"sent (us )?(a|the|their) (security )?questionnaire|(did|does) (a lot of |most of |much of |all of |the bulk of )?(the )?(day-to-day )?evaluation|"
    # ... and the testing, of whatever ("he did the reconciliation testing", "she tested how the payouts would
    # reconcile", "I had Carlos run it at Tempe for a month", qa248: the controllers who tested it were no one's
    # evaluators)
    r"(did|does|ran|runs|handled|led|owned) (the|all the|our|a lot of the|most of the) ([\w-]+ )?(testing|tests)\b|"
    r"test(ed|s)\b(?=\s*((how|whether|if)\b|$))|run (?-i:it) (at|for|across|in|side by side|alongside|in parallel)\b",
    # (not time set aside in a calendar: "it's fine, I blocked the hour", qa44)
    # (what is blocked is the deal, or nothing named: not time set aside, nor the work a scheduler blocks out, "I can
    # block the commissioning jobs by week", qa142: a service manager the blocker)
    # (or adding the vendor: "Procurement blocked adding a new vendor", qa148: an evaluator)
    # (nor what is blocked in a calendar, whatever is named: "I blocked it on my calendar", "blocked Thursday
    # afternoon for the demo", a thirty-third-session tester: who made time for the call was a blocker)
    # (a block or blocks before a preposition or the end are a noun, a thing blocked only in the past: "I was keying
    # group blocks in three places", qa309: a hotel's room blocks made its revenue director the blocker)
    "blocker": r"block(s|ed)?\b(?![^.;!?]*\b(?:calendars?|diary|diaries|afternoons?|mornings?|slots?)\b)(?=\s*(?:adding (?:a|another|any|us|you|them|the|new)\b|"
    r"(?:it|us|them|this|that|everything|things|(?:the|our|their|this|"
    r"that|any) (?:[\w-]+ ){0,2}(?:deal|purchase|"
    r"contract|project|decision|signature|signing|rollout|po|order|pilot|evaluation|renewal|switch|move|whole thing|"
    r"budget|spend|request|options?|vendor|tool|software|system|platform|product|app|solution|idea|proposal))\b))|"
    r"blocked\b(?![^.;!?]*\b(?:calendars?|diary|diaries|afternoons?|mornings?|slots?)\b)"
    r"(?=\s*(?:$|[.,;:!?)]|(?:by|for|until|on|at|over|in)\b))|veto(es|ed)?|"
    # what was held up is the deal ("held it up", qa76: "She held the deal up for about five weeks" named no blocker)
    # (or the whole thing: "And she held the whole thing up for like a month.", qa264: the bookkeeper was no blocker)
    r"(held|holds?|holding) (it|us|things|everything|the whole thing|the (deal|purchase|contract|project|decision|"
    r"signature|paperwork|po)) up\b|(held|holds?|holding) up (things|everything|the (deal|purchase|contract|project|decision|signature|"
    r"paperwork|po))\b|"
    # what was killed or frozen is the deal or its money ("killed the budget", "put a capital freeze on everything")
    r"kill(s|ed)? (it|the (deal|budget|project|purchase|contract|renewal|spend))|"
    r"(put|puts|placed) (a|the) (capital |spending |budget |hiring )?freeze on|"
    r"froze (the |all |our )?(new |software |tech |it )*(budget|spend|spending|purchases?)|"
    # a refusal of the purchase itself ("He refused the purchase, basically said come back next year", qa97)
    r"refus(ed|es) (the |our |this |that )?(purchase|deal|contract|spend|request|renewal|budget|it)\b|"
    # dragging is slowing only when it is the deal's feet or time ("dragged their feet"), not "dragged me onto this call".
    # Pushing back is resistance that is argued with, not a deal slowed or stopped: on the price it is haggling (qa45,
    # qa54, qa59: "our CFO pushed back hard on per user pricing", survey answers of won accounts, made the CFO the
    # committee's blocker), and else it is argued down ("Dana pushed back… until we showed her the fuel model", who
    # signed, qa61) or is a champion arguing to stay ("I pushed back a little, I showed them our numbers", qa62)
    # (and the evaluation, named with the product: "I had to put the ClearDocket evaluation on hold at the security
    # review", qa108)
    # (every project, this one among them: "Our CFO put every capital project on hold. Including this one.", qa152)
    # (the deal by any name: "put the whole thing on hold", "put the ShineTrack proposal on hold", qa159, qa161)
    r"stall(s|ed)?|(put|puts|placed) (it|us|things|everything|"
    r"(every|all|all our|all the|any) (new |capital |software |it |tech )*(projects?|purchases?|spend(ing)?)|"
    r"the (whole thing|(\w+ )?(deal|purchase|contract|project|proposal|order|po|evaluation|rollout|pilot|decision|"
    r"signing))) on hold|"
    r"slow(s|ed)? (it|us|things|the deal) down|"
    # ... or braked it ("she put the brakes on it", qa253: the director of nursing's veto of a lost deal)
    r"(put|puts|slammed|hit) the brakes? on (it|us|things|everything|the (whole thing|deal|purchase|project|contract|"
    r"decision|rollout))\b|"
    r"dragg(ed|ing) (it|its|their|his|her|our|the deal|things|the process)\b( (feet|out|on))?|dragged on|"
    r"said no(?=\s*([.,;:!?]|$)|\s+(to|until|at first)\b)|(turned|shot) (it|us|the deal|the purchase|the request) down|"
    # ... or shut it down ("Our lead tech, Wade, he shut it down.", qa295: the veto of a lost deal was no one's)
    r"shut (it|us|the deal|the purchase|the request|the whole thing|the (\w+ )?(pilot|trial|evaluation|project|idea)) "
    r"down\b|"
    # who it was, told as what they were: "I was the blocker", "I was the one saying no"
    # (or the hurdle, the roadblock: "Our IT director was the hurdle, honestly.", qa321: a blocker no one's)
    r"(was|were|is|am|'s|’s) (the |a |our )?(main |big |real |biggest |only |one )?(blocker|hurdle|roadblock|obstacle|"
    r"bottleneck|holdout|hold-?up)\b|(was|were) the one (who was )?saying no\b|"
    # ... or where they stood, against the deal ("He was dead against it", qa314; "the big no", qa317: the lost deals'
    # blockers were no one's), and who fought it (not fought for it: a champion's); not what is done against
    # something ("we were competing against them", "up against it")
    r"(was|were|is|am|'s|’s) ((dead|set|flat|flatly|totally|completely|firmly|strongly|very|much|really|so|pretty|"
    r"always|initially|just|all|absolutely|quite) ){0,2}against (it|us|you|them|this|that|the (idea|deal|purchase|move|switch|change|"
    r"contract|spend|project|proposal|renewal|whole thing)|(switching|changing|moving|buying|signing)\b|"
    # (or against a system of any article: "IT was firmly against a separate system.", qa323)
    r"(a|an|another|any|the|one more) ([\w-]+ ){0,2}(system|tool|platform|vendor|product|software|app|solution)s?\b)|"
    # ... or who slowed it, told as what they were ("I was the guy slowing it down", qa323)
    r"(was|were) the (one|guy|person|woman|man) (slowing|holding) (it|things|us|everything|the (deal|purchase|project))"
    r" (down|up)\b|"
    r"(was|were) (the|our) (big|main|real) no\b|fought (it|us|the (deal|purchase|move|switch|change|idea|"
    r"contract|spend|project|proposal|renewal|whole thing))\b",
    "user": r"use(s|d)? it (every|each|daily|all)|in it every day|work(s|ed)? in it|(are|is) in it (daily|all day)",
}
# each act begins a word: "install" holds no stall, "disapproved" no approval (qa28: "I did have my install lead
# look at the crew app" made the owner a blocker)
_ACTS = {part: re.compile(rf"\b(?:{pattern})", re.IGNORECASE) for part, pattern in ACTS.items()}
# Acts named as nouns count only with their owner: "Greg's budget", "my call", "sign-off from the CFO".
NOUN_ACTS: dict[DecisionRole, str] = {
    # (a call from someone is a telephone call: "I got a call from our CEO that afternoon", qa159)
    "economic_buyer": r"sign-?off|signature|budget( line)?|(final )?(?<!\ba )call|(final )?say|money|dime",
    "approver": r"approval|blessing|green light|ok|okay",
    "champion": r"project|idea|baby|initiative",
    "technical_evaluator": r"(security |technical |it )?review|evaluation|assessment",
    "blocker": r"veto|blocker",
}
_OWNED = {
    part: re.compile(r"^(’s|'s|s')\s+(own\s+)?(" + nouns + r")\b", re.IGNORECASE)
    for part, nouns in NOUN_ACTS.items()
}
_OF_AGENT = {
    # "sign-off from the CFO", and told as who it was: "the final signature was our CFO"
    part: re.compile(
        r"\b(" + nouns + r")\s+(from|of|by|was|is|came from|comes from)\s+(the |our |their |my )?$",
        re.IGNORECASE,
    )
    for part, nouns in NOUN_ACTS.items()
}
_MY = re.compile(r"\bmy\b", re.IGNORECASE)
# The act names its agent after it: "approved by legal", "sign-off from the CFO", "goes through the CFO".
# A pronoun subject right before the verb ("I", "she", "we" and up to two adverbs): the act is theirs.
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:I|we|he|she|they)\s+(?:[a-z]+ly\s+|just\s+|also\s+){0,2}$", re.IGNORECASE
)
# ... or a first name ("Maria championed it with the board", qa133: the board its champion)
_NAME_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|\band\s+)\s*(?P<name>(?-i:[A-Z][a-z]+))\s+(?:[a-z]+ly\s+|just\s+|also\s+){0,2}$"
)
# (not "with": whom it was done with, "… and championed it with the partners", qa320: the partners a champion)
_AGENT_AFTER = re.compile(r"\b(by|from|through)\s+(the |our |their |my |a )?$", re.IGNORECASE)
# A pseudo-cleft names the person after the act: "The one who actually signed the contract was our CFO".
_CLEFT_OPENING = re.compile(
    r"^\s*(\w+\s+)?(the (one|person|guy|woman|man)|whoever)\s+(who|that)\s+(\w+\s+)?$", re.IGNORECASE
)
_CLEFT_THEN = re.compile(r"\b(was|is)\s+(the |our |their |my )?$", re.IGNORECASE)
# What nearly happened did not: "almost said no", "nearly killed the deal", "came close to vetoing it"
_ALMOST = re.compile(r"\b(almost|nearly|close to|came close to|all but)\s+$", re.IGNORECASE)
# "said no" is a refusal (a blocker's act), not a negation of one, and so is "the big no" (qa317)
_NEGATION = re.compile(
    r"\b(not|never|(?<!\bsaid )(?<!\bsaying )(?<!\bbig )(?<!\bmain )(?<!\breal )no|nobody|nothing|none|without|neither|nor|hardly|no one)\b|n't\b",
    re.IGNORECASE,
)
# A refusal to approve or sign ("wouldn't approve anything without...", "refused to sign"): not "didn't sign",
# which is as often someone who had no part in it ("our CFO didn't sign or even see the demos").
_REFUSAL = re.compile(
    # (or was not going to: "I wasn't going to approve something that meant double entry", qa299: the controller who
    # stopped a lost deal was no one)
    # (not "couldn't", as often a want of authority: "I couldn't approve it myself, it went to the board")
    r"\b(wouldn't|would not|won't|will not|refused to|refuses to|wasn['’]t going to|was not going to)\s+(\w+\s+)?"
    r"(approve|sign( off)?|green-?light|"
    r"support|back (?:it|the|us|them|this|that)|agree to)\b"
    # a refusal on a condition is a requirement ("IT wouldn't approve without Okta SSO", qa63: won accounts' survey
    # answers made IT the committee's first line, a blocker); "until" still tells a deal held up
    # (whatever it was said of: "would not approve anything without EU data residency", qa91: a won deal's CISO)
    r"(?!(?:\s+[\w-]+){0,3}?\s+(?:without|unless)\b)"
    # nor is a refusal of something else bought, which the product replaced ("Our server was dying and county IT
    # wouldn't approve a new one.", qa165: a won library's reason for buying made IT the blocker of five deals)
    r"(?!\s+(?:a new one|another one|a replacement|(?:a |another )?new (?:server|hardware|machine|computer)s?|"
    r"another server)\b)",
    re.IGNORECASE,
)
# ... nor is what someone is able to do, told to describe a limit or a feature ("over the threshold where I can sign
# alone", "liked being able to just tap approve"): "anything under fifty thousand I can sign myself" still is one
# (the month is no modal: "The board approved it in May, seven to zero", qa40, read as a supposition)
_HYPOTHETICAL = re.compile(
    r"\b(if|would|could|should|might|(?<!\bin )(?<!\bof )(?<!\bby )(?<!\blast )(?<!\bnext )(?<!\bthis )(?<!\bsince )"
    r"(?<!\buntil )(?<!\bearly )(?<!\blate )(?<!\bmid-)(?-i:may)(?! \d)|unless|whether|wish|able to)\b|'d\b|"
    r"\b(where|which|that)\s+(\w+\s+)?can\b|"
    # ... nor what was almost done ("Our CFO amlost said no", qa154: a blocker the README says is none; as typed)
    r"\b(almost|amlost|almsot|alomst|nearly|nealry)\s+(\w+\s+)?(said|say|signed|sign|blocked|block|killed|kill|vetoed|veto|walked|pulled|"
    r"stopped|stop|approved|approve)\b",
    re.IGNORECASE,
)
# Who held the veto, told as what they could have done ("I was the one who could kill it"): a blocker's act.
_VETO = re.compile(
    r"\b(was|were|am|is|'s)\s+the\s+(one|person|guy|woman|man)\s+(who|that)\s+(could|can)\s+(kill|block|veto|stop)\b",
    re.IGNORECASE,
)
_BLOCKING = (_REFUSAL, _VETO)  # a blocker's acts told in words that otherwise read as no act
# What opens a clause told after an act about what it was done to ("vetoed anything that wasn't bidirectional").
_SUBORDINATE = re.compile(
    r"\b(that|which|who|whom|whose|because|unless|since|until|although|though|how|whether)\b", re.IGNORECASE
)
# Something someone wanted done to a thing ("wanted the data privacy agreement signed"): the act is not theirs.
_WANTED_DONE = re.compile(
    r"\b(wanted|needed|required|asked for|insisted on|expected|got)\s+(the|a|an|our|their|his|her|this|that)\s+"
    r"(\w+\s+){0,4}$",
    re.IGNORECASE,
)
# A word of an act after a determiner is a thing's state ("until we got … a signed BAA-style data agreement", qa95:
# the IT director who blocked it for three weeks was also an economic buyer)
_DETERMINED = re.compile(r"\b(a|an|the|our|their|its|his|her|my|your)\s+$", re.IGNORECASE)
# An act told as what someone was brought or tried to do ("Getting the practice managers to sign off on bills",
# "trying to approve"), not as done: "had to approve", "voted to approve", "I have the authority to sign" still are.
_TO_DO = re.compile(r"\bto\s+(\w+\s+)?$", re.IGNORECASE)
_MUST = re.compile(
    r"\b(has|have|had|having|need|needs|needed|got|voted|decided|agreed|chose|elected)\b.*\bto\s+(\w+\s+)?$",
    re.IGNORECASE,
)
_ADVICE = re.compile(
    r"^\s*(and |so |then |just |please )*(put|get|make|have|let|bring|talk|ask|involve|loop|include|find|give|take|"
    r"go|start|try|tell|keep|call|send|show|don't|do|be|pick|hire|consider|engage)\b"
    r"|\b(you should|you need|you'll want|i'd|my advice|recommend|make sure)\b",
    re.IGNORECASE,
)
# (a part of a group is the subject: "Two of my escrow managers scored the demos", qa252)
_PART_OF = "".join(
    f"(?<!{q} )"
    for q in (
        "one",
        "two",
        "three",
        "four",
        "five",
        "some",
        "all",
        "both",
        "few",
        "couple",
        "several",
        "many",
        "most",
    )
)
_NOT_SUBJECT = re.compile(
    rf"\b(to|with|for|about|{_PART_OF}of|as|like|than|your|at|on|in|into|over|under|against|toward|towards|before|after)\s+"
    r"(the |our |my |their |a |an |new |former |old )*$",
    re.IGNORECASE,
)
# Clause boundaries: punctuation and the conjunctions that open a new clause. Appositive names are blanked first.
_BOUNDARY = re.compile(
    # (not "after that" or "before this", a time told with a pronoun: "After that he signed. He's the owner, so.", qa273:
    # the owner's signature was no one's)
    r"[;:.!?—–()]|,|\b(but|so|because|while|once|until|(?:after|before)(?!\s+(?:that|this)\b)|when|though|although|"
    r"since|whereas|and then|and|or)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(he|she)\b", re.IGNORECASE)
# (after a time told: "After that he signed", "Eventually she approved it", qa273)
_PRONOUN_OPENS = re.compile(
    r"\s*(?:(?:and|but|so|then|later|afterwards|eventually|finally|after that|after this|in the end)[,\s]+)*(he|she)\b",
    re.IGNORECASE,
)


def _titled_next(text: str, at: int, pronoun: str) -> str | None:
    """The title the sentence after the one ``at`` is in gives the same he or she ("… She's the owner"), if any."""
    told = re.compile(
        r"[^.!?\n]*[.!?]\s+(?:(?:and|so|but)\s+)?" + pronoun + r"(?:'s|’s|\s+is|\s+was)\s+", re.IGNORECASE
    ).match(text, at)
    if not told:
        return None
    spans = title_spans(text[told.end() : told.end() + 60])
    return spans[0][2] if spans and spans[0][0] <= len("the ") else None


_OBJECT_PRONOUN = re.compile(r"\b(him|her)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"(?<![\w'])I\b(?!')")
# A clause that opens on a name or a noun phrase has a subject of its own ("I ran the trial, and Graham signed",
# "Paul signed it, and our payroll manager Elena ran the project"): the subject before the "and" does not carry
# over to it.
# So does one opening on he, she or they, whoever they are: never the speaker ("Tom signed it. I made the case, …, and
# he signed off the annual contract", qa80: the speaker, Head of Delivery, was the signer).
# So does one opening on someone unnamed ("The owner wanted it fixed, and a consultant recommended you", qa157: the
# owner championed it), but not a thing had ("IT had a seat on the committee and a veto on security") nor a time.
_OWN_SUBJECT = re.compile(
    r"\s*(?!I\b)[A-Z][a-z]+\b|\s*(our|the|their|my|his|her)\s+[a-z]|\s*(?i:he|she|they)\b"
    r"|\s*(an?|another)\s+[a-z]+\s+(?!(of|on|in|for|to|with|at|from|over|and|or|later|ago|after|before)\b)[a-z]"
)
_NAME = r"([A-Z][a-z]+)"
# what may stand before a first name ("our senior pastor, Pastor Dave Whitman,", qa90: the signature had no subject)
_HONORIFIC = r"(?:(?:Pastor|Father|Rev|Reverend|Rabbi|Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
_IN_TEAM = re.compile(
    r"\b([A-Z][a-z]+) (?:in|from|on) (?:our |the )?(accounting|IT|legal|procurement|purchasing|security)\b(?! (?:software|system))"
)
# What a text needs for names_to_titles to find anything (either of its two forms, without the title).
_MAY_NAME = re.compile(
    r",\s*[A-Z][a-z]|[A-Z][a-z]+,\s*(our|the|my|their|a|he|she)\W|\b(our|the|my|their)\s+[^.,;]{2,30}?\s[A-Z][a-z]|"
    r"[A-Z][a-z]+\s+(?:[A-Z][\w'’-]+\s+)?(?:is|was)\s+(?:our|the|my)\s|[A-Z][a-z]+(?:'s|’s)\s+(?:our|the|my)\s|"
    r"[.!?,]\s+(?:[Hh]e|[Ss]he)(?:'s|’s|\s+is|\s+was)\s|[A-Z][a-z]+\s+and\s+[A-Z][a-z]+\s+(?:are|were)\s"
)
# A sentence or clause that tells what the one person named just before is ("Linda put it on hold. She's co-owner",
# qa98; "Jim Whitcomb signed, he's the managing partner", qa104).
_TOLD_NEXT = re.compile(
    r"[.!?,]\s+(?:[Hh]e|[Ss]he)(?:'s|’s|\s+is|\s+was)\s+(?:(?:our|the|my|a)\s+)?(?:new\s+)?$"
)
# A person told as owning the business ("My husband Wade owns it with his brother", qa104: his signature reached no
# one). Closed class of words for a business.
_OWNS_IT = re.compile(
    # (and told as who that is: "four orthodontists plus Dr. Brennan, who owns the group", qa134)
    # (or as owning it with the speaker: "My brother Andrés and I own it together", qa279: his veto of a lost deal was
    # no one's; a first name of any letters, "Andrés")
    r"\b([A-Z][^\W\d_]+)(?:\s+([A-Z][\w'’-]+))?(?:,?\s+who)?\s+(?:(?:co-?)?owns|and\s+I\s+(?:co-?)?own)\s+"
    r"(?:it|the (?:business|company|farm|firm|practice|"
    r"place|shop|store|operation|group|agency|clinic|restaurant|lab|studio|salon|gym|school|venue|center|centre|"
    r"hotel|bakery|brewery|winery|garage|pharmacy|franchise|office)|(?:our|the) (?:company|business))\b"
)


@dataclass(frozen=True)
class DecisionAct:
    """One clause in which a titled person does a decision act."""

    title: str
    part: DecisionRole
    clause: str


_NOT_NAMES = frozenset(
    # capitalised words after a title or before a comma that are no one's name
    ["I", "We", "The", "Our", "And", "But", "So", "Me", "You", "He", "She", "They", "It", "In", "On", "At", "For",
     "If", "When", "Then", "Also", "After", "Before", "As", "To", "Of", "By", "With", "From", "That", "This",
     "There", "Yes", "No", "Well", "Yeah", "Oh", "Okay", "Just", "Now", "Not", "Or", "Because", "Since", "Once",
     "While", "What", "Who", "Which", "Why", "How", "Actually", "Honestly", "Basically", "Plus", "Monday",
     "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
     "June", "July", "August", "September", "October", "November", "December"]
)  # fmt: skip


# A grade before a title the list reads from its function ("our Associate Vice President for Finance", qa150).
_GRADE = r"(?:(?i:associate|assistant|deputy|senior|sr\.?|executive|interim|acting)\s+)?"


def names_to_titles(text: str) -> dict[str, str]:
    """First names a document ties to a title: "our controller, Ben," or "Sanjay, our IT director"."""
    text = _unfilled(text)
    names: dict[str, str] = {}
    # "Jill in accounting had to approve it": a first name and the team it works in, unless a title is told for the
    # name too ("Maria in accounting" then "Maria, our controller, evaluated…", qa151: an accountant)
    teams: dict[str, str] = {}
    for working in _IN_TEAM.finditer(text):
        if titles := find_titles(f"{working.group(2)} team"):
            teams.setdefault(working.group(1), titles[0])
    for owner in _OWNS_IT.finditer(text):
        if owner.group(1) not in _NOT_NAMES:
            names.setdefault(owner.group(1), "CEO / Owner")
            if owner.group(2):
                names.setdefault(owner.group(2), "CEO / Owner")
    if not _MAY_NAME.search(text):  # most documents tie no name to anyone: skip the title search
        return {**teams, **names}
    for start, end, title in title_spans(text):
        if _YOURS.search(text[max(0, start - 30) : start]):
            continue  # "their SVP of lending, Carl Jensen": another organisation's (see _people)
        # "our controller, Ben," and "our CEO Sarah" (qa29: in "our CEO Sarah, our finance director", Sarah had
        # been read as the finance director the appositive after her name named)
        # ... and the one who held it then ("Our owner at the time, Walt Brenner, signed it", qa151)
        # (and the surname, which a speaker may use after: "Our VP for Research, Dr. Helen Marsh, said …" then "Dr.
        # Marsh signed.", qa229: the signer was no one's)
        after = re.match(
            r"(?:\s+(?:at the time|back then|then))?\s*,?\s+"
            + _HONORIFIC
            + _NAME
            + r"(?:\s+([A-Z][\w'’-]+))?\b",
            text[end : end + 52],
        )
        # "Marcus Oyelaran, our General Counsel": the first name, and the surname a speaker may use too; and told
        # as who that is ("Alan Whitaker, he's the owner", "Dr. Foster, he's the owner", qa39: neither signature
        # reached the committee)
        # (and after a yes to who it is: "The manager being Gary?" "Gary Lindqvist, yeah, our general manager.",
        # qa171: his signature reached no one)
        before = re.search(
            _NAME
            + r"(?:\s+([A-Z][\w'’-]+))?,\s*(?:(?:yeah|yes|yep|right|correct),\s*)?((our|the|my|their|a)\s+(new\s+)?|"
            r"(he|she)(?:'s|’s|\s+is|\s+was)\s+(?:(our|the|my|their|a)\s+)?(new\s+)?)?" + _GRADE + "$",
            text[max(0, start - 40) : start],
        )
        # and told as what they are ("Martin Voss is our head of quality", qa91: the lost deal's blocker unnamed;
        # "Frank's the owner", qa151)
        # (the title's span may hold its article: "Frank Morris is the owner.", qa212: his hold reached no one)
        article = "" if re.match(r"(?i)(the|our|my) ", text[start:end]) else r"(?:our|the|my)\s+"
        being = re.search(
            _NAME
            + r"(?:\s+([A-Z][\w'’-]+))?(?:\s+(?:is|was)\s+|(?:'s|’s)\s+)"
            + article
            + r"(?:new\s+)?"
            + _GRADE
            + "$",
            text[max(0, start - 40) : start],
        )
        # ... and two told together ("Linda and Steve are the owners", qa273: Linda's veto of a lost deal was no one's)
        pair = re.search(
            _NAME
            + r"\s+and\s+"
            + _NAME
            + r"\s+(?:are|were)\s+(?:both\s+)?"
            + article
            + r"(?:co-?)?"
            + _GRADE
            + "$",
            text[max(0, start - 50) : start],
        )
        for name in pair.groups() if pair else ():
            if name not in _NOT_NAMES:
                names.setdefault(name, title)
        # ... and two named after the title together ("The two partners, Dr. Walsh and Dr. Obi, signed.", qa283)
        after_pair = re.match(
            r"\s*,\s+" + _HONORIFIC + _NAME + r"(?:\s+[A-Z][\w'’-]+)?\s+and\s+" + _HONORIFIC + _NAME + r"\b",
            text[end : end + 80],
        )
        for name in after_pair.groups() if after_pair else ():
            if name not in _NOT_NAMES:
                names.setdefault(name, title)
        # and told in the next sentence, of the one person the sentence before names
        if told := _TOLD_NEXT.search(text, max(0, start - 40), start):
            said = text[max(0, told.start() - 200) : told.start() + 1].rstrip(",")
            said = re.split(r"[.!?]\s+|\n", said)[-1]  # (a turn's first sentence: not its speaker's label)
            found = re.finditer(r"\b" + _NAME + r"(?:\s+([A-Z][\w'’-]+))?", said)
            named = [m for m in found if m.group(1) not in _NOT_NAMES]
            # (the one named is the subject, not whom the speaker told: "I told Dan about it, she is the CFO")
            opens = re.match(r"\s*(?:(?:and|but|so|then)\s+)?" + _HONORIFIC + r"[A-Z]", said, re.IGNORECASE)
            if len({m.group(1) for m in named}) == 1 and opens and opens.end() - 1 == named[0].start():
                names.setdefault(named[0].group(1), title)
                if named[0].group(2):  # and the surname a speaker may use too
                    names.setdefault(named[0].group(2), title)
        for match in (after, before, being):
            if match and match.group(1) not in _NOT_NAMES:
                names.setdefault(match.group(1), title)
        if being and being.group(2):
            names.setdefault(being.group(2), title)
        if after and after.group(1) not in _NOT_NAMES and after.group(2) and after.group(2) not in _NOT_NAMES:
            names.setdefault(after.group(2), title)
        if before and before.group(2):  # the surname, or the first name after "But", "And", "So"
            names.setdefault(before.group(2), title)
    return {**teams, **names}


def decision_acts(
    text: str, *, speaker_title: str | None = None, names: Mapping[str, str] | None = None
) -> list[DecisionAct]:
    """Every (title, part) that a clause of the text shows doing a decision act."""
    names = names or {}
    blanked = _blank_appositives(_unfilled(text), names)
    acts: list[DecisionAct] = []
    # he/she is the last third person named (never the speaker: "Once I showed him the numbers, he signed"), while
    # a clause with no subject takes the last person of any kind ("I looked at the numbers and signed")
    last_person: str | None = None
    last_third: str | None = None
    cursor, opened_by = 0, ""
    for boundary in [*_BOUNDARY.finditer(blanked), None]:
        end = boundary.start() if boundary else len(blanked)
        clause = blanked[cursor:end]
        people = _people(clause, speaker_title, names, last_third)
        joined = opened_by in {"and", "or", "and then"} and (
            # (or "they", the subject again: "our IT security team did their review and they held it up for about six
            # weeks", qa245: the lost deal's blocker was no one's)
            not _OWN_SUBJECT.match(clause) or bool(_THEY_AGAIN.match(clause))
        )
        # ... or, opening a sentence, "they" after a team or a body ("Then corporate IT got involved. They put it on
        # hold for three months.", a tester's lost deal, thirtieth session: its blocker was no one's)
        team_again = (
            opened_by in {".", "!", ";"} and bool(_THEY_AGAIN.match(clause)) and last_person in _TEAMS
        )
        carried = last_person if not people and (joined or team_again) else None
        if carried:
            people = [(0, 0, carried)]  # "he looked at the numbers and signed": the subject carries over
        elif (
            not people
            and last_third is None
            and (pronoun := _PRONOUN_OPENS.match(clause))
            and (title := _titled_next(blanked, end, pronoun.group(1)))
        ):
            # he or she, whom nothing before names, told by title in the next sentence ("And she approved it and
            # signed. She's the owner, so.", qa257: the owner's signature was no one's)
            people = [(pronoun.start(1), pronoun.end(1), title)]
        if people:
            acts += _acts_in(clause, people, text[cursor:end], after=_rest_of_sentence(text, end))
            # the subject a later clause with none carries is this clause's first person, not whom it was done to
            # ("And I made the recommendation to the board and signed the contract", qa105: the board signed)
            last_person = min(people, key=lambda p: p[0])[2]
            speaker = {(m.start(), m.end()) for m in _FIRST_PERSON.finditer(clause)}
            # he/she is a person, never a team named after them ("our VP of IT … and corporate IT has a rule … She
            # blocked it", qa64)
            # (but "our IT guy" is one person: "we have one IT guy, Kevin Mbeki, and he did a security review", qa129)
            # (a subject carried over is no one named here: "I brought him my scorecard and a recommendation, and he
            # signed", qa162: "he" was the speaker)
            third = [
                p
                for p in people
                if not carried
                and p[1] >= 0
                and (p[0], p[1]) not in speaker
                and (p[2] not in _GROUPS or _ONE_OF_THE_TEAM.match(clause, p[0]))
            ]
            if third and not (_OBJECT_PRONOUN.search(clause) and last_third and last_third != third[-1][2]):
                last_third = third[-1][2]
            # else "Carla brought him the business case": him is not Carla, so a later "he" is still the one named
            # before her ("Our president, Doug Ferris. Carla brought him the case ... and he signed", qa32)
        elif _OBJECT_PRONOUN.search(clause):
            last_third = None  # someone unnamed ("I showed him"): a later he/she may be them
        cursor = boundary.end() if boundary else len(blanked)
        opened_by = boundary.group(0).lower() if boundary else ""
    if _UNDER_THE_LIMIT.search(text):
        # an approval needed only above a limit the purchase came in under was not given ("Our CFO, Dan, approves
        # anything over 100k, and we were under that", qa60: the CFO an approver from two such sentences); one told
        # as given was ("Linda approved the budget. It was … under the threshold for a formal bid", qa150)
        acts = [a for a in acts if a.part != "approver" or _GIVEN.search(a.clause)]
    return list(dict.fromkeys(acts))


_GIVEN = re.compile(r"\b(approved|okayed|ok'?d|signed off|green-?lit)\b", re.IGNORECASE)
_UNDER_THE_LIMIT = re.compile(
    r"\b(came in|come in|were|was|are|is|it's|we're|fell|stayed|came|landed)\s+(just\s+|well\s+)?(under|below)\s+"
    r"(that|it|this|the (threshold|limit|line|cap|bar))\b",
    re.IGNORECASE,
)


_THEY = re.compile(r"\s*They\b")


class ActReader:
    """Decision acts in quotes of the given documents, each read in its document's context: "I" is the
    interviewee's own role (from the document's metadata), a first name the title the document ties it to
    ("our controller, Ben, ..."). That context is worked out once per document, when first needed."""

    def __init__(self, documents: Mapping[str, Document], product: re.Pattern[str] | None = None) -> None:
        self._documents = documents
        # the vendor's own product, said by name, is "us" ("Helen blocked WrenchRoute, basically.", qa207: the lost
        # deal's blocker was no one's, as a name is no object an act is done to); see product.own_product_named
        self._product = product
        # per document: the interviewee's title, the names it ties to titles, and each speaker's title where
        # several interviewees are named with their roles
        self._context: dict[str, tuple[str | None, dict[str, str], dict[str, str]]] = {}
        # A quote's acts depend only on its text and its document's context, and survey answers repeat.
        self._read: dict[tuple[str, str | None, tuple[tuple[str, str], ...]], list[DecisionAct]] = {}

    def acts(
        self, text: str, doc_id: str, speaker_name: str | None = None, *, question: str | None = None
    ) -> list[DecisionAct]:
        """Every decision act in ``text``, a quote ``speaker_name`` said in the document ``doc_id``; "They" opening
        it is the one group the ``question`` it answers names ("And what happened with the board?" "They put it on
        hold.", qa171: the board's hold was no one's)."""
        if self._product is not None:
            text = read_as_us(text, self._product)
        if question and (they := _THEY.match(text)):
            asked = title_spans(question)
            if len({title for _, _, title in asked}) == 1:
                text = question[asked[0][0] : asked[0][1]] + text[they.end() :]
        if doc_id not in self._context:
            document = self._documents.get(doc_id)
            per_speaker = {
                name: title
                for name, role in (speaker_roles(document) if document else {}).items()
                if (title := role_title(role))
            }
            role = document_role(document) if document and not per_speaker else None
            names = names_to_titles(document.text) if document else {}
            title = role_title(role) if role else None
            if title and document and not per_speaker:
                # the stated role is the named interviewee's: another customer on the call (the IT director on a
                # CFO's call) is not "I" of that role
                per_speaker = dict.fromkeys(_sole_interviewee(document), title)
            if per_speaker and document:
                # another customer on the call is "I" of the title the call gives them: one the document ties to
                # their first name ("our controller, Owen"), or the one they introduce themselves with ("I'm the
                # property accountant")
                for other in {t.speaker for t in document.turns if t.is_customer} - set(per_speaker):
                    first = other.split()[0] if other.split() else ""
                    if found := names.get(first) or _introduced_as(document, other):
                        per_speaker[other] = found
            self._context[doc_id] = (title, {**per_speaker, **names}, per_speaker)
        speaker, names, per_speaker = self._context[doc_id]
        if per_speaker and speaker_name:  # "I" is whichever of the interviewees is speaking
            speaker = per_speaker.get(speaker_name)
        # The context counts only where the quote uses it: a quote with no "I" or "my" reads the same whoever
        # said it, and names it does not contain change nothing, so one reading serves every respondent.
        if speaker and not (_FIRST_PERSON.search(text) or _MY.search(text)):
            speaker = None
        used = {name: title for name, title in names.items() if name in text}
        key = (text, speaker, tuple(used.items()))
        if key not in self._read:
            self._read[key] = decision_acts(text, speaker_title=speaker, names=used)
        acts = list(self._read[key])
        document = self._documents.get(doc_id)
        if document is not None and any(a.title == "CIO" for a in acts) and _spells_out_investment(document):
            # a CIO in a document that spells out the chief investment officer, and no chief information officer, is
            # that one (qa123: "our CIO signed" after "our chief investment officer, Dan")
            acts = [replace(a, title="Chief Investment Officer") if a.title == "CIO" else a for a in acts]
        return acts


def _spells_out_investment(document: Document) -> bool:
    text = document.text.casefold()
    return "chief investment officer" in text and "chief information officer" not in text


_INTRODUCED = re.compile(r"\bI(?:'m| am|’m)\s+(?:the|our|a|an)\s+([^.,;!?]{2,40})", re.IGNORECASE)


def _introduced_as(document: Document, speaker: str) -> str | None:
    """The title a speaker introduces themselves with ("I'm the property accountant"), if any."""
    for turn in document.turns:
        if turn.speaker == speaker:
            for match in _INTRODUCED.finditer(document.text[turn.start : turn.end]):
                if titles := find_titles(match.group(1)):
                    return titles[0]
    return None


def _sole_interviewee(document: Document) -> list[str]:
    """The interviewee's full and first name, when the metadata names one and the document's customer turns
    have more than one speaker; else none (one customer speaker is the interviewee, whatever the name)."""
    customers = {turn.speaker for turn in document.turns if turn.is_customer}
    named = interviewees(document)
    if len(customers) < 2 or len(named) != 1:
        return []
    full, first = named[0], named[0].split()[0]
    return [full, first] if full in customers or first in customers else []


def buying_committee(
    units: Sequence[Unit], documents: Sequence[Document], outcomes: Mapping[str, str | None] | None = None
) -> list[Criterion]:
    """Committee members named doing a decision act in MIN_SOURCES or more documents, with the quotes that show it
    and the outcomes of their accounts (``outcomes``: document id -> its account's outcome)."""
    by_id = {d.doc_id: d for d in documents}
    product = own_product_named(units, outcomes or {})
    reader = ActReader(by_id, product)
    sources: dict[tuple[str, DecisionRole], dict[str, Evidence]] = defaultdict(dict)
    for number, unit in enumerate(units):
        outcome = (outcomes or {}).get(unit.doc_id)
        before = units[number - 1] if number else None
        after = units[number + 1] if number + 1 < len(units) else None
        for acts, evidence in acts_told(units, number, reader, by_id.get(unit.doc_id)):
            for act in acts_in_buying(acts, unit, after, outcome, before=before, product=product):
                sources[(act.title, act.part)].setdefault(unit.doc_id, evidence)
    return committee_from_acts(sources, outcomes)


def acts_told(
    units: Sequence[Unit], number: int, reader: ActReader, document: Document | None
) -> list[tuple[list[DecisionAct], Evidence]]:
    """The decision acts a statement tells, each group with the quote that shows it: its own, and those it tells
    with the sentences before it (the committee's reading, which ``ask`` shares). "…our VP of IT, Diane Foster, ran
    the security review. She blocked it in the review." (qa64: the blocker was dropped): he/she read with the
    sentences before in the same answer, back to the nearest that gives it a person, and quoted with them ("Sunil
    wanted SSO with Okta… So that was fine actually. But he blocked it on the EDI.", qa185: the CIO who vetoed a lost
    deal was no blocker)."""
    unit = units[number]
    said = [(reader.acts(unit.text, unit.doc_id, unit.speaker, question=unit.question), unit.evidence())]
    for told, earlier_text in _with_the_ones_before(units, number, document):
        earlier = set(reader.acts(earlier_text, unit.doc_id, unit.speaker))
        new = [a for a in reader.acts(told.quote, unit.doc_id, unit.speaker) if a not in earlier]
        if new:
            said.append((new, told))
            break
    return said


def acts_in_buying(
    acts: Sequence[DecisionAct],
    unit: Unit,
    after: Unit | None,
    outcome: str | None,
    *,
    before: Unit | None = None,
    product: re.Pattern[str] | None = None,
) -> list[DecisionAct]:
    """The acts a statement shows that were part of buying the product: not small talk answering thanks for the
    customer's time ("Ha, it's fine, I blocked it."), not the decision to leave, and in a lost deal not the
    signature, approval or winning recommendation, which went to another vendor. ``after`` is the statement that
    follows it, ``outcome`` its account's, ``product`` the vendor's own product names (``own_product_named``)."""
    if answers_thanks(unit.question):
        return []
    if unit.question and _ASKS_ABOUT_LEAVING.search(unit.question):
        return []  # "Who made the decision not to renew?": who decided to leave is no part in buying
    if outcome in ("churned", "lost") and unit.question and _ASKS_ABOUT_RETURNING.search(unit.question):
        # "Would you consider Haulpass again if we had that?" "…it's Paul's call now" (qa84: the CFO of the parent
        # that moved them to a rival was our economic buyer): a decision that has not been made, about coming back
        return []
    # In an account that left, a signature or a call told about its renewal, or with the leaving it decided, was
    # the decision to leave (qa76: "So how did the renewal decision get made?" "Linda made the call. She … said
    # we're not renewing." made the CFO the economic buyer who signs off)
    # ... and so was every other act told with it ("I recommended it, and the session voted not to renew", qa90:
    # a champion of the renewal that failed), or under a question or note heading about the leaving ("## Why they
    # left": "Mark just said no.", qa94: a blocker of the purchase)
    left = outcome == "churned" and (
        bool(unit.question and (_RENEWAL.search(unit.question) or _LEFT.search(unit.question)))
        or bool(_ASKS_ABOUT_LEAVING.search(unit.text) or _TO_GO.search(unit.text))
        # ... or told of the renewal in its own words ("Our CFO looked at the renewal quote and said no. She made
        # the call.", qa150: the CFO was the economic buyer and a blocker)
        or bool(_RENEWAL_NAMED.search(unit.text))
        or (after is not None and same_answer(unit, after) and bool(_ASKS_ABOUT_LEAVING.search(after.text)))
        # ... or asked of the decision it ended with ("Who made the call in the end?" "Me. It's my business. Nora
        # agreed, but it was my call.", qa209: the owner who did not renew was our economic buyer)
        or bool(unit.question and _IN_THE_END.search(unit.question))
    )
    if left:
        return []
    signed = any(a.part in SIGNED_ANOTHER for a in acts)
    chose_another = _chose_another(unit.text, product) or (
        before is not None and same_answer(before, unit) and _chose_another(before.text, product)
    )
    kept = [
        act
        for act in acts
        # a lost deal's signature went on another vendor's contract (qa48, qa51, qa52)
        if not (act.part in SIGNED_ANOTHER and outcome == "lost")
        # ... and so did one an account that left tells with the vendor it went to ("Where did you go?"
        # "InsurLedger. Jeff, our owner, signed with them.", qa280: the owner who signed with the rival was the top
        # economic buyer, high confidence)
        and not (
            act.part in SIGNED_ANOTHER
            and outcome == "churned"
            and (chose_another or _WITH_THEM.search(unit.text))
        )
        # the recommendation a lost deal's signer or approver followed was the other vendor's (qa78: "…made the
        # recommendation to council, and council approved the Vantage contract"), and so was one told with the
        # choice of another vendor (qa99: "Paul picked CostPilot. Procurement recommended it on cost")
        and not (act.part == "champion" and outcome == "lost" and (signed or chose_another))
        # a refusal of a term the deal went ahead without ("Dale wouldn't sign off on that, so we went annual", qa189:
        # the controller who approved the budget was a blocker) blocked nothing
        and not (act.part == "blocker" and outcome in ("won", "active") and _WENT_AHEAD.search(unit.text))
        # ... and so did one told as what started the search ("So what made you start looking?" "Renewal. Mindbody came
        # back with a price increase … and I just said no, we're done", qa290: the owner who signed, a blocker): it
        # refused what they had, before there was a deal of ours to block
        and not (
            act.part == "blocker"
            and outcome in ("won", "active")
            and bool(unit.question and ASKS_WHAT_STARTED.search(unit.question))
        )
        # finding the product with another ("I found you and Cobalt AMS.", qa280: a champion line's only quote) is
        # where the search began, no championing of either
        and not (
            act.part == "champion"
            and _FOUND_IT.search(act.clause)
            and _FOUND_WITH_ANOTHER.search(unit.text)
            and not _ADVOCATED.search(unit.text)
        )
    ]
    # ... and one who drove a lost deal's evaluation evaluated, unless they say they were for the vendor ("I
    # championed Hoistline", "I championed you", "he pushed for it"): "I ran the evaluation", in a deal another
    # vendor won, is no one's champion of the product (qa169, qa174: the champion line was a lost deal's)
    if (
        outcome == "lost"
        and not (product is not None and product.search(unit.text))
        and not _FOR_US.search(unit.text)
    ):
        kept = [
            replace(a, part="technical_evaluator")
            if a.part == "champion" and _RAN_IT.search(a.clause) and not _ADVOCATED.search(a.clause)
            else a
            for a in kept
            # ... and finding the product is no championing it ("You and PawLedger. I found you both on Google.", qa217:
            # the champion line of a lost deal)
            if not (a.part == "champion" and _FOUND_IT.search(a.clause) and not _ADVOCATED.search(a.clause))
        ]
    return kept


# The decision an account ended with, as a question asks of it: in an account that left, the leaving
# (not "at the end of the trial", nor "eventually", which may ask of the purchase: "Who eventually signed?")
_IN_THE_END = re.compile(r"\b(in the end|at the end(?! of)|ultimately)\b", re.IGNORECASE)


# A question asking what started the search ("What started the search?", "What prompted you to look?", "Why now?").
ASKS_WHAT_STARTED = re.compile(
    r"\bstart(ed|ing)? (the )?(look|search|evaluat)\w*|\bprompt\w*|\btrigger\w*|\bwhy (now|then)\b|"
    r"made you (start|begin|look)|\bbegin (to )?look\w*|"
    # "What made you decide to change?", "What made you want to switch?" (qa271: five answers filed nowhere)
    r"\bmade (you|them|the team|your team) (\w+ )?(decide|want|think about|realise|realize)( that)?( it was time)? to "
    # (not to look elsewhere: "What made you decide to look for something else?", asked of an account that left)
    r"(change|switch|move|replace|look|find|get|buy)\b(?![^?]*\b(else|elsewhere|another|other)\b)|"
    r"\bmade you (\w+ )?(change|switch|move)\b(?![^?]*\b(else|elsewhere|another|other)\b)|"
    r"\bdecided? (it was time )?to (change|switch|look for|replace)\b(?![^?]*\b(else|elsewhere|another|other)\b)|"
    r"\bwhat kick(ed|s)? ((it|things|this|that|the \w+) )?off\b|"
    # "What got the project going?" (qa131: a lost deal's new press, told as what started it, was its loss reason)
    r"\bgot (the|this|that|it|things|the whole) ?(\w+ )?going\b|"
    r"\b(how|when|why) did (the |your |this |that )?(evaluation|search|project|process|purchase|looking)\s+"
    r"(start|begin|get started|kick off)|\bkicked (it|things|this|that) off|"
    r"\bhow (did )?you (first )?(come to|came to|end(ed)? up (looking at|talking to)) (us|you)\b|\bwhat led you to (us|look)|"
    # "So what got you looking at new systems?" (qa240: "Arts People announced they were retiring the platform" was
    # filed nowhere)
    r"\bgot (you|them|the team|your team|y'?all) (\w+ )?(looking|searching|shopping|evaluating)\b|"
    # "Why were you looking for a new system?", "Why were you shopping around this spring?"
    r"\bwhy (were|was|did) (you|they|we|the team|your team) (\w+ )?(looking|shopping|searching|evaluating)\b|"
    # ... and as a section of research notes says it ("## Why they were looking", qa86)
    r"\bwhy (you|they|we|the team) (were|was|started|began) (\w+ )?(looking|shopping|searching|evaluating)\b|"
    # "What were you looking for when you talked to us?" (qa92: a lost deal's "A builder … told me if we miss again
    # they go with somebody else" was its top loss reason)
    r"\bwhat (were|was) (you|they|the team|your team) (\w+ )?(looking for|hoping to (solve|fix|get))\b",
    re.IGNORECASE,
)
# What a refusal was met with, the deal going ahead another way: "so we went annual", "so we did a shorter term".
_WENT_AHEAD = re.compile(
    r"\bso (?:we|they) (?:just )?(?:went|did|got|settled on|switched to|signed|took|moved to|dropped|cut)\b",
    re.IGNORECASE,
)


# Running the evaluation, as told ("I ran the evaluation", "Ellen looked at the options and did the demos"), not
# championing or sponsoring it ("Procurement ran the RFP. I was the sponsor.": a sponsor of the purchase)
_RAN_IT = re.compile(
    r"\b(ran|run|running|led|lead|leading|did|do|doing|looked at|scored|put together|sat through|managed|"
    r"organi[sz]ed|coordinated)\b",
    re.IGNORECASE,
)
_ADVOCATED = re.compile(
    r"\b(champion\w*|sponsor\w*|push\w*|advocat\w*|recommend\w*|fought|argued|sold)\b", re.I
)


_FOUND_IT = re.compile(r"\bfound (you|it|them)\b", re.IGNORECASE)
_FOUND_WITH_ANOTHER = re.compile(
    r"\bfound (?:you|it|them)(?:\s+guys)?\s+(?:and\s+\w|both\b|all\b)", re.IGNORECASE
)
_FOR_US = re.compile(
    r"\b(championed|champion|pushed for|push for|recommended|advocated for|argued for|fought for|wanted|liked|"
    r"preferred|sold|sponsored)\s+(you|your|us|it)\b",
    re.IGNORECASE,
)


# In an account that left, the renewal, a switch or a move asked about is the leaving ("Who made the decision to
# switch?", qa85: the CFO who moved a churned zoo to a rival was our economic buyer)
# ... and so is keeping it ("Was there any chance of keeping Lanternwell?" "No. I pushed for it, I wrote a memo", qa128:
# the champion of a purchase)
_RENEWAL = re.compile(
    r"\b(renew\w*|switch\w*|mov(e|ed|ing) (to|over|off|away)|keep(ing)? (it|us|you|them|(?-i:[A-Z]\w+)|the (tool|"
    r"system|software|platform|product|subscription|contract))|stay(ing|ed)? (on|with))\b",
    re.IGNORECASE,
)
_RENEWAL_NAMED = re.compile(
    r"\b(renewal|renewing|not renew|didn't renew|wouldn't renew|cancel\w*)\b", re.IGNORECASE
)
# Another vendor chosen, by its name ("Paul picked CostPilot", "we went with Verbalize")
_CHOSE_ANOTHER = re.compile(
    r"\b(?i:picked|chose|selected|went with|signed with|going with|ended up with|"
    # ... or championed it ("Sam Ortiz, our VP of Operations, he really pushed for HireLoop", qa141: our champion)
    r"pushed for|push for|championed|advocated for|argued for|recommended)\s+(?!(?i:us|you|it|them)\b)"
    r"(?P<name>[A-Z][\w.&-]+)"
)


# Signed or gone with "them": said to the vendor, who is "you", that is another vendor
_WITH_THEM = re.compile(
    r"\b(?:signed|went|go|going|gone) (?:on )?with (?:them|those guys|that vendor)\b", re.IGNORECASE
)


def _chose_another(text: str, product: re.Pattern[str] | None) -> bool:
    """Whether a statement tells of another vendor chosen or championed by its name, not the vendor's own product
    ("I championed Hoistline from the start.", qa157: the champion of a lost deal was dropped)."""
    return any(
        product is None or not product.fullmatch(m.group("name").rstrip(".&-"))
        for m in _CHOSE_ANOTHER.finditer(text)
    )


# Asked of an account that left, "Why did you leave?" and "Why they left" are about the leaving (asked of one that
# stayed, "Why did you leave Bill.com?" is about buying)
_LEFT = re.compile(r"\b(leave|left)\b", re.IGNORECASE)
_ASKS_ABOUT_RETURNING = re.compile(
    r"\b(again|come back|coming back|return|reconsider|win (you|them|it) back|take (us|it) back)\b",
    re.IGNORECASE,
)


def same_answer(unit: Unit, other: Unit) -> bool:
    """Whether two statements are one speaker's, in one answer."""
    return (unit.doc_id, unit.speaker, unit.question) == (other.doc_id, other.speaker, other.question)


# How many sentences before one opening on he or she are read for whom it means: an answer names someone and goes
# on about them for a sentence or two ("Sunil wanted SSO… So that was fine actually. But he blocked it"). A small
# window of one answer, not fitted to data.
HE_OR_SHE_REACH = 3


def _with_the_ones_before(
    units: Sequence[Unit], number: int, document: Document | None
) -> list[tuple[Evidence, str]]:
    """When a statement opens on he, she or they: the statement with the one sentence before it, then two, up to
    HE_OR_SHE_REACH, each as one verbatim quote with the text before the statement, while those sentences are the
    same speaker's, in the same answer, right before each other; else none."""
    unit = units[number]
    if document is None or not _OPENS_ON_A_PRONOUN.match(unit.text):
        return []
    told = []
    first = unit
    for before in reversed(units[max(0, number - HE_OR_SHE_REACH) : number]):
        if not same_answer(unit, before) or not 0 <= first.start - before.end <= 2:
            break
        start = before.start - len(before.lead)
        quote = unit.evidence().model_copy(update={"start": start, "quote": document.text[start : unit.end]})
        told.append((quote, document.text[start : unit.start]))
        first = before
    return told


# In a lost deal, signing and approving were of another vendor's contract ("the Board of Regents approved the
# contract" with the rival, qa58, qa75: "Board — approver" from lost deals)
SIGNED_ANOTHER: frozenset[DecisionRole] = frozenset({"economic_buyer", "approver"})
_THEY_AGAIN = re.compile(r"\s*they\b", re.IGNORECASE)
_GROUPS = frozenset({"IT", "Board", "Head Office"})  # titles that name a team or a body, never one person
# ... and those "they" may stand for in the next sentence: the teams a purchase passes through
_TEAMS = _GROUPS | {"Procurement", "Legal", "Security", "Compliance"}
_ONE_OF_THE_TEAM = re.compile(r"IT\s+(guy|person|lady|woman|man|gal|contractor|consultant|admin)\b")
# (after a joining word or a filler: "And honestly, he wouldn't approve anything that didn't integrate…", qa83)
_OPENS_ON_A_PRONOUN = re.compile(
    r"\s*(?:(?:and|but|so|then|honestly|frankly|basically|actually|well|yeah|look|again)[\s,]+)*(he|she|they)\b",
    re.IGNORECASE,
)


def answers_thanks(question: str | None) -> bool:
    """Whether the interviewer's turn only thanks the customer for their time, asking nothing ("Thanks for making
    time Maya, I know your calendar's brutal."): the reply is small talk (qa60, qa73: "it's fine, I blocked it", the
    hour in a calendar, made the interviewee a blocker)."""
    return bool(
        question
        and "?" not in question
        and _THANKS_FOR_TIME.search(question)
        and not _PROMPTS.search(question)
    )


# An interviewer's prompt asked without a question mark ("Thanks for doing this. Tell me about the clinic.")
_PROMPTS = re.compile(r"\b(tell|walk|talk|take) (me|us)\b|\b(describe|explain)\b", re.IGNORECASE)


_THANKS_FOR_TIME = re.compile(
    r"\bthank(s| you)\b.*\b(time|making time|taking the time|joining|hopping on|jumping on|fitting (this|me|us) in|"
    # "Denise, thanks so much for doing this, I know Fridays are brutal" (qa136: "Oh it's fine…" an outcome)
    r"doing this|talking (to|with) (me|us)|chatting|coming on|being here|agreeing to (this|talk|chat)|"
    # ... or for the answers at the close ("Thanks, that's really helpful.", qa313: "Of course. Tell Priya hi." an
    # objection)
    r"(really |so |super |very )?(helpful|useful|great|appreciated)|all I (had|have|needed))\b",
    re.IGNORECASE,
)


# A question about the decision to leave ("Who made the decision not to renew?", "Who made the call to cancel?",
# "Whose idea was it to switch away?"): the acts its answer tells are leaving's (qa42: a CFO's "made the call" not
# to renew was the economic buyer's signature; qa40: "The superintendent decided" to leave).
_ASKS_ABOUT_LEAVING = re.compile(
    r"\b(not (to )?renew\w*|non-?renew\w*|cancel\w*|to leave|leaving|switch(ing)? away|churn\w*|stop(ping)? using|"
    r"drop(ping)? (us|it|you)|move (off|away)|terminat\w*)\b",
    re.IGNORECASE,
)
# In an account that left, going with nowhere to go to, or elsewhere, is leaving ("Our owner, Phil, he made the call
# to go, but…", qa158: the churned account's owner was our economic buyer)
_TO_GO = re.compile(r"\bto go(?=\s*(?:$|[,.;!?]|but\b))|\bto go (elsewhere|somewhere else)\b", re.IGNORECASE)


def _approved_only(
    sources: Mapping[tuple[str, DecisionRole], Mapping[str, Evidence]],
) -> dict[tuple[str, DecisionRole], Mapping[str, Evidence]]:
    """The acts, with a title's approvals only where it did not sign too: one who approved the budget and signed is
    the economic buyer, and "CFO — approver" beside "CFO — economic buyer" from the same interviews reads as a second
    CFO (qa130)."""
    kept: dict[tuple[str, DecisionRole], Mapping[str, Evidence]] = {}
    for (title, part), quotes in sources.items():
        signed = sources.get((title, "economic_buyer"), {}) if part == "approver" else {}
        left = {doc: quote for doc, quote in quotes.items() if doc not in signed}
        if left:
            kept[(title, part)] = left
    return kept


def committee_from_acts(
    sources: Mapping[tuple[str, DecisionRole], Mapping[str, Evidence]],
    outcomes: Mapping[str, str | None] | None = None,
) -> list[Criterion]:
    """One entry per (title, part) seen in MIN_SOURCES or more documents, most documents first; then, for a part
    that different titles play, one each, in MIN_SOURCES or more documents between them (other than those of a
    title the part has a line for), one entry saying it varies by account ("CFO, CTO, COO: one interview each"),
    with a quote of each; an approver of the purchase seen in one account only, where no one else approved it, is
    shown as thin evidence. Each says the outcomes of the accounts it was seen in ("won 1, churned 1")."""
    committee = []
    scattered: dict[DecisionRole, dict[str, Mapping[str, Evidence]]] = defaultdict(dict)
    sources, named = by_function(_approved_only(sources))
    for (title, part), quotes in sorted(sources.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(quotes) < MIN_SOURCES:
            scattered[part][title] = quotes
            continue
        n = len(quotes)
        by_outcome = _outcomes_of(quotes, outcomes)
        group = named.get((title, part))
        committee.append(
            Criterion(
                attribute="decision_maker",
                value=f"{group[0] if group else title} — {PART_WORDS[part]}",
                reason=f"{ACT_WORDS[part]} in {n} interviews/answers"
                + (", under different titles of one function" if group else "")
                + _told(by_outcome),
                confidence="high" if n >= 5 else "medium" if n >= 3 else "low",
                evidence=group[1] if group else interviews_first(quotes.values())[:2],
                title=title,
                part=part,
                by_outcome=by_outcome,
            )
        )
    # where a title plays the part, the other titles still say it varies if they play it in other interviews
    # (the CEO signs in two, a VP Operations, a COO and a plant controller in one each)
    played: dict[DecisionRole, set[str]] = defaultdict(set)
    for criterion in committee:
        if criterion.part:
            played[criterion.part] |= set(sources[(criterion.title or "", criterion.part)])
    for part in (*VARIED_PARTS, "approver"):
        elsewhere = played[part]
        titles = {
            title: {
                doc: quote
                for doc, quote in quotes.items()
                if doc not in elsewhere and (part != "approver" or _APPROVED_THE_PURCHASE.search(quote.quote))
            }
            for title, quotes in scattered.get(part, {}).items()
        }
        titles = {title: quotes for title, quotes in titles.items() if quotes}
        documents = {doc for quotes in titles.values() for doc in quotes}
        # beside a function joined from titles seen once each, the one title left of them still shows (a COO and
        # a founder signed, one each, and so did a CTO: the executives' line, and the CTO's)
        left_of_a_function = bool(titles) and any(p == part for _, p in named)
        # the one account's approver of the purchase, where no one else approved it and the deal was not lost (a lost
        # deal approved no purchase of ours): who must approve the spend matters to every deal, as a lost deal's
        # blocker does (qa204: "Angela Wu, our CFO, she approved the budget." was named by `ask` and missing from
        # the page; qa202, qa199)
        sole_approver = (
            part == "approver"
            and not elsewhere
            and len(titles) == 1
            and not any((outcomes or {}).get(doc) == "lost" for doc in documents)
        )
        if (len(titles) < 2 or len(documents) < MIN_SOURCES) and not left_of_a_function and not sole_approver:
            continue
        # a quote an earlier line shows (one clause can show two acts) is not shown twice in the section
        shown = {(e.document, e.start) for c in committee for e in c.evidence}
        fresh = interviews_first(
            e for quotes in titles.values() for e in quotes.values() if (e.document, e.start) not in shown
        )
        if not fresh:
            continue
        other = " other" if elsewhere else ""
        by_outcome = _outcomes_of(
            {doc: q for quotes in titles.values() for doc, q in quotes.items()}, outcomes
        )
        if len(titles) == 1:
            (only,) = titles
            committee.append(
                Criterion(
                    attribute="decision_maker",
                    value=f"{only} — {PART_WORDS[part]}",
                    reason=f"{ACT_WORDS[part]} in {interviews_answers(len(documents))}{_told(by_outcome)}; thin "
                    + (
                        "evidence, shown because who must approve the spend matters to every deal"
                        if sole_approver and not left_of_a_function
                        else "evidence, shown beside the function above"
                    ),
                    confidence="low",
                    evidence=fresh[:MAX_VARIED_QUOTES],
                    title=only,
                    part=part,
                    by_outcome=by_outcome,
                )
            )
            played[part] |= documents
            continue
        committee.append(
            Criterion(
                attribute="decision_maker",
                value=f"Varies by account ({_some(list(titles))}) — {PART_WORDS[part]}",
                reason=f"{ACT_WORDS[part]} in {len(documents)}{other} interviews/answers, no one title in more than one"
                + _told(by_outcome),
                confidence="low",
                evidence=fresh[:MAX_VARIED_QUOTES],
                part=part,
                by_outcome=by_outcome,
            )
        )
        played[part] |= documents
    # Who stopped a deal that was lost, or a customer that left, is shown from one interview, as why an account
    # went is (few accounts are lost, and each one's blocker matters): qa30's Controller "blocked it" at a lost
    # account had no line, while `ask` named her.
    for title, quotes in scattered.get("blocker", {}).items():
        lost = {doc: q for doc, q in quotes.items() if doc not in played["blocker"] and _went(doc, outcomes)}
        if lost:
            by_outcome = _outcomes_of(lost, outcomes)
            committee.append(
                Criterion(
                    attribute="decision_maker",
                    value=f"{title} — {PART_WORDS['blocker']}",
                    reason=f"{ACT_WORDS['blocker']} in {interviews_answers(len(lost))}{_told(by_outcome)}; thin evidence, "
                    "shown because the account was lost or left",
                    confidence="low",
                    evidence=interviews_first(lost.values())[:2],
                    title=title,
                    part="blocker",
                    by_outcome=by_outcome,
                )
            )
    return committee


def by_function(
    sources: Mapping[tuple[str, DecisionRole], Mapping[str, Evidence]],
) -> tuple[
    dict[tuple[str, DecisionRole], Mapping[str, Evidence]],
    dict[tuple[str, DecisionRole], tuple[str, list[Evidence]]],
]:
    """The sources with the titles of one function that play one part joined, where one of them plays it in fewer
    than MIN_SOURCES documents: a CISO, a head of IT and a security lead who each ran a security review are the
    IT and security function doing it in three deals, which "varies by account" hid (qa115; qa119: five quality
    leaders, each titled differently, championed every win). The joined entry keeps the title of most documents;
    with it, the line's name ("IT & security (CISO, IT Director, Security)") and a quote of each title."""
    joined = dict(sources)
    named: dict[tuple[str, DecisionRole], tuple[str, list[Evidence]]] = {}
    functions: dict[tuple[str, DecisionRole], list[str]] = defaultdict(list)
    for title, part in sources:
        if family := function_of(title):
            functions[(family, part)].append(title)
    for (family, part), titles in functions.items():
        if len(titles) < 2 or all(len(sources[(t, part)]) >= MIN_SOURCES for t in titles):
            continue
        titles.sort(key=lambda t: (-len(sources[(t, part)]), t))
        quotes: dict[str, Evidence] = {}
        for title in titles:
            for document, quote in sources[(title, part)].items():
                quotes.setdefault(document, quote)
        if len(quotes) < MIN_SOURCES:
            continue
        for title in titles:
            del joined[(title, part)]
        joined[(titles[0], part)] = quotes
        # a quote of each title, none of them overlapping another's (a statement and the same read with the one after)
        shown: list[Evidence] = []
        for title in titles:
            fresh = (q for q in interviews_first(sources[(title, part)].values()) if not _overlaps(q, shown))
            if (first := next(fresh, None)) is not None:
                shown.append(first)
        named[(titles[0], part)] = (
            f"{_function_name(family, titles)} ({_some(titles)})",
            shown[:MAX_VARIED_QUOTES],
        )
    return joined, named


def _overlaps(quote: Evidence, others: Iterable[Evidence]) -> bool:
    return any(o.document == quote.document and o.start < quote.end and quote.start < o.end for o in others)


def interviews_first(quotes: Iterable[Evidence]) -> list[Evidence]:
    """The quotes, an interview's before a survey answer's, each kind in its order: an answer names the act in a few
    words ("for us it was our it guy wanted sso!!", an answer to what nearly stopped the purchase), an interview
    tells it ("Omar Haddad, our IT manager, did the security and PCI review", qa228, qa223: the answer was the
    line's only quote)."""
    return sorted(quotes, key=lambda e: e.kind != "interview")


def function_of(title: str) -> str | None:
    """The function a title belongs to: its role family, else the first word of its function, short forms read
    out ("Quality Systems Manager", "VP Quality & Regulatory" and "QA/RA Manager" are all Quality)."""
    if title in ROLE_FAMILY:
        return ROLE_FAMILY[title]
    function = title_function(title)
    if not function:
        return None
    first = function.split()[0]
    return _FUNCTION_SHORT_FORMS.get(first.casefold(), first)


def _function_name(family: str, titles: Sequence[str]) -> str:
    """The name a line of one function shows: a role family as it is; else the words the titles' functions open with
    alike ("Food Safety" for a Director of Food Safety and a Food Safety Manager, not "Food", qa124; "Quality" for
    a Quality Director and a Quality Systems Manager)."""
    if family in ROLE_FAMILY.values():
        return family
    functions = [f.split() for t in titles if (f := title_function(t))]
    shared = []
    for words in zip(*functions, strict=False):
        if len({w.casefold() for w in words}) > 1:
            break
        shared.append(words[0])
    return " ".join(shared) if shared else family


# Short forms of a function's name in titles, across trades (quality assurance and control, regulatory affairs)
_FUNCTION_SHORT_FORMS = {"qa": "Quality", "qc": "Quality", "ra": "Regulatory"}


def _went(document: str, outcomes: Mapping[str, str | None] | None) -> bool:
    """Whether the document's account was lost or churned."""
    return (outcomes or {}).get(document) in BAD_OUTCOMES


def _outcomes_of(quotes: Mapping[str, Evidence], outcomes: Mapping[str, str | None] | None) -> dict[str, int]:
    """The outcomes of the accounts the quotes (by document) come from, each account once."""
    return accounts_by_outcome({doc: quote.account_id for doc, quote in quotes.items()}, outcomes)


def _told(by_outcome: Mapping[str, int]) -> str:
    """'; their accounts: lost 1, won 1', as the competitors' lines say whose accounts they are."""
    return f"; their accounts: {outcomes_told(by_outcome)}" if by_outcome else ""


def _some(titles: list[str]) -> str:
    """'CFO, CTO, COO' or, past MAX_VARIED_QUOTES, 'CFO, CTO, COO, CEO and 2 more'."""
    shown = ", ".join(titles[:MAX_VARIED_QUOTES])
    return (
        shown if len(titles) <= MAX_VARIED_QUOTES else f"{shown} and {len(titles) - MAX_VARIED_QUOTES} more"
    )


PART_WORDS: dict[DecisionRole, str] = {
    "economic_buyer": "economic buyer (signs off)", "approver": "approver", "champion": "champion (drives the evaluation)",
    "technical_evaluator": "technical evaluator", "user": "user", "blocker": "blocker (slows or stops the deal)",
}  # fmt: skip
ACT_WORDS: dict[DecisionRole, str] = {
    "economic_buyer": "signs or owns the budget", "approver": "approves", "champion": "drives the evaluation",
    "technical_evaluator": "tests, trials or reviews it", "user": "uses it", "blocker": "blocks or slows the deal",
}  # fmt: skip


# A filler spoken between commas ("Our security lead, um, Raj, blocked it"): blanked, so it splits no appositive.
_SPOKEN_FILLER = re.compile(r",\s*(?:u+m+|u+h+|e+r+m*|a+h+|like|you know)(?=\s*,)", re.IGNORECASE)
# ... and how many they were, between its commas ("And the owners, the two of them, signed off on it in June.", qa272:
# no one signed)
_HOW_MANY = re.compile(
    r",\s*(?:the\s+)?(?:two|three|four|both|all(?:\s+(?:two|three|four))?)\s+of\s+(?:them|us)\s*,",
    re.IGNORECASE,
)


def _unfilled(text: str) -> str:
    """The text with spoken fillers between commas blanked (same length, so offsets hold), and the second of two
    areas one review covers ("the security and access review"), so that its "and" splits no clause."""
    text = _SPOKEN_FILLER.sub(lambda m: " " * len(m.group(0)), text)
    text = _HOW_MANY.sub(lambda m: " " * len(m.group(0)), text)
    return _SECOND_AREA.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


_AREAS = _REVIEWED_AREAS + "|legal"
_SECOND_AREA = re.compile(
    rf"\b({_AREAS})(\s+(?:and|&|/)\s+(?:{_AREAS}))(?=\s+(?:review|evaluation|assessment|audit)s?\b)",
    re.IGNORECASE,
)


def _blank_appositives(text: str, names: Mapping[str, str]) -> str:
    """The text with ", Name," after a title, and ", our Title," or ", he's our Title," after a known name ("Marcus
    Oyelaran, our General Counsel, signed off"), blanked, so they do not split a clause."""
    if not names:
        return text
    known = "|".join(map(re.escape, names))
    # the title after a name first: in "Yes, Mark Dunn, our CFO, approved the budget" the name is no appositive
    # of "Yes" (qa76: read so, the CFO's approval had no subject)
    # (and told as who that is: "Hal Jensen, he's our board president, signed it", qa171: no one signed)
    after_name = re.compile(
        r"\b(?:" + known + r")(?:\s+[A-Z][\w'’-]+)?(,\s*(?:(?:he|she)(?:'s|’s|\s+is|\s+was)\s+)?"
        r"(?:our|the|my|their)\s+[^,.;:!?]{1,40},)"
    )
    text = after_name.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + " " * len(m.group(1)), text)
    # (", Name," and ", Name and Name,": "The two partners, Dr. Walsh and Dr. Obi, signed.", qa283)
    one = _HONORIFIC + r"(?:" + known + r")(?:\s+[A-Z][\w'’-]+)?"
    return re.sub(
        r",\s*" + one + r"(?:\s+and\s+" + one + r")?,",
        lambda m: " " * len(m.group(0)),
        text,
    )


def _people(
    clause: str, speaker_title: str | None, names: Mapping[str, str], last: str | None
) -> list[tuple[int, int, str]]:
    """(start, end, title) of each person in the clause: titles, named people, I, he/she, and "my" (end -1)."""
    # "your security lead" is the vendor's, nobody on the committee, nor whom a later "she" is (qa58: "a call with your
    # security lead, then she signed off" made Security the economic buyer); "their SVP" is another organisation's
    # (qa93: "Their SVP of lending, Carl Jensen, made the call", the acquirer's, was our economic buyer)
    titled = title_spans(clause)
    people = [(a, b, t) for a, b, t in titled if not _YOURS.search(clause[:a])]
    for name, title in names.items():
        people += [(m.start(), m.end(), title) for m in re.finditer(rf"\b{re.escape(name)}\b", clause)]
    if speaker_title:
        people += [(m.start(), m.end(), speaker_title) for m in _FIRST_PERSON.finditer(clause)]
        # "my call": end -1 marks an owner; not "my ops guy Mike", someone else of the speaker's (qa305: Mike's
        # championing was the owner's, who told it)
        people += [
            (m.start(), -1, speaker_title)
            for m in _MY.finditer(clause)
            if not any(m.end() <= a and len(clause[m.end() : a].split()) <= 1 for a, _, _ in titled)
        ]
    for pronoun in _PRONOUN.finditer(clause) if last or people else ():
        # he or she after someone named in the same clause is that person ("And our controller, Priscilla, she held
        # things up", qa268: read as the CEO named a sentence before, a blocker), else the last third person named
        named = [
            p
            for p in people
            if p[1] >= 0 and p[1] <= pronoun.start() and not _FIRST_PERSON.match(clause, p[0])
        ]
        who = named[-1][2] if named else last
        if who:
            people.append((pronoun.start(), pronoun.end(), who))
    return sorted(people)


_YOURS = re.compile(r"\b(your|their)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _rest_of_sentence(text: str, at: int) -> str:
    """What the sentence goes on to say after ``at``."""
    stop = re.search(r"[.!?](?=\s|$)", text[at:])
    return text[at : at + stop.end()] if stop else text[at:]


def _acts_in(
    clause: str, people: list[tuple[int, int, str]], original: str, *, after: str = ""
) -> list[DecisionAct]:
    text = " ".join(original.split())
    subjects = [p for p in people if p[1] >= 0]  # "my" is an owner, never a subject
    # a refusal is told as a negated approval ("he just wouldn't approve it"), and who held the veto as what they
    # could have done ("I was the one who could kill it"): a blocker's act, not a negation or a hypothetical
    refusals = [
        DecisionAct(title, "blocker", text)
        for blocking in _BLOCKING
        for verb in blocking.finditer(clause)
        if (title := _agent(clause, subjects, verb.start(), verb.end()))
    ]
    # a clause told after the act about what it was done to ("vetoed anything that wasn't bidirectional", "I blocked
    # it because it wasn't validated") negates or supposes nothing of the act (qa28)
    # (read from the end of the act's words, which may hold a "that" of their own: "sign off that the sync worked")
    first = min(
        ((m.start(), m.end()) for pattern in _ACTS.values() if (m := pattern.search(clause))), default=None
    )
    subordinate = _SUBORDINATE.search(clause, first[1]) if first is not None else None
    if subordinate:
        clause = clause[: subordinate.start()]
    # "without" negates what follows it ("went live without IT's approval"), not an act before it ("I sign
    # contracts up to fifty thousand without the board"): the clause is read up to it
    negations = list(_NEGATION.finditer(clause))
    if negations and all(m.group(0).casefold() == "without" for m in negations):
        clause = clause[: negations[0].start()]
    if _NEGATION.search(clause) or _HYPOTHETICAL.search(clause) or _ADVICE.search(clause):
        return refusals
    acts = refusals
    for blocking in _BLOCKING:  # "refused to sign" signs nothing, "could kill it" kills nothing
        clause = blocking.sub(lambda m: " " * len(m.group(0)), clause)
    for part, pattern in _ACTS.items():
        for verb in pattern.finditer(clause):
            before = clause[: verb.start()]
            if _TO_DO.search(before) and not _MUST.search(before):
                continue
            if part in ("approver", "economic_buyer") and _work_approved(clause, verb.start(), verb.end()):
                continue
            if _WANTED_DONE.search(before):
                continue  # "He wanted the data privacy agreement signed": he did not sign it
            if _DETERMINED.search(before) and verb.group(0).casefold().endswith("ed"):
                continue  # "a signed data agreement", "the approved vendor list": a thing's state, no one's act
            if _ALMOST.search(before):
                continue  # "Our CFO almost said no": what nearly happened did not (qa52: the CFO who signed, a blocker)
            # "anything over fifty thousand goes through the CFO": the approver is the one it goes through, never
            # the one before ("the board went through the budget line by line" reviewed it, qa24)
            routed = verb.group(0).casefold() in ("go", "goes", "went")
            who = [p for p in subjects if p[0] >= verb.end()] if routed else subjects
            title = _agent(clause, who, verb.start(), verb.end())
            if title:
                role = _as_reviewed(title, part, verb.group(0))
                if role == "economic_buyer" and _NOT_OFFICIALLY.search(f"{clause[verb.end() :]} {after}"):
                    role = "approver"  # "had to sign off too, not like officially" (qa295): no signature
                acts.append(DecisionAct(title, role, text))
    for start, end, title in people:
        owned = f"'s{clause[start + 2 :]}" if end < 0 else clause[end:]  # "my call" reads as "I's call"
        for part in NOUN_ACTS:
            if said := _OWNED[part].match(owned) or _OF_AGENT[part].search(clause[:start]):
                acts.append(DecisionAct(title, _as_reviewed(title, part, said.group(0)), text))
    return acts


# A sign-off said to be no signature: "had to sign off too, not like officially" (qa295: a lead technician the
# economic buyer). Closed phrases of English.
_NOT_OFFICIALLY = re.compile(
    r"\b(not|wasn['’]?t|isn['’]?t|never) (like |really |exactly |anything |so )?(official(ly)?|formal(ly)?|on paper)\b|"
    r"\b(unofficially|informally)\b",
    re.IGNORECASE,
)


# IT's and security's people below the executive: their sign-off is the technical one, no signature on the purchase
# ("Owen's sign-off was the condition.", qa280: an outside IT consultant was the economic buyer who signs off, the
# principal who signed the contract beside him); "signed the contract" is a signature whoever signs.
_REVIEWERS = frozenset(["IT", "IT Director", "IT Manager", "Security"])
_SIGN_OFF = re.compile(r"\bsign(?:s|ed)?(?:\s+|-)?off\b", re.IGNORECASE)


def _as_reviewed(title: str, part: DecisionRole, words: str) -> DecisionRole:
    """The part a sign-off gives: a technical evaluation where IT's or security's people (_REVIEWERS) give it."""
    if part == "economic_buyer" and title in _REVIEWERS and _SIGN_OFF.search(words):
        return "technical_evaluator"
    return part


# What a purchase is called when someone approves or signs it. Anything else approved ("timesheets get approved by
# the client supervisor", "sign off on bills") is the work the product carries, not the purchase (qa20).
_PURCHASE = frozenset(
    ["it", "this", "that", "them", "us", "contract", "contracts", "deal", "purchase", "spend", "spending",
     "budget", "budgets", "subscription", "renewal", "vendor", "tool", "software", "platform", "system",
     "project", "decision", "switch", "move", "migration", "investment", "money", "cost", "price", "pricing",
     "quote", "proposal", "agreement", "msa", "sow", "form", "plan", "rollout", "pilot", "request", "case",
     "everything", "anything", "one", "final", "whole", "paperwork", "license", "licence", "licenses",
     "integration", "product", "app", "solution", "service", "side", "part", "piece", "end", "thing", "numbers",
     "appropriation", "funds", "funding", "capex"]
)  # fmt: skip
# What is signed on a device is the work the product carries ("everything digital and signed on the phone").
_ON_A_DEVICE = re.compile(
    r"^\s+(?:on|from|with|via|in)\s+(?:the|their|a|an|his|her|my|our|your)\s+(?:own\s+)?(?:phones?|tablets?|screens?|"
    r"ipads?|devices?|apps?|mobile|kiosks?|portal|touchscreen)\b",
    re.IGNORECASE,
)
# The papers signed beside a purchase, not it: data, privacy and security agreements, a non-disclosure agreement.
_SIDE_PAPER = re.compile(
    r"^\s+(?:off\s+on\s+)?(?:(?:the|a|an|our|their|its|that|this)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:dpa|baa|nda|dsa|data (?:processing|privacy|protection|sharing|use) agreement|privacy (?:agreement|addendum)|"
    r"security (?:addendum|questionnaire|review)|business associate agreement|non-?disclosure agreement)\b",
    re.IGNORECASE,
)
_MONEY = frozenset(["budget", "budgets", "spend", "spending", "funding", "funds", "capital", "money"])
_EACH_ONE = re.compile(r"^(?:\s+off(?:\s+on)?)?\s+(?:every|each)\s+(?:single\s+)?one\b", re.IGNORECASE)
_OBJECT_AFTER = re.compile(
    r"^(?:\s+(?:off|on|off on))?\s+(?:(?:the|all|every|each|our|their|his|her|any|those|these|a|an|new)\s+)?"
    r"([a-z]+)(?:\s+([a-z]+))?\b",
    re.IGNORECASE,
)
_SUBJECT_BEFORE = re.compile(
    r"\b([a-z]+)\s+(?:(?:just|all|always|usually|now|then|finally|also|still|quickly)\s+)?"
    r"(?:get|gets|got|are|were|is|was|be|been|being)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_NO_NOUN = frozenset(
    ["by", "in", "on", "within", "without", "for", "at", "after", "before", "from", "with", "quickly", "fast",
     "immediately", "right", "off", "up", "and", "but", "so", "then", "once", "too", "as", "of", "to", "the",
     "over", "under", "above", "below", "about", "into", "across", "through", "until", "like", "than", "now"]
)  # fmt: skip


def _work_approved(clause: str, verb_start: int, verb_end: int) -> bool:
    """Whether the thing approved or signed off is named and is not the purchase (_PURCHASE)."""
    verb = clause[verb_start:verb_end].casefold()
    if not verb.startswith(("approv", "sign")):
        return False
    after = _OBJECT_AFTER.match(clause[verb_end:])
    named = after.group(1).casefold() if after else ""
    if (
        after
        and after.group(2)
        and not _no_noun(after.group(2).casefold())
        and not _no_noun(named)
        and named not in _MONEY  # ("the budget line" is the money, qa100: "Susan approved the budget line")
    ):
        named = after.group(2).casefold()  # the head of "every purchase order", "the MSA"
    if verb.startswith("sign") and (
        _SIDE_PAPER.match(clause[verb_end:]) or _ON_A_DEVICE.match(clause[verb_end:])
    ):
        # "sign the state DPA", "signed the BAA": a paper beside the purchase (qa112: IT the signer); and what is
        # signed on a phone is the work the product carries ("everything digital and signed on the phone", qa141)
        return True
    if verb.startswith("sign") and not ("off" in verb or clause[verb_end:].lstrip().startswith("off")):
        return False  # "signed the contract", "I sign the checks": signing is the buyer's own act
    if _EACH_ONE.match(clause[verb_end:]):
        # one of many, each approved ("I still have to approve every single one by hand", of shift swaps, qa286: a
        # scheduler the purchase's approver): a purchase is approved once
        return True
    if named and not _no_noun(named):
        # a product is named by its name ("approved Tallybook", "the Yardi integration"): the purchase
        return named not in _PURCHASE and not _capitalised_in(after)
    before = _SUBJECT_BEFORE.search(clause[:verb_start])  # "timesheets get approved by the client supervisor"
    subject = before.group(1).casefold() if before else ""
    return bool(subject) and subject not in _PURCHASE and subject not in _PEOPLE_WORDS


_PEOPLE_WORDS = frozenset(["i", "we", "you", "he", "she", "they", "who", "which", "that", "what"])


def _capitalised_in(found: re.Match[str] | None) -> bool:
    """Whether a word of the object found is written with a capital (a product's name)."""
    words = (found.group(1), found.group(2)) if found else ()
    return any(word[:1].isupper() for word in words if word)


def _no_noun(word: str) -> bool:
    return word in _NO_NOUN or word.endswith("ly")


def _agent(clause: str, people: list[tuple[int, int, str]], verb_start: int, verb_end: int) -> str | None:
    """The person doing the act: the nearest subject before the verb, or the agent named right after it."""
    before = [p for p in people if p[1] <= verb_start]
    if before:
        start, end, title = before[-1]
        between = clause[end:verb_start]
        if len(between.split()) <= 6 and not _NOT_SUBJECT.search(clause[:start]):
            return title
    after = [p for p in people if p[0] >= verb_end]
    named = _NAME_SUBJECT.search(clause[:verb_start])
    if _PRONOUN_SUBJECT.search(clause[:verb_start]) or (named and named.group("name") not in _NOT_NAMES):
        # "I championed it with the board": the act is the speaker's, whose title is not known here
        return None
    if (
        after
        and _AGENT_AFTER.search(clause[verb_end : after[0][0]])
        and len(clause[verb_end : after[0][0]].split()) <= 3
    ):
        return after[0][2]
    if (
        after
        and _CLEFT_OPENING.match(clause[:verb_start])
        and _CLEFT_THEN.search(clause[verb_end : after[0][0]])
    ):
        return after[0][2]
    return None
