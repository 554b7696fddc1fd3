from django.core.management.base import BaseCommand

from criteria.demo import load_first_library


class Command(BaseCommand):
    help = "Load the first national criteria library shipped with the product (idempotent)."

    def handle(self, *args, **options):
        result = load_first_library()
        self.stdout.write(
            f"Criteria library: {result.criteria_created} new criteria, {result.revisions_added} new revisions, "
            f"{result.unchanged} already present."
        )
