"""Talent pages: the holder's consent, profile and invitations; employer sign-up and the
foundation's queue; the recruiter's verification, keys, search and contact requests. Thin: the
rules are in services, the reads in selectors."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aicert.accounts.models import Organisation
from aicert.accounts.permissions import require_permission
from aicert.credentials.selectors import certificate_check
from aicert.shared.forms import apply_form_errors
from aicert.talent import bulkfile, selectors, services
from aicert.talent.consent import consent_text
from aicert.talent.forms import (
    ApiKeyForm,
    BulkUploadForm,
    ContactRequestForm,
    DecisionForm,
    EmployerApplicationForm,
    JobPostingForm,
    JobPostingHideForm,
    TalentProfileForm,
    TalentSearchForm,
    VerifyForm,
)
from aicert.talent.labels import check_status_label
from aicert.talent.models import (
    ApiKey,
    BulkStatus,
    BulkVerification,
    ContactRequest,
    EmployerApplication,
    JobPosting,
    TalentProfile,
)


def _organisation(request: HttpRequest, perm: str) -> Organisation:
    """The recruiter's organisation; anyone who does not recruit is refused."""
    require_permission(request.user, perm)
    organisation = selectors.employer_organisation_of(request.user)
    if organisation is None:
        raise PermissionDenied
    return organisation


# --- The holder ------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The holder's page: consent, what employers see, who viewed them, invitations."""
    consent = selectors.consent_standing(user=request.user)
    profile = selectors.profile_of(user=request.user)
    card = None
    if consent is not None and profile is not None:
        try:
            _p, card = selectors.talent_card(profile_id=profile.pk)
        except TalentProfile.DoesNotExist:  # no valid certificate to show yet
            card = None
    return render(
        request,
        "talent/mine.html",
        {
            "consent": consent,
            "consent_text": consent_text(),
            "history": selectors.consent_history(user=request.user),
            "form": TalentProfileForm(instance=profile),
            "card": card,
            "viewers": selectors.viewers_of(user=request.user),
            "invitations": selectors.contact_requests_of_holder(user=request.user),
            "postings": selectors.job_postings_for_holder(user=request.user),
        },
    )


@login_required
@require_POST
def consent_give(request: HttpRequest) -> HttpResponse:
    if request.POST.get("agree") != "yes":
        messages.error(request, _("Tick the box to agree to the text first."))
        return redirect("talent:mine")
    services.talent_consent_give(user=request.user)
    messages.success(request, _("You are in the talent search. Choose below what employers see."))
    return redirect("talent:mine")


@login_required
@require_POST
def consent_withdraw(request: HttpRequest) -> HttpResponse:
    services.talent_consent_withdraw(user=request.user)
    messages.success(request, _("Consent withdrawn: employers no longer find you."))
    return redirect("talent:mine")


