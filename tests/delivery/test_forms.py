"""Forms: assembly from the bank, infeasibility in words, lock/publish, immutability, pages."""

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from aicert.audit.models import AuditEvent
from aicert.delivery import selectors, services
from aicert.delivery.models import Form, FormItem, FormStatus
from aicert.itembank.models import ItemStatus, ItemVersion
from aicert.optimize.explain import InfeasibleError
from tests.delivery.conftest import T0
from tests.factories import enrol_totp

pytestmark = pytest.mark.django_db


def _assemble(dworld, **kwargs):
    kwargs.setdefault("n_forms", 2)
    kwargs.setdefault("time_limit", 10.0)
    return services.form_assemble(actor=dworld.psychometrician, subject=dworld.subject, **kwargs)


def test_assembly_meets_the_blueprint_and_pins_versions(dworld, bank):
    forms = _assemble(dworld)
    assert [f.code for f in forms] == ["foundations-001", "foundations-002"]
    usable = {v.pk for v in bank}
    seen: list[int] = []
    for form in forms:
        assert form.status == FormStatus.DRAFT
        rows = list(form.items.select_related("item_version__item").order_by("position"))
        assert [r.position for r in rows] == [1, 2, 3, 4, 5]
        domains = Counter(r.item_version.item.domain_id for r in rows)
        assert domains == {dworld.domain_a.pk: 3, dworld.domain_b.pk: 2}
        # blueprint order: domain 1.1 first
        assert [r.item_version.item.domain_id for r in rows][:3] == [dworld.domain_a.pk] * 3
        assert {r.item_version_id for r in rows} <= usable  # never a draft or retired item
        seen += [r.item_version_id for r in rows]
        report = form.assembly_report
        assert report["solver"]["status"] in ("optimal", "time_limit")
        assert report["cut_information"] > 0
        assert len(report["information"]) == len(report["thetas"]) == len(report["tcc"])
        assert report["parameter_sources"] == {"intended_difficulty": len(bank)}
    assert len(seen) == len(set(seen))  # max_exposure=1: no item on both forms
    assert forms[0].assembly_batch == forms[1].assembly_batch
    assert AuditEvent.objects.filter(action="form.assemble").count() == 2


def test_assembly_keeps_enemies_apart(dworld, bank):
    a_versions = [v for v in bank if v.item.domain_id == dworld.domain_a.pk]
    first, second = a_versions[0].item, a_versions[1].item
    first.enemies.add(second)
    bank_data = selectors.assembly_bank_load(subject=dworld.subject)
    assert len(bank_data.enemy_sets) == 1
    forms = _assemble(dworld, n_forms=1)
    items = set(FormItem.objects.filter(form=forms[0]).values_list("item_version__item", flat=True))
    assert not {first.pk, second.pk} <= items


def test_calibrated_parameters_take_precedence(dworld, bank):
    # a very informative item at the cut is chosen when calibrated parameters say so
    star = bank[0]
    forms = _assemble(dworld, n_forms=1, parameters={star.pk: (3.0, 0.0, 0.0)})
    assert FormItem.objects.filter(form=forms[0], item_version=star).exists()
    assert forms[0].assembly_report["parameter_sources"]["calibrated"] == 1


def test_infeasible_assembly_explains_itself_in_words(dworld, bank):
    with pytest.raises(InfeasibleError) as info:
        _assemble(dworld, n_forms=4)  # four forms of 2 B items without sharing: 8 > 6
    text = " ".join(info.value.reasons)
    assert "1.2" in text and Form.objects.count() == 0


def test_subject_without_blueprint_is_refused(dworld, bank, english):
    dworld.subject.blueprint.all().delete()
    with pytest.raises(ValidationError, match="no blueprint"):
        _assemble(dworld)


def test_only_psychometricians_assemble_and_lock(dworld, bank):
    with pytest.raises(PermissionDenied):
        services.form_assemble(actor=dworld.writer, subject=dworld.subject)
    form = _assemble(dworld, n_forms=1)[0]
    with pytest.raises(PermissionDenied):
        services.form_lock(actor=dworld.admin, form=form)


def test_lock_publish_retire_and_illegal_transitions(dworld, bank, english):
    form = _assemble(dworld, n_forms=1)[0]
    with pytest.raises(ValidationError, match="cannot go from"):
        services.form_publish(actor=dworld.psychometrician, form=form)
    form = services.form_lock(actor=dworld.psychometrician, form=form, now=T0)
    assert form.locked_by == dworld.psychometrician and form.locked_at == T0
    form = services.form_publish(actor=dworld.psychometrician, form=form, now=T0)
    assert form.status == FormStatus.PUBLISHED and form.published_at == T0
    form = services.form_retire(actor=dworld.psychometrician, form=form, now=T0)
    assert form.status == FormStatus.RETIRED
    actions = AuditEvent.objects.filter(target_type="delivery.form", target_id=str(form.pk))
    assert {"form.locked", "form.published", "form.retired"} <= set(
        actions.values_list("action", flat=True)
    )


