"""French puts a no-break space before ":" ";" "?" and "!" (U+00A0, or the narrow U+202F): every French
interface string does, and no template glues such a sign to a translated label (where the catalogue cannot)."""

import re

from tests.portal.test_translations import ROOT, po_entries

# Not French prose, so not spaced: web addresses and query strings, format placeholders, times of day,
# and code to be typed as written (an HTTP header, "token:<id>").
LITERAL = re.compile(
    r"https?://\S+|\?\w+=\S*|%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\{\w*\}|\b\d{1,2}:\d{2}\b|[\w-]+: Bearer|\w+:<\w+>"
)
UNSPACED = re.compile(r"(^|[^\u00a0\u202f])([:;?!])")


def unspaced_punctuation(text: str) -> list[str]:
    """Each ":" ";" "?" "!" in French text that has no no-break space before it, with what precedes it."""
    prose = LITERAL.sub("\u00a0", text)
    return [prose[max(0, m.start(2) - 6) : m.end(2)] for m in UNSPACED.finditer(prose)]


def test_the_check_finds_glued_and_breakable_punctuation_and_ignores_literals():
    assert unspaced_punctuation("Thème: x ; y ? z\u202f!") == ["Thème:", "me: x ;", "x ; y ?"]
    assert unspaced_punctuation("À 10:00, voir https://example.org/a:b?c=1 ou ?sessions=1,2 et %(count)s") == []
    assert unspaced_punctuation("Envoyez\u00a0: Authorization: Bearer <token>, token:<id>") == []


def test_every_french_message_puts_a_no_break_space_before_high_punctuation():
    text = (ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    offending = {
        entry["msgid"]: found
        for entry in po_entries(text)
        if entry["msgid"] and not entry["obsolete"]
        for message in entry["msgstr"].values()
        if (found := unspaced_punctuation(message))
    }
    assert offending == {}


def test_no_template_puts_a_colon_after_a_translated_label():
    # `{% translate "Theme" %}:` shows "Thème:" in French: the colon is translated too ({% translate ":" %}).
    glued = re.compile(r"\{% translate \"[^\"]*\" %\}[:;?!]|\{% endblocktranslate %\}[:;?!]")
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for match in glued.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
