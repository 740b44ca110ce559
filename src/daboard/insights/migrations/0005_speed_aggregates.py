import django.db.models.deletion
from django.db import migrations, models


def build(apps, schema_editor):
    """Aggregates for the versions already stored, from their case rows."""
    ReturnSubmission = apps.get_model("returns", "ReturnSubmission")
    if not ReturnSubmission.objects.exists():
        return
    from daboard.insights.aggregates import aggregates_rebuild

    aggregates_rebuild(acting_user=None)


class Migration(migrations.Migration):

    dependencies = [
        ('commissioning', '0002_contract_support_category'),
        ('core', '0006_alter_apitoken_created_at_alter_auditentry_at'),
        ('insights', '0004_seeds_needs_review_optional'),
        ('returns', '0005_voice_followups'),
    ]

    operations = [
        migrations.CreateModel(
            name='SubmissionAggregate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period', models.CharField(max_length=10)),
                ('residence', models.CharField(max_length=11)),
                ('measures', models.JSONField(help_text='Measure name to count or sum; zeros left out.')),
                ('contract', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='commissioning.contract')),
                ('council', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.council')),
                ('provider', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.organisation')),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aggregates', to='returns.returnsubmission')),
            ],
            options={
                'indexes': [models.Index(fields=['period', 'council'], name='insights_su_period_a40dc8_idx'), models.Index(fields=['period', 'provider'], name='insights_su_period_f24805_idx'), models.Index(fields=['period', 'contract'], name='insights_su_period_1ff17a_idx')],
                'constraints': [models.UniqueConstraint(fields=('submission', 'residence'), name='aggregate_once')],
            },
        ),
        migrations.RunPython(build, migrations.RunPython.noop),
    ]
