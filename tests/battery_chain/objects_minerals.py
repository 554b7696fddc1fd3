"""Objects for the URL walk (tests/url_walk.py): imported minerals reports."""

from tests.factories import minerals_product, minerals_report


def _product(organization, ctx):
    if "minerals_product" not in ctx:
        ctx["minerals_product"] = minerals_product(organization)
    return ctx["minerals_product"].pk


def report_id(organization, ctx):
    _product(organization, ctx)
    return minerals_report(organization, product=ctx["minerals_product"]).pk


OBJECT_BUILDERS = {
    "report_id": report_id,
}
