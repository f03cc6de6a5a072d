"""Where the warehouse connection used to live; it is now `deid.store.warehouse` (kept for importers)."""
from deid.store.warehouse import Warehouse, quote_identifier

__all__ = ["Warehouse", "quote_identifier"]
