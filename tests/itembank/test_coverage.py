"""Blueprint coverage, list filters and bulk actions on a small fixture."""

import csv
import io

import pytest
from django.urls import reverse

from aicert.itembank import selectors, services
from aicert.itembank.models import Item, ItemStatus, ReviewAssignment
from tests.factories import BlueprintEntryFactory, CompetencyDomainFactory, SubjectFactory
from tests.itembank.conftest import ALL_TICKED, single_choice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _approve(world, item, activate=False):
    services.item_submit(actor=world.writer, item=item)
    for assignment in services.review_assign_auto(actor=world.lead, item=item):
        services.review_decide(
            actor=assignment.reviewer,
            assignment=assignment,
            decision="approve",
            checklist=ALL_TICKED,
        )
    if activate:
        services.item_activate(actor=world.lead, item=item)
    item.refresh_from_db()
    return item


@pytest.fixture
def blueprint(world):
    """Subject 1: domain 2 (3 items/form; 2.1 is its child), domain 3 (1 item/form)."""
    child = CompetencyDomainFactory(
        certification=world.domain.certification,
        parent=world.domain,
        code="2.1",
        name_zh="模型評估",
        name_en="Model evaluation",
    )
    second = SubjectFactory(
        level=world.level, code="practice", name_zh="實務", name_en="Practice",
        duration_minutes=60, item_count=10, position=2,
    )  # fmt: skip
    BlueprintEntryFactory(
        subject=world.subject, domain=world.domain, weight_percent=75, item_count=3
    )
    BlueprintEntryFactory(
        subject=world.subject, domain=world.other_domain, weight_percent=25, item_count=1
    )
    BlueprintEntryFactory(subject=second, domain=world.domain, weight_percent=100, item_count=2)
    return child, second


def test_coverage_counts_approved_and_active_items_against_two_forms(world, make_item, blueprint):
    child, second = blueprint
    # Given: on (subject, domain 2): one approved, one active on the child domain 2.1,
    # one draft and one retired (neither counts)
    _approve(world, make_item())
    _approve(world, make_item(domain=child), activate=True)
    make_item()
    retired = _approve(world, make_item(), activate=True)
    services.item_retire(actor=world.lead, item=retired)
    # two approved items on domain 3 (more than the 2 needed), none in the second subject
    _approve(world, make_item(domain=world.other_domain))
    _approve(world, make_item(domain=world.other_domain))

    rows = {(r.subject.code, r.domain.code): r for r in selectors.blueprint_coverage()}

    assert [(r.needed, r.available, r.shortfall) for r in rows.values()] == [
        (6, 2, 4),
        (2, 2, 0),
        (4, 0, 4),
    ]
    assert rows[("foundations", "2")].percent == 33
    assert rows[("practice", "2")].shortfall == 4


def test_coverage_page_highlights_shortfalls_and_is_for_psychometrics(world, login, blueprint):
    page = login(world.psychometrician).get(reverse("itembank:blueprint_coverage"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="shortfall"') == 3
    assert page.context["total_needed"] == 12 and page.context["total_shortfall"] == 12
    assert login(world.writer).get(reverse("itembank:blueprint_coverage")).status_code == 403


def test_list_filters_by_domain_tree_language_and_reviewer(
    world, make_item, blueprint, login, django_assert_max_num_queries
):
    child, _ = blueprint
    on_child = make_item(domain=child, content_en={})
    on_other = make_item(domain=world.other_domain)
    reviewed = make_item()
    services.item_submit(actor=world.writer, item=reviewed)
    services.review_assign(actor=world.lead, item=reviewed, reviewer=world.reviewer3)
    client = login(world.lead)
    url = reverse("itembank:item_list")

    def pks(**params):
        return {i.pk for i in client.get(url, params).context["page"]}

    assert pks(domain=world.domain.pk) == {on_child.pk, reviewed.pk}  # 2 takes in 2.1
    assert pks(domain=child.pk) == {on_child.pk}
    assert pks(language="missing_en") == {on_child.pk}
    assert pks(language="complete") == {on_other.pk, reviewed.pk}
    assert pks(reviewer=world.reviewer3.pk) == {reviewed.pk}
    with django_assert_max_num_queries(14):
        html = client.get(url).content.decode()
    assert html.count('class="badge lang-missing"') == 1 and "reviewer3" in html


def test_bulk_assign_spreads_by_load_and_reports_per_item(world, make_item, login):
    items = [make_item() for _ in range(3)]
    for item in items[:2]:
        services.item_submit(actor=world.writer, item=item)
    client = login(world.lead)
    response = client.post(
        reverse("itembank:item_bulk"),
        {"action": "assign_reviewers", "items": [i.pk for i in items]},
    )
    assert response.status_code == 200
    results = {r.item.pk: r for r in response.context["results"]}
    assert results[items[0].pk].ok and results[items[1].pk].ok
    assert not results[items[2].pk].ok  # still a draft: refused, the others went through
    loads = sorted(ReviewAssignment.objects.values_list("reviewer__email", flat=True))
    # Four assignments over three reviewers: nobody has more than two.
    assert len(loads) == 4 and max(loads.count(e) for e in set(loads)) == 2


def test_bulk_retire_and_the_writer_cannot(world, make_item, login):
    active = _approve(world, make_item(), activate=True)
    draft = make_item()
    response = login(world.writer).post(
        reverse("itembank:item_bulk"), {"action": "retire", "items": [active.pk, draft.pk]}
    )
    assert not any(r.ok for r in response.context["results"])
    response = login(world.lead).post(
        reverse("itembank:item_bulk"), {"action": "retire", "items": [active.pk, draft.pk]}
    )
    outcome = {r.item.pk: r.ok for r in response.context["results"]}
    assert outcome == {active.pk: True, draft.pk: False}
    active.refresh_from_db()
    assert active.status == ItemStatus.RETIRED


def test_bulk_export_csv_of_metadata_only_for_visible_items(world, make_item, login):
    mine = make_item()
    mine.extra_domains.add(world.other_domain)
    theirs = make_item(author=world.co_author, content_zh=single_choice(stem="別人的題目"))
    response = login(world.writer).post(
        reverse("itembank:item_bulk"), {"action": "export_csv", "items": [mine.pk, theirs.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == list(selectors.EXPORT_HEADER)
    assert len(rows) == 2  # the co-author's item is not the writer's to export
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["code"] == mine.code and row["extra_domains"] == "3"
    assert row["languages"] == "zh+en" and row["item_type"] == "single_choice"
    assert "監督式" not in response.content.decode("utf-8-sig")  # no stems or keys
    assert Item.objects.count() == 2
