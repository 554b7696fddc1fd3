"""Writes on API tokens: made and revoked by the organisation's administrator."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import PREFIX_LENGTH, ApiToken, digest, new_secret

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def create_token(*, organization, user, name: str) -> tuple[ApiToken, str]:
    """The token and its secret; the secret is not stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Gi nøkkelen et navn, så dere vet hva den brukes til."))
    if ApiToken.objects.filter(organization=organization, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Organisasjonen har allerede %(n)s aktive nøkler. Trekk tilbake en du ikke bruker.")
            % {"n": MAX_ACTIVE_TOKENS}
        )
    secret = new_secret()
    token = ApiToken.objects.create(
        organization=organization,
        name=name,
        prefix=secret[: PREFIX_LENGTH + 3],
        key_digest=digest(secret),
        created_by=user,
    )
    return token, secret


@transaction.atomic
def revoke_token(*, token: ApiToken, user) -> ApiToken:
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is not None:
        raise ValidationError(_("Nøkkelen er allerede trukket tilbake."))
    current.revoked_at = timezone.now()
    current.revoked_by = user
    current.save(update_fields=["revoked_at", "revoked_by"])
    return current
