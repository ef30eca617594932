"""The six stakeholder houses the organisation starts with. Staff may change them afterwards in the admin."""

DEFAULT_HOUSES = [
    # slug, name, board seats, votes, dues apply, profiles private by default
    ("mining", "Mining companies", 2, True, True, False),
    ("purchasing", "Purchasing companies", 2, True, True, False),
    ("finance", "Finance", 2, True, True, False),
    ("ngos", "NGOs", 2, True, True, False),
    ("affected-communities", "Affected communities", 2, True, False, True),
    ("organised-labour", "Organised labour", 2, True, False, True),
]
