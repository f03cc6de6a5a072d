"""Standardise stage: names, addresses, dates, identifiers and classifications to NZ standards."""
from deid.standardise.address import AddressParser, ParsedAddress
from deid.standardise.dates import parse_dates
from deid.standardise.identifiers import is_valid_ird, is_valid_nhi, nhi_check_character
from deid.standardise.names import NameParser, ParsedName
from deid.standardise.standardise import StandardiseResult, standardise_records

__all__ = [
    "AddressParser", "NameParser", "ParsedAddress", "ParsedName", "StandardiseResult",
    "is_valid_ird", "is_valid_nhi", "nhi_check_character", "parse_dates", "standardise_records",
]
