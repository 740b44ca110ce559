"""Board governance: terms of reference, meetings, agendas, papers, attendance, minutes,
resolutions, actions, interests, the forward plan and recordings.

Numbering follows council practice, as the seed minutes show: agenda items are numbered
1, 2, 3 on each meeting's agenda, while minute numbers run on through the municipal year
(minute 17 of 15 December 2023 is "Agenda Item 3").
"""

from __future__ import annotations

import bisect
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from daboard.core import clock
from daboard.core.models import (
    Board,
    BoardMembership,
    Organisation,
    Person,
    Titled,
    User,
    natural_key,
    plausible_date,
)
from daboard.core.periods import municipal_year_label, municipal_year_start  # noqa: F401 (board.services reads it here)
from daboard.core.retention import years_after

from .business import Business, PaperQuerySet
from .choices import (  # noqa: F401 (kept importable from models, where the rest of daboard reads them)
    ActionStatus,
    AppointmentPosition,
    AttendanceStatus,
    CirculationKind,
    ForwardStatus,
    ItemKind,
    MeetingStatus,
    PackBuildStatus,
    PaperPdf,
    Part,
    RecipientKind,
    TermsStatus,
)
from .working_days import working_day_on_or_after, working_day_on_or_before


class TermsOfReference(models.Model):
    """One version of a board's terms of reference."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="terms")
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=TermsStatus.choices, default=TermsStatus.DRAFT)
    title = models.CharField(max_length=200)
    approved_on = models.DateField(null=True, blank=True)
    approved_at = models.ForeignKey("Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="terms_approved")
    amendments = models.TextField(blank=True, help_text='e.g. "approved subject to Fire and Rescue being added"')
    meeting_frequency = models.CharField(max_length=300, blank=True)
    # Each rule is what the board's own terms say, or empty where they say nothing (a board's
    # rules are never borrowed from another board's terms, nor from a default).
    min_meetings_per_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(52, "A board meets at most 52 times a year")])
    quorum_rule = models.CharField(max_length=300, blank=True)
    quorum_count = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Voting members (or their substitutes) who must be present.",
        validators=[MaxValueValidator(100, "A quorum is 100 or fewer")])
    chair_rule = models.CharField(max_length=300, blank=True)
    vice_chair_rule = models.CharField(max_length=300, blank=True)
    papers_deadline_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty where the terms set no deadline: papers are then due by the meeting.",
        validators=[MaxValueValidator(90, "Papers are due at most 90 days before the meeting")])
    draft_minutes_deadline_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty where the terms set no deadline for the draft minutes.",
        validators=[MaxValueValidator(180, "Draft minutes are due at most 180 days after the meeting")])
    minutes_retention_years = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty where the terms set no retention period.",
        validators=[MaxValueValidator(100, "Minutes are kept for at most 100 years")])
    delete_recordings_on_confirmation = models.BooleanField(
        null=True, blank=True,
        help_text="Empty where the terms say nothing (daboard's retention policy then deletes recordings on confirmation).")
    closed_business_rule = models.TextField(blank=True)
    reporting_lines = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)

    Meta = natural_key("board", "-version", name="terms_unique_version")

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class TermsSection(models.Model):
    terms = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(max_length=12)
    heading = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["terms", "order"]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()


class StandingItem(Titled):
    terms = models.ForeignKey(TermsOfReference, on_delete=models.CASCADE, related_name="standing_items")
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["terms", "order"]


# Meetings that will not (or did not) meet: no pack, no attendance, no minutes from them.
NOT_MEETING = (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED, MeetingStatus.NOT_HELD)
# Meetings that took place: their minutes are the "previous minutes" of the next pack, and
# only at one of them can earlier minutes be confirmed.
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_CIRCULATED, MeetingStatus.MINUTES_CONFIRMED)


STATUS_ORDER = [MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.HELD,
                MeetingStatus.MINUTES_CIRCULATED, MeetingStatus.MINUTES_CONFIRMED]


def terms_in_force(terms, on: dt.date):
    """Of a board's terms of reference, those that governed a meeting on the day: the latest
    version approved by then (approved or superseded since), else the latest approved. The
    rule of `Meeting.terms()`, for terms already read."""
    in_force = [t for t in terms if t.status in (TermsStatus.APPROVED, TermsStatus.SUPERSEDED)
                and t.approved_on is not None and t.approved_on <= on]
    if not in_force:
        in_force = [t for t in terms if t.status == TermsStatus.APPROVED]
    return max(in_force, key=lambda t: t.version) if in_force else None


def papers_due_under(date: dt.date, terms) -> dt.date:
    """The terms' days before the meeting, brought back to a working day (never a weekend or
    an England and Wales bank holiday); where the terms set none, the meeting day itself
    (papers published after the meeting are late by any rule)."""
    days = terms.papers_deadline_days if terms else None
    return working_day_on_or_before(date - dt.timedelta(days=days)) if days is not None else date


def minutes_due_under(date: dt.date, terms) -> dt.date | None:
    """The terms' days after the meeting, moved on to the next working day (so never
    Christmas Day), or None where the terms set none."""
    days = terms.draft_minutes_deadline_days if terms else None
    return working_day_on_or_after(date + dt.timedelta(days=days)) if days is not None else None


PACK_FIELDS = ("pack", "pack_full", "pack_pages", "pack_supplement", "pack_supplement_full")


class Meeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=200, help_text="As the papers name the board on the day.")
    date = models.DateField()
    start_time = models.TimeField(default=dt.time(9, 0))
    end_time = models.TimeField(null=True, blank=True, help_text="When it ended (from the minutes).")
    location = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    contact = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    pack = models.FileField(upload_to="packs/", blank=True, help_text="Open business only.")
    pack_full = models.FileField(upload_to="packs/", blank=True, help_text="With the closed part.")
    pack_pages = models.PositiveSmallIntegerField(null=True, blank=True)
    pack_supplement = models.FileField(upload_to="packs/", blank=True, help_text="Supplementary pack, open business.")
    pack_supplement_full = models.FileField(upload_to="packs/", blank=True,
                                            help_text="Supplementary pack with the closed part.")
    minutes_circulated_at = models.DateTimeField(null=True, blank=True)
    minutes_confirmed_at = models.DateTimeField(null=True, blank=True)
    minutes_confirmed_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                             related_name="confirmed_minutes_of")
    chair = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              help_text="Who was in the chair.")
    status_reason = models.CharField(max_length=400, blank=True,
                                     help_text="Why it was cancelled, postponed or moved, or did not take place. Shown publicly.")
    rescheduled_from = models.DateField(null=True, blank=True, help_text="The date it was first arranged for.")
    created_at = models.DateTimeField(default=clock.now, editable=False)

    Meta = natural_key("board", "date", "start_time", name="meeting_unique_slot")

    def __str__(self) -> str:
        return f"{self.board.short_name or self.board.name}, {self.date:%-d %B %Y}"

    def save(self, *args, **kwargs) -> None:
        """The pack's files are written by the pack's build alone (board.services.pack_build,
        by an UPDATE of those fields): saving a meeting that was read before its pack was
        built must not put back the empty pack it read."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name not in PACK_FIELDS]
        super().save(*args, **kwargs)

    @property
    def municipal_year(self) -> str:
        return municipal_year_label(self.date)

    def terms(self) -> TermsOfReference | None:
        """The terms of reference in force on the meeting's date, read once for this meeting
        and date (a page asks for its deadlines, lateness and retention several times)."""
        key = (self.board_id, self.date)
        cached = self.__dict__.get("_terms_in_force")
        if cached is None or cached[0] != key:
            found = (self.board.terms.filter(status__in=[TermsStatus.APPROVED, TermsStatus.SUPERSEDED],
                                             approved_on__lte=self.date).order_by("-version").first()
                     or self.board.terms.filter(status=TermsStatus.APPROVED).order_by("-version").first())
            self._terms_in_force = cached = (key, found)
        return cached[1]

    @staticmethod
    def with_terms(meetings) -> list[Meeting]:
        """The meetings, each with its terms in force read already: one query for the terms
        of all their boards, for a list that shows each meeting's deadlines or lateness."""
        meetings = list(meetings)
        by_board: dict[int, list] = {}
        for terms in TermsOfReference.objects.filter(board__in={m.board_id for m in meetings}):
            by_board.setdefault(terms.board_id, []).append(terms)
        for m in meetings:
            m._terms_in_force = ((m.board_id, m.date), terms_in_force(by_board.get(m.board_id, []), m.date))
        return meetings

    @property
    def papers_due(self) -> dt.date:
        """One meeting's; for a list, `board.queries.meetings.meeting_deadlines` (one query)."""
        return papers_due_under(self.date, self.terms())

    @property
    def minutes_due(self) -> dt.date | None:
        """One meeting's; for a list, `board.queries.meetings.meeting_deadlines` (one query)."""
        return minutes_due_under(self.date, self.terms())

    @property
    def took_place(self) -> bool:
        return self.status in HELD_STATUSES

    @property
    def papers_open(self) -> bool:
        """Papers can still be added or replaced: the meeting is not off and has not been
        recorded as held (a past meeting not yet recorded takes its papers: the clerk may be
        entering a meeting from before daboard)."""
        return not (self.is_off or self.took_place)

    @property
    def is_off(self) -> bool:
        """Cancelled, postponed or did not take place."""
        return self.status in NOT_MEETING

    @property
    def minutes_kept_until(self) -> dt.date | None:
        """When confirmed minutes reach the end of the terms of reference's retention period
        and go to a disposal review; None where the terms set no period."""

        terms = self.terms()
        years = terms.minutes_retention_years if terms else None
        return years_after(self.date, years) if years is not None else None

    @property
    def agenda_published(self) -> bool:
        """Published, whether daboard made the pack or (for a meeting before daboard) the
        council did: read from the status, so the page never says both."""
        return bool(self.pack) or self.reached(MeetingStatus.AGENDA_PUBLISHED)

    @property
    def pack_published_late(self) -> bool:
        if not self.agenda_published_at:
            return False

        return timezone.localtime(self.agenda_published_at).date() > self.papers_due

    @property
    def minutes_circulated_late(self) -> bool:
        due = self.minutes_due
        if not self.minutes_circulated_at or due is None:
            return False

        return timezone.localtime(self.minutes_circulated_at).date() > due

    @property
    def minutes_out(self) -> bool:
        """The minutes have gone to the board (circulated in draft, or confirmed) and hold
        something: from then on whoever sees the meeting reads them; before, its clerk alone
        (core.permissions, "minutes.view")."""
        return self.reached(MeetingStatus.MINUTES_CIRCULATED) and self.minute_items.exists()

    def reached(self, status: str) -> bool:
        if self.status in NOT_MEETING:
            return False
        return STATUS_ORDER.index(MeetingStatus(self.status)) >= STATUS_ORDER.index(MeetingStatus(status))


