"""Reference data: the four regions and Taiwan's 22 counties and cities (shared/reference/taiwan.md).

Loaded by migration 0002 and, idempotently, by :func:`aicert.centers.services.reference_data_load`
(which the demo seed calls, so a flushed test database gets it back). Which counties a *center*
serves is separate, editable data.
"""

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

#: Registered population of each county at the end of 2024, as published in January 2025 by
#: the Ministry of the Interior's Department of Household Registration (戶政司 人口統計資料,
#: 「縣市人口數」, https://www.ris.gov.tw/app/portal/346), rounded to the thousand. They are the
#: denominators of the reports' "per 10,000 inhabitants" figures, where a rounding of 0.1 %
#: does not change a shown digit; refresh them yearly from the same table.
COUNTY_POPULATION = {
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