@login_required
@require_POST
def profile_update(request: HttpRequest) -> HttpResponse:
    form = TalentProfileForm(request.POST, instance=selectors.profile_of(user=request.user))
    if form.is_valid():
        try:
            services.talent_profile_update(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your choices are saved."))
    else:
        messages.error(
            request,
            _("Your choices could not be saved: %(errors)s")
            % {"errors": "; ".join(str(e) for errs in form.errors.values() for e in errs)},
        )
    return redirect("talent:mine")


def _own_invitation(request: HttpRequest, pk: int):
    try:
        return selectors.contact_request_of_holder(user=request.user, pk=pk)
    except ContactRequest.DoesNotExist as missing:  # not theirs, or not there
        raise Http404 from missing


@login_required
@require_POST
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _own_invitation(request, pk)
    accept = request.POST.get("answer") == "accept"
    try:
        services.contact_request_answer(user=request.user, contact=contact, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Accepted: you can read the message below.") if accept else _("Declined."),
        )
    return redirect("talent:mine")


@login_required
@require_POST
def invitation_share(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _own_invitation(request, pk)
    try:
        services.contact_request_share_email(user=request.user, contact=contact)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your e-mail address is shared with this organisation."))
    return redirect("talent:mine")


# --- Employer sign-up and the foundation -----------------------------------------------------


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    """A signed-in person registers their company; the foundation approves."""
    form = EmployerApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_application_submit(applicant=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("Application sent: the foundation will review it."))
            return redirect("talent:apply")
    return render(
        request,
        "talent/apply.html",
        {"form": form, "applications": selectors.applications_of(user=request.user)},
    )


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "talent.decide_employerapplication")
    return render(
        request,
        "talent/applications.html",
        {
            "pending": selectors.applications_pending(),
            "decided": selectors.applications_decided(),
        },
    )


@login_required
@require_POST
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require_permission(request.user, "talent.decide_employerapplication")
    application = get_object_or_404(EmployerApplication, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or reject."))
        return redirect("talent:applications")
    try:
        services.employer_application_decide(
            actor=request.user,
            application=application,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision saved."))
    return redirect("talent:applications")


@login_required
def api_calls(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, "talent.view_apicall")
    try:
        organisation_id = int(request.GET.get("organisation", "") or 0)
    except ValueError:
        organisation_id = 0
    return render(
        request,
        "talent/api_calls.html",
        {
            "calls": selectors.api_calls_recent(organisation_id=organisation_id or None),
            "totals": selectors.api_call_totals(),
        },
    )


# --- Verification ----------------------------------------------------------------------------


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Check one certificate by number and name."""
    _organisation(request, "talent.add_bulkverification")
    # POST: a holder's name stays out of URLs and access logs.
    form = VerifyForm(request.POST if request.method == "POST" else None)
    check = None
    if form.is_bound and form.is_valid():
        check = certificate_check(
            number=form.cleaned_data["number"], holder_name=form.cleaned_data["name"]
        )
    label = check_status_label(check.status) if check else ""
    return render(request, "talent/verify.html", {"form": form, "check": check, "label": label})


@login_required
def bulk_list(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request, "talent.add_bulkverification")
    form = (
        BulkUploadForm(request.POST, request.FILES)
        if request.method == "POST"
        else BulkUploadForm()
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = bulkfile.parse(upload.read(bulkfile.MAX_BYTES + 1), upload.name or "")
        except bulkfile.BulkFileError as error:
            form.add_error("file", str(error))
        else:
            bulk = services.bulk_verification_create(
                actor=request.user, organisation=organisation, filename=upload.name, parsed=parsed
            )
            return redirect("talent:bulk_detail", pk=bulk.pk)
    return render(
        request,
        "talent/bulk_list.html",
        {
            "form": form,
            "verifications": selectors.bulk_verifications_of(organisation=organisation)[:50],
        },
    )


def _bulk(request: HttpRequest, pk: int) -> BulkVerification:
    organisation = _organisation(request, "talent.view_bulkverification")
    try:
        return selectors.bulk_verification_get(organisation=organisation, pk=pk)
    except BulkVerification.DoesNotExist as missing:
        raise Http404 from missing


@login_required
def bulk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulk = _bulk(request, pk)
    return render(
        request,
        "talent/bulk_detail.html",
        {
            "bulk": bulk,
            "counts": [
                (code, check_status_label(code), n)
                for code, n in selectors.bulk_status_counts(bulk).items()
            ],
            "errors": bulk.errors[:200],
            "running": bulk.status in (BulkStatus.QUEUED, BulkStatus.RUNNING),
        },
    )


@login_required
def bulk_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the page polls (htmx, every second) while the task runs."""
    organisation = _organisation(request, "talent.view_bulkverification")
    try:
        bulk = selectors.bulk_verification_progress(organisation=organisation, pk=pk)
    except BulkVerification.DoesNotExist as missing:
        raise Http404 from missing
    running = bulk.status in (BulkStatus.QUEUED, BulkStatus.RUNNING)
    response = render(request, "talent/_bulk_progress.html", {"bulk": bulk, "running": running})
    if not running and request.headers.get("HX-Request"):
        # Finished: reload the whole page once, with the counts and the download links.
        response["HX-Refresh"] = "true"
    return response


def _csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def bulk_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    bulk = _bulk(request, pk)
    if bulk.status != BulkStatus.DONE or fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = selectors.bulk_result_table(bulk)
    stem = f"verification-{bulk.pk}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_safe(v) for v in row])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("verification")
        sheet.append(header)
        for row in rows:
            sheet.append([_csv_safe(v) if isinstance(v, str) else v for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


@login_required
def keys(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request, "talent.add_apikey")
    form = ApiKeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _key, new_key = services.api_key_create(
                actor=request.user, organisation=organisation, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            form = ApiKeyForm()
    return render(
        request,
        "talent/keys.html",
        {
            "form": form,
            "new_key": new_key,
            "keys": selectors.api_keys_of(organisation=organisation),
            "calls": selectors.api_calls_recent(organisation_id=organisation.pk, limit=50),
        },
    )


@login_required
@require_POST
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, "talent.change_apikey")
    key = get_object_or_404(ApiKey, pk=pk, organisation=organisation)
    services.api_key_revoke(actor=request.user, key=key)
    messages.success(request, _("Key revoked: calls with it are refused from now on."))
    return redirect("talent:keys")


# --- Talent search ---------------------------------------------------------------------------


@login_required
def search(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request, "talent.view_talentprofile")
    form = TalentSearchForm(request.GET or None)
    cards = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.TalentFilters(
            level_id=data["level"].pk if data.get("level") else None,
            domain_id=data["domain"].pk if data.get("domain") else None,
            min_percent=data.get("min_percent"),
            region_id=data["region"].pk if data.get("region") else None,
            county_id=data["county"].pk if data.get("county") else None,
            valid_until=data.get("valid_until"),
        )
        cards = selectors.talent_search(filters=filters)
        services.talent_search_log(
            actor=request.user,
            organisation=organisation,
            filters=filters.as_log(),
            profile_ids=[c.profile_id for c in cards],
        )
    return render(request, "talent/search.html", {"form": form, "cards": cards})


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """One person who is in the search: their card and the contact request form."""
    organisation = _organisation(request, "talent.view_talentprofile")
    try:
        profile, card = selectors.talent_card(profile_id=pk)
    except TalentProfile.DoesNotExist as missing:  # withdrawn, never opted in, or none such
        raise Http404 from missing
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST":
        require_permission(request.user, "talent.add_contactrequest")
        if form.is_valid():
            try:
                services.contact_request_send(
                    actor=request.user,
                    organisation=organisation,
                    profile=profile,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                apply_form_errors(form, error)
            else:
                messages.success(request, _("Contact request sent."))
                return redirect("talent:sent")
    else:
        services.talent_profile_view_log(
            actor=request.user, organisation=organisation, profile=profile
        )
    return render(
        request, "talent/person.html", {"card": card, "form": form, "today": timezone.localdate()}
    )


@login_required
def sent(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request, "talent.view_contactrequest")
    return render(
        request,
        "talent/sent.html",
        {"requests": selectors.contact_requests_sent(organisation=organisation)},
    )


# --- Job postings ----------------------------------------------------------------------------


def _posting_fields(form: JobPostingForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "description": data["description"],
        "link": data["link"],
        "closes_on": data["closes_on"],
        "levels": data["levels"],
        "domains": data["domains"],
        "region": data["region"],
        "county": data["county"],
    }


@login_required
def postings(request: HttpRequest) -> HttpResponse:
    """The employer's postings and the form to publish one."""
    organisation = _organisation(request, "talent.add_jobposting")
    form = JobPostingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_posting_create(
                actor=request.user, organisation=organisation, **_posting_fields(form)
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("The job posting is published."))
            return redirect("talent:postings")
    return render(
        request,
        "talent/postings.html",
        {
            "form": form,
            "postings": selectors.job_postings_of(organisation=organisation),
            "today": timezone.localdate(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def posting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one of the organisation's own postings (another's is not found)."""
    organisation = _organisation(request, "talent.change_jobposting")
    try:
        posting = selectors.job_posting_of(organisation=organisation, pk=pk)
    except JobPosting.DoesNotExist:
        raise Http404 from None
    form = JobPostingForm(request.POST) if request.method == "POST" else JobPostingForm.of(posting)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_posting_update(
                actor=request.user, posting=posting, **_posting_fields(form)
            )
        except ValidationError as error:
            apply_form_errors(form, error)
        else:
            messages.success(request, _("The job posting is saved."))
            return redirect("talent:postings")
    return render(
        request,
        "talent/posting_edit.html",
        {"form": form, "posting": posting},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def postings_manage(request: HttpRequest) -> HttpResponse:
    """The foundation's list of every posting, each with hide / show again."""
    require_permission(request.user, "talent.hide_jobposting")
    return render(
        request,
        "talent/postings_manage.html",
        {
            "postings": selectors.job_postings_all()[:200],
            "hide_form": JobPostingHideForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def posting_hide(request: HttpRequest, pk: int) -> HttpResponse:
    require_permission(request.user, "talent.hide_jobposting")
    posting = get_object_or_404(JobPosting, pk=pk)
    form = JobPostingHideForm(request.POST)
    hide = request.POST.get("action") != "show"
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("talent:postings_manage")
    try:
        services.job_posting_hide(
            actor=request.user, posting=posting, hide=hide, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The posting is hidden from holders.") if hide else _("The posting is shown again."),
        )
    return redirect("talent:postings_manage")
