"""Writes on organisations and memberships. Each takes the acting user."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from core import logos
from core.concurrency import bump, lock_current
from core.logos import CheckedLogo
from core.models import Invitation, Membership, Organization, OrganizationLogo
from core.roles import Role
from core.signals import member_left

User = get_user_model()


@transaction.atomic
def invite_member(*, organization: Organization, email: str, role: str, invited_by, accept_url_builder) -> Invitation:
    """Invite a person by e-mail; the e-mail goes out once the invitation is saved."""
    email = email.strip().lower()
    if Membership.objects.filter(organization=organization, user__email__iexact=email, role=role).exists():
        raise ValidationError(_("%(email)s har allerede denne rollen i organisasjonen.") % {"email": email})
    invitation = Invitation.objects.create(organization=organization, email=email, role=role, invited_by=invited_by)
    accept_url = accept_url_builder(invitation)
    body = render_to_string(
        "core/email/invitation.txt",
        {"invitation": invitation, "accept_url": accept_url, "inviter": invited_by},
    )
    subject = _("Invitasjon til %(org)s") % {"org": organization.name}
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("Invitasjonen er allerede brukt eller har gått ut."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(_("Invitasjonen gjelder en annen e-postadresse enn din."))
    membership, _created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def register_and_accept(*, invitation: Invitation, first_name: str, last_name: str, password: str):
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("Det finnes allerede en bruker med denne e-postadressen. Logg inn for å godta."))
    user = User.objects.create_user(
        username=invitation.email,
        email=invitation.email,
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    accept_invitation(invitation=invitation, user=user)
    return user


@transaction.atomic
def cancel_invitation(*, invitation: Invitation, user) -> None:
    invitation.delete()


@transaction.atomic
def remove_membership(*, membership: Membership, acting_user) -> None:
    """Remove one role of a member. The organisation always keeps an org-admin."""
    if membership.role == Role.ORG_ADMIN:
        admins = Membership.objects.select_for_update().filter(
            organization=membership.organization, role=Role.ORG_ADMIN
        )
        if admins.count() <= 1:
            raise ValidationError(
                _("Organisasjonen må ha minst én organisasjonsadministrator. Gi en annen rollen før du fjerner denne.")
            )
    organization, user = membership.organization, membership.user
    membership.delete()
    if not Membership.objects.filter(organization=organization, user=user).exists():
        member_left.send(sender=Membership, organization=organization, user=user, acting_user=acting_user)


@transaction.atomic
def update_organization_settings(*, organization: Organization, user, data: dict, version: int) -> Organization:
    """The organisation's own rules (today: four eyes on its local library), set by its administrators.

    version: the settings' version the form was opened with; another save since then raises StaleEdit.
    """
    organization = lock_current(Organization, organization.pk, version)
    for name, value in data.items():
        setattr(organization, name, value)
    bump(organization)
    organization.save(update_fields=[*data, "version"])
    return organization


# ---------------------------------------------------------------- the organisation's logo


def _delete_file_after_commit(name: str) -> None:
    # The old file goes only once the row no longer names it; history rows keep the name, not the file.
    transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def set_logo(*, organization: Organization, user, checked: CheckedLogo) -> OrganizationLogo:
    """A new or replacing logo (already checked by core.logos.check_logo); one history row per change."""
    logo = OrganizationLogo.objects.select_for_update().filter(organization=organization).first()
    old_name = logo.image.name if logo else None
    if logo is None:
        logo = OrganizationLogo(organization=organization)
    logo.image.name = logos.store(checked.image)
    logo.width, logo.height = checked.image.width, checked.image.height
    logo.sha256 = checked.image.sha256
    logo.original_name = checked.original_name
    logo.uploaded_by = user
    logo._history_user = user
    try:
        logo.save()
    except BaseException:
        default_storage.delete(logo.image.name)
        raise
    if old_name:
        _delete_file_after_commit(old_name)
    return logo


@transaction.atomic
def remove_logo(*, organization: Organization, user) -> None:
    logo = OrganizationLogo.objects.select_for_update().filter(organization=organization).first()
    if logo is None:
        raise ValidationError(_("Organisasjonen har ingen logo."))
    name = logo.image.name
    logo._history_user = user
    logo.delete()
    _delete_file_after_commit(name)
