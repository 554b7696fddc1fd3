"""The KPI summary (FactGroup rows) kept equal to the live facts on every write that changes one.

One function does it: `refresh(pks)` computes the procurements' facts from the
database as they are now, compares each with the group the procurement is counted
in (CountedProcurement) and moves it, under row locks, from that group to its new
one. Deltas are never worked out from what a service changed: whatever the write,
the result is the live computation. The model signals of procurements, their
requirements and award criteria call it, so services, the admin, demo loaders and
factories keep the summary without knowing of it (reporting reads the procurement
app, never the other way round). Writes that bypass the signals (queryset
.update(), bulk_create) send `procurement.signals.procurements_written` or call
`refresh` or `rebuild` themselves.
"""

from collections import Counter
from functools import reduce
from operator import or_

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from reporting.facts import AWARD_AND_CLAUSE_FACTS, counting, with_facts

# What tells one FactGroup from another, and the live columns in the same order.
KEY = (
    "organization_id",
    "year",
    "cpv_division",
    "kind",
    "category_id",
    *AWARD_AND_CLAUSE_FACTS,
)
_LIVE = (
    "organization_id",
    "year_published",
    "main_cpv__division",
    "kind",
    "category_id",
    *AWARD_AND_CLAUSE_FACTS,
)
# Saves naming only other fields (update_fields) cannot change a fact.
PROCUREMENT_FIELDS = {
    "organization",
    "status",
    "published_at",
    "estimated_value",
    "category",
    "kind",
    "main_cpv",
    "award_method",
    "rule_exception",
}
CHILD_FIELDS = {
    "AwardCriterion": {"procurement", "weight", "rank", "is_environmental", "is_price"},
    "Requirement": {"procurement", "environmental_management", "human_rights_clause"},
}


def _live_keys(procurements) -> dict[int, tuple]:
    """pk -> group key of each procurement of the queryset that counts."""
    rows = with_facts(counting(procurements)).order_by().values_list("pk", *_LIVE)
    return {pk: (org, year, division or "", *rest) for pk, org, year, division, *rest in rows}


def _key(group) -> tuple:
    return tuple(getattr(group, name) for name in KEY)


def _fields(key: tuple) -> dict:
    return dict(zip(KEY, key, strict=True))


def _groups(model, keys) -> dict[tuple, object]:
    """The FactGroup row of each key, created (with count 0) where missing."""
    if not keys:
        return {}
    model.objects.bulk_create([model(**_fields(k)) for k in keys], ignore_conflicts=True)
    return {_key(g): g for g in model.objects.filter(reduce(or_, (Q(**_fields(k)) for k in keys)))}


@transaction.atomic
def refresh(pks) -> None:
    """Bring the summary in line with these procurements as the database has them now (deleted ones included)."""
    from procurement.models import Procurement
    from reporting.models import CountedProcurement, FactGroup

    pks = sorted({pk for pk in pks if pk is not None})
    if not pks:
        return
    # The same row locks the services take: a parallel write to one of these procurements
    # waits until this transaction commits, and its own refresh then sees this one's changes.
    list(Procurement.objects.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk", flat=True))
    now = _live_keys(Procurement.objects.filter(pk__in=pks))
    stored = {
        c.procurement_pk: c
        for c in CountedProcurement.objects.select_for_update(of=("self",))
        .filter(procurement_pk__in=pks)
        .select_related("group")
    }
    moves = {
        pk: (stored.get(pk), now.get(pk))
        for pk in pks
        if (_key(stored[pk].group) if pk in stored else None) != now.get(pk)
    }
    if not moves:
        return
    groups = _groups(FactGroup, {new for _old, new in moves.values() if new is not None})
    deltas = Counter()
    for old, new in moves.values():
        if old is not None:
            deltas[old.group_id] -= 1
        if new is not None:
            deltas[groups[new].pk] += 1
    for group_id in sorted(deltas):  # one order for every transaction: no deadlock between two refreshes
        if deltas[group_id]:
            FactGroup.objects.filter(pk=group_id).update(count=F("count") + deltas[group_id])
    CountedProcurement.objects.filter(
        procurement_pk__in=[pk for pk, (_o, new) in moves.items() if new is None]
    ).delete()
    moved = []
    for old, new in moves.values():
        if new is not None and old is not None:
            old.group = groups[new]
            moved.append(old)
    CountedProcurement.objects.bulk_update(moved, ["group"])
    CountedProcurement.objects.bulk_create(
        CountedProcurement(procurement_pk=pk, group=groups[new])
        for pk, (old, new) in moves.items()
        if new is not None and old is None
    )


def rebuild(organization_id=None, *, apps=global_apps) -> int:
    """Recompute the summary of one organisation (or all) from its procurements; returns how many count.

    For `manage.py rebuild_kpi_facts`, the migration that creates the tables (with its
    historical models as `apps`) and bulk loaders. The procurements' rows are locked
    meanwhile, so a write in parallel waits instead of being counted twice or lost.
    """
    Procurement = apps.get_model("procurement", "Procurement")
    FactGroup = apps.get_model("reporting", "FactGroup")
    CountedProcurement = apps.get_model("reporting", "CountedProcurement")
    with transaction.atomic():
        scope = Procurement.objects.all()
        groups = FactGroup.objects.all()
        if organization_id is not None:
            scope, groups = (
                scope.filter(organization_id=organization_id),
                groups.filter(organization_id=organization_id),
            )
        list(scope.select_for_update().order_by("pk").values_list("pk", flat=True))
        CountedProcurement.objects.filter(group__in=groups).delete()
        groups.delete()
        keys = _live_keys(scope)
        made = FactGroup.objects.bulk_create(
            [FactGroup(count=n, **_fields(k)) for k, n in Counter(keys.values()).items()], batch_size=1000
        )
        made = {_key(g): g for g in made}  # PostgreSQL and SQLite return the new rows' ids
        CountedProcurement.objects.bulk_create(
            (CountedProcurement(procurement_pk=pk, group=made[k]) for pk, k in keys.items()), batch_size=5000
        )
    return len(keys)


# ----------------------------------------------------------------- the signals that call refresh


def _parent_deleted(sender, origin) -> bool:
    """A requirement or award criterion deleted because its procurement (or organisation) is:
    the procurement's own delete signal refreshes it once, after it is gone."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model is not sender


def _procurement_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not PROCUREMENT_FIELDS & set(update_fields)):
        return
    refresh([instance.pk])


def _procurement_deleted(sender, instance, **kwargs):
    refresh([instance.pk])


def _child_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not CHILD_FIELDS[sender.__name__] & set(update_fields)):
        return
    refresh([instance.procurement_id])


def _child_deleted(sender, instance, origin=None, **kwargs):
    if origin is not None and _parent_deleted(sender, origin):
        return
    refresh([instance.procurement_id])


def _written(sender, pks, **kwargs):
    refresh(pks)


def connect() -> None:
    """From ReportingConfig.ready(): loaddata (raw saves) is not followed; run rebuild_kpi_facts after it."""
    from procurement.models import AwardCriterion, Procurement, Requirement
    from procurement.signals import procurements_written

    post_save.connect(_procurement_saved, sender=Procurement, dispatch_uid="reporting.facts.procurement_saved")
    post_delete.connect(_procurement_deleted, sender=Procurement, dispatch_uid="reporting.facts.procurement_deleted")
    for model in (AwardCriterion, Requirement):
        post_save.connect(_child_saved, sender=model, dispatch_uid=f"reporting.facts.{model.__name__}_saved")
        post_delete.connect(_child_deleted, sender=model, dispatch_uid=f"reporting.facts.{model.__name__}_deleted")
    procurements_written.connect(_written, dispatch_uid="reporting.facts.procurements_written")
