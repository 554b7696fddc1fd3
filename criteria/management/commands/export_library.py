from django.core.management.base import BaseCommand

from criteria import library_io


class Command(BaseCommand):
    help = "Export the national criteria library as JSON (everything, round-trips) or CSV (current texts)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write; standard output when left out.")

    def handle(self, *args, **options):
        text = library_io.export_json() if options["format"] == "json" else library_io.export_csv()
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(text, ending="")
