"""bondcoach: a gentle command-line coach for new parents bonding with their baby."""

__version__ = "2.0.0"
