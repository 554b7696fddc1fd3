"""Views of the follow-up app, one module per area (register, contracts, portfolio, start page, cases)."""
