from django.http import Http404
from django.shortcuts import render

from aicert.catalog import selectors
from aicert.catalog.models import Certification, Level


def certification_list(request):
    return render(
        request,
        "catalog/certification_list.html",
        {"certifications": selectors.certification_list_published()},
    )


def _certification_or_404(code: str) -> Certification:
    try:
        return selectors.certification_get_published(code=code)
    except Certification.DoesNotExist as exc:
        raise Http404 from exc


def certification_detail(request, code: str):
    certification = _certification_or_404(code)
    return render(
        request,
        "catalog/certification_detail.html",
        {
            "certification": certification,
            "domain_tree": selectors.domain_tree(certification=certification),
        },
    )


def level_detail(request, code: str, level_code: str):
    certification = _certification_or_404(code)
    try:
        level = selectors.level_get_with_rules(certification=certification, code=level_code)
    except Level.DoesNotExist as exc:
        raise Http404 from exc
    return render(
        request, "catalog/level_detail.html", {"certification": certification, "level": level}
    )
