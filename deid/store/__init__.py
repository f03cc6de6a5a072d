"""The secure-zone store: every warehouse table, its schema and its SQL, as named queries.

Stages and commands call these functions and never hold SQL of their own (risk's analytical
SQL builders in `deid.risk.sql` run on scratch databases and stay with the risk stage).

- `warehouse`: the DuckDB connection (`Warehouse`), step-named logged execution, identifier quoting
- `registry`: `submissions`, one row per landed file
- `records`: `secure_records`, `staged_records`, `quarantine`, `row_warnings` (identifiable rows)
- `releases`: `release_register`, `release_inputs`, `released_hidden_cells`, `released_cell_values`
- `keys`: `linkage_keys`, `linkage_crosswalk`, `purpose_crosswalk` (key rotation history)
- `audit_heads`: `audit_log_heads`
"""
from deid.store.warehouse import Warehouse, quote_identifier

__all__ = ["Warehouse", "quote_identifier"]
