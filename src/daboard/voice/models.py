"""The Scrutiny and Reference Group (SRG) of a board, and anonymous feedback from
victim-survivors.

The SRG (Leicester's terms of reference 3.4, 3.5, 5.5): victim-survivors whose members may
be known in daboard only by a name they choose; up to three attend board meetings; they
receive the board's papers through a council officer (the Contracts Quality & Engagement
Officer in Leicester); the chair or vice-chair attends the group at least twice a year; the
group's feedback is a standing item of every board agenda.

How papers reach the group (for distribution lists): `ReferenceGroup.papers_contact` is the
one person papers go to, and `PaperRoute` records each paper routed. daboard holds no contact
details of group members.

Feedback holds nothing that says who gave it: no account, no address (IP), no time of day
(the day only), and the free text is seen by the reviewing officer alone until reviewed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from daboard.commissioning.models import Contract
from daboard.core import clock
from daboard.core.models import Board, Council, Person, Titled, User, natural_key

from . import questions as q
from .choices import (  # noqa: F401 (kept importable from models, where the rest of daboard reads them)
    BoardAttendance,
    ReviewStatus,
)


class ReferenceGroup(models.Model):
    """A board's group of victim-survivors (one per board)."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="reference_group")
    name = models.CharField(max_length=120, default="Scrutiny and Reference Group")
    short_name = models.CharField(max_length=20, default="SRG")
    papers_contact = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The officer the group's papers go through (e.g. the Contracts Quality & Engagement Officer).")
    papers_contact_role = models.CharField(max_length=200, blank=True,
                                           help_text="The officer's role, as the terms of reference name it.")
    board_places = models.PositiveSmallIntegerField(
        default=3, help_text="How many group members may attend board meetings.")
    chair_visits_per_year = models.PositiveSmallIntegerField(
        default=2, help_text="How often the chair or vice-chair (or their representative) attends the group.")
    standing_item = models.CharField(max_length=200, default="Scrutiny and Reference Group",
                                     help_text="The board's standing agenda item the group's feedback goes to.")
    source = models.CharField(max_length=300, blank=True, help_text="Where the rules come from.")

    class Meta:
        ordering = ["board"]

    def __str__(self) -> str:
        return f"{self.name}, {self.board.short_name or self.board.name}"


class GroupMember(models.Model):
    """A member of the group, known by a name they choose. No contact details are held:
    papers reach members through the group's papers contact."""

    group = models.ForeignKey(ReferenceGroup, on_delete=models.CASCADE, related_name="members")
    pseudonym = models.CharField("name in daboard", max_length=60,
                                 help_text="A name the member chooses; it need not be their real name.")
    joined = models.DateField(null=True, blank=True)
    left = models.DateField(null=True, blank=True)
    attends_board = models.BooleanField("attends board meetings", default=False)

    Meta = natural_key("group", "pseudonym", name="group_member_unique_name")

    def __str__(self) -> str:
        return self.pseudonym

    def clean(self) -> None:
        if self.joined and self.left and self.left < self.joined:
            raise ValidationError({"left": "The date they left must be on or after the date they joined."})


