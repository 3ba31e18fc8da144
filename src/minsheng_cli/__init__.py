"""minsheng: progress tracking for a city's yearly livelihood commitments (民生实事)."""

__version__ = "0.1.0"
