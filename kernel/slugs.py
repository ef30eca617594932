from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(text: str, *, taken: QuerySet, fallback: str, max_length: int = 200) -> str:
    """slugify(text), with -2, -3 … appended until no row of `taken` has it."""
    base = slugify(text)[:max_length] or fallback
    existing = set(taken.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug
