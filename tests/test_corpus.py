"""Every real-world file in ../shared/realworld loads, or ends in one clear sentence.

Each file is read in a worker process capped at MEMORY_BYTES of address space and FILE_SECONDS
of wall time (SIGALRM ends the worker even inside native code), so a file that blows up shows
as a failure here instead of hanging or killing the test run. A file whose package really
holds values (see `_holds_data`) must not come back empty.

EXPECTED records why the readers are what they are: for each file SOURCES.md / MANIFEST.tsv
names as hard, the outcome the three readers had there (openpyxl / openpyxl read_only /
calamine) and what read_book must give now. Run `python tests/test_corpus.py --worker` to read
paths from stdin by hand.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REALWORLD = HERE.parent.parent / "shared" / "realworld"
FOLDERS = ("xlsx", "ods", "csv", "other", "customers")
FILE_SECONDS = 20
MEMORY_BYTES = 1536 * 1024 * 1024
WORKERS = 2
#: The whole corpus (about 700 files) takes about 10 s on two cores; this is the ceiling.
CORPUS_SECONDS = 90

pytestmark = pytest.mark.corpus

LOADS = "loads"
# file -> (outcome, at least this many non-empty cells or the error class, evidence)
EXPECTED: dict[str, tuple[str, int | str, str]] = {
    # Resource blow-ups: openpyxl normal mode runs out of memory or time; calamine is instant.
    "xlsx/calamine__issue_174.xlsx": (LOADS, 22, "MemoryError / TIMEOUT>120s / ok 0.01 s"),
    "xlsx/tealeg__testFileToSliceValueOnly.xlsx": (LOADS, 4, "died at 4 GiB / ok / ok"),
    "xlsx/lo__calc__export-millon-rows.xlsx": (LOADS, 31, "ok in 36 s, 2.9 GB RSS / ok / ok"),
    # Strict Open XML: openpyxl opens these with 0 sheets (silent data loss); calamine reads them.
    "xlsx/calamine__strict_iso_paths.xlsx": (LOADS, 1368, "0 / 0 / 1368 cells"),
    "xlsx/edr__strict__TestMultiSheet.xlsx": (LOADS, 106, "0 / 0 / 106 cells"),
    "xlsx/edr__strict__Test_Excel_OpenOffice.xlsx": (LOADS, 203, "0 / 0 / 203 cells"),
    "xlsx/edr__strict__Test_MergedCell.xlsx": (LOADS, 10, "0 / 0 / 10 cells"),
    "xlsx/edr__strict__Test_googlesourced.xlsx": (LOADS, 22, "0 / 0 / 22 cells"),
    "xlsx/sheetjs__sheet_visibility_strict.xlsx": (LOADS, 46, "0 / 0 / 46 cells"),
    # Wrong <dimension>: openpyxl read_only trusts it and truncates; calamine does not.
    "xlsx/edr__Test_git_Issue_142.xlsx": (LOADS, 13032, "13032 / 1 / 13032 cells"),
    "xlsx/edr__Test_git_issue_271_InvalidDimension.xlsx": (LOADS, 13, "13 / 0 / 13 cells"),
    "xlsx/edr__Test_git_issue_694_TimeSpan.xlsx": (LOADS, 106, "106 / 1 / 106 cells"),
    "xlsx/edr__Test_git_issue_324.xlsx": (LOADS, 108, "108 / 11 / 113 cells"),
    "xlsx/exceljs__third-party-export.xlsx": (LOADS, 10, "10 / 1 / 10 cells"),
    "xlsx/openpyxl__reader__tests__data__bug304.xlsx": (LOADS, 385, "392 / 1 / 385 cells"),
    "xlsx/edr__Test_Issue_NoStyles_NoRAttribute.xlsx": (LOADS, 102, "648 / 18 / 102 cells"),
    # Part names in odd case, backslashes, no sharedStrings, bad XML: openpyxl raises.
    "xlsx/calamine__issue_419.xlsx": (LOADS, 1, "KeyError / KeyError / ok"),
    "xlsx/calamine__issue_530.xlsx": (LOADS, 30, "KeyError / KeyError / ok"),
    "xlsx/edr__Test_git_issue_301_IgnoreCase.xlsx": (LOADS, 71, "KeyError / KeyError / ok"),
    "xlsx/edr__Test_git_issue_385_backslash.xlsx": (LOADS, 71, "KeyError / KeyError / ok"),
    "xlsx/roo__implicit_coordinates.xlsx": (LOADS, 4, "KeyError / KeyError / ok"),
    "xlsx/xlsx2csv__formatted_inline_string.xlsx": (LOADS, 1, "KeyError / KeyError / ok"),
    "xlsx/exceljs__invalid-xml.xlsx": (LOADS, 2, "ParseError / ParseError / ok"),
    "xlsx/sheetjs__xlsx-stream-d-date-cell.xlsx": (LOADS, 33, "IndexError / IndexError / ok"),
    "xlsx/calamine__empty_s_attribute.xlsx": (LOADS, 10, "TypeError / ok / ok"),
    "xlsx/calamine__minimal_package.xlsx": (LOADS, 5083, "IndexError / ok / ok"),
    "xlsx/calamine__pivots.xlsx": (LOADS, 274, "TypeError / ok / ok"),
    "xlsx/sheetjs__pivot_table_named_range.xlsx": (LOADS, 172, "TypeError / ok / ok"),
    "xlsx/sheetjs__wtf_path.xlsx": (LOADS, 31, "IndexError / ok / ok"),
    "xlsx/edr__Test_git_issue_629.xlsx": (LOADS, 54, "IndexError / ok / ok"),
    "xlsx/edr__Test_git_issue_711_OpenXml_Row_height_parsing.xlsx": (
        LOADS,
        18,
        "TypeError / ok / ok",
    ),
    "xlsx/edr__Test_git_issue_711_OpenXml_Row_height_parsing_negative_default_height.xlsx": (
        LOADS,
        18,
        "TypeError / ok / ok",
    ),
    # calamine rejects these, openpyxl read_only (dimensions reset) reads them: the fallback.
    "xlsx/edr__Test_git_issue_68_NullSheetPath.xlsm": (LOADS, 2, "ok / ok / Relationship error"),
    "xlsx/exceljs__test-issue-176.xlsx": (LOADS, 6, "ok / ok / CalamineError at iterate"),
    "xlsx/lo__ooxml-strict__calc__templates__autofilter.xlsx": (LOADS, 26, "ok / ok / float"),
    "xlsx/roo__Pfand_from_windows_phone.xlsx": (LOADS, 14, "ok / ok / XmlError"),
    "xlsx/sheetjs__BlankSheetTypes.xlsm": (LOADS, 0, "ok, 0 cells / ok / CalamineError"),
    # calamine turns error cells into blanks; the openpyxl second opinion keeps "#DIV/0!".
    "xlsx/calamine__errors.xlsx": (LOADS, 7, "7 / 7 / 0 cells"),
    # Named for another format: both readers trusted the extension; sniffing the content wins.
    "xlsx/roo__type_openoffice.xlsx": (LOADS, 1, "ODS bytes: KeyError / KeyError / error"),
    "ods/roo__type_excelx.ods": (LOADS, 1, "xlsx bytes: calamine 'mimetype' not found"),
    "customers/adventureworksdw__DimCustomer.xlsx": (LOADS, 500_000, "ok 5.7 s / 2.8 s / 0.44 s"),
    # Encrypted: openpyxl says "File is not a zip file"; calamine PasswordError.
    **{
        f"xlsx/{name}.xlsx": ("error", "PasswordProtected", "BadZipFile / BadZipFile / Password")
        for name in (
            "calamine__pass_protected",
            "edr__TestExcel_2040",
            "edr__Test_git_issue289",
            "edr__agile_AES128_MD5_CBC_pwd_password",
            "edr__agile_AES256_SHA512_CBC_pwd_password",
            "edr__agile_DESede_SHA384_CBC_pwd_password",
            "edr__agile_RC2_SHA1_CBC_pwd_password",
            "edr__standard_AES128_SHA1_ECB_pwd_password",
            "edr__strict__agile_AES256_SHA512_CBC_pwd_password",
            "lo__calc__xlsx-import__encryption__simple-encryption-2007",
            "lo__calc__xlsx-import__encryption__simple-encryption-2010",
            "pycalamine__password",
        )
    },
    "ods/calamine__pass_protected.ods": ("error", "PasswordProtected", "calamine PasswordError"),
    "ods/roo__encrypted-letmein.ods": ("error", "PasswordProtected", "calamine PasswordError"),
    "xlsx/~$exceljs__fibonacci.xlsx": ("error", "LockFileError", "BadZipFile x2 / ZipError"),
    # Nothing reads these: each must end in a sentence, not a traceback.
    "xlsx/calamine__issue252.xlsx": ("error", "UnsupportedFormat", "bad CRC: all three fail"),
    "xlsx/edr__Fillreport.xlsx": ("error", "UnsupportedFormat", "refs without rows: all fail"),
    "xlsx/exceljs__test-row-styles.xlsx": ("error", "UnsupportedFormat", 'state="show": all fail'),
    "xlsx/tealeg__badfile_noWorkbookRels.xlsx": ("error", "UnsupportedFormat", "all fail"),
    "xlsx/tealeg__badfile_noWorksheets.xlsx": ("error", "UnsupportedFormat", "0 sheets / error"),
    "xlsx/edr__EmptyZipFile.xlsx": ("error", "UnsupportedFormat", "no [Content_Types].xml"),
    "xlsx/exceljs__missing-bits.xlsx": ("error", "UnsupportedFormat", "no [Content_Types].xml"),
    "xlsx/openpyxl__tests__data__reader__null_archive.xlsx": (
        "error",
        "UnsupportedFormat",
        "no [Content_Types].xml",
    ),
    "xlsx/pycalamine__empty_file.xlsx": ("error", "UnsupportedFormat", "0 bytes"),
    "ods/pycalamine__empty_file.ods": ("error", "UnsupportedFormat", "0 bytes"),
    "csv/frictionless__empty.csv": ("error", "UnsupportedFormat", "0 bytes"),
    "xlsx/roo__type_excel.xlsx": ("error", "UnsupportedFormat", ".xls bytes under .xlsx"),
    "ods/roo__type_excel.ods": ("error", "UnsupportedFormat", ".xls bytes under .ods"),
    "ods/calamine__issue_594_dos.ods": ("error", "UnsupportedFormat", "asks for 17e9 cells"),
    "ods/lo__calc__tab-color-ns-table.ods": ("error", "UnsupportedFormat", "calamine only; fails"),
    "csv/frictionless__compression__implicit-gz.csv": ("error", "UnsupportedFormat", "gzip"),
    "csv/frictionless__compression__implicit-zip.csv": ("error", "UnsupportedFormat", "zip"),
    # other/: formats ledgersite does not read (openpyxl refuses them all by extension).
    **{
        f"other/{name}": ("error", "UnsupportedFormat", "not supported: ask for .xlsx")
        for name in (
            "calamine__date_1904.xlsb",
            "calamine__issue_666_panic.xlsb",
            "frictionless__merged-cells.xls",
            "frictionless__table.xls",
            "pycalamine__empty_file.xlsb",
            "sheetjs__crlf__crlf.fods",
            "sheetjs__issue2717__issue2717.slk",
            "sheetjs__issue2717__issue2717.xml",
            "sheetjs__minimal_112.numbers",
        )
    },
    # CSV text under other names is read as CSV (content, not name, decides).
    "other/calamine__too_small.xls": (LOADS, 1, "68 bytes of text named .xls"),
    "other/frictionless__table.bad": (LOADS, 4, "CSV text named .bad"),
    "other/frictionless__table.csv2k": (LOADS, 4, "CSV text named .csv2k"),
}


def _corpus_files() -> list[str]:
    if not REALWORLD.is_dir():
        return []
    return sorted(
        str(path.relative_to(REALWORLD))
        for folder in FOLDERS
        for path in (REALWORLD / folder).iterdir()
        if path.is_file()
    )


FILES = _corpus_files()


# ---------------------------------------------------------------- the worker (own process)


def _worker() -> None:
    """Read each path on stdin with read_book; print one JSON line before and after each."""
    import resource
    import signal
    import traceback

    from ledgersite.config import Config
    from ledgersite.errors import SourceError
    from ledgersite.sources.read import read_book

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the kernel ends us, even inside Rust code
    for line in sys.stdin:
        rel = line.strip()
        if not rel:
            continue
        print(json.dumps({"start": rel}), flush=True)
        signal.alarm(FILE_SECONDS)
        started = time.perf_counter()
        result: dict[str, Any] = {"file": rel}
        try:
            book = read_book(REALWORLD / rel, config=Config())
        except SourceError as err:
            result.update(outcome="error", error=type(err).__name__, message=str(err))
        except BaseException as err:  # any other exception is the bug this test looks for
            result.update(outcome="bug", error=repr(err), message=traceback.format_exc())
        else:
            cells = sum(v is not None for s in book.sheets for r in s.rows for v in r)
            result.update(outcome=LOADS, sheets=len(book.sheets), cells=cells)
        signal.alarm(0)
        result["seconds"] = round(time.perf_counter() - started, 3)
        print(json.dumps(result), flush=True)


# ---------------------------------------------------------------- the parent (pytest)


def _run_chunk(files: list[str]) -> dict[str, dict[str, Any]]:
    """Give the worker's result for each file; a file that kills the worker is recorded, skipped."""
    results: dict[str, dict[str, Any]] = {}
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    remaining = list(files)
    while remaining:
        try:
            proc = subprocess.run(
                [sys.executable, __file__, "--worker"],
                input="\n".join(remaining),
                capture_output=True,
                text=True,
                env=env,
                timeout=FILE_SECONDS * len(remaining) + 30,
                check=False,
            )
            stdout, stderr, code = proc.stdout, proc.stderr, proc.returncode
        except subprocess.TimeoutExpired as err:
            stdout = err.stdout if isinstance(err.stdout, str) else ""
            stderr, code = "outer timeout", -9
        started = None
        for line in stdout.splitlines():
            record = json.loads(line)
            if "start" in record:
                started = record["start"]
            else:
                results[record["file"]] = record
                started = None
        if code == 0 or started is None:
            break
        results[started] = {
            "file": started,
            "outcome": "timeout" if code == -14 else "died",
            "error": f"worker exit {code}",
            "message": stderr[-2000:],
        }
        remaining = remaining[remaining.index(started) + 1 :]
    return results


