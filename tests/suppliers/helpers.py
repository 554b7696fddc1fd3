"""Shared bits for the follow-up case tests."""

import datetime
import io
import zipfile

from core.roles import Role
from tests.conftest import client_for
from tests.factories import dd_request, follow_up_case, member, supplier_contact

TINY_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office_zip(folder: str) -> bytes:
    """A minimal OOXML package: [Content_Types].xml plus a part under xl/ or word/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<x/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hei")
    return buffer.getvalue()


def follower_of(org):
    user = member(org, Role.CONTRACT_FOLLOWER)
    return user, client_for(user)


SENT = datetime.date(2024, 3, 1)
DEADLINE = datetime.date(2024, 3, 22)  # three weeks, åpenhetsloven § 6


def request_with_reminders(org):
    """A Transparency Act request sent on SENT by the contract's responsible follower, with supplier reminders on."""
    from django.core import mail

    follower = member(org, Role.CONTRACT_FOLLOWER)
    case = follow_up_case(org, user=follower)
    case.contract.responsible = follower
    case.contract.save()
    contact = supplier_contact(org, case.supplier, email="kari@leasing.example")
    req = dd_request(case, user=follower, sent_on=SENT, contact=contact, remind_supplier=True)
    mail.outbox.clear()
    return req, follower
