"""Prefect flows over the deid library."""