class PackBuild(models.Model):
    """One building of a meeting's agenda pack (open and with the closed part), or of its
    supplementary pack: queued when the publication commits and run by a background task,
    so a slow or failing build never holds up or undoes the publication."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    supplementary = models.BooleanField(default=False)
    circulate = models.BooleanField(default=False, help_text="Send it to the distribution list once built.")
    status = models.CharField(max_length=10, choices=PackBuildStatus.choices, default=PackBuildStatus.BUILDING)
    error = models.CharField(max_length=300, blank=True, help_text="Why it could not be built.")
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=clock.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{'Supplementary pack' if self.supplementary else 'Agenda pack'}: {self.get_status_display()}"


# Schedule 12A to the Local Government Act 1972: descriptions of exempt information.
SCHEDULE_12A = [
    ("", "Not applicable (the board's own closed business rule)"),
    ("1", "Paragraph 1: information relating to any individual"),
    ("2", "Paragraph 2: information likely to reveal the identity of an individual"),
    ("3", "Paragraph 3: financial or business affairs of any particular person (including the authority)"),
    ("4", "Paragraph 4: labour relations consultations or negotiations"),
    ("5", "Paragraph 5: legal professional privilege"),
    ("6", "Paragraph 6: notices, orders or directions the authority proposes to give or make"),
    ("7", "Paragraph 7: prevention, investigation or prosecution of crime"),
]


class AgendaItem(Business):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(help_text="Number on this meeting's agenda (1, 2, 3 …).")
    minute_number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Minute number, running on through the municipal year.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="Notes printed under the item on the agenda.")
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.REPORT)
    presenter = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    presenter_role = models.CharField(max_length=300, blank=True,
                                      help_text="As printed, e.g. Community Safety Manager, Leicestershire County Council")
    part = models.CharField(max_length=6, choices=Part.choices, default=Part.OPEN)
    closed_reason = models.CharField(max_length=300, blank=True)
    exemption_paragraph = models.CharField(max_length=2, choices=SCHEDULE_12A, blank=True)
    forward_item = models.ForeignKey("ForwardItem", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="agenda_items")
    printed_pages = models.CharField(
        max_length=20, blank=True,
        help_text="Page range as printed in a pack daboard did not make, e.g. 3 - 8.")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def presenter_line(self) -> str:
        """"X, role, will present this item." once: not when the notes already name them
        (the seeds write "Gurjit Samra-Rai … will present this report." in the notes)."""
        if not self.presenter:
            return ""
        if self.presenter.name.lower() in self.description.lower():
            return ""
        role = f", {self.presenter_role}" if self.presenter_role else ""
        return f"{self.presenter.name}{role}, will present this item."

    def clean(self) -> None:
        if self.part == Part.CLOSED and not (self.closed_reason or self.exemption_paragraph):
            raise ValidationError({"closed_reason": "Give the reason the item is taken in closed session."})


class Paper(Business, Titled):
    """A report or presentation attached to an agenda item: PDF, or DOCX kept with a PDF copy."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    order = models.PositiveSmallIntegerField(default=0)  # among the item's papers
    title = models.CharField(max_length=300)
    # The file as sent, and its PDF copy when it came as DOCX.
    file = models.FileField(upload_to="papers/")
    pdf = models.FileField(upload_to="papers/pdf/", blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveSmallIntegerField(default=0)
    pdf_status = models.CharField("PDF copy", max_length=10, choices=PaperPdf.choices, default=PaperPdf.READY)
    pdf_error = models.CharField(max_length=300, blank=True, help_text="Why it could not be turned into PDF.")
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now, editable=False)
    text = models.TextField(blank=True, help_text="The words of the paper, for search.")
    supplementary = models.BooleanField(default=False, help_text="Added or replaced after the pack was published.")
    replaces = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=300, blank=True)

    closed_lookups = ("item__part",)

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["item", "order", "id"]

    @property
    def is_published(self) -> bool:
        """Members and providers see a paper from the agenda's publication only."""
        return self.item.meeting.agenda_published_at is not None

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    capacity = models.CharField(max_length=300, blank=True, help_text="As the minutes print it.")
    status = models.CharField(max_length=12, choices=AttendanceStatus.choices)
    membership = models.ForeignKey(BoardMembership, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="attendance",
                                   help_text="The seat this person held or stood in for.")
    in_chair = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "status", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person")]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"


