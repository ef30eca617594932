"""Where a created object lives: every 201 of the API answers a `Location` header with the object's URL."""

from rest_framework import status
from rest_framework.response import Response


class CreatedLocationMixin:
    """For viewsets whose `create` answers the new object as its detail route shows it (`id`, or the field named
    by `lookup_field`)."""

    def created_location(self, data: dict) -> str:
        lookup = self.lookup_field
        value = data["id" if lookup == "pk" else lookup]
        return self.reverse_action("detail", kwargs={self.lookup_url_kwarg or lookup: value})

    def created(self, data) -> Response:
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": self.created_location(data)})
