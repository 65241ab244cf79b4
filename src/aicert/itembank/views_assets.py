"""Item images: the editor's upload widget (htmx) and the permission-checked image view."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from aicert.accounts.permissions import user_can
from aicert.itembank import assets
from aicert.itembank.models import ItemAsset
from aicert.itembank.views import _item_or_404


class AssetUploadForm(forms.Form):
    image = forms.FileField(
        label=_("Image"),
        help_text=_("PNG, JPEG, GIF or WebP, at most 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
    alt = forms.CharField(
        label=_("Description (alt text)"),
        max_length=200,
        required=False,
        help_text=_("What the image shows, for screen readers."),
    )


def _panel(request, item, form, inserted: ItemAsset | None = None, status: int = 200):
    return render(
        request,
        "itembank/_assets.html",
        {
            "item": item,
            "upload_form": AssetUploadForm() if inserted else form,
            "assets": list(item.assets.defer("data")),
            "inserted": inserted,
            "inserted_alt": (form.cleaned_data.get("alt") if inserted else "") or "",
        },
        status=status,
    )


@login_required
def asset_upload(request, pk: int):
    """GET: the item's images and the upload form; POST: upload one (htmx swaps the panel)."""
    item = _item_or_404(request.user, pk)
    if not user_can(request.user, "itembank.change_item", item):
        raise PermissionDenied
    if request.method != "POST":
        return _panel(request, item, AssetUploadForm())
    form = AssetUploadForm(request.POST, request.FILES)
    asset = None
    if form.is_valid():
        upload = form.cleaned_data["image"]
        # Read one byte past the limit: enough to refuse a larger file without reading it all.
        data = upload.read(assets.MAX_BYTES + 1)
        try:
            asset = assets.asset_upload(
                actor=request.user, item=item, name=upload.name or "", data=data
            )
        except ValidationError as error:
            form.add_error("image", error)
    htmx = bool(request.headers.get("HX-Request"))
    if not htmx and asset is not None:
        return redirect("itembank:item_edit", pk=item.pk)
    # htmx swaps only successful answers: a refusal is a 200 panel showing the error.
    return _panel(request, item, form, asset, 200 if asset or htmx else 400)


def asset_view(request, pk: int):
    """The image's bytes, to those who may see it; everyone else gets 404."""
    try:
        asset = assets.asset_get_for_user(user=request.user, pk=pk)
    except ItemAsset.DoesNotExist as exc:
        raise Http404 from exc
    response = HttpResponse(bytes(asset.data), content_type=asset.content_type)
    response["Content-Length"] = str(asset.size)
    response["Content-Disposition"] = f'inline; filename="{asset.name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Private: only this user's browser may keep it (assets never change, so an hour is safe).
    response["Cache-Control"] = "private, max-age=3600"
    response["ETag"] = f'"{asset.sha256}"'
    return response