class GroupMeeting(models.Model):
    """A meeting of the group, and who from the board attended it (terms of reference 3.4)."""

    group = models.ForeignKey(ReferenceGroup, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    board_attendance = models.CharField("who attended from the board", max_length=16,
                                        choices=BoardAttendance.choices, default=BoardAttendance.NONE)
    notes = models.TextField(blank=True, help_text="What was discussed, without anything that identifies anyone.")

    class Meta:
        ordering = ["group", "-date"]

    def __str__(self) -> str:
        return f"{self.group.short_name} meeting, {self.date:%-d %B %Y}"

    @property
    def board_attended(self) -> bool:
        return self.board_attendance != BoardAttendance.NONE


class PaperRoute(models.Model):
    """A board paper sent to the group through its papers contact."""

    group = models.ForeignKey(ReferenceGroup, on_delete=models.CASCADE, related_name="papers_routed")
    paper = models.ForeignKey("board.Paper", on_delete=models.CASCADE, related_name="routes")
    routed_at = models.DateTimeField(default=clock.now, editable=False)
    routed_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["group", "-routed_at"]
        constraints = [models.UniqueConstraint(fields=["group", "paper"], name="paper_route_once")]

    def __str__(self) -> str:
        return f"{self.paper} to {self.group.short_name}"


class GroupReport(Titled):
    """What the group asks the board to hear: the group's feedback, for the standing item."""

    group = models.ForeignKey(ReferenceGroup, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="The group's feedback in its own words, without anything that identifies anyone.")
    presented_by = models.CharField(
        max_length=200, blank=True,
        help_text="Who speaks to it at the board: a group member (by their daboard name) or an officer on the group's behalf.")
    sent_on = models.DateField(default=clock.today)
    taken_at = models.ForeignKey("board.Meeting", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="reference_group_reports",
                                 help_text="The board meeting whose agenda took it.")

    class Meta:
        ordering = ["group", "-sent_on", "-id"]


# --- Anonymous feedback -----------------------------------------------------------------------


class FeedbackForm(Titled):
    """A public feedback form, for one service (a contract) or for a board as a whole. Its
    address is an unguessable token, printed on leaflets or given by workers."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="feedback_forms",
                                help_text="The council whose officers review what comes in.")
    board = models.ForeignKey(Board, null=True, blank=True, on_delete=models.PROTECT, related_name="feedback_forms")
    contract = models.ForeignKey(Contract, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="feedback_forms")
    token = models.CharField(max_length=32, unique=True)
    title = models.CharField(max_length=200, help_text="The service or board, in words a survivor would use.")
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["council", "title"]

    def clean(self) -> None:
        if bool(self.board_id) == bool(self.contract_id):
            raise ValidationError("A feedback form is for one service or for one board.")


COUNTED = (ReviewStatus.SHARED, ReviewStatus.WITHHELD)  # reviewed feedback that counts in any figure


class Feedback(models.Model):
    """One person's anonymous answers. Only the day is kept, not the time."""

    form = models.ForeignKey(FeedbackForm, on_delete=models.PROTECT, related_name="feedback")
    received_on = models.DateField()
    felt_safer = models.CharField(max_length=20, choices=q.FELT_SAFER.choices, blank=True)
    wellbeing = models.CharField(max_length=20, choices=q.WELLBEING.choices, blank=True)
    helped = models.IntegerField(default=0, help_text="Bit set over the questions' codes.")
    missing = models.IntegerField(default=0, help_text="Bit set over the questions' codes.")
    free_text = models.TextField(blank=True, help_text="For the reviewing officer only until reviewed.")
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    shared_text = models.TextField(blank=True, help_text="The comment as the officer shares it (details removed).")
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_on = models.DateField(null=True, blank=True)
    text_purged_on = models.DateField(null=True, blank=True, help_text="When retention deleted the comment.")

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["form", "received_on"])]

    def __str__(self) -> str:
        return f"Feedback {self.pk} on {self.form}, {self.received_on:%-d %B %Y}"

    def helped_codes(self) -> list[str]:
        return q.codes_of(self.helped, q.HELPED)

    def missing_codes(self) -> list[str]:
        return q.codes_of(self.missing, q.MISSING)


class SubmissionCount(models.Model):
    """How many feedback forms were sent to one form in one hour: the rate limit, which
    counts submissions and never who sent them. Rows older than a day are deleted."""

    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["form", "hour"], name="submission_count_unique_hour")]

    def __str__(self) -> str:
        return f"{self.count} to form {self.form_id} in the hour from {self.hour:%H:%M}"


class UsedFormToken(models.Model):
    """The digest of a signed form token already used, so a token sends one feedback only.
    The token is random per page view and says nothing about who viewed the page."""

    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"used token {self.digest[:8]}…"
