"""Battery supply chains: reference data on raw materials and countries, and chain maps per product.

Reference data (materials, risk categories and levels, country risk, production
shares, chemistries) is national and curated by library editors; every fact
carries its source and year. Chain maps (products → packs → sourcing lines) and
imported minerals reports belong to the organisation that made them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.formatting import format_number
from core.models import Organization
from core.translated import in_language
from procurement.models import Requirement
from suppliers.models import Contract, Supplier


class RiskLevel(models.TextChoices):
    HIGH = "hoy", _("Høy")
    MEDIUM = "middels", _("Middels")
    LOW = "lav", _("Lav")


class Sourced(models.Model):
    """Where a fact comes from, and for which year."""

    source = models.CharField(_("kilde"), max_length=300)
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    # Optimistic locking (core/concurrency.py): bumped on every save through the edit form's service.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class RawMaterial(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=80)
    name_en = models.CharField(_("navn (engelsk)"), max_length=80, blank=True)
    symbol = models.CharField(_("kjemisk symbol"), max_length=4, blank=True)
    # The EU Battery Regulation's due-diligence duty covers cobalt, natural graphite, lithium and nickel.
    battery_regulation_due_diligence = models.BooleanField(
        _("aktsomhetsplikt etter batteriforordningen"), default=False
    )
    conflict_mineral = models.BooleanField(_("konfliktmineral (3TG)"), default=False)
    overall_risk = models.CharField(_("samlet risiko"), max_length=10, choices=RiskLevel.choices)
    main_risks = models.TextField(_("hovedrisikoer"), blank=True)
    main_risks_en = models.TextField(_("hovedrisikoer (engelsk)"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # Optimistic locking (core/concurrency.py): bumped on every save through the edit form's service.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("råvare")
        verbose_name_plural = _("råvarer")

    def __str__(self):
        return in_language(self, "name")

    @property
    def main_risks_text(self) -> str:
        return in_language(self, "main_risks")


class RiskCategory(models.Model):
    """A kind of harm, aligned with the EU Battery Regulation's Annex X."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=120)
    name_en = models.CharField(_("navn (engelsk)"), max_length=120, blank=True)
    annex_x = models.CharField(_("vedlegg X i batteriforordningen"), max_length=200, blank=True)
    annex_x_en = models.CharField(_("vedlegg X i batteriforordningen (engelsk)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("risikokategori")
        verbose_name_plural = _("risikokategorier")

    def __str__(self):
        return in_language(self, "name")

    @property
    def annex_x_text(self) -> str:
        return in_language(self, "annex_x")


class MaterialRisk(Sourced):
    material = models.ForeignKey(RawMaterial, verbose_name=_("råvare"), on_delete=models.CASCADE, related_name="risks")
    category = models.ForeignKey(RiskCategory, on_delete=models.CASCADE, related_name="material_risks")
    level = models.CharField(_("risikonivå"), max_length=10, choices=RiskLevel.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    comment_en = models.TextField(_("kommentar (engelsk)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["material", "category"], name="uniq_material_risk")]
        verbose_name = _("råvarerisiko")
        verbose_name_plural = _("råvarerisikoer")

    def __str__(self):
        return f"{self.material} / {self.category}: {self.get_level_display()}"

    @property
    def comment_text(self) -> str:
        return in_language(self, "comment")


class CountryRisk(Sourced):
    """How likely serious harm is where a material is mined or refined, 0 (low) to 100 (very high)."""

    country = CountryField(_("land"), unique=True)
    score = models.PositiveSmallIntegerField(_("risikopoeng"), validators=[MaxValueValidator(100)])
    basis = models.TextField(_("grunnlag"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country"]
        verbose_name = _("landrisiko")
        verbose_name_plural = _("landrisiko")

    def __str__(self):
        return f"{self.country.name}: {format_number(self.score)}"


class ProductionShare(Sourced):
    """A country's share of world production of a material in a year (several years coexist)."""

    material = models.ForeignKey(
        RawMaterial, verbose_name=_("råvare"), on_delete=models.CASCADE, related_name="production_shares"
    )
    country = CountryField(_("land"))
    share_percent = models.DecimalField(
        _("andel (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["material", "-year", "-share_percent"]
        constraints = [
            models.UniqueConstraint(fields=["material", "country", "year"], name="uniq_production_share"),
        ]
        verbose_name = _("produksjonsandel")
        verbose_name_plural = _("produksjonsandeler")

    def __str__(self):
        return f"{self.material} {self.country.code} {self.year}: {format_number(self.share_percent)} %"


class Chemistry(models.Model):
    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("navn"), max_length=120)
    description = models.TextField(_("beskrivelse"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("batterikjemi")
        verbose_name_plural = _("batterikjemier")

    def __str__(self):
        return self.code


class ChemistryContent(Sourced):
    """Approximate kilograms of a material per kWh of cells for a chemistry."""

    chemistry = models.ForeignKey(
        Chemistry, verbose_name=_("batterikjemi"), on_delete=models.CASCADE, related_name="contents"
    )
    material = models.ForeignKey(
        RawMaterial, verbose_name=_("råvare"), on_delete=models.CASCADE, related_name="chemistry_contents"
    )
    kg_per_kwh = models.DecimalField(_("kg per kWh"), max_digits=6, decimal_places=3, validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chemistry", "material"], name="uniq_chemistry_content")]
        verbose_name = _("materialinnhold")
        verbose_name_plural = _("materialinnhold")

    def __str__(self):
        return f"{self.chemistry} {self.material}: {format_number(self.kg_per_kwh)} kg/kWh"


class Product(models.Model):
    class Kind(models.TextChoices):
        BUS = "buss", _("Elektrisk buss")
        CAR = "bil", _("Elektrisk bil")
        OTHER = "annet", _("Annet")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="battery_products")
    name = models.CharField(_("modell"), max_length=150)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    maker = models.CharField(_("produsent"), max_length=150)
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="battery_products",
        verbose_name=_("leverandør"),
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="battery_products",
        verbose_name=_("kontrakt"),
    )
    notes = models.TextField(_("notater"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic locking (core/concurrency.py): bumped on every save through the edit form's service.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("produkt")
        verbose_name_plural = _("produkter")

    def __str__(self):
        return self.name


class BatteryPack(models.Model):
    class CellFormat(models.TextChoices):
        CYLINDRICAL = "sylindrisk", _("Sylindrisk")
        PRISMATIC = "prismatisk", _("Prismatisk")
        POUCH = "pose", _("Pose")

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="packs")
    maker = models.CharField(_("batteriprodusent"), max_length=150, blank=True)
    capacity_kwh = models.DecimalField(
        _("kapasitet (kWh)"), max_digits=7, decimal_places=1, validators=[MinValueValidator(0)]
    )
    weight_kg = models.DecimalField(_("vekt (kg)"), max_digits=7, decimal_places=1, null=True, blank=True)
    chemistry = models.ForeignKey(
        Chemistry, verbose_name=_("batterikjemi"), on_delete=models.PROTECT, null=True, blank=True, related_name="packs"
    )
    cell_format = models.CharField(_("celleformat"), max_length=12, choices=CellFormat.choices, blank=True)
    cell_maker = models.CharField(_("celleprodusent"), max_length=150, blank=True)
    passport_id = models.CharField(_("batteripass-ID"), max_length=120, blank=True)
    passport_url = models.URLField(_("batteripass-URL"), blank=True)
    # Lifecycle and circularity.
    expected_service_years = models.PositiveSmallIntegerField(
        _("forventet levetid i drift (år)"), null=True, blank=True
    )
    end_of_first_life_percent = models.PositiveSmallIntegerField(
        _("første liv slutter ved kapasitet (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    second_life_plan = models.TextField(_("plan for andre liv"), blank=True)
    recycling_route = models.TextField(_("gjenvinning"), blank=True)
    takeback_partner = models.CharField(_("returpartner"), max_length=150, blank=True)
    circularity_requirements = models.ManyToManyField(
        Requirement, blank=True, related_name="battery_packs", verbose_name=_("sirkularitetskrav i anskaffelsen")
    )
    # Optimistic locking (core/concurrency.py): bumped on every save through the edit form's service.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["product", "pk"]
        verbose_name = _("batteripakke")
        verbose_name_plural = _("batteripakker")

    def __str__(self):
        return f"{self.product} {format_number(self.capacity_kwh)} kWh"


class MineralsReport(models.Model):
    """An imported CMRT or EMRT workbook: what was read, and the validation report."""

    class Template(models.TextChoices):
        CMRT = "CMRT", "CMRT"
        EMRT = "EMRT", "EMRT"
        CRT = "CRT", "CRT"
        AMRT = "AMRT", "AMRT"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="minerals_reports")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="minerals_reports")
    pack = models.ForeignKey(
        BatteryPack, on_delete=models.CASCADE, null=True, blank=True, related_name="minerals_reports"
    )
    template = models.CharField(_("mal"), max_length=4, choices=Template.choices)
    template_version = models.CharField(_("versjon"), max_length=10)
    company_name = models.CharField(_("selskap"), max_length=200)
    declaration_scope = models.CharField(_("omfang"), max_length=200, blank=True)
    completed_on = models.DateField(_("utfylt"), null=True, blank=True)
    original_name = models.CharField(_("filnavn"), max_length=255)
    sha256 = models.CharField(max_length=64)
    declaration = models.JSONField(_("erklæring"), default=dict)
    report = models.JSONField(_("valideringsrapport"), default=dict)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    # Who imported or deleted which workbook; the parsed content stays out of the history
    # (it can be large, and the sourcing lines it created have their own history).
    history = HistoricalRecords(excluded_fields=["declaration", "report"])

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("mineralrapport")
        verbose_name_plural = _("mineralrapporter")

    def __str__(self):
        return f"{self.template} {self.template_version} {self.company_name}"


class RefinerIdCheck(models.TextChoices):
    """How an imported line's smelter ID compared with RMI's reference lists (blank: no ID, or not imported)."""

    OK = "ok", _("Kjent smelteverk")
    MALFORMED = "malformed", _("Feil format på ID")
    UNKNOWN = "unknown", _("Ukjent ID")
    DELISTED = "delisted", _("Ikke lenger på RMIs liste")
    METAL_MISMATCH = "metal_mismatch", _("ID gjelder et annet metall")


class SourcingLine(models.Model):
    """Where one material of a pack comes from: refiner or smelter, mine, countries, share, and who said so."""

    class Source(models.TextChoices):
        SAQ = "saq", _("Egenerklæring (SAQ)")
        CMRT = "cmrt", _("CMRT")
        EMRT = "emrt", _("EMRT")
        CRT = "crt", _("CRT")
        AMRT = "amrt", _("AMRT")
        LETTER = "brev", _("Brev")
        PUBLIC_REPORT = "offentlig_rapport", _("Offentlig rapport")

    pack = models.ForeignKey(BatteryPack, on_delete=models.CASCADE, related_name="sourcing_lines")
    material = models.ForeignKey(
        RawMaterial, verbose_name=_("råvare"), on_delete=models.PROTECT, related_name="sourcing_lines"
    )
    refiner = models.CharField(_("raffineri eller smelteverk"), max_length=200, blank=True)
    refiner_id = models.CharField(_("smelteverk-ID (RMI)"), max_length=40, blank=True)
    refiner_country = CountryField(_("land for raffineri"), blank=True)
    mine = models.CharField(_("gruve"), max_length=200, blank=True)
    mine_country = CountryField(_("land for gruve"), blank=True)
    share_percent = models.DecimalField(
        _("andel (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices)
    source_date = models.DateField(_("dato for opplysningen"), null=True, blank=True)
    report = models.ForeignKey(MineralsReport, on_delete=models.CASCADE, null=True, blank=True, related_name="lines")
    # What the supplier wrote that has no field of its own (a free-text mine country, for one).
    note = models.TextField(_("merknad"), blank=True)
    refiner_id_check = models.CharField(
        _("kontroll av smelteverk-ID"), max_length=20, choices=RefinerIdCheck.choices, blank=True
    )
    # Optimistic locking (core/concurrency.py): bumped on every save through the edit form's service.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pack", "material", "pk"]
        verbose_name = _("opprinnelseslinje")
        verbose_name_plural = _("opprinnelseslinjer")

    def __str__(self):
        return f"{self.material}: {self.mine or self.refiner}"


class SmelterReferenceList(models.Model):
    """RMI's smelter reference list of one template version, read from the hidden Smelter Look-up sheet of a blank template.

    National reference data like the raw materials: a library editor loads it; one list per
    template and version (loading the same version again replaces it).
    """

    template = models.CharField(_("mal"), max_length=4, choices=MineralsReport.Template.choices)
    version = models.CharField(_("versjon"), max_length=10)
    released_on = models.DateField(_("utgitt"))
    original_name = models.CharField(_("filnavn"), max_length=255)
    sha256 = models.CharField(max_length=64)
    smelter_count = models.PositiveIntegerField(_("antall smelteverk"), default=0)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    loaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["template", "-released_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["template", "version"], name="smelter_list_template_version")]
        verbose_name = _("referanseliste for smelteverk")
        verbose_name_plural = _("referanselister for smelteverk")

    def __str__(self):
        return f"{self.template} {self.version} ({self.released_on:%Y-%m-%d})"


class SmelterReference(models.Model):
    """One smelter of a reference list. No history of its own: the list's history row records each load."""

    reference_list = models.ForeignKey(SmelterReferenceList, on_delete=models.CASCADE, related_name="smelters")
    smelter_id = models.CharField(_("smelteverk-ID"), max_length=12)
    metal = models.CharField(_("metall"), max_length=60)
    name = models.CharField(_("standardnavn"), max_length=255)
    country = models.CharField(_("land"), max_length=100, blank=True)

    class Meta:
        ordering = ["metal", "name"]
        constraints = [models.UniqueConstraint(fields=["reference_list", "smelter_id"], name="smelter_reference_id")]
        indexes = [models.Index(fields=["smelter_id"], name="smelter_reference_cid")]
        verbose_name = _("smelteverk i referanseliste")
        verbose_name_plural = _("smelteverk i referanseliste")

    def __str__(self):
        return f"{self.smelter_id} {self.name}"
