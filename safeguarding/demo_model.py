"""The demo partnership's numbers: seeded, calibrated to England, internally consistent.

Marcher Vale is fictional; it borrows Herefordshire's (LA 884) published 0-17 population, region and
statistical neighbours, so the benchmarks beside it are real. Every count below is invented: levels
are England's published rates (data/reference/benchmarks.csv) times Herefordshire's population, with
seasonal noise on flows and smooth paths for stocks. Parts never exceed their wholes and breakdowns
add up, except where a deliberate feature says otherwise (see safeguarding/demo.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from safeguarding.periods import Quarter

LA_CODE = 884
FIRST_YEAR = 2022
QUARTERS = tuple(Quarter.of(FIRST_YEAR + i // 4, i % 4 + 1) for i in range(12))  # 2022-23 Q1 .. 2024-25 Q4
REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"

# The deliberate features (t = index into QUARTERS).
MISSING = ("POL", 10)                      # (a) POL 2024-25 Q3 never sent
RESTATED = ("CSC", 9)                      # (b) CSC 2024-25 Q2 re-sent with corrected contacts/referrals
LATE_REFERRALS = 14                        #     police referrals recorded late, added in the restatement
SUPPRESSED = ("CSC.PRIVATE_FOSTERING", 8)  # (c) written as "<5"
ZERO = ("CSC.CARE_PROCEEDINGS", 11)        # (d) 0 care proceedings in 2024-25 Q4
SUM_GLITCH = ("CSC.CP_CAT_NEGLECT", 8, 3)  # (e) categories add up to 3 fewer than CSC.CP_PLANS
AUDIT_QUARTER = 3                          # the s175/157 audit runs in Q3; n/a in the other quarters

# Seasonal factors by quarter number (Q1 Apr-Jun, Q2 Jul-Sep with the summer holidays, Q3, Q4).
FRONT_DOOR = (1.00, 0.90, 1.08, 1.02)
TRAINING = (1.00, 0.72, 1.10, 1.05)
CP_SHARES = {"NEGLECT": 36, "EMOTIONAL": 41, "PHYSICAL": 8, "SEXUAL": 4, "MULTIPLE": 11}
TRAINING_AGENCIES = {  # share of bookings, attendance % by year
    "CSC": (28, (92, 92, 92)), "POLICE": (14, (72, 66, 61)), "HEALTH": (20, (86, 86, 86)),
    "EDUCATION": (25, (89, 89, 89)), "VCS": (8, (81, 81, 81)), "OTHER": (5, (78, 78, 78)),
}


@dataclass
class DemoData:
    """Values as the partners sent them, the restated values, and the partners' commentary."""

    values: dict[tuple[str, Quarter], int | str] = field(default_factory=dict)
    restated: dict[tuple[str, Quarter], int] = field(default_factory=dict)
    commentary: dict[tuple[str, Quarter], dict[str, str]] = field(default_factory=dict)  # (agency, q)
    restated_commentary: dict[str, str] = field(default_factory=dict)


def calibration() -> tuple[dict[int, int], dict[tuple[str, int], float]]:
    """Herefordshire's 0-17 population by mid-year, and England's published values by (LAIT code, DfE year)."""
    with open(REFERENCE_DIR / "population.csv", newline="", encoding="utf-8") as handle:
        population = {int(r["year"]): int(r["population"]) for r in csv.DictReader(handle)
                      if r["area_type"] == "la" and r["la_code"] == str(LA_CODE)}
    with open(REFERENCE_DIR / "benchmarks.csv", newline="", encoding="utf-8") as handle:
        england = {(r["lait_code"], int(r["year"])): float(r["value"]) for r in csv.DictReader(handle)
                   if r["area_type"] == "england" and r["value"]}
    return population, england


def curve(t: float, anchors: dict[float, float]) -> float:
    """Piecewise-linear path through (quarter index, value) anchors, flat beyond the ends."""
    points = sorted(anchors.items())
    if t <= points[0][0]:
        return points[0][1]
    for (t0, v0), (t1, v1) in zip(points, points[1:]):
        if t <= t1:
            return v0 + (v1 - v0) * (t - t0) / (t1 - t0)
    return points[-1][1]


