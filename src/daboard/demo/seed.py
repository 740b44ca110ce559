"""Public facts of the seed boards, exactly as the published papers give them.

Sources (demo/seeds/, each fact citing its lines: see daboard.demo.sources): 000 minutes of 9 December 2022; 001 agenda pack of 17 June 2022
with the minutes of 18 March 2022; 002 agenda pack of 28 June 2024 with the minutes of
15 December 2023; 003 scrutiny minutes on the strategy 2022-2025; 004 Leicester terms of
reference. Population: Census 2021 (shared/spec/reference-data.md).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path


def table(path: Path) -> list[tuple[str, ...]]:
    """The rows of a CSV table of seed facts (after its heading row), each a tuple of text.
    Long lists of like facts are kept as tables beside the code that loads them: read and
    checked against the seeds as data, not as lines of Python."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        return [tuple(row) for row in rows if not row[0].startswith("#")]  # a line of "# ..." is a note


# (gss_code, short name, council name, kind, parent gss, population)
COUNCILS = [
    ("E10000018", "Leicestershire", "Leicestershire County Council", "county", None, 712_300),
    ("E07000129", "Blaby", "Blaby District Council", "district", "E10000018", 102_900),
    ("E07000130", "Charnwood", "Charnwood Borough Council", "district", "E10000018", 183_900),
    ("E07000131", "Harborough", "Harborough District Council", "district", "E10000018", 97_600),
    ("E07000132", "Hinckley and Bosworth", "Hinckley and Bosworth Borough Council", "district", "E10000018", 113_600),
    ("E07000133", "Melton", "Melton Borough Council", "district", "E10000018", 51_800),
    ("E07000134", "North West Leicestershire", "North West Leicestershire District Council", "district", "E10000018", 104_700),
    ("E07000135", "Oadby and Wigston", "Oadby and Wigston Borough Council", "district", "E10000018", 57_800),
    ("E06000017", "Rutland", "Rutland County Council", "unitary", None, 41_000),
    ("E06000016", "Leicester", "Leicester City Council", "unitary", None, 368_600),
]

# (name, short name, kind, also known as) — every body the seeds name in the board's work; a
# table of data, kept as one in seed_organisations.csv.
ORGANISATIONS = table(Path(__file__).with_name("seed_organisations.csv"))

# Where the seeds name each body (its name or short name is on the line). LPT and UHL are
# printed only as initials (004:54, 004:62): their full names are the NHS bodies' own.
ORGANISATION_SOURCES = {
    "Leicestershire Police": "001:122", "Office of the Police and Crime Commissioner for Leicestershire": "001:123-124",
    "Combined Fire Authority": "001:125", "Leicestershire Fire and Rescue Service": "001:126",
    "Probation Service": "001:135", "Clinical Commissioning Groups": "001:163", "Integrated Care Board": "002:76",
    "Leicestershire Partnership NHS Trust": "004:54", "University Hospitals of Leicester": "004:62",
    "Freeva": "001:136", "Living Without Abuse": "001:137", "Women's Aid Leicestershire": "002:78",
    "Leicestershire GATE": "002:147", "Leicester LGBT Centre": "002:141", "Turning Point": "001:510",
    "Panahghar": "004:74", "Zinthiya Trust": "001:140", "Jenkins Centre": "000:42", "Compass Project": "002:81",
    "SafeLives": "002:136", "MARAC": "001:607", "Scrutiny and Reference Group": "004:82",
    "Department for Levelling Up, Housing and Communities": "001:184",
}

COUNCIL_ORG = {c[2]: c[0] for c in COUNCILS}

# People as the papers name them: (name, organisation, job title, team, email, source).
# The source cites the lines that give the name, the organisation and any title or e-mail.
# A table of data, kept as one in seed_people.csv.
LCC = "Leicestershire County Council"
CSP_CHAIR = "Community Safety Partnership Strategy Group Chair"
PEOPLE = table(Path(__file__).with_name("seed_people.csv"))

BOARDS = [
    {
        "slug": "leicestershire-and-rutland",
        "name": "Leicestershire and Rutland Domestic Abuse Local Partnership Board",
        "short_name": "Leicestershire and Rutland DALPB",
        "former_names": "Leicestershire Domestic Abuse Local Partnership Board (as the 2022 papers name it)",
        "lead": "E10000018",
        "councils": ["E10000018", "E06000017"],
        "secretariat": LCC,
        "src": "002:5,001:180-181",
    },
    {
        "slug": "leicester",
        "name": "Leicester Domestic Abuse Locality Partnership Board",
        "short_name": "Leicester DALPB",
        "former_names": "",
        "lead": "E06000016",
        "councils": ["E06000016"],
        "secretariat": "Leicester City Council",
        "src": "004:4",
    },
]

