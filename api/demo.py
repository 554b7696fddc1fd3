"""Demo data for data out: the CPV list, and a CPV main code on every demo procurement without one.

Runs after the other demo modules (their procurements predate CPV codes); the
main code is the first of the category's suggested codes, as an officer would pick it.
"""

from procurement import cpv
from procurement.models import CpvCode, Procurement
from procurement.signals import procurements_written


def load(out) -> dict:
    result = cpv.load()
    known = set(CpvCode.objects.values_list("code", flat=True))
    coded = []
    for p in Procurement.objects.filter(main_cpv__isnull=True).select_related("category"):
        suggested = [str(c) for c in p.category.cpv_codes or [] if str(c) in known]
        if suggested:
            # Reference data on a demo row: no history row or version bump wanted here.
            Procurement.objects.filter(pk=p.pk).update(main_cpv_id=suggested[0])
            coded.append(p.pk)
    procurements_written.send(sender=Procurement, pks=coded)  # the KPIs filter by CPV division
    return {"cpv codes": result.created, "procurements given a CPV code": len(coded)}
