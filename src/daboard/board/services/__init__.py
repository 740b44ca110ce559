"""Every write of board business: in a transaction, audited, with the rules of the
terms of reference (papers 7 days before, draft minutes within 14 days, recordings
destroyed when the minutes are confirmed).

For what the clerk does: meetings, agenda and papers, minutes, actions, governance; this
module names them all, so `board.services.x` is every board write."""

from __future__ import annotations

from .actions import (  # noqa: F401
    action_create,
    action_update,
    forward_item_promise,
)
from .agenda import (  # noqa: F401
    STANDING_ITEM_FILLERS,
    agenda_draft,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_save,
    generated_paper_attach,
    interest_conflicts,
    meeting_publish_pack,
    pack_build_retry,
    pack_build_run,
    paper_add,
    paper_remove,
    paper_replace,
    paper_text,
    papers_closed_reason,
    register_standing_item,
    search_reindex_meeting,
)
from .governance import (  # noqa: F401
    appointment_record,
    declaration_record,
    interest_register,
    membership_save,
    terms_approve,
    terms_new_version,
    terms_open_draft,
    terms_save,
)
from .meetings import (  # noqa: F401
    Quorum,
    agenda_renumber,
    attendance_closed_reason,
    attendance_record,
    board_contact,
    expected_seats,
    first_minute_number,
    meeting_cancel,
    meeting_delete,
    meeting_has_business,
    meeting_postpone,
    meeting_record_not_held,
    meeting_reschedule,
    meeting_update,
    meetings_schedule,
    minutes_still_open,
    quarterly_dates,
    quorum,
    seat_capacity,
)
from .minutes import (  # noqa: F401
    default_lead_in,
    minute_save,
    minutes_circulate,
    minutes_confirm,
    minutes_start,
    recording_add,
    recordings_destroy,
)
