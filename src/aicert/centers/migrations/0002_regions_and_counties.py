"""Reference data: the four regions and Taiwan's 22 counties and cities (shared/reference/taiwan.md).

Which counties a *center* serves is separate, editable data; this only says where each county is.
"""

from django.db import migrations

REGIONS = [
    ("north", "北區", "North", 1),
    ("central", "中區", "Central", 2),
    ("south", "南區", "South", 3),
    ("east", "東區及離島", "East and islands", 4),
]

COUNTIES = [
    ("north", "taipei-city", "臺北市", "Taipei City"),
    ("north", "new-taipei-city", "新北市", "New Taipei City"),
    ("north", "keelung-city", "基隆市", "Keelung City"),
    ("north", "taoyuan-city", "桃園市", "Taoyuan City"),
    ("north", "hsinchu-city", "新竹市", "Hsinchu City"),
    ("north", "hsinchu-county", "新竹縣", "Hsinchu County"),
    ("north", "yilan-county", "宜蘭縣", "Yilan County"),
    ("central", "miaoli-county", "苗栗縣", "Miaoli County"),
    ("central", "taichung-city", "臺中市", "Taichung City"),
    ("central", "changhua-county", "彰化縣", "Changhua County"),
    ("central", "nantou-county", "南投縣", "Nantou County"),
    ("south", "yunlin-county", "雲林縣", "Yunlin County"),
    ("south", "chiayi-city", "嘉義市", "Chiayi City"),
    ("south", "chiayi-county", "嘉義縣", "Chiayi County"),
    ("south", "tainan-city", "臺南市", "Tainan City"),
    ("south", "kaohsiung-city", "高雄市", "Kaohsiung City"),
    ("south", "pingtung-county", "屏東縣", "Pingtung County"),
    ("east", "hualien-county", "花蓮縣", "Hualien County"),
    ("east", "taitung-county", "臺東縣", "Taitung County"),
    ("east", "penghu-county", "澎湖縣", "Penghu County"),
    ("east", "kinmen-county", "金門縣", "Kinmen County"),
    ("east", "lienchiang-county", "連江縣", "Lienchiang County"),
]


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
