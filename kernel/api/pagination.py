from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class CappedLimitOffsetPagination(LimitOffsetPagination):
    """`?limit=&offset=` with `next`/`previous` links; a limit above the cap is served at the cap.

    A limit below 1, a negative offset or one that is not a number is a 400 (it used to be quietly replaced by
    the default); an empty value means the default, as for every parameter.
    """

    default_limit = 50
    max_limit = 200

    def _integer(self, request, name: str, minimum: int, default: int) -> int:
        raw = request.query_params.get(name, "")
        if raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise ValidationError({name: [f"Expected an integer of at least {minimum}."]})
        return value

    def get_limit(self, request):
        return min(self._integer(request, self.limit_query_param, 1, self.default_limit), self.max_limit)

    def get_offset(self, request):
        return self._integer(request, self.offset_query_param, 0, 0)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            minimum = 1 if parameter["name"] == self.limit_query_param else 0
            parameter["schema"] = {**parameter["schema"], "minimum": minimum}
        return parameters
