"""The demo partnership's business plan, challenges and report text: invented, and labelled synthetic."""

from __future__ import annotations

import datetime as dt

from safeguarding import challenges, plan, report_text
from safeguarding.plan import ActionChange, Priority
from safeguarding.store import Store

BY = "demo business unit (synthetic)"
SYNTHETIC = "Synthetic demonstration text: "

PRIORITIES = [
    Priority("P1", "Neglect: earlier recognition and help", SYNTHETIC + "Neglect featured in both of the year's local "
             "reviews; partners will recognise it earlier and act on it together."),
    Priority("P2", "The front door: the right help at the right time", SYNTHETIC + "Contacts should reach the right "
             "service quickly, and referrals should lead to help rather than no further action."),
    Priority("P3", "Partners at child protection conferences", SYNTHETIC + "Every agency invited to an initial child "
             "protection conference attends and sends its report on time."),
    Priority("P4", "A workforce that learns together", SYNTHETIC + "Multi-agency training is attended, valued and "
             "changes practice."),
]

ACTIONS = [
    ActionChange("P1.1", "P1", "Launch the neglect toolkit and train 200 practitioners in its use",
                 "Head of learning and development", dt.date(2024, 12, 31), "complete",
                 "Toolkit launched September 2024; 214 practitioners trained (training records).",
                 ("cp_category_neglect", "cp_repeat")),
    ActionChange("P1.2", "P1", "Audit 20 neglect cases a year after the toolkit's launch", "Quality assurance lead",
                 dt.date(2025, 6, 30), "on_track", "Audit tool agreed; cases sampled.", ("cp_repeat", "cp_2yr")),
    ActionChange("P2.1", "P2", "Review contacts ending in no further action with the police and schools",
                 "Front door manager", dt.date(2025, 3, 31), "at_risk",
                 "Two of three planned dip samples done; the third postponed by the new police system.",
                 ("contact_conversion", "referral_nfa", "rereferral_rate")),
    ActionChange("P3.1", "P3", "Give agencies ten working days' notice of conferences and track reports",
                 "Safeguarding and review manager", dt.date(2024, 9, 30), "off_track",
                 "Notice has improved; health reports on time have not.",
                 ("health_icpc_attendance", "health_reports_on_time", "education_icpc_attendance")),
    ActionChange("P4.1", "P4", "Cut places lost to non-attendance with reminders and a charging policy",
                 "Training coordinator", dt.date(2025, 3, 31), "on_track",
                 "Reminder e-mails from June 2024; charging policy agreed by the board in October 2024.",
                 ("training_attendance", "training_dna")),
]

CHALLENGES = [  # (indicator, quarter start, agency, question, meeting, answer or None)
    ("contact_conversion", dt.date(2024, 10, 1), "CSC",
     "Only about a quarter of contacts progressed to referral: what happened to the others, and were they offered "
     "early help?", dt.date(2025, 2, 12),
     "A dip sample of 40 contacts found most were information requests or passed to early help; the service will "
     "report the early help conversion from the next quarter."),
    ("health_reports_on_time", dt.date(2024, 10, 1), "HEA",
     "Health reports to conferences on time fell again: what is the cause and when will it recover?",
     dt.date(2025, 5, 14), None),
    ("care_proceedings", dt.date(2025, 1, 1), "CSC",
     "The return shows no new care proceedings in January to March: is this accurate or a recording problem?",
     dt.date(2025, 5, 14), None),
]

REPORT_TEXT = {
    "what_we_did": "This year the partners concentrated on neglect, the front door and conference attendance. "
                   "The Quality and Effectiveness group met quarterly and questioned agencies on the figures below.",
    "feedback": "Young people from the children in care council reviewed the neglect toolkit and rewrote its leaflet "
                "for families. Their advice on plain language is now part of every new guide.",
    "reviews": "Both local reviews this year found neglect recognised late. The neglect toolkit and the case audit "
               "programme (actions P1.1 and P1.2) respond to their recommendations.",
}


def seed(store: Store, year: int = 2024) -> None:
    """Add the demo business plan, a few challenges (open and answered) and some report text."""
    plan.save(store, BY, PRIORITIES, ACTIONS)
    for indicator_id, start, agency, question, meeting, answer in CHALLENGES:
        # Dated as a real cycle would be: raised at the meeting that read the figures, answered before the next.
        raised = dt.datetime.combine(meeting - dt.timedelta(days=91), dt.time(10))
        number = challenges.raise_challenge(store, "demo member (synthetic)", indicator_id, "quarter", start, agency,
                                            question, meeting, at=raised)
        if answer:
            challenges.answer(store, BY, number, answer, at=raised + dt.timedelta(days=60))
    for section, body in REPORT_TEXT.items():
        report_text.save(store, BY, year, section, SYNTHETIC + body)
