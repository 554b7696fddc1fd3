"""Views of the procurement app, one module per page group."""
