"""revier/monitor/importing.py: reading and checking a wave in the exchange format (issue 11 §1, §5).
Every bad file gets a German problem naming the file, the column, the rows and what to do."""

import json

import numpy as np
import pytest

from revier.monitor import importing
from revier.monitor.importing import base, files, wave  # noqa: F401  (limits patched below)
from revier.monitor.importing import UploadedFile, WaveFiles, read_wave, wave_check
from tests.monitor.sample import (
    codebook_data,
    csv_bytes,
    margins_data,
    sample_bytes,
    sample_files,
    sample_rows,
    xlsx_bytes,
)

B = ["B"]


def check(files, year=2024, scheme=B, **kwargs):
    return wave_check(year=year, files=files, scheme=scheme, **kwargs)


def kinds(result):
    return [problem.kind for problem in result.problems]


def only(result, kind):
    found = [problem.message for problem in result.problems if problem.kind == kind]
    assert found, (kind, result.problems)
    return found


def wave_rows(year="2024"):
    header, rows = sample_rows()
    return header, [row for row in rows if row[header.index("wave")] == year]


def with_column(header, rows, column, change):
    """Rows with `change(i, value)` applied to `column` of row i."""
    j = header.index(column)
    return [row[:j] + [change(i, row[j])] + row[j + 1:] for i, row in enumerate(rows)]


# --- the sample ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2023, 2024])
def test_wave_check_sample_both_waves_ok_with_scheme_b(year):
    steps = []
    result = check(sample_files(), year=year, progress=lambda percent, text: steps.append((percent, text)))
    assert result.ok, result.problems
    assert result.n == 2000
    assert result.questions[:2] == ("q1_lebenszufriedenheit", "q2_zukunft_region") and len(result.questions) == 5
    assert result.weighting["margins"] == ["district_x_sex", "age_group", "education"]
    assert result.weighting["scheme"] == "B"
    assert max(result.weighting["fit"].values()) <= 1e-10
    assert 0.2 <= result.weighting["weight_min"] and result.weighting["weight_max"] <= 5 + 1e-9
    assert result.weighting["deff"] > 1
    other = "2024" if year == 2023 else "2023"
    assert result.notes == (f"2.000 Zeilen anderer Wellen ({other}) in microdata.csv werden nicht importiert.",)
    assert [percent for percent, _text in steps] == sorted(percent for percent, _text in steps)
    assert all(isinstance(text, str) and text for _percent, text in steps)


def test_read_wave_holds_what_the_import_stores():
    wave = read_wave(year=2024, files=sample_files(), scheme=B)
    assert wave.check.ok
    assert len(wave.resp_ids) == 2000 and wave.resp_ids[0] == "W2024-00001"
    assert wave.scheme == ("district_x_sex", "age_group", "education")
    assert wave.weights.shape == (2000,) and wave.weights.mean() == pytest.approx(1)
    assert set(wave.characteristics) == {"district_code", "sex", "age_group", "education", "state"}
    assert wave.characteristics["state"][0] == "Sachsen"
    assert wave.regions["15002"] == ("Stadt Halle (Saale)", "Sachsen-Anhalt")
    assert wave.regions["16077"] == ("Altenburger Land", "Thüringen")
    assert set(wave.answers) == set(wave.check.questions)
    question = wave.codebook.questions[0]
    assert question.top_box_codes == ("1", "2") and question.missing_codes == ("9",)
    assert list(question.answer_labels) == ["1", "2", "3", "4", "5", "9"]
    assert wave.codebook.field_periods["2024"][0].isoformat() == "2024-03-22"
    assert "31.12.2023" in wave.margins_source or "2023-12-31" in wave.margins_source


def test_margins_csv_gives_the_same_weights_as_margins_json():
    by_json = read_wave(year=2023, files=sample_files(), scheme=B)
    by_csv = read_wave(year=2023, files=sample_files(margins_name="margins.csv"),
                       scheme=["district_x_sex", "age_group", "education"])
    assert by_csv.check.ok, by_csv.check.problems
    assert np.max(np.abs(by_json.weights - by_csv.weights)) <= 1e-12


