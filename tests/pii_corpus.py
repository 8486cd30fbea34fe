"""A personal-data corpus written for the privacy tests and benchmark (fictional people, numbers and places).

``[[Kind:text]]`` marks personal data that must be redacted; ``{{text}}`` marks a job title, company or
product name that must not be. Phone numbers use reserved fictional ranges (555-01xx, Ofcom's drama
numbers); card numbers are the networks' published test numbers; IBANs are the registry's examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

SENTENCES = [
    "I'm [[Person:Priya Raghunathan]], the {{AP Manager}} at {{Northwind}}; we moved off {{QuickBooks}} last spring.",
    "Our {{CFO}}, [[Person:Marcus Lee]], signed the {{NetSuite}} contract after the {{BlackLine}} demo.",
    "You can reach me at [[Email:priya.r@northwind-foods.com]] or on [[Phone:(415) 555-0132]].",
    "[[Person:Oluwaseun Adeyemi]] from procurement asked whether {{Coupa}} could do three-way match.",
    "[[Person:Wei Chen]] and [[Person:Siobhan O'Brien]] ran the pilot with our {{Controller}}.",
    "Send the paperwork to [[Address:1200 Harbor View Drive, Suite 400, Oakland, CA 94607]] please.",
    "The refund went to card [[Card:4111 1111 1111 1111]] instead of the account on file.",
    "Our German entity pays from [[IBAN:DE89 3704 0044 0532 0130 00]] every month.",
    "My profile is at [[Link:https://www.linkedin.com/in/dana-whitfield-42]] if you need it.",
    "Call my mobile, [[Phone:+44 20 7946 0958]], or the office on [[Phone:020 7946 0000]].",
    "[[Person:Mateo Fernández]] our {{VP Finance}} pushed for {{Tipalti}} over {{Bill.com}}.",
    "I report to [[Person:Hiroshi Tanaka]], who reports to the {{CEO}}.",
    "The {{Head of Procurement}} and the {{IT Director}} both had to approve {{Sage Intacct}}.",
    "[[Person:Fatima Al-Sayed]] built the {{Excel}} macros we replaced with {{Ramp}}.",
    "Text me at [[Phone:415.555.0178]] when the {{Salesforce}} sync breaks.",
    "My colleague [[Person:Agnieszka Kowalska]] handles {{Workday}} and {{Oracle}} integrations.",
    "Ask [[Person:Greg]] in {{IT}}; he set up {{Okta}} for us.",
    "[[Person:Dr. Ngozi Okonkwo]] chairs the committee with our {{General Counsel}}.",
    "Please cc [[Email:j.mueller+ap@example-gmbh.de]] on every invoice.",
    "The office is at [[Address:27 Baker Street, London]] and the warehouse in {{Leeds}}.",
    "We emailed [[Email:SVEN.LARSSON@NORDICPAPER.SE]] and [[Person:Sven Larsson]] replied the same day.",
    "[[Person:Nguyen Van An]] and [[Person:Kim Min-jun]] run the shared service center.",
    "The {{Finance Director}} said {{Stripe}} fees were fine but {{Zuora}} was too heavy.",
    "Our old bookkeeper, [[Person:Deborah Klein]], kept everything in {{Google Sheets}}.",
    "Call [[Phone:+1 (212) 555-0199]] ext. 12 and ask for [[Person:Rahul Mehta]].",
    "Wire it to [[IBAN:GB29 NWBK 6016 1331 9268 19]] by Friday.",
    "I paid with [[Card:5555-5555-5555-4444]] and the {{HubSpot}} invoice bounced.",
    "[[Person:Giulia Romano]] and [[Person:Jean-Pierre Dubois]] joined from the {{Paris}} office.",
    "The {{Accounts Payable Specialist}} and the {{Treasury Analyst}} share the {{Kyriba}} login.",
    "My assistant [[Person:Ayşe Yılmaz]] books the calls; her number is [[Phone:555-0143]].",
    "See [[Link:https://github.com/dwhitfield/ap-scripts]] for the scripts I wrote.",
    "Drop by [[Address:350 Fifth Avenue, New York, NY 10118]] if you're in town.",
    "[[Person:Carlos Mendoza]] asked the {{Revenue Operations}} team to own {{Gong}}.",
    "The {{Chief Operating Officer}} wanted {{SAP}} out by Q3.",
    "We hired [[Person:Aaliyah Johnson]] as {{Senior Accountant}} to run {{Xero}}.",
    "Our auditor, [[Person:Thomas Becker]], flagged the {{Concur}} exports.",
    "Reach [[Person:Yuki Sato]] at [[Email:yuki.sato@kitsune.co.jp]] or [[Phone:+81 3-1234-5678]].",
    "The {{Procurement Lead}} compared {{Coupa}}, {{Ariba}} and {{Precoro}}.",
    "[[Person:Liam O'Connor]] is our {{Payroll Manager}}; he hates {{ADP}}.",
    "Mail the cheque to [[Address:88 Queen's Road, Suite 12, Brighton]] before the close.",
    "[[Person:Chen Jing]] from the {{Shanghai}} office needs {{NetSuite}} in Chinese.",
    "{{QuickBooks}} broke when we hit 40 entities, so the {{Controller}} called {{NetSuite}}.",
    "Ping me on [[Phone:+49 30 901820]] or at [[Email:anna.schmidt@beispiel.de]].",
    "[[Person:Anna Schmidt]] and I signed; the {{Board}} only saw the summary.",
    "Our {{Director of FP&A}} likes {{Adaptive Planning}} better than {{Anaplan}}.",
    "I met [[Person:Kwame Asante]] at the {{SaaStr}} conference.",
    "[[Person:Sofia Rossi]] in {{Legal}} reviewed the {{DocuSign}} template.",
    "The {{Billing Manager}} uses {{Chargebee}} and {{Avalara}} for tax.",
    "His old card [[Card:3782 822463 10005]] still shows in {{Expensify}}.",
    "You'll find me at [[Link:twitter.com/priya_ap]] and [[Link:https://calendly.com/marcus-lee/30min]].",
    "[[Person:Olga Petrova]] called [[Person:Ivan Sokolov]] about the {{Brex}} cards.",
    "The {{Office Manager}} and the {{Operations Coordinator}} order through {{Amazon Business}}.",
    "[[Person:Emily Clarke]] asked, and then [[Person:Emily]] forwarded it to [[Person:Raj]].",
    "[[Person:Mohammed Haddad]] approved it; {{Slack}} pinged the {{AP Clerk}}.",
    "Use [[Phone:(646) 555-0101]] for the {{NetSuite}} admin, [[Person:Tom Walsh]].",
]


# Written after the detector was frozen and never used to change it: the benchmark's held-out figures.
HELD_OUT = [
    "So I called [[Person:Benedikt Hoffmann]], our {{Head of Finance}}, and he said {{Pleo}} was fine.",
    "[[Person:Marisol Vega]] forwarded the {{Tradeshift}} quote to the {{Purchasing Manager}}.",
    "Honestly [[Person:Tariq Mahmood]] did all the {{Power BI}} dashboards himself.",
    "Write to [[Email:b.hoffmann@kontor-nord.de]] or [[Email:ops-team@vega-imports.com.mx]] for copies.",
    "His direct line is [[Phone:+33 1 70 36 39 50]]; the switchboard is [[Phone:(312) 555-0168]].",
    "The {{VP of Operations}} at {{Fenwick Freight}} wanted {{NetSuite}} live before peak.",
    "We ship from [[Address:4500 Industrial Parkway, Hayward, CA 94545]] and bill from {{Dublin}}.",
    "I asked [[Person:Ingrid Solberg]] and [[Person:Mehmet Demir]] to test the {{Stampli}} trial.",
    "Their card on file ends in nothing useful: [[Card:6011 1111 1111 1117]] was the test one.",
    "Settlement goes to [[IBAN:FR14 2004 1010 0505 0001 3M02 606]] each quarter.",
    "[[Person:Kateryna Shevchenko]] owns the {{Jira}} board and the {{Confluence}} runbook.",
    "Our {{Controller}} and {{Assistant Controller}} both sign the reconciliations in {{FloQast}}.",
    "You can book me through [[Link:https://cal.com/tariq-mahmood/intro]] any afternoon.",
    "[[Person:Rosa Delgado]] said the {{AP Automation}} budget sits with the {{CFO}}.",
    "Text [[Phone:07700 900123]] if the {{Xero}} feed stops again.",
    "[[Person:Haruto Nakamura]] and [[Person:Min-seo Park]] from the {{Tokyo}} team joined late.",
    "We replaced {{Concur}} with {{Navan}} after [[Person:Grace Okoye]] ran the numbers.",
    "The {{Senior Director of Procurement}} compared {{Zip}}, {{Coupa}} and {{Procurify}}.",
    "[[Person:Lars Eriksson]] at [[Email:lars.eriksson@fjordtech.no]] has the contract.",
    "Her office moved to [[Address:9 Castle Terrace, Edinburgh]] last year.",
    "[[Person:Pedro Alvarez]] thinks the {{Sales Operations Manager}} should own {{Clari}}.",
    "Ping [[Person:Anjali Nair]] on {{Teams}}; she runs {{Bill.com}} approvals.",
    "The {{Treasurer}} and [[Person:Samuel Adeleke]] disagreed about {{Kyriba}}.",
    "Call me back on [[Phone:+61 2 9876 5432]] or [[Phone:212-555-0147]].",
    "[[Person:Chloé Martin]] from the {{Lyon}} office uses {{Sage}} for payroll.",
]


@dataclass(frozen=True)
class Span:
    """A marked piece of the plain text."""

    start: int
    end: int
    kind: str  # "Email", "Phone", ... or "Keep" for a title/company/product


_MARK = re.compile(r"\[\[(\w+):(.+?)\]\]|\{\{(.+?)\}\}")


def plain(sentence: str) -> tuple[str, list[Span]]:
    """The sentence without marks, and the marked spans in it."""
    text, spans, cursor = [], [], 0
    length = 0
    for m in _MARK.finditer(sentence):
        before = sentence[cursor : m.start()]
        text.append(before)
        length += len(before)
        kind, value = (m.group(1), m.group(2)) if m.group(1) else ("Keep", m.group(3))
        spans.append(Span(length, length + len(value), kind))
        text.append(value)
        length += len(value)
        cursor = m.end()
    text.append(sentence[cursor:])
    return "".join(text), spans


def corpus(sentences: Sequence[str] = SENTENCES) -> list[tuple[str, list[Span]]]:
    """Every sentence as (text, spans)."""
    return [plain(s) for s in sentences]


def score(
    find: Callable[[str], Sequence[tuple[int, int]]], sentences: Sequence[str] = SENTENCES
) -> dict[str, tuple[int, int]]:
    """(caught, total) per kind: a piece of personal data is caught when 80% of its letters and digits are
    inside what ``find`` returns; for "Keep" (titles, companies, products), caught means wrongly redacted."""
    tally: dict[str, list[int]] = {}
    for text, spans in corpus(sentences):
        covered = {i for start, end in find(text) for i in range(start, end)}
        for span in spans:
            chars = [i for i in range(span.start, span.end) if text[i].isalnum()]
            inside = sum(i in covered for i in chars)
            hit = inside > 0 if span.kind == "Keep" else inside >= 0.8 * len(chars)
            counts = tally.setdefault(span.kind, [0, 0])
            counts[0] += hit
            counts[1] += 1
    return {kind: (c[0], c[1]) for kind, c in sorted(tally.items())}
