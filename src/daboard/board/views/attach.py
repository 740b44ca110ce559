"""'Put this on a meeting's agenda' on a page that others read too: the money view and the
vacancy report (commissioning), the performance and impact reports (insights), the
strategy's progress report. Each page had the same eight lines; they are here once."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse

from daboard.core import clock
from daboard.core.permissions import can, require

from ..attach import attach, attach_form
from ..forms import AttachForm
from ..services import generated_paper_attach


def on_agenda(request, council, permission: str, done: str, service: Callable = generated_paper_attach, *,
              posted: bool = True, **paper) -> tuple[AttachForm | None, HttpResponse | None]:
    """The form for someone with `permission` over `council` (None for the others, who read
    the page without it) and, when the form is `posted`, the redirect to the meeting once the
    document is on its agenda (None while the form has a mistake, shown on it). A POST from
    anyone else is refused. `service` puts it there, called with the acting user, the council
    and the meeting chosen: an app's own service (the money paper), or the page's document as
    `paper` says (item title, paper title, file name and `build`: see
    `board.services.generated_paper_attach`)."""
    posted = posted and request.method == "POST"
    form = attach_form(council, clock.today(), request.POST if posted else None) if can(
        request.user, permission, council) else None
    if not posted:
        return form, None
    require(request.user, permission, council, request=request)
    return form, attach(request, form, lambda meeting: service(
        acting_user=request.user, council=council, meeting=meeting, request=request, **paper), done)
