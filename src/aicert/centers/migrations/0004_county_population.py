"""Counties carry their registered population (reference data: end of 2024, see
``aicert.centers.reference_data.COUNTY_POPULATION`` for the source), for per-capita report figures."""

from django.db import migrations, models

# A frozen copy: a migration must not change when the reference module is refreshed next year.
POPULATION_END_2024 = {
    "new-taipei-city": 4_047_000,
    "taichung-city": 2_861_000,
    "kaohsiung-city": 2_727_000,
    "taipei-city": 2_490_000,
    "taoyuan-city": 2_332_000,
    "tainan-city": 1_851_000,
    "changhua-county": 1_238_000,
    "pingtung-county": 796_000,
    "yunlin-county": 662_000,
    "hsinchu-county": 592_000,
    "miaoli-county": 534_000,
    "chiayi-county": 480_000,
    "nantou-county": 476_000,
    "hsinchu-city": 458_000,
    "yilan-county": 449_000,
    "keelung-city": 362_000,
    "hualien-county": 316_000,
    "chiayi-city": 263_000,
    "taitung-county": 213_000,
    "kinmen-county": 145_000,
    "penghu-county": 108_000,
    "lienchiang-county": 14_000,
}


def load(apps, schema_editor):
    County = apps.get_model("centers", "County")
    for code, population in POPULATION_END_2024.items():
        County.objects.filter(code=code).update(population=population)


def unload(apps, schema_editor):
    apps.get_model("centers", "County").objects.update(population=None)


class Migration(migrations.Migration):
    dependencies = [("centers", "0003_invigilator_relatives")]

    operations = [
        migrations.AddField(
            model_name="county",
            name="population",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="population"),
        ),
        migrations.RunPython(load, unload),
    ]
