"""The factories build rows the models accept: each passes its own validation."""

import pytest

from tests import factories as f

FACTORIES = [
    f.UserFactory,
    f.OrganisationFactory,
    f.CenterFactory,
    f.VenueFactory,
    f.RoomFactory,
    f.InvigilatorFactory,
    f.CertificationFactory,
    f.LevelFactory,
    f.SubjectFactory,
    f.CompetencyDomainFactory,
    f.BlueprintEntryFactory,
    f.PassRuleFactory,
    f.TrainingCourseFactory,
    f.ItemFactory,
    f.ItemVersionFactory,
    f.SessionFactory,
    f.InvigilatorAssignmentFactory,
    f.RegistrationFactory,
    f.FormFactory,
    f.FormItemFactory,
    f.AttemptFactory,
    f.ResponseFactory,
]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_factory_builds_a_valid_row(db, factory):
    # Given a factory with its defaults, when it builds two rows, then both are valid and apart.
    first, second = factory(), factory()
    for row in (first, second):
        row.full_clean()
    assert first.pk != second.pk


@pytest.mark.parametrize("item_type", sorted(f.CONTENT))
def test_item_versions_of_every_type_have_deliverable_content(db, item_type):
    from aicert.itembank.content import content_validate

    version = f.ItemVersionFactory(item_type=item_type)
    assert version.content_zh == f.CONTENT[item_type]
    content_validate(item_type=item_type, content_zh=version.content_zh, content_en={})


def test_the_planner_catalogue_traits(db):
    subject = f.planner_subject(f.FoundationFactory())
    assert (subject.code, subject.level.code, subject.level.certification.code) == (
        "foundations",
        "associate",
        "aap",
    )


@pytest.mark.parametrize(
    "trait",
    ["pending_payment", "waitlisted", "offered", "checked_in", "sat", "absent", "cancelled"],
)
def test_registration_traits_set_the_status(db, trait):
    assert f.RegistrationFactory(**{trait: True}).status == trait
