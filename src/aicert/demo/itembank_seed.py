"""Seed the demo item bank: import its content package, then take each item through review.

The bank is data: a QTI 3.0 content package kept unzipped in ``demo/itembank/`` (see
:mod:`aicert.demo.data`), zipped in memory and loaded through the product's own import
(:func:`~aicert.itembank.interchange.services.import_plan` and
:func:`~aicert.itembank.interchange.services.items_import`), as the demo writer
(writer@aicert.example) would upload it. Each item keeps its package identifier as
``external_ref``, which is how a second run recognises what exists.

Then the item-bank services drive the workflow: the two demo reviewers review independently
with the full checklist, and the foundation admin assigns reviewers, activates and retires. So
every approved item carries two completed checklists and an audit trail, like an item that went
through the workflow by hand.

Which item ends in which state is computed here, not stored with the items: it follows from the
blueprint (:mod:`aicert.demo.catalog_data`), so changing a blueprint count or adding items to
the package re-plans the bank without editing a second file that could drift. Each (level,
domain) cell of a blueprint gets at least twice the blueprint's item count in active items
(enough for two parallel forms with a few anchors); the surplus of each subject is spread over
the other workflow states so the review queues of the demo are not empty.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from django.core.exceptions import ImproperlyConfigured

from aicert.accounts.models import User
from aicert.demo import catalog_data
from aicert.demo.data import demo_data_path, folder_zip
from aicert.itembank import services
from aicert.itembank.interchange import package
from aicert.itembank.interchange.services import ImportCandidate, import_plan, items_import
from aicert.itembank.models import REVIEW_CHECKLIST, Item, ItemStatus, ItemVersion, ReviewDecision

# The bank's content package, unzipped, under the demo data folder; the name the import's
# audit trail gives the upload.
BANK_PACKAGE = "itembank"
BANK_FILENAME = "aicert-demo-itembank.zip"

WRITER = "writer@aicert.example"
REVIEWERS = ("reviewer@aicert.example", "reviewer2@aicert.example")
LEAD = "admin@aicert.example"  # assigns reviewers, activates and retires

# Extra workflow states given to each subject's surplus items, in this order.
REVISED = "revised"  # sent back once, revised, approved on the second version and activated
EXTRA_STATES = (
    ItemStatus.CHANGES_REQUESTED,
    ItemStatus.IN_REVIEW,
    ItemStatus.DRAFT,
    ItemStatus.RETIRED,
    ItemStatus.SUBMITTED,
    ItemStatus.APPROVED,
)
ACTIVE_FACTOR = 2  # active items per blueprint item, per domain
CHOICE_TYPES = ("single_choice", "multiple_response")  # the types whose options carry rationales

ALL_TICKED = dict.fromkeys(REVIEW_CHECKLIST, True)
RATIONALE_COMMENT = (
    "選項缺少理由說明：請為每個選項寫出為何正確或錯誤，作答後的回饋與審題都需要。"
    " / The options have no rationale: say for every option why it is right or wrong; "
    "candidates' feedback and reviewers both rely on it."
)
STEM_COMMENT = (
    "題幹的作答條件不夠明確（例如判斷依據或答案的格式），請補充，以免考生以不同假設作答。"
    " / The stem does not state its conditions clearly enough (what to base the answer on, "
    "or the answer's format); add them so candidates do not answer under different assumptions."
)
RETIRE_REASON = "曝光次數已達上限，改由同家族的新題替代。 / Exposure limit reached; replaced by a new variant of the same family."


@dataclass(frozen=True)
class BankItem:
    """What planning needs of one item of the package: its identifier, cell and type."""

    ref: str
    level: str
    domain: str
    item_type: str

    @classmethod
    def of_package(cls, item: package.PackageItem) -> BankItem:
        return cls(
            item.key, item.meta.get("level", ""), item.meta.get("domain", ""), item.item_type
        )

    @classmethod
    def of_candidate(cls, candidate: ImportCandidate) -> BankItem:
        return cls(candidate.key, candidate.level.code, candidate.domain.code, candidate.item_type)


@dataclass(frozen=True)
class Planned:
    item: BankItem
    status: str  # an ItemStatus value, or REVISED


def bank_package() -> bytes:
    """The demo bank's content package, zipped as a person would upload it."""
    manifest = demo_data_path(BANK_PACKAGE, "imsmanifest.xml")
    return folder_zip(manifest.parent)


