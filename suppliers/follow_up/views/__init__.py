"""Views of follow-up cases: every case URL gets its case through suppliers.access.case_for."""
