import pytest

from daboard.returns.standard import v1 as std

DISTRICTS = {"E07000129", "E07000130", "E07000131", "E07000132", "E07000133", "E07000134", "E07000135"}
PERIOD = std.Period.parse("2024-25-Q1")

BASE = {
    "case_ref": "FRV-0001", "referral_date": "2024-04-02", "referral_source": "police", "referral_outcome": "accepted",
    "engaged": "yes", "age_band": "25_34", "gender": "female", "transgender": "no", "sexual_orientation": "heterosexual",
    "ethnicity": "white_british", "disability": "no", "residence": "E07000129", "risk_level": "high",
    "repeat_victim": "yes", "child_victim": "no", "children_in_household": "2", "vulnerabilities": "mental_health",
    "needs": "safety;housing", "support_setting": "refuge", "sessions_in_period": "6", "session_types": "one_to_one",
    "sanctuary_referrals_in_period": "0", "onward_referrals_in_period": "housing", "closure_date": "",
    "closure_reason": "", "safety_intake": "3", "safety_exit": "", "wellbeing_intake": "4", "wellbeing_exit": "",
    "risk_level_exit": "", "abuse_stopped_exit": "", "move_on": "",
}


def csv_of(rows: list[dict], columns: list[str] | None = None, encoding: str = "utf-8") -> bytes:
    import csv
    import io

    columns = columns or list(BASE)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c, "") for c in columns})
    return buf.getvalue().encode(encoding)


def row(**changes) -> dict:
    return {**BASE, **changes}


@pytest.fixture
def check():
    from daboard.returns.validate import validate

    def run(data: bytes, period=PERIOD, residence=DISTRICTS):
        return validate(data, period=period, residence_codes=residence)

    return run


# The follow-up return (standard followup_v1): one follow-up made in 2024-25 Q1.
FOLLOWUP_BASE = {
    "case_ref": "FRV-0001", "closure_date": "2023-11-01", "follow_up_date": "2024-05-10", "months_after_closure": "6",
    "reached": "yes", "safe": "yes", "abuse_stopped": "yes", "wellbeing": "7", "re_referred": "no",
}


def followup_row(**changes) -> dict:
    return {**FOLLOWUP_BASE, **changes}


def followup_csv(rows: list[dict]) -> bytes:
    return csv_of(rows, list(FOLLOWUP_BASE))