class _Model:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.population, self.england = calibration()
        self.v: dict[tuple[str, int], int | str] = {}
        self.residual: dict[str, float] = {}

    def eng(self, code: str, t: int) -> float:
        """England's value for the DfE year of quarter t (else the latest earlier one)."""
        wanted = FIRST_YEAR + t // 4 + 1
        return self.england[(code, max(y for c, y in self.england if c == code and y <= wanted))]

    def kids(self, t: int) -> float:
        """Children aged 0-17, in ten-thousands (mid-year of the financial year's start)."""
        year = FIRST_YEAR + t // 4
        return self.population.get(year, self.population[max(self.population)]) / 10_000

    def flow(self, code: str, t: int, per_quarter: float, season=(1, 1, 1, 1), sd: float = 0.05,
             floor: int = 0) -> int:
        value = max(floor, round(per_quarter * season[t % 4] * (1 + self.rng.gauss(0, sd))))
        self.v[(code, t)] = value
        return value

    def part(self, code: str, t: int, whole: int, pct: float, sd: float = 1.0) -> int:
        """About pct% of whole, rounding errors carried forward so yearly percentages stay on target."""
        target = whole * min(100.0, max(0.0, pct + self.rng.gauss(0, sd))) / 100 + self.residual.get(code, 0.0)
        value = min(whole, max(0, round(target)))
        self.residual[code] = target - value
        self.v[(code, t)] = value
        return value

    def split(self, prefix: str, t: int, whole: int, shares: dict[str, float], sd: float = 0.0) -> dict[str, int]:
        """whole divided by shares (largest remainder), so the parts add up exactly."""
        weights = {k: max(0.0, s * (1 + self.rng.gauss(0, sd))) for k, s in shares.items()}
        total = sum(weights.values())
        exact = {k: whole * w / total for k, w in weights.items()}
        parts = {k: int(x) for k, x in exact.items()}
        for k in sorted(exact, key=lambda k: exact[k] - parts[k], reverse=True)[:whole - sum(parts.values())]:
            parts[k] += 1
        for k, value in parts.items():
            self.v[(f"{prefix}{k}", t)] = value
        return parts

    def csc(self, t: int, prev_plans: int) -> int:
        y, q = divmod(t, 4)
        kids = self.kids(t)
        referrals = self.flow("CSC.REFERRALS", t, self.eng("CPP_Total_Rateper10,000", t) * (0.88, 0.98, 1.06)[y]
                              * kids / 4, FRONT_DOOR, 0.04)
        contacts = round(referrals * 100 / ((23.4, 23.9, 24.2)[y] * (1 + self.rng.gauss(0, 0.025))))
        self.v[("CSC.CONTACTS", t)] = contacts
        self.part("CSC.CONTACTS_DECIDED_1WD", t, contacts, curve(t, {0: 93.5, 4: 91, 7: 87, 8: 84, 11: 73}), 0.8)
        self.part("CSC.REREFERRALS_12M", t, referrals, self.eng("ReReferral", t) * 0.94)
        self.part("CSC.REFERRALS_NFA", t, referrals, self.eng("CIN_Refferals_NFA", t) * 1.2, 0.5)
        police = (33, 41, 49)[y]
        schools = (21, 19.5, 17.5)[y] * (0.7 if q == 1 else 1.05)
        health, la = (15, 14, 13)[y], (12, 11, 10.5)[y]
        self.split("CSC.REF_SRC_", t, referrals, {"POLICE": police, "SCHOOLS": schools, "HEALTH": health,
                                                  "LA": la, "OTHER": 100 - police - schools - health - la}, 0.03)
        assessments = self.flow("CSC.ASSESSMENTS", t, referrals * 0.92, sd=0.03)
        self.part("CSC.ASSESSMENTS_45WD", t, assessments, (87, 85, 83.5)[y])
        self.flow("CSC.EH_ASSESSMENTS", t, 84 * kids, FRONT_DOOR)
        s47 = self.flow("CSC.S47", t, self.eng("Section_47", t) * 1.04 * kids / 4, sd=0.05)
        concluded = self.flow("CSC.S47_CONCLUDED", t, s47, sd=0.03)
        self.part("CSC.S47_NFA", t, concluded, (47, 49, 52.5)[y], 1.5)
        siblings = 9 if t == 6 else 0  # two large sibling groups in November 2023
        icpc = self.part("CSC.ICPC", t, s47, 32.5) + siblings
        self.v[("CSC.ICPC", t)] = icpc
        self.part("CSC.ICPC_15WD", t, icpc, (84, 85, 86.5)[y], 1.5)
        starts = self.part("CSC.CP_STARTS", t, icpc - siblings, 78) + siblings
        self.v[("CSC.CP_STARTS", t)] = starts
        self.part("CSC.CP_STARTS_REPEAT", t, starts, self.eng("PrevRegCPR", t) * 0.9, 1.5)
        q4_levels = {-1: 1.12, 3: 1.10, 7: 1.08, 11: 1.07}  # x England's CP rate at each year end
        target = round(curve(t, q4_levels) * self.eng("CPP_rate", t) * kids * (1 + self.rng.gauss(0, 0.008))
                       + {6: 7, 7: 5, 8: 2}.get(t, 0))
        ended = max(prev_plans + starts - target, round(starts * 0.6))
        plans = prev_plans + starts - ended
        self.v[("CSC.CP_PLANS", t)] = plans
        self.v[("CSC.CP_ENDED", t)] = ended
        ended_2yr = self.part("CSC.CP_ENDED_2YR", t, ended, curve(t, {0: 3.2, 4: 3.8, 7: 4.4, 8: 6.0, 11: 7.0}), 0.5)
        if t == 10:  # a sibling group of four ended plans after 26 months (later quarters make up for it)
            self.v[("CSC.CP_ENDED_2YR", t)] = bumped = min(ended, max(ended_2yr, 4))
            self.residual["CSC.CP_ENDED_2YR"] -= bumped - ended_2yr
        self.split("CSC.CP_CAT_", t, plans, CP_SHARES, 0.04)
        self.part("CSC.CP_VISITS_TIMELY", t, plans, (93.5, 92.5, 91.5)[y])
        self.stock("CSC.CIN", t, self.eng("CIN", t) * 1.04 * kids, 0.01)
        cla = self.stock("CSC.CLA", t, curve(t, {0: 1.20, 11: 1.26}) * self.eng("LAC", t) * kids, 0.006)
        self.part("CSC.CLA_VISITS_TIMELY", t, cla, 96.5, 0.6)
        missing = self.flow("CSC.MISSING_EPISODES", t, 36 * kids, (1.0, 1.12, 0.95, 0.93), 0.06)
        self.part("CSC.RHI_72H", t, missing, curve(t, {0: 52, 4: 58, 7: 70, 8: 80, 11: 86}), 2)
        self.flow("CSC.CARE_PROCEEDINGS", t, 3.6 * kids, sd=0.15, floor=6)
        self.flow("CSC.LADO_REFERRALS", t, 10.5 * kids, FRONT_DOOR, 0.1)
        self.flow("CSC.PRIVATE_FOSTERING", t, 1.9 * kids, sd=0.15, floor=5)
        return plans

    def stock(self, code: str, t: int, level: float, sd: float) -> int:
        value = round(level * (1 + self.rng.gauss(0, sd)))
        self.v[(code, t)] = value
        return value

    def partners(self, t: int) -> None:
        y, q = divmod(t, 4)
        da = self.flow("POL.DA_INCIDENTS_CHILDREN", t, 124 * self.kids(t) * (1 + 0.03 * y), (1.0, 1.07, 1.02, 0.94))
        encompass = self.part("POL.ENCOMPASS", t, da, (80, 62, 82, 80)[q], 1.5)
        self.part("POL.ENCOMPASS_TIMELY", t, encompass, 96.5, 1.0)
        self.flow("POL.PPO", t, 2.1 * self.kids(t), sd=0.25, floor=1)
        s47, icpc = self.v[("CSC.S47", t)], self.v[("CSC.ICPC", t)]
        invited = self.flow("POL.STRATEGY_INVITED", t, s47 * 1.15, sd=0.03)
        self.part("POL.STRATEGY_ATTENDED", t, invited, 88, 1.5)
        self.v[("HEA.ICPC_INVITED", t)] = icpc
        self.part("HEA.ICPC_ATTENDED", t, icpc, 87, 2)
        requested = self.part("HEA.REPORTS_REQUESTED", t, icpc, 95)
        self.part("HEA.REPORTS_ON_TIME", t, requested, 81, 2)
        required = self.stock("HEA.L3_REQUIRED", t, curve(t, {0: 2300, 11: 2420}), 0.004)
        self.part("HEA.L3_TRAINED", t, required, curve(t, {0: 87, 4: 85, 8: 81, 11: 77}), 0.5)
        schools = self.part("EDU.ICPC_INVITED", t, icpc, (74, 55, 76, 74)[q], 2)
        self.part("EDU.ICPC_ATTENDED", t, schools, 92, 2)
        if q + 1 == AUDIT_QUARTER:
            settings = self.v[("EDU.S175_SETTINGS", t)] = 96 + y
            self.part("EDU.S175_RETURNS", t, settings, (92, 94, 97)[y], 0.5)
        else:
            self.v[("EDU.S175_SETTINGS", t)] = self.v[("EDU.S175_RETURNS", t)] = "n/a"
        self.flow("YJS.FIRST_TIME_ENTRANTS", t, 1.5 * self.kids(t), sd=0.3, floor=1)
        courses = self.flow("TRN.COURSES", t, 13, TRAINING, 0.06, floor=4)
        places = self.v[("TRN.PLACES_OFFERED", t)] = round(courses * self.rng.uniform(22, 26))
        booked = self.part("TRN.BOOKED", t, places, (84, 82, 81)[y], 1.5)
        by_agency = self.split("TRN.BOOKED_", t, booked, {k: s for k, (s, _) in TRAINING_AGENCIES.items()}, 0.08)
        attended = sum(self.part(f"TRN.ATTENDED_{k}", t, by_agency[k], rates[y], 2.5)
                       for k, (_, rates) in TRAINING_AGENCIES.items())
        self.v[("TRN.ATTENDED", t)] = attended
        self.part("TRN.DNA", t, booked - attended, 82, 3)
        self.flow("TRN.ELEARNING", t, 430, (1.0, 0.85, 1.1, 1.05), 0.07)
        responses = self.part("TRN.EVAL_RESPONSES", t, attended, 62, 3)
        self.part("TRN.EVAL_GOOD", t, responses, 92.5, 1.5)


