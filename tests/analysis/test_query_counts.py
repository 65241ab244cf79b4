"""The analysis list pages (runs, flagged items) make the same number of queries for few rows
as for many."""

from django.urls import reverse

from aicert.analysis.models import AnalysisRun
from aicert.itembank.models import ItemStatistics
from tests.factories import person
from tests.queries import assert_queries_do_not_grow, matches


def test_run_list_queries_do_not_grow_with_runs(aworld, staff_login):
    # Given stored analyses by different people, of the whole form or of its one session,
    def analyse(start, stop):
        for n in range(start, stop):
            AnalysisRun.objects.create(
                form=aworld.form,
                session=aworld.session if n % 2 else None,
                created_by=person(f"analyst{n}"),
                n_candidates=50 + n,
                n_items=24,
                alpha=0.8,
                sem=2.0,
                irt_model="Rasch",
                irt_converged=True,
                summary={"dif_groups": []},
                n_flagged=n,
            )

    # when the psychometrician lists them, then the count does not grow with the rows.
    assert_queries_do_not_grow(
        staff_login(aworld.psychometrician),
        reverse("analysis:run_list"),
        analyse,
        rows_shown=matches(r'/analysis/runs/\d+/"'),
    )


def test_flag_list_queries_do_not_grow_with_flagged_items(aworld, staff_login):
    run = AnalysisRun.objects.create(
        form=aworld.form, created_by=aworld.psychometrician, n_candidates=50, n_items=24
    )
    form_items = list(aworld.form.items.order_by("position"))

    # Given item versions whose latest analysis flagged them,
    def flag(start, stop):
        for fi in form_items[start:stop]:
            ItemStatistics.objects.create(
                version=fi.item_version,
                n=50,
                facility=0.31,
                discrimination=-0.27,
                dif_class="C" if fi.position % 2 else "",
                flag_codes=" negative_discrimination dif_c ",
                last_run_id=run.pk,
            )

    # when the psychometrician lists the flagged items, then the count is flat.
    assert_queries_do_not_grow(
        staff_login(aworld.psychometrician),
        reverse("analysis:flag_list"),
        flag,
        rows_shown=matches(r'/items/\d+/"'),
    )
