"""The suppliers app's models, one module per sub-unit; every model is importable from here.

register: Supplier, SupplierProfile, SupplierContact, Certificate, Contract, Obligation, PriorityAssessment.
follow_up: Case, CaseShare, LetterTemplate (and LetterTemplateShare), DueDiligenceRequest and what hangs off it
(RequestEvent, Reminder, Response, Attachment), Deviation, CorrectiveAction, EscalationStep.
letter_mail: LetterSend (a letter e-mailed: the exact bytes and their SHA-256).
answer_page: AnswerLink, AnswerLinkVisit, AnswerFile, AnswerSubmission (the supplier answer page).
The tables keep the app label "suppliers" (no table moved).
"""

from .answer_page import AnswerFile, AnswerLink, AnswerLinkVisit, AnswerSubmission
from .follow_up import (
    Attachment,
    Case,
    CaseShare,
    CorrectiveAction,
    Deviation,
    DueDiligenceRequest,
    EscalationStep,
    LetterTemplate,
    LetterTemplateShare,
    Reminder,
    RequestEvent,
    RequestType,
    Response,
)
from .letter_mail import LetterSend
from .register import (
    Certificate,
    Contract,
    Obligation,
    PriorityAssessment,
    Supplier,
    SupplierContact,
    SupplierProfile,
)

__all__ = [
    "AnswerFile",
    "AnswerLink",
    "AnswerLinkVisit",
    "AnswerSubmission",
    "LetterSend",
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
    "LetterTemplateShare",
    "Obligation",
    "PriorityAssessment",
    "Reminder",
    "RequestEvent",
    "RequestType",
    "Response",
    "Supplier",
    "SupplierContact",
    "SupplierProfile",
]