def test_scheme_as_margin_names_separated_by_commas():
    result = check(sample_files(), scheme=["district_x_sex,age_group", "education"])
    assert result.ok and result.weighting["margins"] == ["district_x_sex", "age_group", "education"]


def test_without_a_scheme_the_margins_files_default_is_used():
    assert check(sample_files(), scheme=[]).weighting["scheme"] == "B"


def test_xlsx_microdata_and_margins_are_read_like_csv():
    header, rows = wave_rows()
    margin_header, margin_rows = sample_rows("margins.csv")
    files = WaveFiles(
        microdata=UploadedFile("welle.xlsx", xlsx_bytes(header, rows)),
        codebook=UploadedFile("codebook.json", sample_bytes("codebook.json")),
        margins=UploadedFile("margins.xlsx", xlsx_bytes(margin_header, margin_rows)),
    )
    by_xlsx = read_wave(year=2024, files=files, scheme=["district_x_sex", "age_group", "education"])
    assert by_xlsx.check.ok, by_xlsx.check.problems
    by_csv = read_wave(year=2024, files=sample_files(), scheme=B)
    assert by_xlsx.resp_ids == by_csv.resp_ids
    assert by_xlsx.answers == by_csv.answers
    assert np.max(np.abs(by_xlsx.weights - by_csv.weights)) <= 1e-12


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files_in_windows_1252_are_read(delimiter):
    header, rows = wave_rows()
    rows = with_column(header, rows, "district", lambda i, value: value)  # "Mansfeld-Südharz": an umlaut
    content = csv_bytes(header, rows, delimiter=delimiter, encoding="cp1252")
    assert "Südharz".encode("cp1252") in content
    result = check(sample_files(microdata=content))
    assert result.ok, result.problems


def test_utf8_byte_order_mark_is_accepted():
    result = check(sample_files(microdata=b"\xef\xbb\xbf" + sample_bytes("microdata.csv")))
    assert result.ok, result.problems


def test_a_file_without_wave_column_is_one_wave():
    header, rows = wave_rows()
    j = header.index("wave")
    result = check(sample_files(microdata=csv_bytes(header[:j] + header[j + 1:], [r[:j] + r[j + 1:] for r in rows])))
    assert result.ok and result.n == 2000 and result.notes == ()


def test_empty_answers_are_no_answer_but_empty_demographics_are_refused():
    header, rows = wave_rows()
    rows = with_column(header, rows, "q3_energiewende", lambda i, v: "" if i < 10 else v)
    wave = read_wave(year=2024, files=sample_files(microdata=csv_bytes(header, rows)), scheme=B)
    assert wave.check.ok
    assert wave.answers["q3_energiewende"][:10] == (None,) * 10
    rows = with_column(header, rows, "sex", lambda i, v: "" if i in (3, 7) else v)
    (message,) = only(check(sample_files(microdata=csv_bytes(header, rows))), "empty_value")
    assert message == "In microdata.csv ist die Spalte sex in 2 Zeilen leer (Zeilen 5, 9). Jede befragte Person braucht einen Wert."


# --- bad input: each gets its German problem ------------------------------------------------------------


def test_utf16_file_is_refused_as_encoding_problem():
    content = sample_bytes("microdata.csv").decode("utf-8").encode("utf-16")
    (message,) = only(check(sample_files(microdata=content)), "encoding")
    assert "microdata.csv" in message and "UTF-8" in message and "Nullbytes" in message


def test_undecodable_bytes_are_refused_naming_the_line():
    content = sample_bytes("microdata.csv").replace(b"Stadt Leipzig", b"Stadt Leipzig\x81", 1)
    (message,) = only(check(sample_files(microdata=content)), "encoding")
    assert "Zeile 2" in message and "UTF-8" in message and "microdata.csv" in message