class MinuteItem(Business):
    """The minute of one agenda item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minute_items")
    agenda_item = models.OneToOneField(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="minute")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    considered = models.TextField(blank=True, help_text="What the board considered or received.")
    points_intro = models.CharField(max_length=200, blank=True,
                                    default="Arising from discussions the following points were noted:")
    resolution_lead = models.CharField(max_length=40, blank=True,
                                       help_text='Printed after "RESOLVED:" before a list, e.g. "That:"')
    closing_text = models.TextField(blank=True, help_text="Text after the points, before the resolution.")
    # Always its agenda item's part: agenda_item_save keeps them together.
    part = models.CharField(max_length=6, choices=Part.choices, default=Part.OPEN)

    Meta = natural_key("meeting", "number", name="minute_unique_number")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi",
         "xvii", "xviii", "xix", "xx"]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 1 <= n <= len(ROMAN) else str(n)


class MinutePoint(models.Model):
    minute = models.ForeignKey(MinuteItem, on_delete=models.CASCADE, related_name="points")
    order = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=8, blank=True, help_text="Printed label if the minutes skip one, e.g. vi")
    text = models.TextField()

    Meta = natural_key("minute", "order", name="minute_point_unique_order")

    def __str__(self) -> str:
        return f"({self.numeral}) {self.text[:60]}"

    @property
    def numeral(self) -> str:
        return self.label or roman(self.order)


class Resolution(Business):
    minute = models.ForeignKey(MinuteItem, on_delete=models.CASCADE, related_name="resolutions")
    order = models.PositiveSmallIntegerField()
    text = models.TextField(help_text='Starting "That …" or, in a list, "The contents of the report be noted;"')

    closed_lookups = ("minute__part",)

    Meta = natural_key("minute", "order", name="resolution_unique_order")

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:80]}"

    @property
    def letter(self) -> str:
        return "abcdefghijklmnopqrstuvwxyz"[self.order - 1] if 1 <= self.order <= 26 else str(self.order)

    @property
    def reference(self) -> str:
        """e.g. "15 December 2023, minute 17(c)"."""
        single = self.minute.resolutions.count() == 1
        suffix = "" if single else f"({self.letter})"
        return f"{self.minute.meeting.date:%-d %B %Y}, minute {self.minute.number}{suffix}"


class Interest(models.Model):
    """A registered interest of a board member (e.g. a provider's chief executive)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="interests")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="interests")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", help_text="The body the interest is in.")
    description = models.CharField(max_length=300)
    commissioning = models.BooleanField(default=True,
                                        help_text="Touches the council's commissioning (e.g. a commissioned provider).")
    registered_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person__name", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.description}"


class Declaration(Business):
    """Who declared which interest (registered, or not), at which meeting and on which item."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    interest = models.ForeignKey(Interest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="declarations")
    text = models.CharField(max_length=400)
    left_the_meeting = models.BooleanField(default=False)

    # A declaration on an item taken in closed session is closed business with it.
    closed_lookups = ("agenda_item__part",)

    class Meta:
        ordering = ["meeting", "agenda_item__number", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.text[:60]}"


class Action(Business):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    minute = models.ForeignKey(MinuteItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    text = models.TextField()
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    owner_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="actions")
    due_date = models.DateField(null=True, blank=True, validators=[plausible_date])
    due_next_meeting = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    closed_lookups = ("minute__part",)

    class Meta:
        ordering = ["board", "status", "due_date", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)

    @property
    def owner_label(self) -> str:
        """Who the action is with: the person, else their organisation, else that the minutes name no one."""
        if self.owner_id:
            return self.owner.name
        if self.owner_organisation_id:
            return self.owner_organisation.name
        return "No owner named in the minutes"

    def effective_due(self) -> dt.date | None:
        """The due date, or for "next meeting" the date of the board's next meeting; for a
        list of actions, `Action.with_due_dates` (the meetings read once)."""
        return Action.with_due_dates([self])[0][1]

    @staticmethod
    def with_due_dates(actions) -> list[tuple[Action, dt.date | None]]:
        """Each action with its due date: its own, or for "next meeting" the date of its
        board's first meeting (not cancelled) after the one that decided it. The boards'
        meeting dates are read in one query, whatever the number of actions."""
        actions = list(actions)
        waiting = [a for a in actions if not a.due_date and a.due_next_meeting]
        dates: dict[int, list[dt.date]] = {}
        if waiting:
            for board_id, day in (Meeting.objects.filter(board_id__in={a.board_id for a in waiting})
                                  .exclude(status=MeetingStatus.CANCELLED).order_by("date")
                                  .values_list("board_id", "date")):
                dates.setdefault(board_id, []).append(day)

        def due(a: Action) -> dt.date | None:
            if a.due_date or not a.due_next_meeting:
                return a.due_date
            board_dates = dates.get(a.board_id, [])
            later = board_dates[bisect.bisect_right(board_dates, a.meeting.date):]
            return later[0] if later else None

        return [(a, due(a)) for a in actions]


class ActionUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(default=clock.now, editable=False)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    status = models.CharField(max_length=12, choices=ActionStatus.choices)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d}: {self.text[:60]}"


class ForwardItem(Business, Titled):
    """Something promised for a later meeting ("the results would be reported to the next meeting")."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="forward_items")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    source_minute = models.ForeignKey(MinuteItem, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="promised_items")
    target_meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="forward_items", help_text="Blank: a future meeting, not yet set.")
    presenter = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=ForwardStatus.choices, default=ForwardStatus.PLANNED)

    # Promised in closed session, or put in the closed part of an agenda since.
    closed_lookups = ("source_minute__part", "agenda_items__part")

    class Meta:
        ordering = ["target_meeting__date", "id"]


