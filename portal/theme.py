"""Colours staff choose for the site, checked and completed against the design tokens (static/css/tokens.css).

WCAG 2.2 relative luminance and contrast ratio; the tint (backgrounds of tags and the current menu item) and,
when staff leave it empty, the strong shade are mixed from the main colour.
"""

import re

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

# The backgrounds the brand colour is read on (tokens.css: --color-surface, --color-page, --color-surface-sunken).
BACKGROUNDS = ("#ffffff", "#f7f6f2", "#eeece6")
MINIMUM = 4.5


def hex_colour_like(value: str) -> bool:
    return bool(_HEX.match(value or ""))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(max(0, min(255, c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` (0..1) of `other` mixed in."""
    return _hex(c * (1 - share) + o * share for c, o in zip(_rgb(colour), _rgb(other), strict=True))


def tint_of(brand: str) -> str:
    return mix(brand, "#ffffff", 0.88)


def strong_of(brand: str) -> str:
    return mix(brand, "#000000", 0.3)


def weakest_contrast(colour: str, backgrounds) -> tuple[float, str]:
    return min((contrast(colour, background), background) for background in backgrounds)


def custom_properties(brand: str, strong: str = "") -> dict[str, str]:
    """The CSS custom properties that override the design's brand colours ({} when no colour is chosen)."""
    if not brand:
        return {}
    tint = tint_of(brand)
    return {
        "--color-brand": brand.lower(),
        "--color-brand-strong": (strong or strong_of(brand)).lower(),
        "--color-brand-tint": tint,
    }
