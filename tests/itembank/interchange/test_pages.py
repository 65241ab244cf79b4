"""The import and export pages through the test client: who may, and the whole flow."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aicert.audit.models import AuditEvent
from aicert.itembank.interchange import services as interchange
from aicert.itembank.models import Item
from tests.itembank.interchange.test_qti_roundtrip import assert_same_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def english(client):
    """Pages in English, so the assertions can read the messages."""
    client.cookies["aicert_language"] = "en"


def test_people_without_item_roles_get_403(world, make_item, login):
    item = make_item()
    for person in (world.candidate, world.manager, world.reviewer, world.psychometrician):
        client = login(person)
        assert client.get(reverse("itembank:item_import")).status_code == 403
        assert client.post(reverse("itembank:item_import_confirm")).status_code == 403
        assert client.get(reverse("itembank:item_export")).status_code == 403
        response = client.post(
            reverse("itembank:item_export"), {"items": [item.pk], "format": "qti30"}
        )
        assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="itembank.export").exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("itembank:item_import"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_export_download_is_audited(world, item_of, login):
    items = [item_of("single_choice"), item_of("matching")]
    client = login(world.writer)
    page = client.get(reverse("itembank:item_export"))
    assert page.status_code == 200 and items[0].code in page.content.decode()

    response = client.post(
        reverse("itembank:item_export"),
        {"items": [i.pk for i in items], "format": "qti21", "scope": "selected"},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    events = AuditEvent.objects.filter(action="itembank.export").order_by("target_id")
    assert [e.target_id for e in events] == [str(i.pk) for i in items]
    assert all(e.actor == world.writer and e.changes["format"] == "qti21" for e in events)
    assert events[0].changes["version"] == 1


def test_export_page_queries_do_not_grow_with_items(
    world, item_of, login, django_assert_max_num_queries
):
    for _ in range(3):
        item_of("single_choice")
    client = login(world.lead)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("itembank:item_export"))
    for _ in range(6):
        item_of("numeric")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("itembank:item_export"))


def test_export_of_the_filtered_list(world, item_of, login):
    item_of("single_choice")
    numeric = item_of("numeric")
    client = login(world.lead)
    response = client.post(
        reverse("itembank:item_export"),
        {"item_type": "numeric", "format": "qti30", "scope": "filtered"},
    )
    assert response.status_code == 200
    exported = AuditEvent.objects.filter(action="itembank.export")
    assert [e.target_id for e in exported] == [str(numeric.pk)]


def test_a_writer_cannot_export_someone_elses_items(world, item_of, login):
    other = item_of("single_choice", author=world.co_author)
    client = login(world.writer)
    assert world.writer != other.author
    page = client.get(reverse("itembank:item_export"))
    assert other.code not in page.content.decode()
    response = client.post(reverse("itembank:item_export"), {"items": [other.pk], "format": "csv"})
    assert response.status_code == 403


def test_unfit_table_export_shows_the_reason(world, item_of, login, english):
    numeric = item_of("numeric")
    client = login(world.writer)
    response = client.post(
        reverse("itembank:item_export"), {"items": [numeric.pk], "format": "csv"}, follow=True
    )
    assert numeric.code in response.content.decode()
    assert "fit a table" in response.content.decode()


def test_import_upload_preview_confirm(world, item_of, login, english):
    original = item_of("ordering")
    export = interchange.items_export(actor=world.lead, pks=[original.pk], fmt="qti30")
    client = login(world.writer)
    assert client.get(reverse("itembank:item_import")).status_code == 200

    preview = client.post(
        reverse("itembank:item_import"),
        {"upload": SimpleUploadedFile("items.zip", export.data, "application/zip")},
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "No problems found." in html and original.code in html
    assert Item.objects.count() == 1  # nothing written yet
    token = preview.context["token"]

    done = client.post(reverse("itembank:item_import_confirm"), {"token": token})

    assert done.status_code == 200
    (copy,) = done.context["result"].created
    assert_same_item(original, copy)
    assert copy.author == world.writer
    # The pending upload is gone: confirming twice does nothing.
    again = client.post(reverse("itembank:item_import_confirm"), {"token": token}, follow=True)
    assert "expired" in again.content.decode()
    assert Item.objects.count() == 2


def test_import_preview_lists_problems_and_partial_import_needs_consent(world, login, english):
    from tests.itembank.interchange.test_problems import HOTSPOT_ITEM, choice_item, foreign_package

    data = foreign_package(("good.xml", choice_item("GOOD", "zh-Hant")), ("hot.xml", HOTSPOT_ITEM))
    client = login(world.writer)
    preview = client.post(
        reverse("itembank:item_import"),
        {
            "upload": SimpleUploadedFile("foreign.zip", data),
            "level": world.level.pk,
            "subject": world.subject.pk,
            "domain": world.domain.pk,
            "cognitive_level": "apply",
            "difficulty": "easy",
        },
    )
    html = preview.content.decode()
    assert "hot.xml, line 6, &lt;hotspotInteraction&gt;" in html
    assert 'name="accept_partial"' in html
    token = preview.context["token"]

    refused = client.post(reverse("itembank:item_import_confirm"), {"token": token})
    assert refused.status_code == 200 and not Item.objects.exists()

    done = client.post(
        reverse("itembank:item_import_confirm"), {"token": token, "accept_partial": "1"}
    )
    assert [i.versions.get().content_zh["stem"] for i in done.context["result"].created] == [
        "Which one?"
    ]


def test_refused_upload_shows_why_and_offers_no_confirmation(world, login, english):
    client = login(world.lead)
    preview = client.post(
        reverse("itembank:item_import"), {"upload": SimpleUploadedFile("x.zip", b"not a zip")}
    )
    html = preview.content.decode()
    assert "Not a readable zip file" in html
    assert preview.context["token"] == ""
    assert "item_import_confirm" not in html and 'name="token"' not in html


def test_someone_elses_token_is_useless(world, item_of, login, english, client):
    export = interchange.items_export(
        actor=world.lead, pks=[item_of("single_choice").pk], fmt="qti30"
    )
    writer = login(world.writer)
    token = writer.post(
        reverse("itembank:item_import"), {"upload": SimpleUploadedFile("a.zip", export.data)}
    ).context["token"]
    writer.logout()
    lead = login(world.lead)
    lead.cookies["aicert_language"] = "en"  # logging out dropped the cookie
    response = lead.post(reverse("itembank:item_import_confirm"), {"token": token}, follow=True)
    assert "expired" in response.content.decode()
    assert Item.objects.count() == 1