# Members of the Leicestershire and Rutland board as the minutes of 15 December 2023 list
# them (present and apologies; officers are not members): (person, organisation, role as
# printed, position, seat starts, source). The papers give no appointment dates: a seat
# starts at the first meeting whose published minutes list the member, 18 March 2022 (the
# board's first meeting, 001:173) or 15 December 2023, so attendance statistics never
# expect a member at a meeting held before they were on the board.
FIRST_MEETING = dt.date(2022, 3, 18)  # 001:79-80, "the first meeting of the Board" (001:173)
DECEMBER_2023 = dt.date(2023, 12, 15)  # 002:61
LR_MEMBERS = [
    ("Mrs D. Taylor CC", LCC, "Cabinet Lead Member for Community Safety", "chair", FIRST_MEETING,
     "002:23,65,001:79-80,82"),
    ("Cllr. C. Wise", "Rutland County Council", "Rutland County Council", "member", DECEMBER_2023, "002:61,71"),
    ("Cllr. L. Phillimore", "Blaby District Council", CSP_CHAIR, "member", FIRST_MEETING, "002:67,001:79-80,83"),
    ("Cllr. L. Blackshaw", "Charnwood Borough Council", CSP_CHAIR, "member", DECEMBER_2023, "002:61,68"),
    ("Cllr. P. Cumbers", "Melton Borough Council", CSP_CHAIR, "member", DECEMBER_2023, "002:61,69"),
    ("Cllr. D. Woodiwiss", "Harborough District Council", CSP_CHAIR, "member", DECEMBER_2023, "002:61,70"),
    ("Cllr. K. Loydall", "Oadby and Wigston Borough Council", CSP_CHAIR, "member", FIRST_MEETING,
     "002:98,001:79-80,151"),
    ("Cllr. M. Mullaney", "Hinckley and Bosworth Borough Council", CSP_CHAIR, "member", FIRST_MEETING,
     "002:99,001:79-80,86"),
    ("Mr. N. Bannister CC", "Combined Fire Authority", "Combined Fire Authority", "member", FIRST_MEETING,
     "002:72,001:79-80,90"),
    ("Rani Mahal", "Office of the Police and Crime Commissioner for Leicestershire",
     "Deputy Police and Crime Commissioner", "member", DECEMBER_2023, "002:61,73"),
    ("Chief Superintendent Johnny Starbuck", "Leicestershire Police", "Leicestershire Police", "member", FIRST_MEETING,
     "002:103,106,001:79-80,88"),
    ("Joshna Mavji", LCC, "Public Health, Leicestershire County Council", "member", FIRST_MEETING,
     "002:74,001:79-80,92"),
    ("Sharon Cooke", LCC, "Leicestershire County Council", "member", FIRST_MEETING, "002:100,001:79-80,154"),
    ("Bob Bearne", "Probation Service", "Probation Service", "member", FIRST_MEETING, "002:75,001:79-80,98"),
    ("Wendy Hope", "Integrated Care Board", "Integrated Care Board", "member", DECEMBER_2023, "002:61,76"),
    ("Suki Kaur", "Freeva", "Freeva", "member", FIRST_MEETING, "002:102,105,001:79-80,99"),
    ("Claire Weddle", "Freeva", "Freeva", "member", DECEMBER_2023, "002:61,77"),
    ("Sophie McGoff", "Women's Aid Leicestershire", "Women's Aid Leicestershire", "member", DECEMBER_2023, "002:61,78"),
    ("Debbie Hughes", "Living Without Abuse", "Living Without Abuse", "member", FIRST_MEETING, "002:79,001:79-80,100"),
    ("Paul Snape", "Leicester LGBT Centre", "Leicester LGBTQ+ Centre", "member", DECEMBER_2023, "002:61,80"),
    ("Eleni Kazaglis", "Compass Project", "Compass Project", "member", DECEMBER_2023, "002:61,81"),
]

