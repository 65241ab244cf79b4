"""Images in item content: upload checks, the ``asset:<id>`` references and who may see them.

A writer uploads an image for one item; the Markdown refers to it as ``![alt](asset:<id>)``.
The renderer turns the reference into the URL of the permission-checked asset view, and a
version may refer only to its own item's images (checked when the version is saved).

Uploads are checked by their bytes, never by their name or the browser's claim: PNG, JPEG, GIF
or WebP (SVG is refused: it can carry script), at most ``MAX_BYTES`` and ``MAX_SIDE`` pixels a
side, and Pillow must be able to read it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from aicert.accounts.models import User
from aicert.accounts.permissions import user_can
from aicert.accounts.types import Actor, RequestUser
from aicert.audit.services import audit_record
from aicert.itembank.models import Item, ItemAsset

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000
MAX_NAME = 200
REFERENCE_RE = re.compile(r"asset:(\d{1,12})\b")

# (magic prefix test, content type, Pillow format)
_SIGNATURES = (
    (lambda b: b.startswith(b"\x89PNG\r\n\x1a\n"), "image/png", "PNG"),
    (lambda b: b.startswith(b"\xff\xd8\xff"), "image/jpeg", "JPEG"),
    (lambda b: b[:6] in (b"GIF87a", b"GIF89a"), "image/gif", "GIF"),
    (lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP", "image/webp", "WEBP"),
)
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


def sniff_content_type(data: bytes) -> str | None:
    """The image type the bytes really are (by their magic number), or None."""
    for test, content_type, _fmt in _SIGNATURES:
        if test(data[:16]):
            return content_type
    return None


def image_check(data: bytes) -> tuple[str, int, int]:
    """``(content_type, width, height)`` of an acceptable image; ValidationError otherwise."""
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("An image may be at most %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    content_type = sniff_content_type(data)
    if content_type is None:
        raise ValidationError(
            _("Only PNG, JPEG, GIF or WebP images can be used (SVG is not allowed)."),
            code="bad_type",
        )

    expected = dict((ct, fmt) for _t, ct, fmt in _SIGNATURES)[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt, (width, height) = image.format, image.size
                image.verify()
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "not a usable image"
        raise ValidationError(_("The image cannot be read."), code="unreadable") from exc
    if fmt != expected:
        raise ValidationError(_("The image cannot be read."), code="unreadable")
    if not (1 <= width <= MAX_SIDE and 1 <= height <= MAX_SIDE):
        raise ValidationError(
            _("An image may be at most %(n)d pixels wide and high.") % {"n": MAX_SIDE},
            code="bad_dimensions",
        )
    return content_type, width, height


def _clean_name(name: str, content_type: str) -> str:
    base = re.sub(r"[^\w.\-]+", "_", (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    base = base.strip("._")[: MAX_NAME - 10] or "image"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem}.{EXTENSIONS[content_type]}"


def asset_store(*, item: Item, name: str, data: bytes, uploaded_by) -> ItemAsset:
    """Check and store one image of ``item`` (no permission check: the callers check)."""
    content_type, width, height = image_check(data)
    return ItemAsset.objects.create(
        item=item,
        name=_clean_name(name, content_type),
        content_type=content_type,
        data=data,
        size=len(data),
        width=width,
        height=height,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=uploaded_by,
    )


@transaction.atomic
def asset_upload(*, actor: Actor, item: Item, name: str, data: bytes) -> ItemAsset:
    """An author uploads an image for their item (audited)."""
    if not user_can(actor, "itembank.change_item", item):
        raise PermissionDenied
    asset = asset_store(item=item, name=name, data=data, uploaded_by=actor)
    audit_record(
        actor=actor,
        action="item.asset_upload",
        target=item,
        changes={"asset": asset.pk, "name": asset.name, "sha256": asset.sha256},
    )
    return asset


def references(*contents: Any) -> set[int]:
    """Asset ids referenced anywhere in the given contents (dicts or Markdown strings)."""
    found: set[int] = set()
    for content in contents:
        text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
        found.update(int(m) for m in REFERENCE_RE.findall(text or ""))
    return found


def references_check(*, item: Item | None, content_zh: dict, content_en: dict) -> None:
    """Refuse references to images that are not this item's own."""
    refs = references(content_zh, content_en)
    if not refs:
        return
    own = set()
    if item is not None and item.pk:
        own = set(ItemAsset.objects.filter(item=item, pk__in=refs).values_list("pk", flat=True))
    missing = sorted(refs - own)
    if missing:
        raise ValidationError(
            _("These images do not belong to this item: %(refs)s")
            % {"refs": ", ".join(f"asset:{n}" for n in missing)},
            code="foreign_asset",
        )


# Who may see an image besides the item bank's own roles: the apps above the item bank add
# their rules here (delivery: a candidate during their attempt). A rule is
# ``rule(user=..., asset=...) -> bool``.
ASSET_ACCESS_RULES: list[Callable[..., bool]] = []


def asset_access_rule_register(rule: Callable[..., bool]) -> None:
    if rule not in ASSET_ACCESS_RULES:
        ASSET_ACCESS_RULES.append(rule)


def asset_get_for_user(*, user: RequestUser, pk: int) -> ItemAsset:
    """The asset if ``user`` may see it, else ItemAsset.DoesNotExist (the view answers 404).

    Item-bank roles see the images of the items they may view (a writer their own items, a
    reviewer the items assigned to them). Anyone else only by a registered rule
    (:data:`ASSET_ACCESS_RULES`): a candidate sees an image only while they have an in-progress
    attempt whose form pins a version of that item that refers to the image.
    """
    if user.is_anonymous or not user.is_active:
        raise ItemAsset.DoesNotExist
    asset = ItemAsset.objects.select_related("item").get(pk=pk)
    if user_can(user, "itembank.view_item", asset.item):
        return asset
    if any(rule(user=user, asset=asset) for rule in ASSET_ACCESS_RULES):
        return asset
    raise ItemAsset.DoesNotExist


def package_images_store(
    *, item: Item, images: dict[str, bytes], uploaded_by: User, contents: tuple[dict, ...]
) -> tuple[dict, ...]:
    """Store an imported package's images for ``item``; ``contents`` with ``pkgimage:<path>``
    references rewritten to the new ``asset:<id>``."""
    texts = [json.dumps(c, ensure_ascii=False) for c in contents]
    for path in sorted(images):
        asset = asset_store(
            item=item, name=path.rsplit("/", 1)[-1], data=images[path], uploaded_by=uploaded_by
        )
        texts = [t.replace(f"pkgimage:{path})", f"{asset.reference})") for t in texts]
    return tuple(json.loads(t) for t in texts)
