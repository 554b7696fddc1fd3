"""The criteria library: taxonomy, criteria and their immutable published revisions.

A criterion's texts live in revisions. A draft criterion has one unpublished
revision that may be edited in place; once published, a revision never changes
and every edit makes a new one, so a tender can point at exactly the texts it used.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organization
from core.translated import in_language

code_validator = RegexValidator(
    r"^[A-Z0-9]+(-[A-Z0-9]+)*$",
    _("Koden kan bare inneholde store bokstaver A–Z, sifre og bindestrek, for eksempel IKT-BATT-01."),
)


class Theme(models.Model):
    """The purpose a criterion serves (forlenge levetid, kjemikalier, …)."""

    slug = models.SlugField(_("kortnavn"), unique=True)
    name = models.CharField(_("navn"), max_length=100)
    name_en = models.CharField(_("navn (engelsk)"), max_length=100, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")

    def __str__(self):
        return in_language(self, "name")


class RiskStage(models.TextChoices):
    RAW_MATERIAL = "ravare", _("Råvare")
    COMPONENT = "komponent", _("Komponent")
    FINAL_ASSEMBLY = "sluttmontering", _("Sluttmontering")


class Category(models.Model):
    slug = models.SlugField(_("kortnavn"), unique=True)
    name = models.CharField(_("navn"), max_length=150)
    name_en = models.CharField(_("navn (engelsk)"), max_length=150, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    applies_to_all = models.BooleanField(
        _("gjelder alle kategorier"),
        default=False,
        help_text=_("Generelle krav som passer i enhver anskaffelse, for eksempel miljøledelse."),
    )
    climate_central = models.BooleanField(_("klimasentral (DFØ)"), default=False)
    high_risk = models.BooleanField(_("på DFØs høyrisikoliste"), default=False)
    high_risk_stages = models.JSONField(_("risikoledd"), default=list, blank=True)
    high_risk_note = models.TextField(_("hvorfor høy risiko"), blank=True)
    high_risk_note_en = models.TextField(_("hvorfor høy risiko (engelsk)"), blank=True)
    cpv_codes = models.JSONField(_("CPV-koder"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("produktkategori")
        verbose_name_plural = _("produktkategorier")

    def __str__(self):
        return in_language(self, "name")

    @property
    def high_risk_reason(self) -> str:
        return in_language(self, "high_risk_note")

    def stage_labels(self) -> list[str]:
        labels = dict(RiskStage.choices)
        return [str(labels.get(stage, stage)) for stage in self.high_risk_stages]


class CategoryGroup(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="groups")
    slug = models.SlugField(_("kortnavn"))
    name = models.CharField(_("navn"), max_length=150)
    name_en = models.CharField(_("navn (engelsk)"), max_length=150, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category__position", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["category", "slug"], name="uniq_group_slug_per_category")]
        verbose_name = _("produktgruppe")
        verbose_name_plural = _("produktgrupper")

    def __str__(self):
        return in_language(self, "name")


class Kind(models.TextChoices):
    QUALIFICATION = "kvalifikasjonskrav", _("Kvalifikasjonskrav")
    SPECIFICATION = "kravspesifikasjon", _("Kravspesifikasjon")
    AWARD_CRITERION = "tildelingskriterium", _("Tildelingskriterium")
    CONTRACT_TERM = "kontraktsvilkar", _("Kontraktsvilkår")


class Level(models.TextChoices):
    BASIC = "basis", _("Basis")
    ADVANCED = "avansert", _("Avansert")


class CriterionQuerySet(models.QuerySet):
    def visible_to(self, organization):
        """The national library, the organisation's own local criteria, and those shared with it.

        A shared criterion is seen once its owner has published it (read-only use: the
        receiving organisation's editors never see the owner's drafts).
        """
        if organization is None:
            return self.filter(organization__isnull=True)
        shared = CriterionShare.objects.filter(criterion=OuterRef("pk"), organization=organization)
        return self.filter(
            Q(organization__isnull=True)
            | Q(organization=organization)
            | (Exists(shared) & ~Q(status=Criterion.Status.DRAFT))
        )

    def pickable(self):
        """What a tender may take: published, not retired."""
        return self.filter(status=Criterion.Status.PUBLISHED, current_revision__isnull=False)


class Criterion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "utkast", _("Utkast")
        PUBLISHED = "publisert", _("Publisert")
        RETIRED = "utgatt", _("Utgått")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_criteria",
        help_text=_("Tom for det nasjonale biblioteket; ellers et lokalt kriterium bare for denne organisasjonen."),
    )
    code = models.CharField(_("kode"), max_length=40, validators=[code_validator])
    title = models.CharField(_("tittel"), max_length=200)
    category = models.ForeignKey(
        Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="criteria"
    )
    group = models.ForeignKey(
        CategoryGroup,
        verbose_name=_("produktgruppe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria",
    )
    theme = models.ForeignKey(Theme, verbose_name=_("tema"), on_delete=models.PROTECT, related_name="criteria")
    kind = models.CharField(_("type krav"), max_length=30, choices=Kind.choices)
    purpose = models.TextField(_("hovedformål"), blank=True)
    environmental = models.BooleanField(_("miljø"), default=False)
    social = models.BooleanField(_("sosialt ansvar"), default=False)
    # Set by library editors: the criterion asks the supplier for an environmental
    # management system (ISO 14001, EMAS or equivalent). The KPI counts requirements
    # copied from such criteria; a theme called "miljøledelse" is not enough.
    environmental_management = models.BooleanField(
        _("krever miljøledelsessystem (ISO 14001/EMAS)"),
        default=False,
        help_text=_("Kryss av bare når kriteriet krever at leverandøren har et miljøledelsessystem."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The newest revision (the draft while status is utkast); kept by the services
    # so that lists and the tender builder need no subquery per row.
    current_revision = models.ForeignKey(
        "CriterionRevision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    has_basis = models.BooleanField(default=False, editable=False)
    has_avansert = models.BooleanField(default=False, editable=False)
    # Title and all texts of the current revision, for search (see selectors.search).
    search_text = models.TextField(default="", editable=False)
    # to_tsvector('norwegian', search_text), stored: on PostgreSQL a trigger keeps it in step with
    # search_text on every insert and update (services, bulk writes and imports alike) and a GIN
    # index serves the search (migration 0005). SQLite leaves it empty and searches search_text.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking of the edit page (core/concurrency.py): the criterion with its current
    # revision's texts and variants is one aggregate, bumped whenever those change.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(organization__isnull=True), name="uniq_national_criterion_code"
            ),
            models.UniqueConstraint(fields=["organization", "code"], name="uniq_local_criterion_code"),
        ]
        indexes = [
            # The tender builder's library panel pages by (kind, code): with the index the
            # page is the first 20 matches in order, not a sort of the whole library (issue 22).
            models.Index(fields=["kind", "code"], name="criterion_kind_code"),
        ]
        verbose_name = _("kriterium")
        verbose_name_plural = _("kriterier")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def is_local(self) -> bool:
        return self.organization_id is not None

    def levels(self) -> list[str]:
        return [
            level for level, present in ((Level.BASIC, self.has_basis), (Level.ADVANCED, self.has_avansert)) if present
        ]


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        """Proposals waiting for a decision."""
        return self.filter(proposed_at__isnull=False, published_at__isnull=True, rejected_at__isnull=True)


class CriterionRevision(models.Model):
    """One wording of a criterion.

    States, derived from the dates so that existing rows need no migration:
    draft (none set), proposed (proposed_at), published (published_at),
    rejected (rejected_at). A proposal is a revision of a published criterion
    that waits for an editor other than its author; it never becomes the
    criterion's current revision until it is published.
    """

    class State(models.TextChoices):
        DRAFT = "utkast", _("Utkast")
        PROPOSED = "foreslatt", _("Foreslått")
        PUBLISHED = "publisert", _("Publisert")
        REJECTED = "avvist", _("Avvist")

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revisjon"))
    title = models.CharField(_("tittel"), max_length=200)
    change_note = models.TextField(_("endringsnotat"), blank=True)
    published_at = models.DateField(_("publisert"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Proposals: who proposed from which organisation, against which revision, and the decision.
    proposed_at = models.DateTimeField(_("foreslått"), null=True, blank=True)
    proposed_by_organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    base_revision = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    rejected_at = models.DateTimeField(_("avvist"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("avgjort"), null=True, blank=True)
    decision_note = models.TextField(_("begrunnelse for avgjørelsen"), blank=True)
    history = HistoricalRecords()

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["criterion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "number"], name="uniq_revision_number"),
        ]
        verbose_name = _("revisjon")
        verbose_name_plural = _("revisjoner")

    def __str__(self):
        return f"{self.criterion.code} rev. {self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def state(self) -> str:
        if self.published_at is not None:
            return self.State.PUBLISHED
        if self.rejected_at is not None:
            return self.State.REJECTED
        if self.proposed_at is not None:
            return self.State.PROPOSED
        return self.State.DRAFT

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PROPOSED

    def variant(self, level: str):
        return next((v for v in self.variants.all() if v.level == level), None)


VARIANT_TEXT_FIELDS = ("text", "documentation", "guidance", "verification", "references")


class Variant(models.Model):
    """The requirement at one ambition level, as worded in one revision."""

    revision = models.ForeignKey(CriterionRevision, on_delete=models.CASCADE, related_name="variants")
    level = models.CharField(_("nivå"), max_length=10, choices=Level.choices)
    text = models.TextField(_("kravtekst"), help_text=_("Sett verdier innkjøperen fyller ut i [hakeparenteser]."))
    documentation = models.TextField(_("dokumentasjonskrav"))
    guidance = models.TextField(_("veiledning til innkjøper"), blank=True)
    verification = models.TextField(_("verifisering og oppfølging"), blank=True)
    references = models.TextField(_("referanser"), blank=True)
    legal_requirement = models.BooleanField(_("lovkrav"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "-level"]  # basis before avansert
        constraints = [models.UniqueConstraint(fields=["revision", "level"], name="uniq_variant_level")]
        verbose_name = _("nivå")
        verbose_name_plural = _("nivåer")

    def __str__(self):
        return f"{self.revision} {self.get_level_display()}"


class RevisionComment(models.Model):
    """A remark on a proposal, by a national editor or the proposer, during the hearing."""

    revision = models.ForeignKey(CriterionRevision, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "created_at", "pk"]
        verbose_name = _("kommentar til forslag")
        verbose_name_plural = _("kommentarer til forslag")

    def __str__(self):
        return f"{self.revision}: {self.text[:40]}"


class CriterionShare(models.Model):
    """A local criterion shared with a named other organisation, which may read it and use it in
    its tenders but not change it. Removing the row revokes the sharing (history keeps both)."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="shares")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="shared_criteria")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["criterion", "organization"], name="uniq_criterion_share")]
        verbose_name = _("deling av kriterium")
        verbose_name_plural = _("delinger av kriterier")

    def __str__(self):
        return f"{self.criterion.code} → {self.organization}"


class LibraryImport(models.Model):
    """An uploaded library file waiting for a second editor (four eyes), then written all at once.

    A library under the four-eyes rule (the national one always, a local one when its
    organisation says so) is not changed by its importer alone: the validated file is
    kept here, another editor of that library approves it, and only then is it
    imported, in one transaction, re-validated against the library as it is by then.
    """

    class State(models.TextChoices):
        PENDING = "venter", _("Venter på godkjenning")
        APPROVED = "godkjent", _("Godkjent og importert")
        REJECTED = "avvist", _("Avvist")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="library_imports",
        help_text=_("Tom for det nasjonale biblioteket; ellers organisasjonens lokale bibliotek."),
    )
    filename = models.CharField(_("filnavn"), max_length=255)
    data = models.JSONField(_("innhold"))
    criteria_count = models.PositiveIntegerField(_("kriterier i filen"), default=0)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("importert av")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("avgjort"), null=True, blank=True)
    decision_note = models.TextField(_("begrunnelse for avgjørelsen"), blank=True)
    history = HistoricalRecords(excluded_fields=["data"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import til biblioteket")
        verbose_name_plural = _("importer til biblioteket")

    def __str__(self):
        return f"{self.filename} ({self.get_state_display()})"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING
