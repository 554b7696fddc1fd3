"""Åpenhetsloven § 6 on requests (received day, extension notice, refusal) and a three-way classification
of suppliers under the Act.

The old yes/no flag defaulted to no, so "no" mostly meant "nobody said". A stored
True becomes "covered". A False becomes "not covered" only where the supplier's
history shows someone turned the flag off (a row with True followed by False);
otherwise it becomes "unknown". Requests already sent were received, as far as
anyone recorded, on the day they were sent.
"""

from django.conf import settings
from django.db import migrations, models


def classify_suppliers(apps, schema_editor):
    Supplier = apps.get_model("suppliers", "Supplier")
    Historical = apps.get_model("suppliers", "HistoricalSupplier")
    Supplier.objects.filter(covered_by_transparency_act=True).update(transparency_act="omfattet")
    turned_off = set()
    last: dict[int, bool] = {}
    rows = Historical.objects.order_by("id", "history_date", "history_id").values_list(
        "id", "covered_by_transparency_act"
    )
    for pk, covered in rows:
        if last.get(pk) is True and covered is False:
            turned_off.add(pk)
        last[pk] = covered
    Supplier.objects.filter(pk__in=turned_off, covered_by_transparency_act=False).update(
        transparency_act="ikke_omfattet"
    )
    Historical.objects.filter(covered_by_transparency_act=True).update(transparency_act="omfattet")


def unclassify_suppliers(apps, schema_editor):
    Supplier = apps.get_model("suppliers", "Supplier")
    Supplier.objects.filter(transparency_act="omfattet").update(covered_by_transparency_act=True)


