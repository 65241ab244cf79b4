from decimal import Decimal

from django.db import migrations


def forwards(apps, schema_editor):
    ScoringPolicy = apps.get_model("scoring", "ScoringPolicy")
    if not ScoringPolicy.objects.filter(subject__isnull=True).exists():
        ScoringPolicy.objects.create(
            subject=None,
            adjudication_threshold=Decimal(1),
            challenge_window_days=3,
            appeal_window_days=14,
        )


def backwards(apps, schema_editor):
    apps.get_model("scoring", "ScoringPolicy").objects.filter(subject__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("scoring", "0001_marking_challenges_appeals")]

    operations = [migrations.RunPython(forwards, backwards)]