def test_replacement_characters_are_refused():
    content = sample_bytes("microdata.csv").replace("Südharz".encode(), "S\ufffddharz".encode(), 1)
    (message,) = only(check(sample_files(microdata=content)), "encoding")
    assert "Ersatzzeichen" in message


def test_wrong_delimiter_is_named():
    header, rows = wave_rows()
    (message,) = only(check(sample_files(microdata=csv_bytes(header, rows, delimiter="|"))), "delimiter")
    assert "microdata.csv" in message and "Trennzeichen" in message and "Semikolon" in message


def test_rows_with_another_number_of_fields_are_named():
    header, rows = wave_rows()
    rows[4] = rows[4] + ["1", "2"]
    (message,) = only(check(sample_files(microdata=csv_bytes(header, rows))), "delimiter")
    assert "Zeile 6" in message and "Komma" in message


def test_missing_required_column():
    header, rows = wave_rows()
    j = header.index("sex")
    result = check(sample_files(microdata=csv_bytes(header[:j] + header[j + 1:], [r[:j] + r[j + 1:] for r in rows])))
    (message,) = only(result, "missing_column")
    assert message.startswith("In den Befragtendaten microdata.csv fehlt die Spalte sex.")
    assert result.weighting is None


def test_missing_column_of_a_weighting_variable():
    margins = margins_data()
    margins["margins"]["urban"] = [{"urban": 0, "population": 1000}, {"urban": 1, "population": 770617}]
    codebook = codebook_data()
    header, rows = wave_rows()
    j = header.index("urban")
    files = sample_files(microdata=csv_bytes(header[:j] + header[j + 1:], [r[:j] + r[j + 1:] for r in rows]),
                         codebook=json.dumps(codebook).encode(), margins=json.dumps(margins).encode())
    (message,) = only(check(files, scheme=["B", "urban"]), "missing_column")
    assert "Spalte urban" in message


def test_question_of_the_codebook_without_column():
    codebook = codebook_data()
    codebook["questions"].append({**codebook["questions"][0], "id": "q9_neu"})
    (message,) = only(check(sample_files(codebook=json.dumps(codebook).encode())), "missing_column")
    assert "q9_neu" in message and "Codebuch" in message


def test_codes_not_in_the_codebook_are_counted_with_their_first_rows():
    header, rows = wave_rows()
    rows = with_column(header, rows, "district_code", lambda i, v: "15000" if i in (0, 10, 20) else v)
    rows = with_column(header, rows, "q1_lebenszufriedenheit", lambda i, v: "7" if i % 100 == 1 else v)
    rows = with_column(header, rows, "sex", lambda i, v: "3" if i == 4 else v)
    rows = with_column(header, rows, "q2_zukunft_region", lambda i, v: "12" if i == 5 else v)
    rows = with_column(header, rows, "q3_energiewende", lambda i, v: "ja" if i == 6 else v)
    result = check(sample_files(microdata=csv_bytes(header, rows)))
    assert sorted(kinds(result)) == ["non_numeric", "out_of_range", "out_of_range", "unknown_code", "unknown_code"]
    unknown = only(result, "unknown_code")
    assert unknown[0] == ("In microdata.csv hat die Spalte district_code 3 Werte, die nicht im Codebuch stehen („15000“, "
                          "Zeilen 2, 12, 22; bekannt: 14713, 14729, 14730, 15002, 15082, 15084, 15087, 15088, 16077). "
                          "Korrigieren Sie die Werte oder ergänzen Sie die Codes im Codebuch.")
    assert "q1_lebenszufriedenheit 20 Werte" in unknown[1] and "Zeilen 3, 103, 203, 303, 403 …" in unknown[1]
    out_of_range = only(result, "out_of_range")
    assert out_of_range[0] == ("In microdata.csv hat die Spalte sex 1 Wert außerhalb von 1 bis 2 („3“, Zeile 6). "
                               "Korrigieren Sie ihn oder ergänzen Sie den Code im Codebuch.")
    assert "q2_zukunft_region" in out_of_range[1] and "außerhalb von 1 bis 9" in out_of_range[1] and "Zeile 7" in out_of_range[1]
    (non_numeric,) = only(result, "non_numeric")
    assert "„ja“" in non_numeric and "Zeile 8" in non_numeric


