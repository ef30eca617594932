import codecs
import json
import math

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No request body of the API nests deeper than a few levels (speakers → a new person); anything far deeper is
# hostile or a mistake, and a Python recursion over it would be a server error.
MAX_DEPTH = 32


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"Number out of range: {text[:40]}")
    return value


def _constant(name: str):
    raise ValueError(f"{name} is not valid JSON.")


def _check(data) -> None:
    """Refuse NUL characters anywhere and nesting beyond MAX_DEPTH, without recursion."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                raise ParseError("The request body contains a NUL character, which is never valid here.")
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels is not accepted.")
            items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
            for key, item in items:
                if key is not None:
                    stack.append((key, depth))
                stack.append((item, depth + 1))


class StrictJSONParser(JSONParser):
    """JSON that every view can take without a server error: no NUL character (PostgreSQL text cannot store
    one, and no field needs it), no NaN, Infinity or number too large for a float (1e999), no nesting deeper
    than MAX_DEPTH (a body of 100,000 `[` would exhaust the parser's recursion)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            data = json.loads(text, parse_float=_finite_float, parse_constant=_constant)
        except RecursionError as exc:
            raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels is not accepted.") from exc
        except ValueError as exc:  # includes UnicodeDecodeError
            raise ParseError(f"JSON parse error - {exc}") from exc
        _check(data)
        return data
