"""Signals core sends so apps can react without core naming them."""

from django.dispatch import Signal

# Sent inside the transaction when a person's last role in an organisation is removed
# (kwargs: organization, user, acting_user). Apps drop what pointed at them as a member,
# e.g. the responsible officer on procurements and contracts.
member_left = Signal()