def test_duplicate_resp_id():
    header, rows = wave_rows()
    rows = with_column(header, rows, "resp_id", lambda i, v: "W2024-00001" if i == 40 else v)
    (message,) = only(check(sample_files(microdata=csv_bytes(header, rows))), "duplicate_id")
    assert message == ("In microdata.csv kommt 1 resp_id mehrfach vor: „W2024-00001“ in den Zeilen 2, 42. "
                       "Jede befragte Person braucht eine eigene ID.")


def test_rows_whose_wave_is_no_year_and_a_year_without_rows():
    header, rows = wave_rows()
    bad = with_column(header, rows, "wave", lambda i, v: "24" if i == 2 else v)
    (message,) = only(check(sample_files(microdata=csv_bytes(header, bad))), "wave")
    assert "Zeile 4" in message and "Spalte wave" in message
    (message,) = only(check(sample_files(), year=2025), "wave")
    assert "keine Zeile der Welle 2025" in message and "2023, 2024" in message


def test_margin_cell_without_respondents():
    header, rows = wave_rows()
    d, s = header.index("district_code"), header.index("sex")
    rows = [row for row in rows if not (row[d] == "16077" and row[s] == "2")]
    result = check(sample_files(microdata=csv_bytes(header, rows)))
    (message,) = only(result, "empty_cell")
    assert message.startswith("margins.json: In der Zelle district_code = 16077, sex = 2 der Vorgabe district_x_sex gibt es keine Befragten.")
    assert result.weighting is None


def test_margins_whose_totals_differ():
    margins = margins_data()
    margins["margins"]["age_group"][0]["population"] += 1000
    (message,) = only(check(sample_files(margins=json.dumps(margins).encode())), "totals_differ")
    assert "age_group" in message and "dieselbe Gesamtzahl" in message


def test_unknown_margin_in_the_scheme():
    (message,) = only(check(sample_files(), scheme=["district_x_sex", "alter"]), "unknown_margin")
    assert "„alter“" in message and "margins.json" in message and "age_group" in message


def test_scheme_a_is_infeasible_naming_the_cell_and_the_way_out():
    result = check(sample_files(), scheme=["A"])
    messages = only(result, "infeasible")
    assert messages[0].startswith("Das Gewichtungsschema A lässt sich mit Gewichten zwischen 0,2 und 5,0 nicht erfüllen: Die Zelle district_code = ")
    assert "age_group = 5 der Vorgabe district_x_age_group" in messages[0]
    assert "Fassen Sie Kategorien" in messages[-1] and "erweitern Sie die Grenzen" in messages[-1]
    assert result.weighting is None
    # within wider bounds the same scheme can be met
    assert check(sample_files(), scheme=["A"], bounds=(0.1, 20)).ok


def test_impossible_bounds():
    (message,) = only(check(sample_files(), bounds=(2, 5)), "bounds")
    assert "zwischen 0 und 1" in message


@pytest.mark.parametrize("content", [b"", b"  \r\n"])
def test_empty_microdata(content):
    (message,) = only(check(sample_files(microdata=content)), "empty_file")
    assert message == "Die Datei microdata.csv ist leer. Wählen Sie die Datei mit den Daten aus."


def test_header_only():
    header, _rows = wave_rows()
    (message,) = only(check(sample_files(microdata=csv_bytes(header, []))), "empty_file")
    assert "nur die Kopfzeile" in message


def test_size_limit(monkeypatch):
    monkeypatch.setattr(importing.wave, "MAX_MICRODATA_BYTES", 1000)
    (message,) = only(check(sample_files()), "too_large")
    assert "microdata.csv" in message and "MB" in message


