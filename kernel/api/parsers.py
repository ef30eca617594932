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
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


# No id or count of the API needs more digits; Python's own refusal (beyond 4,300) speaks of sys settings.
MAX_INT_DIGITS = 100


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a number of more than {MAX_INT_DIGITS} digits is out of range")
    return int(text)


def _constant(name: str):
    raise ValueError(f"{name} is not a JSON value")


class DuplicateKey(ParseError):
    """A key twice in one object: json takes the last one without a word, so what the client meant is a guess."""

    def __init__(self, key: str):
        message = f'The key "{key}" appears more than once in the same JSON object.'
        super().__init__(message)
        self.errors = {key: [message]}


class _Refused(Exception):
    """Raised from inside json.loads: carries an error the parser answers as is, past json's own ValueErrors."""

    def __init__(self, error: ParseError):
        self.error = error


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen = set()
        for key, _value in pairs:
            if key in seen:
                raise _Refused(DuplicateKey(key))
            seen.add(key)
    return data


def _readable(exc: ValueError) -> str:
    """What went wrong, in words for the client rather than Python's ("Expecting value: line 1 column 2
    (char 1)", "'utf-8' codec can't decode byte 0xff in position 0")."""
    if isinstance(exc, json.JSONDecodeError):
        message = exc.msg[:1].lower() + exc.msg[1:]
        return f"Body is not valid JSON: {message} at line {exc.lineno}, column {exc.colno}."
    if isinstance(exc, UnicodeDecodeError):
        return f"Body is not valid {exc.encoding.upper()} text (byte {exc.start + 1} cannot be read)."
    return f"Body is not valid JSON: {exc}."


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
    """JSON that every view can take without a server error, and that means one thing: no key twice in one
    object (a 400 naming it, not the last one silently kept), no NUL character (PostgreSQL text cannot store
    one, and no field needs it), no NaN, Infinity or number too large for a float (1e999), no nesting deeper
    than MAX_DEPTH (a body of 100,000 `[` would exhaust the parser's recursion)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            data = json.loads(
                text,
                parse_float=_finite_float,
                parse_int=_bounded_int,
                parse_constant=_constant,
                object_pairs_hook=_unique_keys,
            )
        except _Refused as refused:
            raise refused.error from None
        except RecursionError as exc:
            raise ParseError(f"JSON nested deeper than {MAX_DEPTH} levels is not accepted.") from exc
        except ValueError as exc:  # includes UnicodeDecodeError
            raise ParseError(_readable(exc)) from exc
        _check(data)
        return data
