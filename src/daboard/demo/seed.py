"""Public facts of the seed boards, exactly as the published papers give them.

Sources (shared/seeds/): 000 minutes of 9 December 2022; 001 agenda pack of 17 June 2022
with the minutes of 18 March 2022; 002 agenda pack of 28 June 2024 with the minutes of
15 December 2023; 003 scrutiny minutes on the strategy 2022-2025; 004 Leicester terms of
reference. Population: Census 2021 (shared/spec/reference-data.md).
"""

from __future__ import annotations

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

# (name, short name, kind, also known as) — every body the seeds name in the board's work.
ORGANISATIONS = [
    ("Leicestershire Police", "", "police", ""),
    ("Office of the Police and Crime Commissioner for Leicestershire", "OPCC", "pcc",
     "Police and Crime Commissioner; OPCC"),
    ("Combined Fire Authority", "", "fire", "Leicestershire Combined Fire Authority"),
    ("Leicestershire Fire and Rescue Service", "", "fire", "Fire and Rescue"),
    ("Probation Service", "", "probation", ""),
    ("Clinical Commissioning Groups", "CCG", "health", "CCG"),
    ("Integrated Care Board", "ICB", "health", ""),
    ("Leicestershire Partnership NHS Trust", "LPT", "health", "LPT"),
    ("University Hospitals of Leicester", "UHL", "health", "UHL"),
    ("Freeva", "", "provider", ""),
    ("Living Without Abuse", "LWA", "provider", "Living without Abuse; LWA"),
    ("Women's Aid Leicestershire", "WALL", "provider", "WALL; Women's Aid Leicestershire Limited; Adam Project; JADA+"),
    ("Leicestershire GATE", "GATE", "provider", "GATE; Leicestershire Gate"),
    ("Leicester LGBT Centre", "", "provider",
     "LGBT Centre; Leicester LGBTQ+ Centre; Leicester LGBT service; LGBT+ centre"),
    ("Turning Point", "", "provider", ""),
    ("Panahghar", "", "provider", ""),
    ("Zinthiya Trust", "", "voluntary", ""),
    ("Jenkins Centre", "", "provider", "Domestic Abuse Perpetrator Service and Partner Support Service"),
    ("Compass Project", "", "voluntary",
     "a partnership of Surviving Economic Abuse, Living Without Abuse and RISE"),
    ("SafeLives", "", "voluntary", "Safe Lives"),
    ("MARAC", "", "partnership", "Multi Agency Risk Assessment Conference (Leicestershire Police)"),
    ("Scrutiny and Reference Group", "SRG", "victim_voice", "SRG"),
    ("Department for Levelling Up, Housing and Communities", "DLUHC", "government",
     "Ministry of Housing, Communities and Local Government; MHCLG; DLUCH"),
]

COUNCIL_ORG = {c[2]: c[0] for c in COUNCILS}

