"""`{% can "action" obj as name %}`: in a template, the same rule of core.permissions that
the page a link leads to applies, so a page shows a link only to those it will let in (a
link its user may not follow is a "Page not found" waiting for them). A page's own flags
(`can_manage` and the like) come from its view; this is for links in a loop, one rule per
object (tests/security/test_links_lead_somewhere.py follows every link as every role)."""

from __future__ import annotations

from typing import Any

from django import template

from daboard.core import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, obj: Any = None) -> bool:
    request = context.get("request")
    return permissions.can(getattr(request, "user", None), action, obj)