def test_row_limit(monkeypatch):
    monkeypatch.setattr(importing.files, "MAX_ROWS", 3000)
    (message,) = only(check(sample_files()), "too_large")
    assert "mehr als 3.000 Zeilen" in message


def test_nul_bytes():
    content = sample_bytes("microdata.csv").replace(b"W2024-00002", b"W2024\x00-0002", 1)
    (message,) = only(check(sample_files(microdata=content)), "encoding")
    assert "Nullbytes" in message


def test_damaged_xlsx():
    header, rows = wave_rows()
    content = xlsx_bytes(header, rows)
    files = sample_files(microdata=content[: len(content) // 2], microdata_name="welle.xlsx")
    (message,) = only(check(files), "format")
    assert "welle.xlsx" in message and "Excel" in message


def test_text_named_xlsx():
    files = sample_files(microdata=b"resp_id,wave\n1,2024\n", microdata_name="welle.xlsx")
    assert kinds(check(files)) == ["format"]


def test_bad_codebook_json_names_line_and_column():
    (message,) = only(check(sample_files(codebook=b'{"variables": {,}}')), "format")
    assert "codebook.json" in message and "Zeile 1, Spalte 16" in message


def test_codebook_with_top_box_code_not_among_values():
    codebook = codebook_data()
    codebook["questions"][1]["top2_codes"] = [1, 7]
    messages = only(check(sample_files(codebook=json.dumps(codebook).encode())), "codebook")
    assert any("q2_zukunft_region" in m and "7" in m for m in messages)


def test_codebook_accepts_top_box_codes_key():
    codebook = codebook_data()
    for question in codebook["questions"]:
        question["top_box_codes"] = question.pop("top2_codes")
    wave = read_wave(year=2024, files=sample_files(codebook=json.dumps(codebook).encode()), scheme=B)
    assert wave.check.ok and wave.codebook.questions[0].top_box_codes == ("1", "2")


def test_margins_csv_with_bad_population_and_missing_column():
    header, rows = sample_rows("margins.csv")
    rows[3][header.index("population")] = "172.928,5x"
    files = sample_files(margins=csv_bytes(header, rows), margins_name="margins.csv")
    (message,) = only(check(files, scheme=["district", "age_group"]), "non_numeric")
    assert "Zeile 5" in message and "„172.928,5x“" in message
    files = sample_files(margins=csv_bytes(header[1:], [row[1:] for row in rows]), margins_name="margins.csv")
    (message,) = only(check(files, scheme=["district"]), "missing_column")
    assert "margin" in message


def test_margin_with_a_code_the_codebook_does_not_know():
    margins = margins_data()
    margins["margins"]["age_group"][4]["age_group"] = 6
    (message,) = only(check(sample_files(margins=json.dumps(margins).encode())), "unknown_code")
    assert "age_group" in message and "„6“" in message and "margins.json" in message


def test_too_many_problems_are_capped_and_counted():
    header, rows = sample_rows("margins.csv")
    for row in rows[:60]:
        row[header.index("population")] = "viele"
    result = check(sample_files(margins=csv_bytes(header, rows), margins_name="margins.csv"), scheme=["district"])
    assert len(result.problems) == importing.base.MAX_PROBLEMS + 1
    assert result.problems[-1].kind == "too_many"
    assert result.problems[-1].message.startswith("Es gibt 20 weitere Probleme.")


def test_a_long_file_name_and_path_are_shortened_in_messages():
    files = WaveFiles(
        microdata=UploadedFile("C:\\Users\\x\\" + "a" * 300 + ".csv", b""),
        codebook=UploadedFile("codebook.json", sample_bytes("codebook.json")),
        margins=UploadedFile("margins.json", sample_bytes("margins.json")),
    )
    (message,) = only(check(files), "empty_file")
    assert "Users" not in message and len(message) < 200
