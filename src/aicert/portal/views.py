from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from aicert.accounts.services import user_set_language
from aicert.catalog.selectors import certification_list_published
from aicert.centers.selectors import region_list_with_centers
from aicert.portal.dashboard import dashboard_panels


def home(request):
    return render(
        request,
        "portal/home.html",
        {"certifications": certification_list_published(), "regions": region_list_with_centers()},
    )


@login_required
def dashboard(request):
    return render(request, "portal/dashboard.html", {"panels": dashboard_panels(user=request.user)})


@require_POST
def language_switch(request):
    """Switch the interface language; signed-in people keep it as their preference."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest("Unknown language")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
    )
    return response
