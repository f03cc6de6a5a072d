"""An iwi written in the ethnicity column: the provider is told it was counted as Māori and where iwi belong."""
import datetime as dt

from deid.ingest import ingest_file
from deid.standardise.codes import IWI_IN_ETHNICITY
from deid.validate import validate_submission

Q_START, Q_END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)


def test_when_an_ethnicity_cell_names_an_iwi_then_the_provider_is_told_to_use_the_iwi_column_not_to_fix_a_code(standards):
    header = "Client ID,Family Name,Given Names,Date of Birth,Gender,Service date,Ethnicity\n"
    rows = ["C1,Ngata,Aroha,04/03/1990,F,14/08/2026,Te Ati Awa",
            "C2,Parata,Wiremu,05/03/1991,M,14/08/2026,Māori",
            "C3,Tupou,Mele,06/03/1992,F,14/08/2026,Tainui; Tongan",
            "C4,Chen,Grace,07/03/1993,F,14/08/2026,Martian"]
    frame, _ = ingest_file((header + "\n".join(rows) + "\n").encode(), file_name="q3.csv", sha256="ef" * 32, provider="p",
                           quarter="2026Q3", run_id="r", standards=standards, confirmed=None)[0]
    _, _, warnings, result = validate_submission(frame, standards, Q_START, Q_END)
    warned = {(r["source_row"], r["rule"]) for r in warnings.iter_rows(named=True)}
    assert {(2, "ethnicity.iwi_named"), (4, "ethnicity.iwi_named")} <= warned
    assert not {(row, rule) for row, rule in warned if row in (2, 3, 4) and rule == "ethnicity.code_list"}
    assert (5, "ethnicity.code_list") in warned and (5, "ethnicity.iwi_named") not in warned
    finding = {f.rule_id: f for f in result.findings}["ethnicity.iwi_named"]
    assert finding.description == IWI_IN_ETHNICITY and "Iwi column" in finding.fix and finding.severity == "warning"
