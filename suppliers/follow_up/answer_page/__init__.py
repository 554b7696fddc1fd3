"""The supplier answer page: a token link, no account, one request."""
