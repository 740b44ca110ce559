"""Closed business: what of the board's business was born in closed session, or has been
put there since, and so never reaches those who may not see it.

One rule per kind of record: its model's `closed_lookups` name where its part is recorded
("minute__part": a resolution is closed with its minute). The queryset filters many records
by them (`open_part`, `visible`) and `is_closed` follows them on one, so a page and a list
cannot disagree. The models of board business derive from `Business`."""

from __future__ import annotations

from django.db import models

from .choices import Part


class BusinessQuerySet(models.QuerySet):
    """Board business that can be born in closed session. `open_part()` keeps only what
    was not; `visible(closed_ok=...)` is the one filter every list, page, search and
    feed applies (see daboard.board.queries.common.visible). Where a record's part is
    recorded is its model's `closed_lookups`."""

    def open_part(self):
        open_only = self
        for lookup in self.model.closed_lookups:
            open_only = open_only.exclude(**{lookup: Part.CLOSED})
        return open_only

    def visible(self, *, closed_ok: bool):
        return self if closed_ok else self.open_part()


class PaperQuerySet(BusinessQuerySet):
    """Papers: closed with their item; for those who may not see closed business, only
    once the agenda is published."""

    def published(self):
        return self.filter(item__meeting__agenda_published_at__isnull=False)

    def visible(self, *, closed_ok: bool):
        return self if closed_ok else self.open_part().published()


class Business(models.Model):
    """Board business that can be closed. `closed_lookups` say where its part is recorded
    ("minute__part": a resolution is closed with its minute); it is closed if any of them
    is. The queryset filters many records by them and `is_closed` follows them on one, so a
    page and a list read one rule and cannot disagree."""

    closed_lookups: tuple[str, ...] = ("part",)

    objects = BusinessQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_closed(self) -> bool:
        return any(self._closed_by(lookup.split("__")) for lookup in self.closed_lookups)

    def _closed_by(self, steps: list[str]) -> bool:
        value = self
        for at, step in enumerate(steps):
            if isinstance(value, models.Manager):
                # Many records on the way (a promised report on several agendas): ask the database.
                return value.filter(**{"__".join(steps[at:]): Part.CLOSED}).exists()
            try:
                value = getattr(value, step)
            except ValueError:  # an unsaved record has no related records yet
                return False
            if value is None:
                return False
        return value == Part.CLOSED