def build(seed: int = 42) -> DemoData:
    """Every value the demo partners send, with the deliberate features applied."""
    model = _Model(seed)
    plans = round(1.12 * model.eng("CPP_rate", 0) * model.kids(0))
    for t in range(len(QUARTERS)):
        plans = model.csc(t, plans)
        model.partners(t)
    v = model.v
    data = DemoData({(code, QUARTERS[t]): value for (code, t), value in v.items()})
    # (b) the original CSC 2024-25 Q2 return: contacts typed without their last digit, and 14 police
    # referrals not yet recorded; the restatement carries the true figures.
    q = QUARTERS[RESTATED[1]]
    for code in ("CSC.CONTACTS", "CSC.REFERRALS", "CSC.REF_SRC_POLICE"):
        data.restated[(code, q)] = data.values[(code, q)]
    typo = data.values[("CSC.CONTACTS", q)] = data.restated[("CSC.CONTACTS", q)] // 10
    for code in ("CSC.REFERRALS", "CSC.REF_SRC_POLICE"):
        data.values[(code, q)] -= LATE_REFERRALS
    data.restated_commentary = {
        "CSC.CONTACTS": f"Restated in January 2025: contacts were typed as {typo:,} instead of "
                        f"{data.restated[('CSC.CONTACTS', q)]:,} in the original return.",
        "CSC.REFERRALS": f"Restated: {LATE_REFERRALS} police referrals recorded late are now included.",
    }
    data.values[(SUPPRESSED[0], QUARTERS[SUPPRESSED[1]])] = "<5"  # (c)
    data.values[(ZERO[0], QUARTERS[ZERO[1]])] = 0  # (d)
    code, t, short = SUM_GLITCH  # (e)
    data.values[(code, QUARTERS[t])] = v[(code, t)] - short
    data.commentary = _commentary(v)
    return data


