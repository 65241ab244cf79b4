"""Seed the demo item bank through the real item-bank services.

The demo writer (writer@aicert.example) authors every item; the two demo reviewers review them
independently with the full checklist, and the foundation admin assigns reviewers, activates
and retires. So every approved item carries two completed checklists and an audit trail, like
an item that went through the workflow by hand.

Items are written in :mod:`aicert.demo.items`. Each (level, domain) cell of a blueprint gets at
least twice the blueprint's item count in active items (enough for two parallel forms with a
few anchors); the surplus of each subject is spread over the other workflow states so the
review queues of the demo are not empty.

Items have no external code field, so an item is recognised by the Chinese stem of its first
version (stems are unique across the demo bank): a second run skips what exists.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from aicert.accounts.models import User
from aicert.catalog.models import CompetencyDomain, Level, Subject
from aicert.demo import catalog_data
from aicert.demo.items import bank
from aicert.demo.items._build import ItemSpec
from aicert.itembank import services
from aicert.itembank.models import REVIEW_CHECKLIST, Item, ItemStatus, ItemVersion, ReviewDecision

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
class Planned:
    spec: ItemSpec
    status: str  # an ItemStatus value, or REVISED


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


def plan(specs: list[ItemSpec]) -> list[Planned]:
    """Give every item its workflow state: the blueprint's 2x active first, the rest spread."""
    targets = active_targets()
    cells: dict[tuple[str, str], list[ItemSpec]] = defaultdict(list)
    for spec in specs:
        if (spec.level, spec.domain) not in targets:
            raise ValueError(f"{spec.ref}: no {spec.level} subject covers domain {spec.domain}")
        cells[(spec.level, spec.domain)].append(spec)
    planned: list[Planned] = []
    surplus: dict[str, list[ItemSpec]] = defaultdict(list)
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
        certification = Level.objects.get(code="associate").certification
        self.levels = {lv.code: lv for lv in Level.objects.filter(certification=certification)}
        self.subjects = {
            s.code: s for s in Subject.objects.filter(level__certification=certification)
        }
        self.domains = {
            d.code: d for d in CompetencyDomain.objects.filter(certification=certification)
        }

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

    def seed(self, planned: Planned) -> Item:
        spec, status = planned.spec, planned.status
        level = self.levels[spec.level]
        choice = spec.item_type in ("single_choice", "multiple_response")
        sent_back = status in (ItemStatus.CHANGES_REQUESTED, REVISED)
        first_zh, first_en = spec.zh, spec.en
        if sent_back and choice:
            first_zh, first_en = _without_rationales(spec.zh), _without_rationales(spec.en)
        item = services.item_create(
            actor=self.writer,
            level=level,
            subject=self.subjects[subject_of(spec.level, spec.domain)],
            domain=self.domains[spec.domain],
            cognitive_level=spec.cognitive,
            difficulty=spec.difficulty,
            item_type=spec.item_type,
            content_zh=first_zh,
            content_en=first_en,
        )
        if status == ItemStatus.DRAFT:
            return item
        services.item_submit(actor=self.writer, item=item)
        if status == ItemStatus.SUBMITTED:
            return item
        if status == ItemStatus.IN_REVIEW:
            self._review(item, approvals=1)
            return item
        if sent_back:
            comment = RATIONALE_COMMENT if choice else STEM_COMMENT
            self._review(item, approvals=1, send_back=comment)
            if status == ItemStatus.CHANGES_REQUESTED:
                return item
            services.item_revise(
                actor=self.writer,
                item=item,
                item_type=spec.item_type,
                content_zh=spec.zh,
                content_en=spec.en,
                change_note="依審題意見補上每個選項的理由說明。 / Added a rationale to every option, as the review asked.",
            )
            services.item_submit(actor=self.writer, item=item)
        self._review(item, approvals=2)
        if status == ItemStatus.APPROVED:
            return item
        services.item_activate(actor=self.lead, item=item)
        if status == ItemStatus.RETIRED:
            services.item_retire(actor=self.lead, item=item, reason=RETIRE_REASON)
        return item


def existing_stems() -> set[str]:
    """Chinese stems of the first versions of the demo writer's items (the idempotency key)."""
    rows = ItemVersion.objects.filter(number=1, item__author__email=WRITER).values_list(
        "content_zh", flat=True
    )
    return {row.get("stem", "") for row in rows if isinstance(row, dict)}


def itembank_seed() -> dict[str, int]:
    """Create the demo items that do not exist yet; return how many were created.

    Call inside a transaction (``demo_seed`` is atomic) after the demo accounts exist.
    """
    seeder = _Seeder()
    done = existing_stems()
    created = 0
    for planned in plan(bank()):
        if planned.spec.zh["stem"] in done:
            continue
        seeder.seed(planned)
        done.add(planned.spec.zh["stem"])
        created += 1
    return {"items_created": created, "items": Item.objects.count()}
