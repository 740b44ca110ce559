"""'Closed' is inherited: bring every minute's part into line with its agenda item's, and
the search index's closed flags into line with the minutes and items (records made before
the rule could disagree: an item switched to closed after its minute was written)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def align(apps, schema_editor):
    AgendaItem = apps.get_model("board", "AgendaItem")
    MinuteItem = apps.get_model("board", "MinuteItem")
    Resolution = apps.get_model("board", "Resolution")
    Paper = apps.get_model("board", "Paper")
    SearchEntry = apps.get_model("board", "SearchEntry")
    item_part = AgendaItem.objects.filter(pk=OuterRef("agenda_item_id")).values("part")[:1]
    for minute in MinuteItem.objects.filter(agenda_item__isnull=False).annotate(item_part=Subquery(item_part)):
        if minute.item_part and minute.part != minute.item_part:
            MinuteItem.objects.filter(pk=minute.pk).update(part=minute.item_part)
    closed_minutes = MinuteItem.objects.filter(part="closed").values("pk")
    closed_items = AgendaItem.objects.filter(part="closed").values("pk")
    SearchEntry.objects.filter(kind="minute", object_id__in=closed_minutes).update(closed=True)
    SearchEntry.objects.filter(kind="resolution", object_id__in=Resolution.objects.filter(
        minute__part="closed").values("pk")).update(closed=True)
    SearchEntry.objects.filter(kind="agenda", object_id__in=closed_items).update(closed=True)
    SearchEntry.objects.filter(kind="paper", object_id__in=Paper.objects.filter(
        item__part="closed").values("pk")).update(closed=True)


class Migration(migrations.Migration):

    dependencies = [
        ("board", "0004_alter_action_created_at_alter_actionupdate_at_and_more"),
    ]

    operations = [
        migrations.RunPython(align, migrations.RunPython.noop),
    ]
