"""Objects of an organisation for the URL walk (tests/url_walk.py): chain maps, minerals reports, reference rows.

The reference-data URLs are exempt from the outsider test (tests/url_walk.py EXEMPT_NAMES): they
are national on purpose. Their builders still exist because every URL is walked for login and
read-only checks.
"""

from tests.factories import (
    battery_pack,
    battery_product,
    chemistry_content,
    country_risk,
    material_risk,
    minerals_product,
    minerals_report,
    production_share,
    raw_material,
    sourcing_line,
)


def product_id(org, ctx):
    ctx.setdefault("product", battery_product(organization=org))
    return ctx["product"].pk


def pack_id(org, ctx):
    product_id(org, ctx)
    ctx.setdefault("pack", battery_pack(ctx["product"]))
    return ctx["pack"].pk


def line_id(org, ctx):
    pack_id(org, ctx)
    return sourcing_line(ctx["pack"]).pk


def report_id(org, ctx):
    ctx.setdefault("minerals_product", minerals_product(org))
    return minerals_report(org, product=ctx["minerals_product"]).pk


OBJECT_BUILDERS = {
    "product_id": product_id,
    "pack_id": pack_id,
    "line_id": line_id,
    "report_id": report_id,
    "material_id": lambda org, ctx: raw_material().pk,
    "material_risk_id": lambda org, ctx: material_risk().pk,
    "country_risk_id": lambda org, ctx: country_risk().pk,
    "production_share_id": lambda org, ctx: production_share().pk,
    "chemistry_content_id": lambda org, ctx: chemistry_content().pk,
}
