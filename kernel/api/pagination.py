from rest_framework.pagination import LimitOffsetPagination


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """`?limit=&offset=` with `next`/`previous` links; a limit above the cap is served at the cap."""

    default_limit = 50
    max_limit = 200