# People as the papers name them: (name, organisation, job title, team, email)
LCC = "Leicestershire County Council"
PEOPLE = [
    ("Mrs D. Taylor CC", LCC, "Cabinet Lead Member for Community Safety", "", ""),
    ("Cllr. L. Phillimore", "Blaby District Council", "Community Safety Partnership Strategy Group Chair", "", ""),
    ("Cllr. M. Graham", "Melton Borough Council", "Community Safety Partnership Strategy Group Chair", "", ""),
    ("Cllr. Simon Whelband", "Harborough District Council", "Community Safety Partnership Strategy Group Chair", "", ""),
    ("Cllr. M. Mullaney", "Hinckley and Bosworth Borough Council", "Community Safety Partnership Strategy Group Chair", "", ""),
    ("Cllr. L. Blackshaw", "Charnwood Borough Council", "Community Safety Partnership Strategy Group Chair", "", ""),
    ("Cllr. P. Cumbers", "Melton Borough Council", "Community Safety Partnership Strategy Group Chair", "", ""),
    ("Cllr. D. Woodiwiss", "Harborough District Council", "Community Safety Partnership Strategy Group Chair", "", ""),
    ("Cllr. K. Loydall", "Oadby and Wigston Borough Council", "Community Safety Partnership Strategy Group Chair", "", ""),
    ("Cllr. A. Woodman", "North West Leicestershire District Council", "Councillor", "", ""),
    ("Cllr. L. Harper-Davies", "Charnwood Borough Council", "Councillor", "", ""),
    ("Cllr. C. Wise", "Rutland County Council", "Councillor", "", ""),
    ("Cllr Sarah Russell", "Leicester City Council", "Deputy Mayor and Lead Member for Domestic Abuse", "", ""),
    ("Chief Superintendent Johnny Starbuck", "Leicestershire Police", "Chief Superintendent", "", ""),
    ("David Peet", "Office of the Police and Crime Commissioner for Leicestershire", "", "", ""),
    ("Rupert Matthews", "Office of the Police and Crime Commissioner for Leicestershire", "Police and Crime Commissioner", "", ""),
    ("Rani Mahal", "Office of the Police and Crime Commissioner for Leicestershire", "Deputy Police and Crime Commissioner", "", ""),
    ("Mr. N. Bannister CC", "Combined Fire Authority", "Member, Combined Fire Authority", "", ""),
    ("Mick Grewcock", "Leicestershire Fire and Rescue Service", "", "", ""),
    ("Joshna Mavji", LCC, "", "Public Health", ""),
    ("Lillie Green", LCC, "Healthy Homes Officer", "Public Health", ""),
    ("Gurjit Samra-Rai", LCC, "Head of Community Safety", "Safer Communities", "Gurjit.samra-rai@leics.gov.uk"),
    ("Rik Basra", LCC, "", "", ""),
    ("Anita Chavda", LCC, "", "", ""),
    ("Sabrina Hussain", LCC, "Domestic Abuse and Housing Officer", "", ""),
    ("Kaushar Girach", LCC, "", "", ""),
    ("Chris Thomas", LCC, "", "", ""),
    ("Sharon Cooke", LCC, "", "", ""),
    ("Euan Walters", LCC, "Democratic Services Officer", "Democratic Services", "Euan.Walters@leics.gov.uk"),
    ("Bob Bearne", "Probation Service", "", "", ""),
    ("Rachel Garton", "Clinical Commissioning Groups", "", "", ""),
    ("Wendy Hope", "Integrated Care Board", "", "", ""),
    ("Suki Kaur", "Freeva", "Chief Executive", "", ""),
    ("Claire Weddle", "Freeva", "", "", "claire@freeva.org.uk"),
    ("Debbie Hughes", "Living Without Abuse", "", "", "debbie@lwa.org.uk"),
    ("Jackie Duffy", "Leicestershire GATE", "", "", "jduffy.leicestershiregate@gmail.com"),
    ("Jackie Earl", "Leicester LGBT Centre", "", "", ""),
    ("Paul Snape", "Leicester LGBT Centre", "Consultant Interim CEO", "", ""),
    ("Zinthiya Ganeshpanchan", "Zinthiya Trust", "", "", ""),
    ("Pamela Richardson", "Women's Aid Leicestershire", "", "", ""),
    ("Sophie McGoff", "Women's Aid Leicestershire", "", "", "Sophie.McGoff@wallaction.org.uk"),
    ("Eleni Kazaglis", "Compass Project", "Economic Abuse Specialist", "", ""),
    ("Holly Wild", "Jenkins Centre", "Service Manager", "", ""),
    ("Caroline Gadsby", "Turning Point", "", "", "caroline.gadsby@turning-point.co.uk"),
    ("Lucy Batchelor", "MARAC", "", "", "lucy.batchelor@leicestershire.pnn.police.uk"),
    ("Rachel Burgess", "Hinckley and Bosworth Borough Council", "", "", ""),
    ("Thomas Day", "Harborough District Council", "", "", ""),
    ("Sarah Pickering", "Harborough District Council", "", "", ""),
    ("Alison Simmonds", "Charnwood Borough Council", "", "", ""),
    ("Julie Robinson", "Charnwood Borough Council", "", "", ""),
    ("Giuseppe Vassallo", "Charnwood Borough Council", "", "", ""),
    ("Mark Smith", "Oadby and Wigston Borough Council", "", "", ""),
    ("Rachel Parkin", "Melton Borough Council", "", "", ""),
    ("Angie Bishop", "Rutland County Council", "", "", ""),
    ("Sarah Gill", "Rutland County Council", "Principal Social Worker and Service Manager", "",
     "SGill@rutland.gov.uk"),
    ("Nikki Kelly", "SafeLives", "Head of Practice", "", "Nikki.kelly@safelives.org.uk"),
    ("Melonie Senior", "SafeLives", "Senior Practice Consultant", "", "Melonie.senior@safelives.org.uk"),
]

BOARDS = [
    {
        "slug": "leicestershire-and-rutland",
        "name": "Leicestershire and Rutland Domestic Abuse Local Partnership Board",
        "short_name": "Leicestershire and Rutland DALPB",
        "former_names": "Leicestershire Domestic Abuse Local Partnership Board (as the 2022 papers name it)",
        "lead": "E10000018",
        "councils": ["E10000018", "E06000017"],
        "secretariat": LCC,
    },
    {
        "slug": "leicester",
        "name": "Leicester Domestic Abuse Locality Partnership Board",
        "short_name": "Leicester DALPB",
        "former_names": "",
        "lead": "E06000016",
        "councils": ["E06000016"],
        "secretariat": "Leicester City Council",
    },
]

CSP_CHAIR = "Community Safety Partnership Strategy Group Chair"

# Members of the Leicestershire and Rutland board as the minutes of 15 December 2023 list
# them (present and apologies; officers are not members). (person, organisation, role, position)
LR_MEMBERS = [
    ("Mrs D. Taylor CC", LCC, "Cabinet Lead Member for Community Safety (Chair)", "chair"),
    ("Cllr. C. Wise", "Rutland County Council", "Rutland County Council", "member"),
    ("Cllr. L. Phillimore", "Blaby District Council", CSP_CHAIR, "member"),
    ("Cllr. L. Blackshaw", "Charnwood Borough Council", CSP_CHAIR, "member"),
    ("Cllr. P. Cumbers", "Melton Borough Council", CSP_CHAIR, "member"),
    ("Cllr. D. Woodiwiss", "Harborough District Council", CSP_CHAIR, "member"),
    ("Cllr. K. Loydall", "Oadby and Wigston Borough Council", CSP_CHAIR, "member"),
    ("Cllr. M. Mullaney", "Hinckley and Bosworth Borough Council", CSP_CHAIR, "member"),
    ("Mr. N. Bannister CC", "Combined Fire Authority", "Combined Fire Authority", "member"),
    ("Rani Mahal", "Office of the Police and Crime Commissioner for Leicestershire",
     "Deputy Police and Crime Commissioner", "member"),
    ("Chief Superintendent Johnny Starbuck", "Leicestershire Police", "Leicestershire Police", "member"),
    ("Joshna Mavji", LCC, "Public Health, Leicestershire County Council", "member"),
    ("Sharon Cooke", LCC, "Leicestershire County Council", "member"),
    ("Bob Bearne", "Probation Service", "Probation Service", "member"),
    ("Wendy Hope", "Integrated Care Board", "Integrated Care Board", "member"),
    ("Suki Kaur", "Freeva", "Freeva", "member"),
    ("Claire Weddle", "Freeva", "Freeva", "member"),
    ("Sophie McGoff", "Women's Aid Leicestershire", "Women's Aid Leicestershire", "member"),
    ("Debbie Hughes", "Living Without Abuse", "Living Without Abuse", "member"),
    ("Paul Snape", "Leicester LGBT Centre", "Leicester LGBTQ+ Centre", "member"),
    ("Eleni Kazaglis", "Compass Project", "Compass Project", "member"),
]

# Officers who support the board (minutes of 15 December 2023, "Officers").
LR_OFFICERS = [
    ("Gurjit Samra-Rai", LCC), ("Rik Basra", LCC), ("Lillie Green", LCC), ("Kaushar Girach", LCC),
    ("Euan Walters", LCC), ("Sarah Pickering", "Harborough District Council"),
    ("Giuseppe Vassallo", "Charnwood Borough Council"), ("Rachel Burgess", "Hinckley and Bosworth Borough Council"),
    ("Mark Smith", "Oadby and Wigston Borough Council"), ("Angie Bishop", "Rutland County Council"),
]

LCITY = "Leicester City Council"
# Leicester terms of reference, 3.1: (organisation, service/role, person or None, position)
LEICESTER_MEMBERS = [
    (LCITY, "Director of Children's Social Care & Early Help", None, "chair"),
    (LCITY, "Director of Housing", None, "vice_chair"),
    (LCITY, "Director of Adult Social Care & Safeguarding", None, "member"),
    (LCITY, "Director of Public Health", None, "member"),
    ("Leicestershire Police", "Police Strategic Partnership Officer; Serious Crime – Adult Safeguarding", None, "member"),
    ("Leicestershire Partnership NHS Trust", "Head of Safeguarding", None, "member"),
    ("Clinical Commissioning Groups", "Designated Nurse Safeguarding Adults & Children", None, "member"),
    ("University Hospitals of Leicester", "Head of Safeguarding", None, "member"),
    ("Living Without Abuse", "Commissioned CYPFS Domestic Abuse Provider – child's voice/DA Provider", None, "member"),
    ("Freeva", "Commissioned DA Perpetrator Interventions Provider/DA Provider", None, "member"),
    ("Panahghar", "Commissioned DA BME Safe Home Service Provider", None, "member"),
    ("Women's Aid Leicestershire", "Commissioned DA Safe Home Service Provider/DA Provider", None, "member"),
    ("Scrutiny and Reference Group", "Victim-survivor voice", None, "member"),
    (LCITY, "Deputy Mayor and Lead Member for Domestic Abuse", "Cllr Sarah Russell", "member"),
]
LEICESTER_OFFICERS = [
    (LCITY, "Head of Service, Housing"),
    (LCITY, "Head of Service, Housing"),
    (LCITY, "Head of Service Children in Need, Children's Social Care & Early Help (Vice Chair of Delivery Group)"),
    (LCITY, "Head of Service – Prevention and Safer Communities (Chair of Delivery Group)"),
    (LCITY, "Head of Revenues & Customer Support"),
    (LCITY, "Community Safety & Protection Service Manager"),
    (LCITY, "Domestic & Sexual Violence Team Manager"),
    (LCITY, "Domestic & Sexual Abuse Development Officer"),
    (LCITY, "Contracts Quality & Engagement officer – Scrutiny & Reference Group support"),
    (LCITY, "Legal officer to support"),
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
