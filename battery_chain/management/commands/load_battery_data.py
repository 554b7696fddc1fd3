from django.core.management.base import BaseCommand

from battery_chain.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Load the battery reference data (materials, risk levels, country risk, production shares, chemistries) "
        "from battery_chain/data/. Safe to run again; existing rows are kept unless --update is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Overwrite existing rows with the shipped values (editors' changes are lost).",
        )

    def handle(self, *args, **options):
        created = load_reference_data(update=options["update"])
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in created.items()) + " created")