def received_is_sent(apps, schema_editor):
    Request = apps.get_model("suppliers", "DueDiligenceRequest")
    Request.objects.filter(sent_on__isnull=False, received_on__isnull=True).update(received_on=models.F("sent_on"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_national_library"),
        ("suppliers", "0004_obligation_target"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="answerlinkvisit",
            name="action",
            field=models.CharField(
                choices=[
                    ("vis", "Åpnet"),
                    ("lagre", "Lagret utkast"),
                    ("last_opp", "Lastet opp fil"),
                    ("avvist_fil", "Fil avvist"),
                    ("fjern_fil", "Fjernet fil"),
                    ("utsettelse", "Varslet utsatt frist"),
                    ("avslag", "Avslo forespørselen"),
                    ("send_inn", "Sendte inn svaret"),
                    ("avvist", "Avvist lenke"),
                    ("struper", "For mange forsøk"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="duediligencerequest",
            name="extension_notified_on",
            field=models.DateField(blank=True, null=True, verbose_name="varslet utsatt frist"),
        ),
        migrations.AddField(
            model_name="duediligencerequest",
            name="extension_reason",
            field=models.TextField(blank=True, verbose_name="begrunnelse for utsatt frist"),
        ),
        migrations.AddField(
            model_name="duediligencerequest",
            name="extension_source",
            field=models.CharField(
                blank=True, choices=[("svarside", "Via svarsiden"), ("registrert", "Registrert av oss")], max_length=12
            ),
        ),
        migrations.AddField(
            model_name="duediligencerequest",
            name="received_on",
            field=models.DateField(blank=True, null=True, verbose_name="mottatt av leverandøren"),
        ),
        migrations.AddField(
            model_name="duediligencerequest",
            name="refusal_ground",
            field=models.CharField(
                blank=True,
                choices=[
                    ("uklart", "Kravet gir ikke nok grunnlag til å forstå hva det gjelder (§ 6 tredje ledd a)"),
                    ("urimelig", "Kravet er åpenbart urimelig (§ 6 tredje ledd b)"),
                    ("personopplysninger", "Informasjonen gjelder personlige forhold (§ 6 tredje ledd c)"),
                    (
                        "forretningshemmelighet",
                        "Informasjonen er drifts- eller forretningsforhold som av konkurransehensyn bør holdes hemmelig (§ 6 tredje ledd d)",
                    ),
                ],
                max_length=30,
                verbose_name="grunnlag for avslaget",
            ),
        ),
        migrations.AddField(
            model_name="duediligencerequest",
            name="refusal_note",
            field=models.TextField(blank=True, verbose_name="begrunnelse for avslaget"),
        ),
        migrations.AddField(
            model_name="duediligencerequest",
            name="refused_on",
            field=models.DateField(blank=True, null=True, verbose_name="avslått"),
        ),
        migrations.AddField(
            model_name="historicalduediligencerequest",
            name="extension_notified_on",
            field=models.DateField(blank=True, null=True, verbose_name="varslet utsatt frist"),
        ),
        migrations.AddField(
            model_name="historicalduediligencerequest",
            name="extension_reason",
            field=models.TextField(blank=True, verbose_name="begrunnelse for utsatt frist"),
        ),
        migrations.AddField(
            model_name="historicalduediligencerequest",
            name="extension_source",
            field=models.CharField(
                blank=True, choices=[("svarside", "Via svarsiden"), ("registrert", "Registrert av oss")], max_length=12
            ),
        ),
        migrations.AddField(
            model_name="historicalduediligencerequest",
            name="received_on",
            field=models.DateField(blank=True, null=True, verbose_name="mottatt av leverandøren"),
        ),
        migrations.AddField(
            model_name="historicalduediligencerequest",
            name="refusal_ground",
            field=models.CharField(
                blank=True,
                choices=[
                    ("uklart", "Kravet gir ikke nok grunnlag til å forstå hva det gjelder (§ 6 tredje ledd a)"),
                    ("urimelig", "Kravet er åpenbart urimelig (§ 6 tredje ledd b)"),
                    ("personopplysninger", "Informasjonen gjelder personlige forhold (§ 6 tredje ledd c)"),
                    (
                        "forretningshemmelighet",
                        "Informasjonen er drifts- eller forretningsforhold som av konkurransehensyn bør holdes hemmelig (§ 6 tredje ledd d)",
                    ),
                ],
                max_length=30,
                verbose_name="grunnlag for avslaget",
            ),
        ),
        migrations.AddField(
            model_name="historicalduediligencerequest",
            name="refusal_note",
            field=models.TextField(blank=True, verbose_name="begrunnelse for avslaget"),
        ),
        migrations.AddField(
            model_name="historicalduediligencerequest",
            name="refused_on",
            field=models.DateField(blank=True, null=True, verbose_name="avslått"),
        ),
        migrations.AddField(
            model_name="historicalsupplier",
            name="transparency_act",
            field=models.CharField(
                choices=[("ukjent", "Ikke vurdert"), ("omfattet", "Omfattet"), ("ikke_omfattet", "Ikke omfattet")],
                default="ukjent",
                help_text="Større virksomheter er omfattet: de skal gjøre aktsomhetsvurderinger og svare på informasjonskrav. Velg «Ikke vurdert» når dere ikke vet.",
                max_length=15,
                verbose_name="åpenhetsloven",
            ),
        ),
        migrations.AddField(
            model_name="supplier",
            name="transparency_act",
            field=models.CharField(
                choices=[("ukjent", "Ikke vurdert"), ("omfattet", "Omfattet"), ("ikke_omfattet", "Ikke omfattet")],
                default="ukjent",
                help_text="Større virksomheter er omfattet: de skal gjøre aktsomhetsvurderinger og svare på informasjonskrav. Velg «Ikke vurdert» når dere ikke vet.",
                max_length=15,
                verbose_name="åpenhetsloven",
            ),
        ),
        migrations.AlterField(
            model_name="duediligencerequest",
            name="status",
            field=models.CharField(
                choices=[
                    ("utkast", "Utkast"),
                    ("sendt", "Sendt"),
                    ("purret", "Purret"),
                    ("besvart", "Besvart"),
                    ("under_vurdering", "Under vurdering"),
                    ("godkjent", "Godkjent"),
                    ("oppfolging_kreves", "Oppfølging kreves"),
                    ("forfalt", "Forfalt"),
                    ("eskalert", "Eskalert"),
                    ("avslatt", "Avslått"),
                    ("lukket", "Lukket"),
                ],
                default="utkast",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="historicalduediligencerequest",
            name="status",
            field=models.CharField(
                choices=[
                    ("utkast", "Utkast"),
                    ("sendt", "Sendt"),
                    ("purret", "Purret"),
                    ("besvart", "Besvart"),
                    ("under_vurdering", "Under vurdering"),
                    ("godkjent", "Godkjent"),
                    ("oppfolging_kreves", "Oppfølging kreves"),
                    ("forfalt", "Forfalt"),
                    ("eskalert", "Eskalert"),
                    ("avslatt", "Avslått"),
                    ("lukket", "Lukket"),
                ],
                default="utkast",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(classify_suppliers, unclassify_suppliers),
        migrations.RunPython(received_is_sent, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="historicalsupplier",
            name="covered_by_transparency_act",
        ),
        migrations.RemoveField(
            model_name="supplier",
            name="covered_by_transparency_act",
        ),
        migrations.AddConstraint(
            model_name="duediligencerequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "avslatt"), _negated=True),
                    models.Q(models.Q(("refusal_ground", ""), _negated=True), ("refused_on__isnull", False)),
                    _connector="OR",
                ),
                name="refused_request_has_a_ground",
            ),
        ),
    ]
