"""Every filter form's optional selects offer "All" (「全部」) as their empty choice, never
Django's "---------", a bare dash or a word of its own."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from aicert.analysis.forms import FlagFilterForm
from aicert.credentials.forms import SearchForm
from aicert.itembank.forms import CoverageFilterForm, ItemFilterForm
from aicert.itembank.interchange.forms import ExportFilterForm
from aicert.scheduling.forms import CalendarFilterForm
from aicert.talent.forms import TalentSearchForm

pytestmark = pytest.mark.django_db

FILTER_FORMS = [
    CalendarFilterForm,
    SearchForm,
    ItemFilterForm,
    CoverageFilterForm,
    ExportFilterForm,
    TalentSearchForm,
    FlagFilterForm,
]
EMPTY_OPTION = re.compile(r'<option value=""[^>]*>([^<]*)</option>')


@pytest.mark.parametrize(("language", "word"), [("en", "All"), ("zh-hant", "全部")])
@pytest.mark.parametrize("form_class", FILTER_FORMS, ids=lambda c: c.__name__)
def test_the_empty_choice_of_a_filter_reads_all(form_class, language, word):
    with translation.override(language):
        html = str(form_class())
    empty = EMPTY_OPTION.findall(html)
    assert empty, f"{form_class.__name__} has no optional select"
    assert set(empty) == {word}
