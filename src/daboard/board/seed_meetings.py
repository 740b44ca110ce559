"""Board business as the seed papers record it: meetings, agendas, attendance, minutes,
resolutions, the terms of reference. Text is as published (demo/seeds/), and each fact names the
seed lines it comes from (see daboard.demo.sources)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from daboard.demo.seed import table

LCC = "Leicestershire County Council"
CSP = "Community Safety Partnership Strategy Group Chair"
LR = "leicestershire-and-rutland"

# --- Terms of reference -----------------------------------------------------------------

# Sections: (number, source, heading, text); text in [square brackets] is daboard's note
# where the published text has a table or diagram.
LEICESTER_TERMS = {
    "board": "leicester",
    "version": 1,
    "title": "Leicester Domestic Abuse Locality Partnership Board Terms of Reference",
    "meeting_frequency": "The Board will meet on a quarterly basis as a minimum.",
    "min_meetings_per_year": 4,
    "quorum_rule": "",
    "chair_rule": "The Board will be chaired by Director of Children's Social Care & Early Help.",
    "vice_chair_rule": "The Vice Chair of the Board will be Director of Housing.",
    "papers_deadline_days": 7,
    "draft_minutes_deadline_days": 14,
    "minutes_retention_years": 7,
    "delete_recordings_on_confirmation": True,
    "closed_business_rule": ("The Board will operate open and closed sections of business, with commissioning "
                             "discussions (not appropriate for providers to be present) taking place during the "
                             "closed section of business."),
    "reporting_lines": ("The Chair, on behalf of the Board, will report up to the Senior Management Team of "
                        "Leicester City Council at least twice a year and the relevant scrutiny commissions at "
                        "least once a year."),
    "source": "Leicester Domestic Abuse Locality Partnership Board Terms of Reference: seed 004.",
    # The lines each rule comes from (tests/demo/test_seed_sources.py finds its words there).
    "src": {"title": "004:4-5", "meeting_frequency": "004:23", "min_meetings_per_year": "004:23",
            "chair_rule": "004:138", "vice_chair_rule": "004:140", "papers_deadline_days": "004:174",
            "draft_minutes_deadline_days": "004:174", "minutes_retention_years": "004:176",
            "delete_recordings_on_confirmation": "004:176", "closed_business_rule": "004:178",
            "reporting_lines": "004:199", "standing_items": "004:182-191"},
    "standing_items": ["Minutes/actions", "Needs assessment/performance data", "Delivery plan",
                       "Scrutiny and Reference Group", "Commissioning/finance", "Service developments",
                       "Emerging issues relevant to the duty", "Reporting to/from"],
    "sections": [
        ("1", "004:7", "Purpose and role", ""),
        ("1.1", "004:9", "", "The Leicester Domestic Abuse Partnership Board ('the Board') is a partnership group responsible for supporting Leicester City Council in meeting its duties under Part 4 of the Domestic Abuse Act 2021 (local authority support) which include the following requirements:"),
        ("1.1.1", "004:11", "", "To assess the need for accommodation-based support."),
        ("1.1.2", "004:13", "", "To prepare and publish a strategy for the provision of such support."),
        ("1.1.3", "004:15", "", "To monitor and evaluate the effectiveness of the strategy."),
        ("1.2", "004:17", "", "The Board will work together to support, advise, and work in partnership with Leicester City Council to ensure that victim-survivors of domestic abuse have access to adequate and appropriate support, and in particular safe accommodation, as defined in the Domestic Abuse Act 2021."),
        ("1.3", "004:19", "", "The Board will work together to improve outcomes for adult and child victim-survivors of domestic abuse."),
        ("2", "004:21", "Frequency", ""),
        ("2.1", "004:23", "", "The Board will meet on a quarterly basis as a minimum. The Board will determine if there is a need for more frequent meetings during key periods, such as implementation."),
        ("3", "004:25", "Membership", ""),
        ("3.1", "004:27", "", "The Board is made up of the following representatives (individual names are subject to change): [the membership table]"),
        ("3.2", "004:138", "", "The Board will be chaired by Director of Children's Social Care & Early Help."),
        ("3.3", "004:140", "", "The Vice Chair of the Board will be Director of Housing."),
        ("3.4", "004:142", "", "The Chair or Vice Chair, or their representative, will attend the Scrutiny and Reference Group (of victim-survivors) at least twice a year."),
        ("3.5", "004:144", "", "Up to three members of the Scrutiny and Reference Group (SRG) will attend Board meetings where possible, and SRG members will receive papers routinely via the Contracts Quality & Engagement Officer. The SRG may, if they cannot attend the meeting in person, ask that another council officer represents their feedback on their behalf."),
        ("3.6", "004:145", "", "Membership requests will be considered and approved by the Chair, having regard to the working size, structure, and representation of the Board."),
        ("3.7", "004:147", "", "Members of the Board are responsible for ensuring they report back and feed into the Board on behalf of their represented area."),
        ("4", "004:149", "Roles and Responsibilities", ""),
        ("4.1", "004:151", "", "The Board will:"),
        ("4.1.1", "004:153", "", "Provide advice and data to support Leicester City Council to undertake a robust local needs assessment to identify and understand the needs of domestic abuse victim-survivors within its area (including those that present from out of area), and with specific regard to fulfilling its duties under Part 4 of the Domestic Abuse Act 2021."),
        ("4.1.2", "004:155", "", "Provide expert advice and data to support the development and delivery of a local strategy, fit for the needs of the local population, which agrees the appropriate steps needed to meet the needs identified."),
        ("4.1.3", "004:157", "", "Support Leicester City Council to effectively engage with domestic abuse victim-survivors and expert services in understanding the range and complexity of needs."),
        ("4.1.4", "004:159", "", "Amplify and advocate for the interests of child and adult victim-survivors of domestic abuse."),
        ("4.1.5", "004:161", "", "Support Leicester City Council to make commissioning and decommissioning decisions as appropriate. This can include when and how commissioning is undertaken to ensure the best and most appropriate services are made available for victim-survivors."),
        ("4.1.6", "004:163", "", "Support in ensuring join up across other related areas such as (but not limited to) housing, health, early years and childhood support, social services, and police and crime services."),
        ("4.1.7", "004:165", "", "Advise and support in dealing with issues raised and identified from engagement through both formal and informal routes."),
        ("4.1.8", "004:167", "", "Provide advice to Leicester City Council about the provision of other local authority domestic abuse support (not safe accommodation focussed)."),
        ("4.1.9", "004:169", "", "Escalate issues, via an agreed representative, to other relevant partnership or single agency structures as appropriate."),
        ("4.1.10", "004:171", "", "Manage potential conflicts of interest appropriately."),
        ("5", "004:172", "Agendas and secretariat functions", ""),
        ("5.1", "004:174", "", "The Board will be supported by the Domestic and Sexual Violence team at Leicester City Council. Papers will be circulated at least a week prior to meetings and draft minutes will be circulated within a fortnight of the meeting taking place."),
        ("5.2", "004:176", "", "The Board meetings will be audio recorded for the purposes of producing the minutes and these recordings will be destroyed following acceptance of the draft minutes as accurate. Minutes will be retained in line with council policy for a period of seven years."),
        ("5.3", "004:178", "", "The Board will operate open and closed sections of business, with commissioning discussions (not appropriate for providers to be present) taking place during the closed section of business."),
        ("5.4", "004:180", "", "Members will be able to put forward suggested agenda items for consideration to the Chair of the Board."),
        ("5.5", "004:182-191", "", "Standing agenda items will include: [the standing agenda items]"),
        ("6", "004:193", "Absence", ""),
        ("6.1", "004:195", "", "Where members are unable to attend a meeting, they are responsible for informing the Board ahead of the meeting and, as far as possible, should ensure a representative is present on behalf of their organisation/body and that they have been sufficiently briefed on current business and outstanding actions."),
        ("7", "004:197", "Reporting", ""),
        ("7.1", "004:199", "", "The Chair, on behalf of the Board, will report up to the Senior Management Team of Leicester City Council at least twice a year and the relevant scrutiny commissions at least once a year."),
        ("7.2", "004:201", "", "The Board will report issues as relevant to the Leicester, Leicestershire & Rutland Adult Offending and Vulnerability Sub-Board of the Strategic Partnership Board."),
        ("7.3", "004:203", "", "The Board will support Leicester City Council in reporting back to the Department for Levelling Up, Housing and Communities (DLUHC) on delivering the duty in line with statutory guidance and the standardised reporting form through production of an annual report."),
        ("8", "004:205", "Governance", ""),
        ("8.1", "004:207", "", "Diagram of governance and reporting lines: [the diagram is not in the published text]"),
    ],
}

# The rules of Leicester's terms (004: 5.1 papers a week ahead, draft minutes within a
# fortnight; 5.2 recordings destroyed, minutes kept seven years; 2.1 quarterly) that the
# Leicestershire and Rutland papers never state: its terms leave them empty.
TERMS_RULES_NOT_IN_LR_PAPERS = ("min_meetings_per_year", "papers_deadline_days", "draft_minutes_deadline_days",
                                "minutes_retention_years", "delete_recordings_on_confirmation")

LR_TERMS = [
    {
        "board": LR, "version": 1, "status": "superseded",
        "title": "Terms of Reference for the Leicestershire Domestic Abuse Local Partnership Board",
        "approved_on": dt.date(2022, 3, 18), "approved_at": dt.date(2022, 3, 18),
        "amendments": ("Approved subject to representatives from Leicestershire Fire and Rescue Service and the "
                       "Combined Fire Authority being added to the Board membership list."),
        "meeting_frequency": "",
        # Agenda of 17 June 2022, item 1: the Chair is whoever is the Cabinet Lead Member.
        "chair_rule": ("The Cabinet Lead Member for Community Safety at Leicestershire County Council: "
                       "according to the Terms of Reference she is appointed Chair."),
        "vice_chair_rule": "The Vice Chair of the Board will be appointed at the first meeting of every municipal year.",
        "source": ("Based on model Terms of Reference drafted by the Department for Levelling Up, Housing and "
                   "Communities; as quoted in the minutes of 18 March 2022 (minute 2) and the agenda of 17 June "
                   "2022 (items 1 and 2): seed 001."),
        "src": {"title": "001:180-181", "approved_on": "001:79-80,189-193", "amendments": "001:189-193",
                "chair_rule": "001:19-21", "vice_chair_rule": "001:28-30", "source": "001:183-184"},
    },
    {
        "board": LR, "version": 2, "status": "approved",
        "title": "Leicestershire and Rutland Domestic Abuse Local Partnership Board Terms of Reference",
        "approved_on": None, "approved_at": None, "amendments": "",
        "meeting_frequency": "",
        "chair_rule": ("The Board will be chaired by the Cabinet Lead Member for Community Safety, Leicestershire "
                       "County Council."),
        "vice_chair_rule": ("The Vice Chair of the Board will be the Cabinet Lead Member for Community Safety, "
                            "Rutland County Council."),
        "source": "As quoted in the agenda of 28 June 2024 (items 2 and 3): seed 002.",
        "src": {"chair_rule": "002:23", "vice_chair_rule": "002:27"},
    },
]

# --- Meetings ---------------------------------------------------------------------------
# Status as the papers leave it, with the lines that give each meeting's date, time, place,
# chair and contact ("src"). Where the papers give no place, none is loaded. Minutes are
# "confirmed" only where a later meeting's minutes record it (000:7, 002:114); minutes
# that only appear in the next agenda pack for confirmation (001:38, 002:29) are left
# "circulated", with no date, since no seed gives one. 23 September 2022 did not take
# place: the minutes of 9 December 2022 confirm those of 17 June 2022 (000:7).

TEAMS = "Microsoft Teams video conferencing"
LR_NAME = "Leicestershire and Rutland Domestic Abuse Local Partnership Board"

MEETINGS = [
    {"board": LR, "date": dt.date(2022, 3, 18), "title": "Domestic Abuse Local Partnership Board",
     "location": TEAMS, "end": dt.time(9, 55), "status": "minutes_circulated", "chair": "Mrs D. Taylor CC",
     "src": "001:79-80,82,338"},
    {"board": LR, "date": dt.date(2022, 6, 17), "title": "Domestic Abuse Local Partnership Board",
     "location": TEAMS, "status": "minutes_confirmed", "contact": "Euan Walters", "phone": "0116 3052583",
     "email": "Euan.Walters@leics.gov.uk", "confirmed_by": dt.date(2022, 12, 9), "src": "001:7-11,000:1,7"},
    {"board": LR, "date": dt.date(2022, 9, 23), "title": "Domestic Abuse Local Partnership Board",
     "location": "", "status": "cancelled", "src": "001:7,75-76,000:7"},
    {"board": LR, "date": dt.date(2022, 12, 9), "title": LR_NAME,
     "location": "", "status": "held", "chair": "Mrs D. Taylor CC", "src": "000:1,3,001:19-22"},
    {"board": LR, "date": dt.date(2023, 3, 17), "title": LR_NAME, "location": "", "status": "scheduled",
     "src": "000:1,62,65"},
    {"board": LR, "date": dt.date(2023, 6, 30), "title": LR_NAME, "location": "", "status": "scheduled",
     "src": "000:1,62,67"},
    {"board": LR, "date": dt.date(2023, 9, 29), "title": LR_NAME, "location": "", "status": "minutes_confirmed",
     "confirmed_by": dt.date(2023, 12, 15), "src": "000:1,62,69,002:114"},
    {"board": LR, "date": dt.date(2023, 12, 15), "title": LR_NAME, "location": "Microsoft Teams",
     "end": dt.time(9, 40), "status": "minutes_circulated", "chair": "Mrs D. Taylor CC", "src": "002:61,65,174"},
    {"board": LR, "date": dt.date(2024, 3, 22), "title": LR_NAME, "location": "", "status": "scheduled",
     "src": "002:61,172"},
    {"board": LR, "date": dt.date(2024, 6, 28), "title": LR_NAME, "location": "Microsoft Teams",
     "status": "agenda_published", "contact": "Euan Walters", "phone": "0116 3056016",
     "email": "Euan.Walters@leics.gov.uk", "src": "002:5-13"},
] + [
    {"board": LR, "date": d, "title": LR_NAME, "location": "", "status": "scheduled", "src": f"002:5,45,{line}"}
    for d, line in ((dt.date(2024, 9, 27), 47), (dt.date(2024, 12, 13), 49), (dt.date(2025, 3, 28), 51),
                    (dt.date(2025, 6, 20), 53), (dt.date(2025, 9, 25), 55), (dt.date(2025, 11, 21), 57))
]

# Agendas: (number, minute number or None, title, kind, description, presenter, presenter role, pages as
# printed, source)
AGENDAS = {
    dt.date(2022, 6, 17): [
        (1, None, "Appointment of Chairman.", "appointment",
         "To note that Mrs. D. Taylor CC remains the Cabinet Lead Member for Community Safety at Leicestershire "
         "County Council and therefore according to the Terms of Reference she is appointed Chair of the "
         "Leicestershire Domestic Abuse Local Partnership Board for the 2022/23 year.", None, "", "", "001:15-23"),
        (2, None, "Election of Vice Chairman.", "appointment",
         "The Terms of Reference of the Domestic Abuse Local Partnership Board state that the Vice Chair of the "
         "Board will be appointed at the first meeting of every municipal year. Nominations will be sought at the "
         "meeting.", None, "", "", "001:25-30"),
        (3, None, "Welcome, introductions and apologies.", "welcome", "", None, "", "", "001:32-34"),
        (4, None, "Minutes of the meeting held on 18 March 2022.", "minutes", "", None, "", "3 - 8", "001:36-40"),
        (5, None, "Domestic Abuse Housing Alliance.", "presentation",
         "A presentation will be given by Lillie Green, Healthy Homes Officer, Public Health, Leicestershire County "
         "Council.", "Lillie Green", "Healthy Homes Officer, Public Health, Leicestershire County Council", "9 - 14", "001:42-49"),
        (6, None, "Spend plan/status of contracts", "report",
         "Gurjit Samra-Rai, Service Manager (Safer Communities), Leicestershire County Council will present this "
         "report.", "Gurjit Samra-Rai", "Service Manager (Safer Communities), Leicestershire County Council", "15 - 18", "001:51-58"),
        (7, None, "Any other business.", "other_business", "", None, "", "", "001:68-70"),
        (8, None, "Date of next meeting.", "next_meeting",
         "The next meeting of the Board is scheduled to take place on Friday 23 September 2022 at 9.00am.", None, "", "", "001:72-76"),
    ],
    dt.date(2024, 6, 28): [
        (1, None, "Introductions.", "welcome", "", None, "", "", "002:19"),
        (2, None, "Appointment of Chair.", "appointment",
         "To note that the Terms of Reference state the Board will be chaired by the Cabinet Lead Member for "
         "Community Safety, Leicestershire County Council.", None, "", "", "002:21-23"),
        (3, None, "Appointment of Vice Chair.", "appointment",
         "To note that the Terms of Reference state the Vice Chair of the Board will be the Cabinet Lead Member for "
         "Community Safety, Rutland County Council.", None, "", "", "002:25-27"),
        (4, None, "Minutes of the previous meeting.", "minutes", "", None, "", "3 - 6", "002:29"),
        (5, None, "Leicestershire Projects and Commissioning update.", "report",
         "Gurjit Samra-Rai, Community Safety Manager, Leicestershire County Council, will present this report.",
         "Gurjit Samra-Rai", "Community Safety Manager, Leicestershire County Council", "7 - 16", "002:31-33"),
        (6, None, "Rutland County Council update.", "report",
         "Sarah Gill, Principle Social Worker and Service Manager, Rutland County Council, will present this report.",
         "Sarah Gill", "Principle Social Worker and Service Manager, Rutland County Council", "17 - 22", "002:35-37"),
        (7, None, "Project Echo - Safe Lives.", "presentation", "", None, "", "", "002:41"),
        (8, None, "Dates of future meetings.", "next_meeting",
         "Future meetings of the Board will take place on the following dates all at 9.00am:\nFriday 27 September "
         "2024\nFriday 13 December 2024\nFriday 28 March 2025;\nFriday 20 June 2025;\nThursday 25 September 2025;\n"
         "Friday 21 November 2025.", None, "", "", "002:43-57"),
    ],
}


def _attendance() -> dict[dt.date, list[tuple[str, ...]]]:
    """Each meeting's attendance, from the table in seed_attendance.csv (a row an entry, led by
    the meeting's date)."""
    by_meeting: dict[dt.date, list[tuple[str, ...]]] = {}
    for meeting, *entry in table(Path(__file__).with_name("seed_attendance.csv")):
        by_meeting.setdefault(dt.date.fromisoformat(meeting), []).append(tuple(entry))
    return by_meeting


