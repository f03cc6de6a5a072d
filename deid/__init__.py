"""deid: de-identify, protect and share quarterly provider reporting."""

__version__ = "0.1.0"