def bank_read() -> list[package.PackageItem]:
    """The items of the package as the importer reads them (no database): for checks."""
    contents = package.package_read(bank_package())
    problems = contents.problems + [p for item in contents.items for p in item.problems]
    if problems:
        raise ImproperlyConfigured(_problems_text(problems))
    return contents.items


def _problems_text(problems) -> str:
    shown = "\n".join(f"  {p}" for p in problems[:20])
    more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
    folder = demo_data_path(BANK_PACKAGE)
    return f"The demo item bank {folder} does not import cleanly:\n{shown}{more}"


def active_targets() -> dict[tuple[str, str], int]:
    """(level code, domain code) -> active items needed: the blueprint count times two."""
    targets = {}
    for level in catalog_data.LEVELS:
        for _code, _zh, _en, _minutes, _items, blueprint in level["subjects"]:
            for domain, count in blueprint.items():
                targets[(level["code"], domain)] = ACTIVE_FACTOR * count
    return targets


def subject_of(level: str, domain: str) -> str:
    """The one subject of ``level`` whose blueprint covers ``domain``."""
    for spec in catalog_data.LEVELS:
        if spec["code"] == level:
            for code, *_rest, blueprint in spec["subjects"]:
                if domain in blueprint:
                    return code
    raise KeyError((level, domain))


def plan(specs: list[BankItem]) -> list[Planned]:
    """Give every item its workflow state: the blueprint's 2x active first, the rest spread.

    The order of the result is the order of creation (so item codes follow it); within a cell
    the package's order decides which items are the active ones.
    """
    targets = active_targets()
    cells: dict[tuple[str, str], list[BankItem]] = defaultdict(list)
    for spec in specs:
        if (spec.level, spec.domain) not in targets:
            raise ValueError(f"{spec.ref}: no {spec.level} subject covers domain {spec.domain}")
        cells[(spec.level, spec.domain)].append(spec)
    planned: list[Planned] = []
    surplus: dict[str, list[BankItem]] = defaultdict(list)
    revised: set[str] = set()
    for (level, domain), cell in sorted(cells.items()):
        subject = subject_of(level, domain)
        need = targets[(level, domain)]
        for spec in cell[:need]:
            status = ItemStatus.ACTIVE
            if subject not in revised and spec.item_type == "single_choice":
                revised.add(subject)
                status = REVISED
            planned.append(Planned(spec, status))
        surplus[subject].extend(cell[need:])
    for subject in sorted(surplus):
        # Choice items first for "changes requested": their first version lacks rationales.
        extra = sorted(surplus[subject], key=lambda s: s.item_type != "single_choice")
        for index, spec in enumerate(extra):
            status = EXTRA_STATES[index] if index < len(EXTRA_STATES) else ItemStatus.ACTIVE
            planned.append(Planned(spec, status))
    return planned


def _without_rationales(content: dict) -> dict:
    """The first draft of a choice item that a reviewer sends back: no option rationales."""
    return {
        **content,
        "options": [{**o, "rationale": ""} for o in content["options"]],
    }