@pytest.fixture(scope="module")
def outcomes() -> dict[str, dict[str, Any]]:
    """Give read_book's outcome for every corpus file, read by WORKERS capped processes."""
    if not FILES:
        pytest.fail(f"The real-world corpus is missing: expected it at {REALWORLD}")
    chunks = [FILES[i::WORKERS] for i in range(WORKERS)]
    started = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        parts = list(pool.map(_run_chunk, chunks))
    results = {k: v for part in parts for k, v in part.items()}
    results["__total__"] = {"seconds": time.monotonic() - started}
    return results


_VALUE_XML = re.compile(rb"<(?:\w+:)?(?:v|t)(?:\s[^>]*)?>\s*[^<\s]")
_ODS_VALUE = re.compile(
    rb'office:(?:value|date-value|time-value|boolean-value)="'
    rb"|<text:(?:p|span)(?:\s[^>]*)?>\s*[^<\s]"
)


def _holds_data(path: Path) -> bool | None:
    """Give whether the file's own bytes hold cell values, judged without any spreadsheet reader.

    None when this cannot be told cheaply (old binary formats, damaged packages).
    """
    data = path.read_bytes()
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as package:
                names = [n for n in package.namelist()]
                sheets = [
                    n
                    for n in names
                    if re.match(r"xl[/\\]worksheets[/\\][^/\\]+\.xml$", n, re.IGNORECASE)
                ]
                if sheets:
                    return any(_VALUE_XML.search(package.read(n)) for n in sheets)
                if "content.xml" in names:
                    return bool(_ODS_VALUE.search(package.read("content.xml")))
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError):
            return None
        return None
    text = data.lstrip(b"\xef\xbb\xbf\xff\xfe").replace(b"\x00", b"")
    if text.startswith(b"\xd0\xcf") or not text:
        return None if text else False
    return bool(re.search(rb"[^\s,;\t|\"']", text))


