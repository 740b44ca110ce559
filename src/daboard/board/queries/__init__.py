"""Every read of board business for pages, documents and other apps, by what the clerk
does: meetings, agenda and papers, actions, governance (the board's people), and the
public site's one rule for what anonymous visitors see; this module names them all, so
`board.queries.x` is every board read, as `board.services.x` is every board write."""

from __future__ import annotations

from .actions import open_actions  # noqa: F401
from .agenda import (  # noqa: F401
    MARK_CLOSE,
    MARK_OPEN,
    latest_pack_build,
    open_papers_ahead,
    search,
    snippet_html,
    visible_items,
)
from .common import visible  # noqa: F401
from .governance import board_people, people_choices  # noqa: F401
from .meetings import (  # noqa: F401
    Deadlines,
    attendance_statistics,
    home_panel,
    late_packs,
    meeting_deadlines,
    meetings_open_for_papers,
    next_meeting,
    previous_meeting,
)
from .public import (  # noqa: F401
    public_agenda_visible,
    public_forward_plan,
    public_items,
    public_meetings,
    public_minutes_visible,
    public_paper,
)
