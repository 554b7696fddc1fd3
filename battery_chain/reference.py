"""The shipped reference data (battery_chain/data/*.json) and how it reaches the database.

Loading is idempotent: a fact that exists is left as it is, so a library
editor's correction survives the next deploy; `update=True` makes the shipped
files win (used after a deliberate data release).
"""

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from battery_chain.models import (
    Chemistry,
    ChemistryContent,
    CountryRisk,
    MaterialRisk,
    ProductionShare,
    RawMaterial,
    RiskCategory,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def _put(model, update: bool, lookup: dict, values: dict) -> bool:
    """Create the row if missing (or overwrite it when updating); True when a row was created."""
    if update:
        _obj, created = model.objects.update_or_create(**lookup, defaults=values)
    else:
        _obj, created = model.objects.get_or_create(**lookup, defaults=values)
    return created


def english_category(english: dict, row: dict) -> dict:
    texts = english["categories"].get(row["slug"], {})
    return {"name_en": texts.get("name", ""), "annex_x_en": texts.get("annex_x", "")}


def english_material(english: dict, row: dict) -> dict:
    texts = english["materials"].get(row["slug"], {})
    return {"name_en": texts.get("name", ""), "main_risks_en": texts.get("main_risks", "")}


@transaction.atomic
def load_reference_data(*, update: bool = False) -> dict:
    created = dict.fromkeys(
        ["materials", "categories", "material_risks", "countries", "shares", "chemistries", "contents"], 0
    )
    data = _read("materials.json")
    english = _read("materials.en.json")
    categories = {}
    for position, row in enumerate(data["categories"], start=1):
        created["categories"] += _put(
            RiskCategory,
            update,
            {"slug": row["slug"]},
            {"name": row["name"], "annex_x": row["annex_x"], "position": position, **english_category(english, row)},
        )
        categories[row["slug"]] = RiskCategory.objects.get(slug=row["slug"])
    materials = {}
    for position, row in enumerate(data["materials"], start=1):
        created["materials"] += _put(
            RawMaterial,
            update,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "symbol": row["symbol"],
                "battery_regulation_due_diligence": row["due_diligence"],
                "conflict_mineral": row["conflict"],
                "overall_risk": row["overall"],
                "main_risks": row["main_risks"],
                "position": position,
                **english_material(english, row),
            },
        )
        material = materials[row["slug"]] = RawMaterial.objects.get(slug=row["slug"])
        for slug, (level, comment) in row["risks"].items():
            created["material_risks"] += _put(
                MaterialRisk,
                update,
                {"material": material, "category": categories[slug]},
                {
                    "level": level,
                    "comment": comment,
                    "comment_en": english["materials"].get(row["slug"], {}).get("risks", {}).get(slug, ""),
                    "source": row["source"],
                    "year": row["year"],
                },
            )

    countries = _read("countries.json")
    for code, score, basis in countries["countries"]:
        created["countries"] += _put(
            CountryRisk,
            update,
            {"country": code},
            {"score": score, "basis": basis, "source": countries["source"], "year": countries["year"]},
        )

    for block in _read("production_shares.json")["sets"]:
        for slug, shares in block["shares"].items():
            for code, percent in shares.items():
                created["shares"] += _put(
                    ProductionShare,
                    update,
                    {"material": materials[slug], "country": code, "year": block["year"]},
                    {"share_percent": Decimal(str(percent)), "source": block["source"]},
                )

    chemistries = _read("chemistries.json")
    for row in chemistries["chemistries"]:
        created["chemistries"] += _put(
            Chemistry, update, {"code": row["code"]}, {"name": row["name"], "description": row["description"]}
        )
        chemistry = Chemistry.objects.get(code=row["code"])
        for slug, kg in row["kg_per_kwh"].items():
            created["contents"] += _put(
                ChemistryContent,
                update,
                {"chemistry": chemistry, "material": materials[slug]},
                {"kg_per_kwh": Decimal(str(kg)), "source": chemistries["source"], "year": chemistries["year"]},
            )
    return created