@pytest.mark.parametrize("rel", FILES or ["(corpus missing)"])
def test_file_loads_or_ends_in_a_clear_sentence(
    rel: str, outcomes: dict[str, dict[str, Any]]
) -> None:
    result = outcomes[rel]
    assert result["outcome"] in (LOADS, "error"), (
        f"{rel}: {result['outcome']} {result.get('error')}\n{result.get('message')}"
    )
    if result["outcome"] == "error":
        message = result["message"]
        assert "Traceback" not in message and message.endswith((".", ")")), message
        assert Path(rel).name in message or "This " in message, message
    expected = EXPECTED.get(rel)
    if expected is None:
        assert result["outcome"] == LOADS, f"{rel} was expected to load: {result.get('message')}"
    elif expected[0] == LOADS:
        assert result["outcome"] == LOADS, f"{rel} ({expected[2]}): {result.get('message')}"
        assert result["cells"] >= int(expected[1]), f"{rel} ({expected[2]}): {result['cells']}"
    else:
        assert (result["outcome"], result.get("error")) == ("error", expected[1]), (
            f"{rel} ({expected[2]}): {result.get('message')}"
        )
    if result["outcome"] == LOADS and _holds_data(REALWORLD / rel):
        assert result["cells"] > 0, f"{rel} holds values but came back empty"


def test_reading_the_whole_corpus_is_quick(
    outcomes: dict[str, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    timed = sorted(
        (r for k, r in outcomes.items() if k != "__total__" and "seconds" in r),
        key=lambda r: -float(r["seconds"]),
    )
    total = outcomes["__total__"]["seconds"]
    with capsys.disabled():
        print(f"\ncorpus: {len(timed)} files in {total:.1f} s on {WORKERS} workers; slowest:")
        for r in timed[:6]:
            print(f"  {r['seconds']:6.2f} s  {r['file']}  ({r.get('cells', r.get('error'))})")
    assert total < CORPUS_SECONDS


def test_every_expectation_names_a_file_in_the_corpus() -> None:
    missing = sorted(set(EXPECTED) - set(FILES))
    assert not missing, f"EXPECTED names files the corpus no longer has: {missing}"


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    _worker()
