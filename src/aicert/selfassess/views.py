"""Self-assessment pages: start a practice test, the player, the profile; the bank overview."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.permissions import require_permission
from aicert.catalog.models import Level, TrainingCourse
from aicert.selfassess import charts, reskilling, selectors, services
from aicert.selfassess.forms import TrainingCourseForm
from aicert.selfassess.models import (
    PracticeAttempt,
    PracticeMode,
    TrainingPlan,
    TrainingPlanCourse,
)
from aicert.shared.forms import apply_form_errors


@login_required
def home(request):
    """Levels to practise and the person's own past attempts (with a history chart)."""
    attempts = selectors.practice_attempts_of(user=request.user)
    finished = [a for a in reversed(attempts) if a.status == PracticeAttempt.Status.FINISHED]
    return render(
        request,
        "selfassess/home.html",
        {
            "levels": Level.objects.select_related("certification").order_by(
                "certification__code", "rank"
            ),
            "attempts": attempts,
            "modes": PracticeMode.choices,
            "history_svg": charts.history_svg(finished),
            "plans": selectors.training_plans_of(user=request.user),
        },
    )


@login_required
@require_POST
def start(request):
    level = get_object_or_404(Level, pk=request.POST.get("level") or 0)
    try:
        attempt = services.practice_attempt_start(
            user=request.user, level=level, mode=request.POST.get("mode", "")
        )
    except ValidationError as error:
        return render(request, "selfassess/error.html", {"errors": error.messages}, status=400)
    return redirect("selfassess:attempt", pk=attempt.pk)


def _own(request, pk: int) -> PracticeAttempt:
    try:
        return selectors.practice_attempt_get_own(user=request.user, pk=pk)
    except PracticeAttempt.DoesNotExist as error:
        raise Http404 from error


def _player(request, attempt: PracticeAttempt, *, errors=None, status=200):
    if attempt.status == PracticeAttempt.Status.FINISHED:
        return redirect("selfassess:profile", pk=attempt.pk)
    version = attempt.current.version if attempt.current else None
    content = version.content if version else {}
    return render(
        request,
        "selfassess/player.html",
        {
            "attempt": attempt,
            "version": version,
            "content": content,
            "options": [o for o in content.get("options", []) if isinstance(o, dict)],
            "number": attempt.answers.count() + 1,
            "errors": errors or [],
            "render_language": "en" if request.LANGUAGE_CODE.startswith("en") else "zh",
        },
        status=status,
    )


@login_required
def attempt(request, pk: int):
    """The current question (resume on any device: the server holds the state)."""
    return _player(request, _own(request, pk))


@login_required
@require_POST
def answer(request, pk: int):
    """Save the answer and answer with the next question (one request)."""
    attempt = _own(request, pk)
    raw = request.POST.get("choice")
    try:
        position = int(request.POST.get("position", "0"))
        value = int(raw) if raw not in (None, "") else None
    except ValueError:
        return _player(request, attempt, errors=[_("Choose one of the answers.")], status=400)
    if value is None:
        return _player(request, attempt, errors=[_("Choose one of the answers.")], status=400)
    try:
        attempt = services.practice_answer_save(
            user=request.user, attempt_id=attempt.pk, position=position, answer=value
        )
    except ValidationError as error:
        return _player(request, _own(request, pk), errors=error.messages, status=400)
    return _player(request, _own(request, pk))


def _profile_rows(request, attempt: PracticeAttempt):
    """The profile's domains in words and the courses recommended for the weakest of them."""
    english = request.LANGUAGE_CODE.startswith("en")
    domains = []
    for row in attempt.profile.get("domains", []):
        name = row["name_en"] if english and row["name_en"] else row["name_zh"]
        if row["p_below"] >= 0.8:
            words = _("likely below the pass standard in %(domain)s") % {"domain": name}
        elif row["p_below"] <= 0.2:
            words = _("likely at or above the pass standard in %(domain)s") % {"domain": name}
        else:
            words = _("close to the pass standard in %(domain)s (not yet clear)") % {"domain": name}
        domains.append({**row, "name": name, "words": words})
    weakest = [d["code"] for d in sorted(domains, key=lambda d: (-d["p_below"], d["theta"]))][:3]
    suggestions = selectors.courses_recommend(
        user=request.user,
        level_id=attempt.level_id,
        weakest=weakest,
        today=timezone.localdate(),
    )
    return domains, suggestions


@login_required
def profile(request, pk: int):
    """Domain profile with error bars, readiness and recommended courses."""
    attempt = _own(request, pk)
    if attempt.status != PracticeAttempt.Status.FINISHED:
        return redirect("selfassess:attempt", pk=pk)
    data = attempt.profile
    domains, suggestions = _profile_rows(request, attempt)
    names = {d["code"]: d["name"] for d in domains}
    courses = [
        {"course": s.course, "domains": [names[c] for c in s.domains], "nearness": s.nearness}
        for s in suggestions
    ]
    plan = TrainingPlan.objects.filter(user=request.user, level_id=attempt.level_id).first()
    return render(
        request,
        "selfassess/profile.html",
        {
            "attempt": attempt,
            "data": data,
            "domains": domains,
            "readiness": data.get("readiness", {}),
            "readiness_percent": round(100 * data.get("readiness", {}).get("probability", 0)),
            "chart_svg": charts.profile_svg(domains),
            "courses": courses,
            "plan": plan,
        },
    )


