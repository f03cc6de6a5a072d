"""NZ recognizers for Presidio; importing this package registers each by name (`deid.scrub.registry`)."""
from deid.scrub.recognizers.known_names_recognizer import KnownNamesRecognizer
from deid.scrub.recognizers.mention_recognizer import CuedInitialsRecognizer, MentionRecognizer
from deid.scrub.recognizers.nz_contact_recognizers import (
    NzBankAccountRecognizer,
    NzDriverLicenceRecognizer,
    NzEmailRecognizer,
)
from deid.scrub.recognizers.nz_date_of_birth_recognizer import NzDateOfBirthRecognizer
from deid.scrub.recognizers.nz_ird_recognizer import NzIrdRecognizer
from deid.scrub.recognizers.nz_nhi_recognizer import NzNhiRecognizer
from deid.scrub.recognizers.nz_phone_recognizer import NzPhoneRecognizer
from deid.scrub.recognizers.nz_street_address_recognizer import NzStreetAddressRecognizer
from deid.scrub.recognizers.spreadsheet_formula_recognizer import SpreadsheetFormulaRecognizer
from deid.scrub.recognizers.titled_name_recognizer import (
    CommonGivenNameRecognizer,
    EverydayWordNameRecognizer,
    PolynesianNameRecognizer,
    TitledNameRecognizer,
)

__all__ = [
    "CommonGivenNameRecognizer",
    "CuedInitialsRecognizer",
    "EverydayWordNameRecognizer",
    "KnownNamesRecognizer",
    "MentionRecognizer",
    "NzBankAccountRecognizer",
    "NzDateOfBirthRecognizer",
    "NzDriverLicenceRecognizer",
    "NzEmailRecognizer",
    "NzIrdRecognizer",
    "NzNhiRecognizer",
    "NzPhoneRecognizer",
    "NzStreetAddressRecognizer",
    "PolynesianNameRecognizer",
    "SpreadsheetFormulaRecognizer",
    "TitledNameRecognizer",
]
