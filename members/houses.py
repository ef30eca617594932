"""The six stakeholder houses the organisation starts with. Staff may change them afterwards in the admin."""

DEFAULT_HOUSES = [
    # slug, name, board seats, votes, dues apply
    ("mining", "Mining companies", 2, True, True),
    ("purchasing", "Purchasing companies", 2, True, True),
    ("finance", "Finance", 2, True, True),
    ("ngos", "NGOs", 2, True, True),
    ("affected-communities", "Affected communities", 2, True, False),
    ("organised-labour", "Organised labour", 2, True, False),
]
