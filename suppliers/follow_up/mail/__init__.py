"""Letters e-mailed from the product: the exact message sent, its hash and its delivery state."""
