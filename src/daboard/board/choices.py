# The board app's fixed lists of choices, apart from its models so that they read as data;
# board.models imports them all, so code that reads them from there keeps working.

from django.db import models


class TermsStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    MINUTES_CIRCULATED = "minutes_circulated", "Draft minutes circulated"
    MINUTES_CONFIRMED = "minutes_confirmed", "Minutes confirmed"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed (new date to be set)"
    NOT_HELD = "not_held", "Did not take place"


class PackBuildStatus(models.TextChoices):
    BUILDING = "building", "Being built"
    BUILT = "built", "Built"
    FAILED = "failed", "Could not be built"


class PaperPdf(models.TextChoices):
    """Where a paper's PDF copy stands: a PDF paper is its own; a Word or slides paper is
    turned into PDF by a background task once its upload is committed."""

    READY = "ready", "Ready"
    CONVERTING = "converting", "Being turned into PDF"
    FAILED = "failed", "Could not be turned into PDF"


class Part(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ItemKind(models.TextChoices):
    WELCOME = "welcome", "Welcome, introductions and apologies"
    APPOINTMENT = "appointment", "Appointment of chair or vice-chair"
    MINUTES = "minutes", "Minutes of the previous meeting"
    ACTIONS = "actions", "Actions"
    STANDING = "standing", "Standing item"
    REPORT = "report", "Report"
    PRESENTATION = "presentation", "Presentation"
    OTHER_BUSINESS = "other_business", "Any other business"
    NEXT_MEETING = "next_meeting", "Date of next meeting"
    OTHER = "other", "Other"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    SUBSTITUTE = "substitute", "Substitute"
    OFFICER = "officer", "Officer"
    GUEST = "guest", "Guest"
    ABSENT = "absent", "Absent"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "No longer needed"


class ForwardStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ON_AGENDA = "on_agenda", "On an agenda"
    DONE = "done", "Reported"
    WITHDRAWN = "withdrawn", "Withdrawn"


class AppointmentPosition(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"


class RecipientKind(models.TextChoices):
    SRG_ROUTE = "srg_route", "Scrutiny and Reference Group's papers route"
    OTHER = "other", "Other recipient"


class CirculationKind(models.TextChoices):
    PACK = "pack", "Agenda pack"
    SUPPLEMENTARY = "supplementary", "Supplementary pack"
    MINUTES = "minutes", "Draft minutes"
    NOTICE = "notice", "Notice of a change to the meeting"

