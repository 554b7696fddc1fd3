from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from criteria import library_io


class Command(BaseCommand):
    help = "Import a library file (JSON export or CSV). Any error in any row and nothing is written."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            result = library_io.import_bytes(path.read_bytes(), filename=path.name)
        except library_io.LibraryImportError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} error(s); nothing was imported.") from None
        self.stdout.write(
            f"Imported: {result.criteria_created} new criteria, {result.revisions_added} new revisions, "
            f"{result.unchanged} revisions already present."
        )
