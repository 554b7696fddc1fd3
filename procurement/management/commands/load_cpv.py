from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from procurement import cpv


class Command(BaseCommand):
    help = "Load or refresh the CPV code list (procurement/data/cpv/cpv.csv). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=cpv.CPV_FILE, help="A CSV with code,label_en,label_nb.")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"Fant ikke filen {file}.")
        try:
            result = cpv.load(file)
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from exc
        self.stdout.write(f"CPV: {result.created} new, {result.updated} updated, {result.unchanged} unchanged.")