# Officers who support the board (minutes of 15 December 2023, "Officers"): (person, organisation, source).
LR_OFFICERS = [
    ("Gurjit Samra-Rai", LCC, "002:85"), ("Rik Basra", LCC, "002:86"), ("Lillie Green", LCC, "002:87"),
    ("Kaushar Girach", LCC, "002:88"), ("Euan Walters", LCC, "002:89"),
    ("Sarah Pickering", "Harborough District Council", "002:90"),
    ("Giuseppe Vassallo", "Charnwood Borough Council", "002:91"),
    ("Rachel Burgess", "Hinckley and Bosworth Borough Council", "002:92"),
    ("Mark Smith", "Oadby and Wigston Borough Council", "002:93"), ("Angie Bishop", "Rutland County Council", "002:94"),
]

LCITY = "Leicester City Council"
# Leicester terms of reference, 3.1: (organisation, service/role, person or None, position, source)
LEICESTER_MEMBERS = [
    (LCITY, "Director of Children's Social Care & Early Help", None, "chair", "004:33-34,138"),
    (LCITY, "Director of Housing", None, "vice_chair", "004:37-38,140"),
    (LCITY, "Director of Adult Social Care & Safeguarding", None, "member", "004:41-42"),
    (LCITY, "Director of Public Health", None, "member", "004:45-46"),
    ("Leicestershire Police", "Police Strategic Partnership Officer; Serious Crime – Adult Safeguarding", None, "member",
     "004:49-51"),
    ("Leicestershire Partnership NHS Trust", "Head of Safeguarding", None, "member", "004:54-55"),
    ("Clinical Commissioning Groups", "Designated Nurse Safeguarding Adults & Children", None, "member", "004:58-59"),
    ("University Hospitals of Leicester", "Head of Safeguarding", None, "member", "004:62-63"),
    ("Living Without Abuse", "Commissioned CYPFS Domestic Abuse Provider – child's voice/DA Provider", None, "member",
     "004:66-67"),
    ("Freeva", "Commissioned DA Perpetrator Interventions Provider/DA Provider", None, "member", "004:70-71"),
    ("Panahghar", "Commissioned DA BME Safe Home Service Provider", None, "member", "004:74-75"),
    ("Women's Aid Leicestershire", "Commissioned DA Safe Home Service Provider/DA Provider", None, "member",
     "004:78-79"),
    ("Scrutiny and Reference Group", "Victim-survivor voice", None, "member", "004:82-83"),
    (LCITY, "Deputy Mayor and Lead Member for Domestic Abuse", "Cllr Sarah Russell", "member", "004:86-88"),
]
# (organisation, service/role as printed, source)
LEICESTER_OFFICERS = [
    (LCITY, "Head of Service, Housing", "004:96-97"),
    (LCITY, "Head of Service, Housing", "004:100-101"),
    (LCITY, "Head of Service Children in Need, Children's Social Care & Early Help (Vice Chair of Delivery Group)",
     "004:104-105"),
    (LCITY, "Head of Service – Prevention and Safer Communities (Chair of Delivery Group)", "004:108-109"),
    (LCITY, "Head of Revenues & Customer Support", "004:112-113"),
    (LCITY, "Community Safety & Protection Service Manager", "004:116-117"),
    (LCITY, "Domestic & Sexual Violence Team Manager", "004:120-121"),
    (LCITY, "Domestic & Sexual Abuse Development Officer", "004:124-125"),
    (LCITY, "Contracts Quality & Engagement officer – Scrutiny & Reference Group support", "004:128-129"),
    (LCITY, "Legal officer to support", "004:132-133"),
]

# One demo login per role. (username, first, last, role, scope kind, scope key, organisation, person)
DEMO_PASSWORD = "demo-daboard-2026"  # noqa: S105 (printed by `daboard demo`; demo only)
DEMO_USERS = [
    ("clerk", "Demo", "Clerk", "secretariat", "board", "leicestershire-and-rutland", LCC, "Euan Walters"),
    ("commissioner", "Demo", "Commissioner", "commissioner", "council", "E10000018", LCC, "Gurjit Samra-Rai"),
    ("rutland", "Demo", "Commissioner (Rutland)", "commissioner", "council", "E06000017", "Rutland County Council",
     "Sarah Gill"),
    ("analyst", "Demo", "Analyst", "analyst", "council", "E10000018", LCC, None),
    ("provider", "Demo", "Provider (Freeva)", "provider", "organisation", "Freeva", "Freeva", "Claire Weddle"),
    ("member", "Demo", "Board Member", "board_member", "board", "leicestershire-and-rutland", "Probation Service", "Bob Bearne"),
    ("admin", "Demo", "Administrator", "admin", None, None, None, None),
]
