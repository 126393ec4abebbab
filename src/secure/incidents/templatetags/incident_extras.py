"""Template helpers of the incident pages: bar widths and number formatting."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def bar_width(value: Any, maximum: Any) -> str:
    """A value as a percentage of the maximum, for an SVG bar's width (0 to 100)."""
    try:
        share = float(value or 0) / float(maximum or 0)
    except (TypeError, ValueError, ZeroDivisionError):
        return "0"
    return f"{max(0.0, min(share, 1.0)) * 100:.1f}"


@register.filter
def or_dash(value: Any) -> Any:
    """The value, or an em dash when there is none."""
    return "—" if value is None or value == "" else value


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