# Attendance: (name, capacity as printed, status, source: the list's heading and the lines of the entry)
ATTENDANCE = _attendance()

# Minutes: number, source lines, title, considered, points (label, text), closing text, resolutions,
# agenda number. The published minutes of 9 December 2022 (000) print neither minute numbers
# nor headings ("headings_printed": False): their numbers (9-14, running on through the
# municipal year) and titles are daboard's, and only their text is the seed's.
MINUTES = {
    dt.date(2022, 3, 18): [
        {"number": 1, "src": "001:167-174", "title": "Welcome, introductions and apologies.",
         "considered": "Mrs. D. Taylor CC welcomed everyone to the first meeting of the Board and the list of apologies was noted."},
        {"number": 2, "src": "001:176-193", "title": "Approving Terms of Reference for the Board.",
         "considered": ("Gurjit Samra-Rai, Head of Service (Safer Communities), Leicestershire County Council presented proposed Terms of Reference for the Leicestershire Domestic Abuse Local Partnership Board. A copy of the Terms of Reference, marked ‘Agenda Item 2’, is filed with these minutes.\n"
                        "It was explained that the Terms of Reference had been based on model Terms of Reference drafted by the Department for Levelling Up, Housing and Communities.\n"
                        "It was noted that the Board membership as set out in the proposed Terms of Reference did not include representatives from Leicestershire Fire and Rescue Service and the Combined Fire Authority and suggested that they should be included as they would add value to the Board."),
         "resolutions": ["That the proposed Terms of Reference for the Leicestershire Domestic Abuse Local Partnership Board be approved subject to representatives from Leicestershire Fire and Rescue Service and the Combined Fire Authority being added to the Board membership list."]},
        {"number": 3, "src": "001:195-200", "title": "Appointment of Vice-Chairman.",
         "resolutions": ["That Mr. N. Bannister CC (Combined Fire Authority) be appointed Vice Chairman until the first meeting of the Board in the 2023/24 municipal year."]},
        {"number": 4, "src": "001:202-256", "title": "Domestic Abuse Reduction Strategy and Equality and Human Rights Impact Assessment.",
         "considered": "The Board considered the Domestic Abuse Reduction Strategy and the Equality and Human Rights Impact Assessment, copies of which, marked ‘Agenda Item 4’, are filed with these minutes.",
         "points": [
             "The five priorities in the Domestic Abuse Reduction Strategy had arisen from the Leicestershire Needs Assessment undertaken by SafeLives in 2021. One of the key points identified in the Needs Assessment was that male victims were not seeking assistance from the authorities and there was also a lack of data relating to the LGBT+ community. The Needs Assessment would be reviewed annually and following on from that annual reviews of the Domestic Abuse Reduction Strategy would also take place.",
             "The Domestic Abuse Act 2021 placed a duty on Tier One local authorities to provide support to victims of domestic abuse and their children within refuges and safe accommodation. In Leicestershire there was a shortage of safe accommodation for victims of Domestic Abuse. There were refuges in Leicester City, Hinckley and Loughborough but a greater range of accommodation types was required as some victims did not feel comfortable in refuges. New properties needed to be built to meet the demand but local authorities also needed to make sure existing accommodation was being made best use of and that landlords and tenants were encouraged to make sure properties were being lived in. Registered housing providers were not bound by the duty in the Domestic Abuse Act 2021 nevertheless they were being liaised with to see if they could help with accommodation for domestic abuse victims. It was noted that registered providers did have a duty to help the homeless therefore this could be used to influence the providers to help Domestic Abuse victims.",
             "Consideration was being given by the County Council to whether Section 106 of the Town and Country Planning Act 1990 could be used to require housing developers to provide accommodation for domestic abuse victims.",
             "The Department of Levelling Up Communities and Housing (DLUCH - formerly MHCLG) had allocated Leicestershire County Council £1.126 million to support the victims of Domestic Abuse with each district receiving £33k. The funding was only for residents of Leicestershire so if a victim moved from Leicestershire to another County they could not continue to benefit from Leicestershire funding however the victim would be referred to the relevant partners in that County and it would be ensured support was still in place. It was intended that accommodation providers would receive Housing Benefit for those residing at the accommodation and those residents would receive wrap around support funded by the DLUCH monies.",
         ],
         "points_intro": "Arising from discussions the following points were noted;",
         "resolutions": ["That the Domestic Abuse Reduction Strategy and the Equality and Human Rights Impact Assessment be noted."]},
        {"number": 5, "src": "001:253-270", "title": "Theory of Change.",
         "considered": "The Board received a presentation from Sabrina Hussain, Domestic Abuse and Housing Officer, Leicestershire County Council, regarding the Theory of Change which set out why action relating to Domestic Abuse was required and what interventions and outcomes were required. A copy of the presentation slides is filed with these minutes.",
         "closing": "The Chairman emphasised that Key Performance Indicators were needed to measure whether the funding and interventions were leading to positive results and suggested benchmarking exercises should take place. In response it was explained that the commissioning arrangements and contracts with each provider would include Key Performance Indicators. This data was required to be reported to the Department for Levelling Up, Housing and Communities and could also be reported to future meetings of the Board.",
         "resolutions": ["That the contents of the presentation be noted."]},
        {"number": 6, "src": "001:271-323", "title": "DLUHC Domestic Abuse Act Spend Plan.",
         "considered": "The Board considered a report of Gurjit Samra-Rai, Service Manager (Safer Communities), which presented the Domestic Abuse Act Funding Plan 2021/22 and outlined how the County Council funding would be allocated to the specific requirements of the new duties. A copy of the report, marked ‘Agenda Item 6’, is filed with these minutes.",
         "points": [
             "Leicestershire County Council had been allocated £1,127,205 for 2021/22 and the Department for Levelling Up, Housing and Communities had indicated that a similar amount would be allocated to Leicestershire for 2022/23. The funding was for the area covered by Leicestershire County Council but not Leicester City. As the Leicester LGBT centre was based in the City it could not receive any funding from Leicestershire County Council.",
             "The Domestic Abuse Coordinator role had already been recruited to and Sabrina Hussain had been appointed. The Commissioning Officer would be appointed in April 2022.",
             "The Domestic Abuse Act funding could not be used to engage with the perpetrators of Domestic Abuse. However, the Covid-19 recovery funds which had been allocated to the Public Health Department at Leicestershire County Council could be used for perpetrators of Domestic Abuse. There was also a scheme already in place in Leicester City delivered by Freeva that worked with perpetrators and this scheme had funding in place until September 2022. Suki Kaur, Chief Executive, Freeva gave reassurance that this scheme did have an evidence base and the performance data, which was reported to the OPCC, indicated the scheme was having an impact. Consideration was given to whether this data should be brought to a future meeting of the Board however it was concluded that it did not fit within the Board’s remit and timescales and it would be a more appropriate agenda item for the Leicestershire Safer Communities Strategy Board.",
             "It was also noted that in cases where the victim was willing to make a complaint to the police, the police had the power to remove the perpetrator from the home, remand them in custody or impose bail conditions that would protect the victim.",
         ],
         "resolutions": ["That the contents of the report be noted;", "That the Domestic Abuse Act Funding Plan 2021/22 be approved."]},
        {"number": 7, "src": "001:315-328", "title": "Any other Business.",
         "considered": "It was suggested that the Domestic Abuse Act work should cover safeguarding issues which arose as a result of the Covid-19 pandemic and identify children at risk. Lillie Green, Public Health, agreed to give this consideration."},
        {"number": 8, "src": "001:330-336", "title": "Date of next meeting.",
         "resolutions": ["That the next meeting of the Board take place on Friday 17 June 2022 at 9.00am."]},
    ],
    dt.date(2022, 12, 9): [
        {"number": 9, "src": "000:3", "headings_printed": False, "title": "Welcome, introductions and apologies.",
         "considered": "The Chair welcomed everyone to the Board and the list of apologies was noted."},
        {"number": 10, "src": "000:7", "headings_printed": False, "title": "Minutes of the previous meeting.",
         "considered": "The minutes of the meeting held on 17 June 2022 were taken as read and confirmed as a correct record."},
        {"number": 11, "src": "000:11-37", "headings_printed": False, "title": "Domestic Abuse Act funding spend plan and status of contracts.",
         "considered": "The Board considered a report of Gurjit Samra-Rai, Temporary Head of Service – Safer Communities and Resettlement, Leicestershire County Council, which set out the spend plan for the Domestic Abuse Act funding. A copy of the report, marked ‘Agenda Item 3’, is filed with these minutes.",
         "points": [
             "The Domestic Abuse Act funding from year 2 would go towards a Leicestershire County Council Domestic Abuse team. The team was carrying out Operation Encompass which involved ensuring that the approach from schools towards victims of domestic abuse was appropriate and consistent across the county. Currently there was some variation across different schools.",
             "There were currently five vacancies across two service areas: Support and Intervention Workers and Engagement Workers. Interviews were taking place on 15th December 2022 and the results of these would be reported to the next meeting of the Board. In response to a question from a member reassurance was given that there was confidence that these vacancies would be filled.",
             "As a result of year 1 funding a support worker for Gypsy, Roma, and Traveller victims of domestic abuse was now in place.  A support worker based at the Leicestershire LGBT+ centre had also been recruited but was not yet in post.",
             "All Providers under the Domestic Abuse Act had to provide quarterly Key Performance Indicator and Monitoring Information to demonstrate the outcomes achieved for the victims/ survivors of Domestic Abuse and progress in meeting outcomes. The Department for Levelling Up, Housing and Communities (DLUHC) required an annual report from tier 1 local authorities setting out how the duty under the Domestic Abuse Act had been met. Additional information further to what was required in that report was collected to enable the level of progress in Leicestershire to be understood. It was agreed that a report would be brought to a future meeting of the Board setting out the impact the Domestic Abuse Act funding had made in Leicestershire.",
             "A member raised concerns that there was a lack of available accommodation in Leicestershire for victims of domestic abuse especially given that accommodation was already being used for asylum seekers, refugees and Ukrainian guests. It was questioned whether additional accommodation could be found and whether the demand for domestic abuse victims was fully understood. In response it was explained that a Needs Assessment had been conducted which involved collecting data from numerous agencies and engaging with survivors of domestic abuse. The Needs Assessment had identified that there was not enough accommodation in Leicestershire per 1000 people. It was acknowledged that it was hard to find rented accommodation and most victims did not want to reside at a refuge. A tender exercise was being prepared in order to commission further dispersed housing and possible refuge accommodation.",
             "A list of relevant contacts was kept with regards to domestic abuse and this list was reviewed regularly and would be circulated to partners.",
         ],
         "resolutions": ["That the status of contracts update be noted."]},
        {"number": 12, "src": "000:42-50", "headings_printed": False, "title": "Domestic Abuse Perpetrator Service and Partner Support Service.",
         "considered": "The Board received a presentation from Holly Wild, Service Manager, Jenkins Centre regarding the Domestic Abuse Perpetrator Service and Partner Support Service. A copy of the presentation slides is filed with these minutes.",
         "closing": "In response to a question about whether the success of the Service could be measured it was explained that individuals that took part in the Service could be monitored for 6 months after they had been involved with the Service.",
         "resolutions": ["That the contents of the presentation be noted."]},
        {"number": 13, "src": "000:55", "headings_printed": False, "title": "Leicestershire and Rutland Domestic Abuse Local Partnership Boards.",
         "considered": "It was noted that consideration was being given to whether the Domestic Abuse Local Partnership Boards for Leicestershire and Rutland should merge. It was clarified that Rutland were interested in the merger as their Board was not well attended however no formal decision had been made. A further update would be provided at the next Leicestershire Domestic Abuse Local Partnership Board meeting."},
        {"number": 14, "src": "000:59-71", "headings_printed": False, "title": "Dates of future meetings.",
         "considered": "It is proposed that meetings of the Board take place on the following dates all at 9.00am:",
         "resolutions": ["That future meetings of the Board take place on the following dates all at 9.00am:\nFriday 17 March 2023;\nFriday 30 June 2023;\nFriday 29 September 2023;\nFriday 15 December 2023."]},
    ],
    dt.date(2023, 12, 15): [
        {"number": 15, "src": "002:108-110", "agenda": 1, "title": "Welcome, introductions and apologies.",
         "considered": "The Chair welcomed everyone to the Board, introductions were made and the list of apologies was noted."},
        {"number": 16, "src": "002:112-114", "agenda": 2, "title": "Minutes of the previous meeting.",
         "considered": "The minutes of the meeting held on 29 September 2023 were taken as read and confirmed as a correct record."},
        {"number": 17, "src": "002:116-137", "agenda": 3, "title": "Domestic Abuse Act 2021 updates.",
         "considered": "The Board considered a report of Gurjit Samra-Rai, Community Safety Manager, Leicestershire County Council, which provided an update on how the Council's duties under the Domestic Abuse Act 2021 were being fulfilled including the duty to provide accommodation-based support to victims of domestic abuse and their children. A copy of the report, marked 'Agenda Item 3', is filed with these minutes.",
         "points": [
             ("i", "The Department for Levelling Up Housing and Communities (DLUHC) was due to announce imminently the next round of funding to each local authority for the delivery of the Safe Accommodation duty under the Domestic Abuse Act 2021. No details had been published yet but it was expected that County and District councils would receive a similar amount as the previous year. (For 2023/24 the County Council had received £1,152,936 and District Councils had received approximately £33,000.)"),
             ("ii", "DLUHC had just published a document regarding Domestic Abuse safer accommodation annual data monitoring. It was agreed that the document would be circulated after the meeting and the key points would be highlighted at the next Board meeting including how Leicestershire was performing compared to other local authorities."),
             ("iii", "The procurement process for the Safe Accommodation was now live. The exercise had been split into 3 lots:\n- Support for Black Asian Minority Ethnic (BAME) victims - £85,000;\n- Support for Male victims - £35,000;\n- Generic Support (including larger and accessible units) - £130,000.\nIn response to a question from the Chair it was clarified that the money was not for the accommodation itself but for the support to victims provided within the accommodation. Victims would access Housing Benefit in order to pay for the accommodation itself."),
             ("vi", "The Children and Family Strategic DA Group continued to meet bi-monthly and it reported into the Leicestershire and Rutland Domestic Abuse Local Partnership Board. The Group's funding came from the County Council."),
         ],
         "resolutions": ["The contents of the report be noted;",
                         "SafeLives be authorised to undertake the review of the Needs Assessment as outlined in paragraph 7 of the report;",
                         "The recommendations to extend the commissioned services as outlined in Table 2 at paragraph 20 of the report be approved."],
         "resolution_lead": "That:"},
        {"number": 18, "src": "002:139-154", "agenda": 4, "title": "Presentation from provider - LGBT+ Centre.",
         "considered": "The Board received a presentation from Paul Snape, Consultant Interim CEO, Leicester LGBT Centre, regarding the work of the Centre.",
         "points_intro": "Arising from the presentation the following points were noted:",
         "points": [
             "A permanent replacement for Paul Snape was being recruited.",
             "People in the LGBT community suffered from mental health issues to a greater extent than the general population.",
             "The Centre provided a counselling service for people from the LGBT community, and also carried out awareness raising in schools of LGBT issues. Further work was needed to take place to publicise the services available.",
             "The Joint Strategic Needs Assessment had found that people in the LGBT community did not access support as much as they could do. The LGBT Centre would be involved in further Joint Strategic Needs Assessments going forward.",
             "The Leicester LGBT Centre worked closely with Leicestershire GATE in relation to the Gypsy/Traveller community.",
             "Approximately 25% of people in the LGBT community experienced Domestic Abuse which was a similar percentage to heterosexual women. Further work needed to take place to raise awareness of the issue within the LGBT community and social media campaigns were planned to take place, though care needed to be taken regarding the tone of the messaging.",
             "Consideration was given to whether the LGBT Centre should link in with Family Hubs in order to engage with people from the LGBT community. It was noted that other local providers were based at Family Hubs and the LGBT Centre would be able to link in with those providers. Paul Snape agreed to look into this further after the meeting.",
             "The LGBT Centre was developing links with Healthwatch and the Trade Sexual Health clinic in Leicester. Further work was required to develop links with health partners.",
         ],
         "resolutions": ["That the contents of the presentation be noted."]},
        {"number": 19, "src": "002:156-166", "agenda": 5, "title": "Any other business.",
         "considered": ("Gurjit Samra-Rai reported that work was taking place with SafeLives on a funding application for authentic voice work. This work was originally going to be funded from the DLUHC monies but if the funding application was successful the DLUHC monies would not be needed for this project. Further detail would be provided at the next Board meeting.\n"
                        "Eleni Kazaglis, Economic Abuse Specialist, Compass Project gave a presentation on the work of the Compass Project. A copy of the presentation slides is filed with these minutes."),
         "points_intro": "Arising from the presentation the following points were noted:",
         "points": [
             "The Compass project was a partnership between Surviving Economic Abuse (SEA), Living Without Abuse (Leicester, Leicestershire and Rutland), and RISE (Brighton and Hove) which aimed to develop responses to Economic Abuse. Economic Abuse involved actions designed to exert financial control over a person for example restricting a person's access to money such as taking over their bank account and passwords, taking their debit/credit card, building up debt in their name, and taking their work identification card.",
             "The project carried out research and provided education relating to Economic Abuse. In Leicestershire and Rutland training on recognising the signs of Economic Abuse and how to respond was provided in partnership with LWA. Specific training was provided for professionals working in the area of Violence Against Women and Girls (VAWG).",
             "A survey was being carried out of professionals working in the area to help guide the work and to continue to raise awareness and transform responses to economic abuse. The survey could be found via the following link: https://www.surveymonkey.com/r/HG6GSYJ",
             "It was suggested that Revenues and Benefits departments should be made aware of the work on Economic Abuse and agreed that they would be contacted after the meeting.",
         ]},
        {"number": 20, "src": "002:168-172", "agenda": 6, "title": "Date of next meeting.",
         "resolutions": ["That the next meeting of the Board take place on Friday 22 March 2024 at 9.00am."]},
    ],
}

