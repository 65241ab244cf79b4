"""Item pages through the test client: who sees what, and the single-choice editor end to end."""

import pytest
from django.urls import reverse

from aicert.accounts.permissions import scope_queryset, user_can
from aicert.audit.models import AuditEvent
from aicert.itembank import services
from aicert.itembank.models import Item, ItemStatus, ReviewAssignment
from tests.itembank.conftest import ALL_TICKED

pytestmark = pytest.mark.django_db


def _form_data(world, key=1, stem="下列何者是監督式學習？", **extra) -> dict:
    data = {
        "level": world.level.pk,
        "subject": world.subject.pk,
        "domain": world.domain.pk,
        "cognitive_level": "understand",
        "difficulty": "medium",
        "key": key,
        "stem_zh": stem,
        "stem_en": "Which one is supervised learning?",
    }
    for i, (zh, en) in enumerate(
        [
            ("K-means", "K-means"),
            ("線性迴歸", "Linear regression"),
            ("PCA", "PCA"),
            ("Apriori", "Apriori"),
        ]
    ):
        data[f"option{i}_zh"], data[f"option{i}_en"] = zh, en
        data[f"rationale{i}_zh"] = f"理由 {i}"
    data.update(extra)
    return data


def test_candidate_and_center_manager_are_kept_out(world, make_item, login):
    item = make_item()
    for person in (world.candidate, world.manager):
        client = login(person)
        assert client.get(reverse("itembank:item_list")).status_code == 403
        assert client.get(reverse("itembank:item_detail", args=[item.pk])).status_code == 403
        assert client.get(reverse("itembank:item_create")).status_code == 403
        assert client.get(reverse("itembank:review_queue")).status_code == 403
        assert not user_can(person, "itembank.view_itemversion", item.versions.get())


def test_writer_sees_own_items_reviewer_only_assigned_psychometrician_all(
    world, make_item, in_review
):
    own = make_item()
    other = make_item(author=world.co_author)
    visible = lambda user: set(scope_queryset(user, "itembank.view_item", Item.objects.all()))  # noqa: E731
    assert visible(world.writer) == {own, in_review}
    assert visible(world.co_author) == {other}
    assert visible(world.reviewer) == {in_review}
    assert visible(world.reviewer3) == set()
    assert visible(world.psychometrician) == visible(world.lead) == {own, other, in_review}
    assert not user_can(world.psychometrician, "itembank.change_item", own)
    assert user_can(world.writer, "itembank.change_item", own)
    assert not user_can(world.writer, "itembank.change_item", other)


def test_reviewer_cannot_open_an_unassigned_review(world, in_review, login):
    assignment = ReviewAssignment.objects.get(reviewer=world.reviewer)
    client = login(world.reviewer3)
    assert client.get(reverse("itembank:review_decide", args=[assignment.pk])).status_code == 404
    assert client.get(reverse("itembank:item_detail", args=[in_review.pk])).status_code == 404
    # The writer (not a reviewer) gets 403 on the review pages
    writer = login(world.writer)
    assert writer.get(reverse("itembank:review_decide", args=[assignment.pk])).status_code == 403


def test_writer_creates_edits_and_submits_through_the_pages(world, login):
    client = login(world.writer)
    response = client.post(reverse("itembank:item_create"), _form_data(world))
    assert response.status_code == 302
    item = Item.objects.get()
    version = item.versions.get()
    assert version.content_zh["options"][1] == {
        "text": "線性迴歸",
        "rationale": "理由 1",
        "correct": True,
    }
    assert version.content_en["stem"] == "Which one is supervised learning?"

    page = client.get(reverse("itembank:item_detail", args=[item.pk]))
    assert page.status_code == 200 and "線性迴歸" in page.content.decode()

    edit = client.get(reverse("itembank:item_edit", args=[item.pk]))
    assert edit.context["form"].initial["key"] == 1
    response = client.post(
        reverse("itembank:item_edit", args=[item.pk]),
        _form_data(world, key=2, stem="修訂題幹", change_note="new key"),
    )
    assert response.status_code == 302
    assert item.versions.count() == 2

    client.post(reverse("itembank:item_submit", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="item.submit", actor=world.writer).exists()


def test_invalid_item_form_shows_errors_and_saves_nothing(world, login):
    client = login(world.writer)
    data = _form_data(world, stem="")
    data["option2_zh"] = data["option1_zh"]  # duplicate option text
    response = client.post(reverse("itembank:item_create"), data)
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(
        reverse("itembank:item_create"), _form_data(world, option2_zh="線性迴歸")
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Item.objects.exists()


def test_list_filters_by_text_status_and_type(
    world, make_item, login, django_assert_max_num_queries
):
    first = make_item()
    second = make_item(
        item_type="true_false",
        content_zh={"stem": "生成式 AI 會產生幻覺", "key": True},
        content_en={},
    )
    client = login(world.lead)
    url = reverse("itembank:item_list")
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert len(page.context["page"].object_list) == 2
    assert [i.pk for i in client.get(url, {"q": "幻覺"}).context["page"]] == [second.pk]
    assert [i.pk for i in client.get(url, {"item_type": "single_choice"}).context["page"]] == [
        first.pk
    ]
    assert [i.pk for i in client.get(url, {"q": f"ITM-{first.pk:06d}"}).context["page"]] == [
        first.pk
    ]
    assert not client.get(url, {"status": "active"}).context["page"].object_list
    assert (
        len(client.get(url, {"level": world.level.pk, "domain": world.domain.pk}).context["page"])
        == 2
    )


def test_reviewer_queue_and_review_form(world, in_review, login):
    client = login(world.reviewer)
    queue = client.get(reverse("itembank:review_queue"))
    assignment = ReviewAssignment.objects.get(reviewer=world.reviewer)
    assert list(queue.context["assignments"]) == [assignment]
    url = reverse("itembank:review_decide", args=[assignment.pk])
    assert client.get(url).status_code == 200
    # Approving without the full checklist is refused on the form
    response = client.post(url, {"decision": "approve", "check_key_correct": "on"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    data = {f"check_{k}": "on" for k in ALL_TICKED} | {"decision": "approve", "comment": "好"}
    assert client.post(url, data).status_code == 302
    assignment.refresh_from_db()
    assert assignment.decision == "approve" and assignment.checklist == ALL_TICKED
    assert client.get(url).status_code == 404  # decided: gone from the queue


def test_lead_assigns_reviewers_and_activates_through_pages(world, make_item, login):
    item = make_item()
    services.item_submit(actor=world.writer, item=item)
    client = login(world.lead)
    page = client.get(reverse("itembank:item_detail", args=[item.pk]))
    choices = set(page.context["assign_form"].fields["reviewer"].queryset)
    assert choices == {world.reviewer, world.reviewer2, world.reviewer3}
    client.post(reverse("itembank:review_assign", args=[item.pk]), {"auto": "1"})
    assert ReviewAssignment.objects.filter(version__item=item).count() == 2
    for assignment in ReviewAssignment.objects.filter(version__item=item):
        services.review_decide(
            actor=assignment.reviewer,
            assignment=assignment,
            decision="approve",
            checklist=ALL_TICKED,
        )
    client.post(reverse("itembank:item_activate", args=[item.pk]), {"action": "activate"})
    item.refresh_from_db()
    assert item.status == ItemStatus.ACTIVE


def test_dashboard_links_to_the_item_bank(world, login):
    page = login(world.writer).get(reverse("portal:dashboard")).content.decode()
    assert reverse("itembank:item_create") in page
    page = login(world.reviewer).get(reverse("portal:dashboard")).content.decode()
    assert reverse("itembank:review_queue") in page
