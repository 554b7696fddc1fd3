"""Thresholds and § 7-9 parameters as data, with validity periods (DOMAIN.md section 2).

New values are added as new rows (admin or a later migration), never by editing
these: procurements keep the rules of their own date.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

FROM, TO = date(2024, 1, 1), date(2025, 12, 31)
SOURCE = "Anskaffelsesforskriften § 5-1 / forsyningsforskriften; terskelverdier for 2024–2025"

THRESHOLDS = [
    # key, buyer_type, kind, amount
    ("forskrift", "", "", 100_000),
    ("nasjonal", "", "", 1_300_000),
    ("eos", "statlig", "varer", 1_490_000),
    ("eos", "statlig", "tjenester", 1_490_000),
    ("eos", "annen", "varer", 2_300_000),
    ("eos", "annen", "tjenester", 2_300_000),
    ("eos", "forsyning", "varer", 4_600_000),
    ("eos", "forsyning", "tjenester", 4_600_000),
    ("eos", "", "bygg_og_anlegg", 57_800_000),
    ("eos", "", "saerlige_tjenester", 7_800_000),
]

PARAMETERS = [
    # § 7-9 in force from 1 January 2024.
    ("min_miljovekt", 30, "Anskaffelsesforskriften § 7-9 (i kraft 1. januar 2024)"),
    ("miljoregel_fra_verdi", 100_000, "Anskaffelsesforskriften § 7-9 første ledd"),
    ("rangert_topp", 3, "Anskaffelsesforskriften § 7-9 annet ledd"),
]


def load(apps, schema_editor):
    Threshold = apps.get_model("procurement", "Threshold")
    RuleParameter = apps.get_model("procurement", "RuleParameter")
    for key, buyer_type, kind, amount in THRESHOLDS:
        # The 100 000 floor is in the regulation itself, not a periodic threshold.
        valid_to = None if key == "forskrift" else TO
        Threshold.objects.get_or_create(
            key=key,
            buyer_type=buyer_type,
            kind=kind,
            valid_from=FROM,
            defaults={"amount": Decimal(amount), "valid_to": valid_to, "source": SOURCE},
        )
    for key, value, source in PARAMETERS:
        RuleParameter.objects.get_or_create(
            key=key, valid_from=FROM, defaults={"value": Decimal(value), "valid_to": None, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