# Actions the minutes record: (meeting date, minute number, text in daboard's words, owner where the
# minutes name one (else None: never a guessed person), status, source)
ACTIONS = [
    (dt.date(2022, 3, 18), 7, "Consider how the Domestic Abuse Act work should cover safeguarding issues which arose as a result of the Covid-19 pandemic and identify children at risk.", "Lillie Green", "open", "001:326-328"),
    (dt.date(2022, 12, 9), 11, "Circulate the list of relevant domestic abuse contacts to partners.", None, "open", "000:32"),
    (dt.date(2023, 12, 15), 17, "Circulate DLUHC's document on Domestic Abuse safer accommodation annual data monitoring after the meeting.", None, "open", "002:123"),
    (dt.date(2023, 12, 15), 18, "Look into the LGBT Centre linking in with Family Hubs to engage with people from the LGBT community.", "Paul Snape", "open", "002:149"),
    (dt.date(2023, 12, 15), 19, "Contact Revenues and Benefits departments to make them aware of the work on Economic Abuse.", None, "open", "002:166"),
]

# Promised reports: (meeting date, minute, title, description as printed, target meeting date or None, source)
FORWARD_ITEMS = [
    (dt.date(2022, 12, 9), 11, "Results of interviews for the Domestic Abuse team vacancies",
     "Interviews were taking place on 15th December 2022 and the results of these would be reported to the next meeting of the Board.",
     dt.date(2023, 3, 17), "000:20,65"),
    (dt.date(2022, 12, 9), 11, "Impact of the Domestic Abuse Act funding in Leicestershire",
     "A report would be brought to a future meeting of the Board setting out the impact the Domestic Abuse Act funding had made in Leicestershire.",
     None, "000:26"),
    (dt.date(2022, 12, 9), 13, "Merger of the Leicestershire and Rutland boards: update",
     "A further update would be provided at the next Leicestershire Domestic Abuse Local Partnership Board meeting.",
     dt.date(2023, 3, 17), "000:55,65"),
    (dt.date(2023, 12, 15), 17, "DLUHC safe accommodation annual data monitoring: key points",
     "The key points would be highlighted at the next Board meeting including how Leicestershire was performing compared to other local authorities.",
     dt.date(2024, 3, 22), "002:123,172"),
    (dt.date(2023, 12, 15), 19, "SafeLives funding application for authentic voice work",
     "Further detail would be provided at the next Board meeting.", dt.date(2024, 3, 22), "002:158,172"),
]

APPOINTMENTS = [
    # (position, person, municipal year, until, meeting date, minute, source)
    ("vice_chair", "Mr. N. Bannister CC", "2021/22", "the first meeting of the Board in the 2023/24 municipal year",
     dt.date(2022, 3, 18), 3, "001:197-200"),
    ("chair", "Mrs D. Taylor CC", "2022/23", "", None, None, "001:18-23"),
]

# Members who represent a commissioned provider: a registered interest.
INTERESTS = [
    ("Suki Kaur", "Freeva", "Chief Executive of Freeva, a commissioned provider"),
    ("Claire Weddle", "Freeva", "Works for Freeva, a commissioned provider"),
    ("Sophie McGoff", "Women's Aid Leicestershire", "Works for Women's Aid Leicestershire (WALL), a commissioned provider"),
    ("Debbie Hughes", "Living Without Abuse", "Works for Living Without Abuse, a commissioned provider"),
    ("Paul Snape", "Leicester LGBT Centre", "Consultant Interim CEO of Leicester LGBT Centre, a commissioned provider"),
]