def test_locked_form_refuses_edits_in_services(dworld, bank, english):
    forms = _assemble(dworld)
    form = forms[0]
    position_one = form.items.get(position=1)
    spare = (
        ItemVersion.objects.filter(item__domain=dworld.domain_a, item__status=ItemStatus.ACTIVE)
        .exclude(form_items__isnull=False)
        .first()
    )
    replaced = services.form_item_replace(
        actor=dworld.psychometrician, form_item=position_one, item_version=spare
    )
    assert replaced.item_version == spare  # a draft may still change
    services.form_lock(actor=dworld.psychometrician, form=form)
    with pytest.raises(ValidationError, match="locked"):
        services.form_item_replace(
            actor=dworld.psychometrician, form_item=position_one, item_version=bank[0]
        )
    with pytest.raises(ValidationError, match="locked"):
        services.form_discard(actor=dworld.psychometrician, form=form)
    services.form_discard(actor=dworld.psychometrician, form=forms[1])  # a draft goes
    assert not Form.objects.filter(pk=forms[1].pk).exists()


def test_database_refuses_changes_to_a_locked_form(dworld, bank):
    form = _assemble(dworld, n_forms=1)[0]
    services.form_lock(actor=dworld.psychometrician, form=form)
    row = form.items.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        FormItem.objects.filter(pk=row.pk).update(position=99)
    with pytest.raises(IntegrityError), transaction.atomic():
        FormItem.objects.create(form=form, item_version=bank[-1], position=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        Form.objects.filter(pk=form.pk).update(status="draft", locked_at=None, locked_by=None)
    if connection.vendor == "postgresql":  # SQLite leaves deletes unguarded (test flushes)
        with pytest.raises(IntegrityError), transaction.atomic():
            FormItem.objects.filter(pk=row.pk).delete()
        with pytest.raises(IntegrityError), transaction.atomic():
            Form.objects.filter(pk=form.pk).delete()
    assert form.items.count() == 5


def test_exposure_leaves_out_items_on_live_forms(dworld, bank):
    first = _assemble(dworld, n_forms=1)[0]
    services.form_lock(actor=dworld.psychometrician, form=first)
    used = set(first.items.values_list("item_version__item", flat=True))
    second = _assemble(dworld, n_forms=1, max_prior_forms=1)[0]
    assert not used & set(second.items.values_list("item_version__item", flat=True))


# --- pages ---------------------------------------------------------------------------------------


@pytest.fixture
def psy_client(client, dworld):
    enrol_totp(dworld.psychometrician)
    client.force_login(dworld.psychometrician)
    return client


def test_psychometrician_assembles_previews_with_keys_and_locks(psy_client, dworld, bank):
    page = psy_client.get(reverse("delivery:form_list"))
    assert page.status_code == 200 and "assemble" in page.content.decode().lower()
    response = psy_client.post(
        reverse("delivery:form_assemble"),
        {
            "subject": dworld.subject.pk,
            "n_forms": 2,
            "cut_theta": 0,
            "max_exposure": 1,
            "objective_only": "on",
        },
    )
    assert response.status_code == 302
    form = Form.objects.order_by("code").first()
    detail = psy_client.get(reverse("delivery:form_detail", args=[form.pk]))
    html = detail.content.decode()
    stem = form.items.first().item_version.content_zh["stem"]
    assert stem in html and "key-mark" in html  # keys shown to the psychometrician
    psy_client.post(reverse("delivery:form_lock", args=[form.pk]))
    psy_client.post(reverse("delivery:form_publish", args=[form.pk]))
    form.refresh_from_db()
    assert form.status == FormStatus.PUBLISHED


def test_infeasible_assembly_page_lists_the_reasons(psy_client, dworld, bank):
    response = psy_client.post(
        reverse("delivery:form_assemble"),
        {"subject": dworld.subject.pk, "n_forms": 4, "cut_theta": 0, "max_exposure": 1},
    )
    assert response.status_code == 409
    assert "1.2" in response.content.decode() and Form.objects.count() == 0


def test_admin_sees_forms_without_keys_and_candidates_not_at_all(client, dworld, bank):
    form = _assemble(dworld, n_forms=1)[0]
    enrol_totp(dworld.admin)
    client.force_login(dworld.admin)
    html = client.get(reverse("delivery:form_detail", args=[form.pk])).content.decode()
    assert "key-mark" not in html
    client.force_login(dworld.candidate)
    assert client.get(reverse("delivery:form_list")).status_code == 403
    assert client.get(reverse("delivery:form_detail", args=[form.pk])).status_code == 403


def test_dashboard_links_psychometrician_to_forms(psy_client):
    html = psy_client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("delivery:form_list") in html


def test_forms_list_query_count_is_flat(psy_client, dworld, bank, django_assert_max_num_queries):
    _assemble(dworld)
    _assemble(dworld)
    with django_assert_max_num_queries(12):
        assert psy_client.get(reverse("delivery:form_list")).status_code == 200


def test_dates_are_aware(dworld, bank):
    form = _assemble(dworld, n_forms=1)[0]
    with pytest.raises(ValueError):
        services.form_lock(actor=dworld.psychometrician, form=form, now=dt.datetime(2026, 1, 1))  # noqa: DTZ001