class Recording(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recordings")
    file = models.FileField(upload_to="recordings/", blank=True)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Appointment(models.Model):
    """Chair or vice-chair for a municipal year, by a resolution of the board."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="appointments")
    position = models.CharField(max_length=12, choices=AppointmentPosition.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    municipal_year = models.CharField(max_length=7, help_text="e.g. 2022/23")
    until = models.CharField(max_length=200, blank=True)
    resolution = models.ForeignKey(Resolution, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    minute = models.ForeignKey(MinuteItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["board", "municipal_year", "position"]

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.municipal_year}: {self.person}"


class SearchEntry(models.Model):
    """What the search box finds: a minute, a resolution or a paper, with its visibility."""

    kind = models.CharField(max_length=12)  # minute, resolution, paper, agenda
    object_id = models.PositiveBigIntegerField()
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    closed = models.BooleanField(default=False)
    title = models.CharField(max_length=300)
    body = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class DistributionRecipient(models.Model):
    """Someone on the board's distribution list besides its members, substitutes and
    supporting officers (who come from the membership): the Scrutiny and Reference Group's
    papers route, a press officer, a partnership inbox."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="distribution")
    kind = models.CharField(max_length=12, choices=RecipientKind.choices, default=RecipientKind.OTHER)
    name = models.CharField(max_length=200)
    email = models.EmailField()
    open_business_only = models.BooleanField(default=True)

    class Meta:
        ordering = ["board", "kind", "name"]
        # An address once, however it is capitalised: mail servers treat them as one inbox.
        constraints = [models.UniqueConstraint(
            models.F("board"), Lower("email"), name="distribution_unique_email",
            violation_error_message="That address is already on the distribution list.")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Circulation(models.Model):
    """One sending of a meeting's documents to its distribution list."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="circulations")
    kind = models.CharField(max_length=14, choices=CirculationKind.choices)
    subject = models.CharField(max_length=300)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class CirculationCopy(models.Model):
    """Who was sent what, and whether it went."""

    circulation = models.ForeignKey(Circulation, on_delete=models.CASCADE, related_name="copies")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    reason = models.CharField(max_length=200, help_text="Why they are on the list: member, substitute, …")
    closed_part = models.BooleanField(default=False, help_text="Was sent the closed part too.")
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["circulation", "name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
