"""The suppliers app's models, one module per sub-unit; every model is importable from here.

register: Supplier, SupplierContact, Certificate, Contract, Obligation, PriorityAssessment.
follow_up: Case, CaseShare, LetterTemplate, DueDiligenceRequest and what hangs off it
(RequestEvent, Reminder, Response, Attachment), Deviation, CorrectiveAction, EscalationStep.
The tables keep the app label "suppliers" (no table moved).
"""

from .follow_up import (
    Attachment,
    Case,
    CaseShare,
    CorrectiveAction,
    Deviation,
    DueDiligenceRequest,
    EscalationStep,
    LetterTemplate,
    Reminder,
    RequestEvent,
    RequestType,
    Response,
)
from .register import Certificate, Contract, Obligation, PriorityAssessment, Supplier, SupplierContact

__all__ = [
    "Attachment",
    "Case",
    "CaseShare",
    "Certificate",
    "Contract",
    "CorrectiveAction",
    "Deviation",
    "DueDiligenceRequest",
    "EscalationStep",
    "LetterTemplate",
    "Obligation",
    "PriorityAssessment",
    "Reminder",
    "RequestEvent",
    "RequestType",
    "Response",
    "Supplier",
    "SupplierContact",
]