@login_required
@require_POST
def plan_save(request, pk: int):
    """Save the profile's recommended courses as (or into) the person's plan for the level."""
    attempt = _own(request, pk)
    if attempt.status != PracticeAttempt.Status.FINISHED:
        return redirect("selfassess:attempt", pk=pk)
    _domains, suggestions = _profile_rows(request, attempt)
    try:
        plan = services.training_plan_save(
            user=request.user,
            attempt=attempt,
            courses=[(s.course, list(s.domains)) for s in suggestions],
        )
    except ValidationError as error:
        return render(request, "selfassess/error.html", {"errors": error.messages}, status=400)
    messages.success(request, _("Your training plan is saved."))
    return redirect("selfassess:plan", pk=plan.pk)


@login_required
def plan(request, pk: int):
    """The person's plan: courses to do and done, progress, and the re-assessments since."""
    try:
        progress = selectors.training_plan_progress(user=request.user, plan_id=pk)
    except TrainingPlan.DoesNotExist as error:
        raise Http404 from error
    english = request.LANGUAGE_CODE.startswith("en")
    change = [
        {
            "code": code,
            "name": en if english and en else zh,
            "first": first,
            "latest": latest,
            "delta": latest - first,
        }
        for code, zh, en, first, latest in progress.domain_change
    ]
    return render(
        request,
        "selfassess/plan.html",
        {
            "progress": progress,
            "change": change,
            "history_svg": charts.history_svg(progress.attempts),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def plan_course_done(request, pk: int):
    """Mark a course of the plan done (on the date given, today by default) or not done."""
    done_on: dt.date | None
    if request.POST.get("undo"):
        done_on = None
    else:
        try:
            raw = request.POST.get("done_on") or timezone.localdate().isoformat()
            done_on = dt.date.fromisoformat(raw)
        except ValueError:
            return render(
                request,
                "selfassess/error.html",
                {"errors": [_("Enter a valid date.")]},
                status=400,
            )
    try:
        item = services.training_plan_course_done(user=request.user, pk=pk, done_on=done_on)
    except TrainingPlanCourse.DoesNotExist as error:
        raise Http404 from error
    except ValidationError as error:
        return render(request, "selfassess/error.html", {"errors": error.messages}, status=400)
    return redirect("selfassess:plan", pk=item.plan_id)


@login_required
@require_POST
def plan_course_remove(request, pk: int):
    """Take a course out of the plan."""
    try:
        plan_id = TrainingPlanCourse.objects.get(pk=pk, plan__user=request.user).plan_id
        services.training_plan_course_remove(user=request.user, pk=pk)
    except TrainingPlanCourse.DoesNotExist as error:
        raise Http404 from error
    return redirect("selfassess:plan", pk=plan_id)


@login_required
def bank(request):
    """Psychometrician: practice bank size and information per domain, thin domains warned."""
    require_permission(request.user, "selfassess.view_practiceitem")
    levels = Level.objects.select_related("certification").order_by("certification__code", "rank")
    rows = [(level, selectors.practice_bank_summary(level_id=level.pk)) for level in levels]
    return render(request, "selfassess/bank.html", {"rows": rows})


# ------------------------------------------------------------------------ training courses


def _writable_regions(user, perm: str) -> set[int] | None:
    everywhere, ids = selectors.course_regions_writable(user=user, perm=perm)
    return None if everywhere else ids


@login_required
def courses(request):
    """Courses the person manages: a center manager their region's, the foundation all."""
    require_permission(request.user, "catalog.change_trainingcourse")
    return render(
        request,
        "selfassess/courses.html",
        {"courses": selectors.courses_manageable(user=request.user)},
    )


def _course_form(request, course: TrainingCourse | None):
    perm = "catalog.add_trainingcourse" if course is None else "catalog.change_trainingcourse"
    form = TrainingCourseForm(
        request.POST or None, instance=course, regions=_writable_regions(request.user, perm)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        domains, levels = list(data.pop("domains")), list(data.pop("levels"))
        try:
            saved = services.training_course_save(
                actor=request.user, course=course, data=data, domains=domains, levels=levels
            )
        except PermissionDenied:
            form.add_error("region", _("You may not write for this region."))
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Course saved: %(title)s") % {"title": saved.title})
            return redirect("selfassess:courses")
    title = _("New training course") if course is None else course.title
    return render(
        request,
        "selfassess/course_form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


@login_required
def course_create(request):
    require_permission(request.user, "catalog.add_trainingcourse")
    return _course_form(request, None)


@login_required
def course_edit(request, pk: int):
    """Edit a course: refused (403) for a course of another region or a nationwide one."""
    require_permission(request.user, "catalog.change_trainingcourse")
    course = get_object_or_404(TrainingCourse, pk=pk)
    if not selectors.course_may_write(
        user=request.user, perm="catalog.change_trainingcourse", region_id=course.region_id
    ):
        raise PermissionDenied
    return _course_form(request, course)


# ------------------------------------------------------------------------ reskilling paths


def paths(request):
    """Reskilling paths by starting profile (public: anyone may read them)."""
    return render(request, "selfassess/paths.html", {"paths": reskilling.PATHS})


def path_detail(request, code: str):
    """One path's levels and courses; for a signed-in person, where they stand on it."""
    path = reskilling.path_get(code)
    if path is None:
        raise Http404
    steps = selectors.reskilling_path_view(path=path, user=request.user)
    rows = [
        {
            "view": s,
            "readiness_percent": None if s.readiness is None else round(100 * s.readiness),
        }
        for s in steps
    ]
    return render(
        request,
        "selfassess/path.html",
        {"path": path, "rows": rows, "signed_in": request.user.is_authenticated},
    )
