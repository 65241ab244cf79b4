from django.db import migrations

DEFAULT_OFFSETS = (90, 30, 7)


def add_offsets(apps, schema_editor):
    ReminderOffset = apps.get_model("credentials", "ReminderOffset")
    for days in DEFAULT_OFFSETS:
        ReminderOffset.objects.get_or_create(days_before=days)


def remove_offsets(apps, schema_editor):
    ReminderOffset = apps.get_model("credentials", "ReminderOffset")
    ReminderOffset.objects.filter(days_before__in=DEFAULT_OFFSETS).delete()


class Migration(migrations.Migration):
    dependencies = [("credentials", "0002_cpd_reminders_publication")]

    operations = [migrations.RunPython(add_offsets, remove_offsets)]
