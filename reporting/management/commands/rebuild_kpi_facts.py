from django.core.management.base import BaseCommand, CommandError

from core.models import Organization
from reporting import fact_summary


class Command(BaseCommand):
    help = (
        "Recompute the KPI dashboard's summary from the procurements (after loaddata, a restore "
        "or writes made outside the product)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", help="organisasjonsnummer; all organisations without it")

    def handle(self, *args, org=None, **options):
        organization_id = None
        if org:
            organization = Organization.objects.filter(orgnr=org.replace(" ", "")).first()
            if organization is None:
                raise CommandError(f"Fant ingen organisasjon med organisasjonsnummer {org}.")
            organization_id = organization.pk
        counted = fact_summary.rebuild(organization_id)
        self.stdout.write(f"KPI summary rebuilt: {counted} counted procurements.")
