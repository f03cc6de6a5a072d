"""NZ recognizers for Presidio, one per file."""
from deid.scrub.recognizers.known_names_recognizer import KnownNamesRecognizer
from deid.scrub.recognizers.nz_date_of_birth_recognizer import NzDateOfBirthRecognizer
from deid.scrub.recognizers.nz_ird_recognizer import NzIrdRecognizer
from deid.scrub.recognizers.nz_nhi_recognizer import NzNhiRecognizer
from deid.scrub.recognizers.nz_phone_recognizer import NzPhoneRecognizer
from deid.scrub.recognizers.nz_street_address_recognizer import NzStreetAddressRecognizer
from deid.scrub.recognizers.titled_name_recognizer import TitledNameRecognizer

__all__ = ["KnownNamesRecognizer", "NzDateOfBirthRecognizer", "NzIrdRecognizer", "NzNhiRecognizer", "NzPhoneRecognizer",
           "NzStreetAddressRecognizer", "TitledNameRecognizer"]
