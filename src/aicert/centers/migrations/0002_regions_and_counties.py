"""Reference data: the four regions and Taiwan's 22 counties and cities (shared/reference/taiwan.md).

Which counties a *center* serves is separate, editable data; this only says where each county is.
"""

from django.db import migrations

from aicert.centers.reference_data import COUNTIES, REGIONS

def load(apps, schema_editor):
    Region = apps.get_model("centers", "Region")
    County = apps.get_model("centers", "County")
    regions = {}
    for code, zh, en, position in REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code, defaults={"name_zh": zh, "name_en": en, "position": position}
        )
    for position, (region, code, zh, en) in enumerate(COUNTIES, start=1):
        County.objects.update_or_create(
            code=code,
            defaults={"name_zh": zh, "name_en": en, "region": regions[region], "position": position},
        )


def unload(apps, schema_editor):
    apps.get_model("centers", "County").objects.filter(code__in=[c[1] for c in COUNTIES]).delete()
    apps.get_model("centers", "Region").objects.filter(code__in=[r[0] for r in REGIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("centers", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
