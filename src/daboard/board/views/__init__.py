"""Board pages. Thin: check permission through core.permissions, call a service, render.

By what the clerk does: meetings, agenda and papers, minutes, actions, governance; this
module names every view for the URLconf."""

from __future__ import annotations

from .actions import (  # noqa: F401
    action_detail,
    action_list,
    forward_item_add,
    forward_plan,
)
from .agenda import (  # noqa: F401
    agenda_draft,
    item_delete,
    item_edit,
    item_move,
    pack_download,
    pack_retry,
    paper_add,
    paper_download,
    paper_remove,
    paper_replace,
    publish_pack,
    search,
)
from .governance import (  # noqa: F401
    appointments,
    declaration_add,
    interests,
    membership_edit,
    terms,
    terms_edit,
    terms_new,
)
from .meetings import (  # noqa: F401
    attendance_edit,
    attendance_statistics,
    board_feed,
    circulations,
    distribution,
    meeting_call_off,
    meeting_delete,
    meeting_detail,
    meeting_edit,
    meeting_ics,
    meeting_list,
    meeting_reschedule,
    meeting_schedule,
)
from .minutes import (  # noqa: F401
    minute_edit,
    minutes_circulate,
    minutes_confirm,
    minutes_file,
    minutes_start,
    minutes_view,
    recording_add,
    retention_review,
)
