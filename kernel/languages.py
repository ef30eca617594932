"""Which language codes the portal takes: the site's own languages, Django's known languages (LANG_INFO: "pt-br",
"zh-hans"...) and every ISO 639-1 code, optionally followed by a region ("pt-BR", "es-419") or a script
("sr-Latn"). A code only shaped like one ("xx", "zz-ZZ") is refused: a session "in xx" helps nobody."""

import re

from django.conf import settings
from django.conf.locale import LANG_INFO

# ISO 639-1, the two-letter codes (183).
_ISO_639_1_TEXT = """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en
    eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja
    jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb
    nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq
    sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1_TEXT.split())

_SUBTAG = re.compile(r"^([a-z]{2,3})-([a-z]{2}|[0-9]{3}|[a-z]{4})$")


def _known() -> frozenset[str]:
    return ISO_639_1 | {code.lower() for code in LANG_INFO} | {code.lower() for code, _name in settings.LANGUAGES}


def is_language_code(code: str) -> bool:
    """Whether `code` names a language we know (case does not matter), with an optional region or script."""
    known = _known()
    lowered = code.lower()
    if lowered in known:
        return True
    match = _SUBTAG.match(lowered)
    return bool(match) and match.group(1) in known