class _Seeder:
    def __init__(self):
        self.writer = User.objects.get(email=WRITER)
        self.reviewers = [User.objects.get(email=e) for e in REVIEWERS]
        self.lead = User.objects.get(email=LEAD)

    def _review(self, item: Item, *, approvals: int, send_back: str = "") -> None:
        """Assign both reviewers; ``approvals`` of them approve, then one may send it back."""
        assignments = [
            services.review_assign(actor=self.lead, item=item, reviewer=r) for r in self.reviewers
        ]
        for assignment in assignments[:approvals]:
            services.review_decide(
                actor=assignment.reviewer,
                assignment=assignment,
                decision=ReviewDecision.APPROVE,
                checklist=ALL_TICKED,
            )
        if send_back:
            assignment = assignments[approvals]
            checklist = {**ALL_TICKED}
            if send_back == RATIONALE_COMMENT:
                checklist["language"] = False
                field = "options[0]"
            else:
                checklist["single_best_answer"] = False
                field = "stem"
            services.review_comment_add(
                actor=assignment.reviewer,
                version=assignment.version,
                field_path=field,
                body=send_back.split(" / ")[0],
            )
            services.review_decide(
                actor=assignment.reviewer,
                assignment=assignment,
                decision=ReviewDecision.REQUEST_CHANGES,
                checklist=checklist,
                comment=send_back,
            )

    def drive(self, item: Item, status: str, final: ImportCandidate) -> None:
        """Take an imported draft to ``status``; ``final`` holds the package's content, which a
        sent-back item reaches in its revision."""
        if status == ItemStatus.DRAFT:
            return
        services.item_submit(actor=self.writer, item=item)
        if status == ItemStatus.SUBMITTED:
            return
        if status == ItemStatus.IN_REVIEW:
            self._review(item, approvals=1)
            return
        if status in (ItemStatus.CHANGES_REQUESTED, REVISED):
            choice = final.item_type in CHOICE_TYPES
            self._review(item, approvals=1, send_back=RATIONALE_COMMENT if choice else STEM_COMMENT)
            if status == ItemStatus.CHANGES_REQUESTED:
                return
            services.item_revise(
                actor=self.writer,
                item=item,
                item_type=final.item_type,
                content_zh=final.content_zh,
                content_en=final.content_en,
                change_note="依審題意見補上每個選項的理由說明。 / Added a rationale to every option, as the review asked.",
            )
            services.item_submit(actor=self.writer, item=item)
        self._review(item, approvals=2)
        if status == ItemStatus.APPROVED:
            return
        services.item_activate(actor=self.lead, item=item)
        if status == ItemStatus.RETIRED:
            services.item_retire(actor=self.lead, item=item, reason=RETIRE_REASON)


def _first_draft(candidate: ImportCandidate, status: str) -> ImportCandidate:
    """What the writer first imports: the package's content, except that a choice item the
    review sends back for missing rationales had none in its first version."""
    sent_back = status in (ItemStatus.CHANGES_REQUESTED, REVISED)
    if not (sent_back and candidate.item_type in CHOICE_TYPES):
        return candidate
    return replace(
        candidate,
        content_zh=_without_rationales(candidate.content_zh),
        content_en=_without_rationales(candidate.content_en),
    )


def existing_items() -> tuple[set[str], set[str]]:
    """The demo items already there: the external refs in use (the idempotency key; one is
    unique across the bank, whoever imported it) and, for a demo database seeded before the
    bank was a package (the writer's items without an external ref), the Chinese stems of
    their first versions, which are unique across the bank too."""
    refs = set(Item.objects.exclude(external_ref="").values_list("external_ref", flat=True))
    rows = ItemVersion.objects.filter(
        number=1, item__author__email=WRITER, item__external_ref=""
    ).values_list("content_zh", flat=True)
    stems = {row.get("stem", "") for row in rows if isinstance(row, dict)}
    return refs, stems


def itembank_seed() -> dict[str, int]:
    """Import the demo items that do not exist yet and review them; return how many were created.

    Call inside a transaction (``demo_seed`` is atomic) after the demo accounts exist. Refuses
    (ImproperlyConfigured) when the package is missing or has any problem: the demo data is
    ours, so a problem is a bug to fix, not something to import around.
    """
    seeder = _Seeder()
    upload = import_plan(actor=seeder.writer, data=bank_package(), filename=BANK_FILENAME)
    if upload.refused or upload.all_problems:
        raise ImproperlyConfigured(_problems_text(upload.all_problems))
    candidates = {c.key: c for c in upload.candidates}
    refs, stems = existing_items()
    todo = [
        p
        for p in plan([BankItem.of_candidate(c) for c in upload.candidates])
        if p.item.ref not in refs and candidates[p.item.ref].stem not in stems
    ]
    if todo:
        # In the plan's order, so item codes are given as they always were.
        upload.candidates = [_first_draft(candidates[p.item.ref], p.status) for p in todo]
        created = items_import(actor=seeder.writer, plan=upload).created
        for planned, item in zip(todo, created, strict=True):
            if item.external_ref != planned.item.ref:
                raise ImproperlyConfigured(
                    f"{planned.item.ref}: imported without its external ref (another item has it)."
                )
            seeder.drive(item, planned.status, candidates[planned.item.ref])
    return {"items_created": len(todo), "items": Item.objects.count()}
