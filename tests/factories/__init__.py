"""factory_boy factories for tests, one module an app (accounts, centers, catalog, itembank,
scheduling, registration, delivery), and the few builders that go with them.

Import from here: ``from tests.factories import SessionFactory, person``.
"""

from tests.factories.accounts import (
    FoundationFactory,
    OrganisationFactory,
    UserFactory,
    enrol_totp,
    grant,
    person,
)
from tests.factories.catalog import (
    BlueprintEntryFactory,
    CertificationFactory,
    CompetencyDomainFactory,
    LevelFactory,
    PassRuleFactory,
    SubjectFactory,
    TrainingCourseFactory,
    planner_subject,
)
from tests.factories.centers import (
    CenterFactory,
    InvigilatorFactory,
    RoomFactory,
    VenueFactory,
)
from tests.factories.delivery import (
    AttemptFactory,
    FormFactory,
    FormItemFactory,
    ResponseFactory,
    form_of,
    form_publish,
)
from tests.factories.itembank import CONTENT, ItemFactory, ItemVersionFactory, choice
from tests.factories.registration import RegistrationFactory
from tests.factories.scheduling import InvigilatorAssignmentFactory, SessionFactory, roster

__all__ = [
    "CONTENT",
    "AttemptFactory",
    "BlueprintEntryFactory",
    "CenterFactory",
    "CertificationFactory",
    "CompetencyDomainFactory",
    "FormFactory",
    "FormItemFactory",
    "FoundationFactory",
    "InvigilatorAssignmentFactory",
    "InvigilatorFactory",
    "ItemFactory",
    "ItemVersionFactory",
    "LevelFactory",
    "OrganisationFactory",
    "PassRuleFactory",
    "RegistrationFactory",
    "ResponseFactory",
    "RoomFactory",
    "SessionFactory",
    "SubjectFactory",
    "TrainingCourseFactory",
    "UserFactory",
    "VenueFactory",
    "choice",
    "enrol_totp",
    "form_of",
    "form_publish",
    "grant",
    "person",
    "planner_subject",
    "roster",
]