def _pct(v, numerator: str, denominator: str, t: int) -> str:
    return f"{100 * v[(numerator, t)] / v[(denominator, t)]:.0f}%"


def _commentary(v: dict) -> dict[tuple[str, Quarter], dict[str, str]]:
    """The partners' narrative: what an agency would write beside its figures."""
    notes = [
        ("CSC", 3, "CSC.RHI_72H", "Return home interviews are done by the in-house team, which has two vacancies; "
                                  "a commissioned service is being procured."),
        ("POL", 2, "POL.DA_INCIDENTS_CHILDREN", "December peak around the World Cup and Christmas, as expected."),
        ("CSC", 4, "CSC.REF_SRC_POLICE", "From May 2023 the police send every domestic abuse notification involving "
                                         "children to the MASH as a referral."),
        ("CSC", 5, "CSC.CONTACTS", "Summer holidays: fewer contacts from schools, as every year. "
                                   f"{_pct(v, 'CSC.REFERRALS', 'CSC.CONTACTS', 5)} of contacts became referrals."),
        ("CSC", 6, "CSC.CP_STARTS", "Two large sibling groups became subject to plans in November."),
        ("CSC", 6, "CSC.CP_PLANS", "The rise is the two sibling groups (9 children) who started plans in November."),
        ("CSC", 7, "CSC.RHI_72H", "The commissioned return home interview service started in January 2024."),
        ("CSC", 8, "CSC.CP_CAT_EMOTIONAL", "Emotional abuse stays the largest category: where domestic abuse is the "
                                           "main concern, local guidance records emotional abuse."),
        ("CSC", 8, "CSC.PRIVATE_FOSTERING", "Fewer than 5 notifications: suppressed, as the number could identify "
                                            "children."),
        ("CSC", 9, "CSC.CONTACTS_DECIDED_1WD", "The MASH moved building in August; decisions slowed for 3 weeks."),
        ("CSC", 10, "CSC.CONTACTS_DECIDED_1WD", "Three of eight front door social worker posts vacant since October; "
                                                "agency staff start in February."),
        ("CSC", 10, "CSC.CP_ENDED_2YR", "Includes a sibling group of four whose plans ended after 26 months "
                                        "(stepped down to child in need)."),
        ("CSC", 11, "CSC.CONTACTS_DECIDED_1WD",
         f"Decisions within 1 working day fell to {_pct(v, 'CSC.CONTACTS_DECIDED_1WD', 'CSC.CONTACTS', 11)}: "
         "front door vacancies and more police contacts. Recovery plan to the Q&E group."),
        ("CSC", 11, "CSC.S47_NFA", "Audit of section 47 enquiries ending in NFA started at the Q&E group's request."),
        ("POL", 8, "POL.STRATEGY_ATTENDED", "PPU attendance at strategy discussions hit by sickness in two teams."),
        ("POL", 11, "POL.DA_INCIDENTS_CHILDREN", "The Q3 return was not sent: the force moved to a new records "
                                                 "system in October and the extract is being rebuilt."),
        ("HEA", 6, "HEA.REPORTS_ON_TIME", "Late reports mostly from GP practices; the report template was reissued."),
        ("HEA", 11, "HEA.L3_TRAINED", "Level 3 compliance fell after the ICB changed e-learning provider; recovery "
                                      "plan agreed with the designated nurse."),
        ("EDU", 5, "EDU.ICPC_INVITED", "Summer holidays: fewer conferences with school staff invited."),
        ("EDU", 10, "EDU.S175_RETURNS", f"Autumn-term s175/157 audit: {v[('EDU.S175_RETURNS', 10)]} of "
                                        f"{v[('EDU.S175_SETTINGS', 10)]} settings returned; the rest chased."),
        ("YJS", 8, "YJS.FIRST_TIME_ENTRANTS", "The Turnaround programme diverts children from first-time entry."),
        ("TRN", 5, "TRN.COURSES", "Summer quarter: fewer courses scheduled, as planned."),
        ("TRN", 9, "TRN.ATTENDED_POLICE", "Response officers withdrawn at short notice for operational duties."),
        ("TRN", 11, "TRN.ATTENDED_POLICE",
         f"Police attendance {_pct(v, 'TRN.ATTENDED_POLICE', 'TRN.BOOKED_POLICE', 11)}: raised with the "
         "Superintendent for public protection."),
    ]
    out: dict[tuple[str, Quarter], dict[str, str]] = {}
    for agency, t, code, text in notes:
        out.setdefault((agency, QUARTERS[t]), {})[code] = text
    return out


def completed_on(quarter: Quarter, agency: str, seed: int) -> dt.date:
    """When the partner completed the return: two to five weeks after the quarter ended."""
    rng = random.Random(f"{seed}:{agency}:{quarter.label}")
    return quarter.end + dt.timedelta(days=rng.randint(14, 35))
