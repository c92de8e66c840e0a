"""What an uploaded file really is, from its bytes rather than its name, and what to tell a partner who sent
the wrong kind."""

from __future__ import annotations

import io
import zipfile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls files and of password-protected workbooks
ZIP_MAGIC = b"PK\x03\x04"
SAVE_AS_XLSX = "Open it in Excel and save it as 'Excel Workbook (*.xlsx)', then load that file."
SAVE_AS_CSV = "Save it as 'CSV UTF-8 (Comma delimited) (*.csv)', or load the workbook as .xlsx."


class WrongKind(Exception):
    """The file is not what the dashboard reads; the message says what it is and the fix what to do."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.fix = fix


def _ole_streams(data: bytes) -> bytes:
    """The stream names of a compound (OLE) file's directory, roughly: enough to tell its kind apart."""
    return data[:4 * 1024 * 1024].replace(b"\0", b"")


def check_workbook(name: str, data: bytes) -> None:
    """Refuse, with what the file really is, anything that is not an .xlsx workbook."""
    lowered = name.lower()
    if data.startswith(OLE_MAGIC):
        streams = _ole_streams(data)
        if b"EncryptedPackage" in streams or b"EncryptionInfo" in streams:
            raise WrongKind("The workbook is password-protected (encrypted), so it cannot be read.",
                            "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
                            "Password, clear it), save it and load it again.")
        if b"Workbook" in streams or b"Book" in streams:
            raise WrongKind("The file is an Excel 97-2003 workbook (.xls), an old format the dashboard does not read.",
                            SAVE_AS_XLSX)
        raise WrongKind("The file is an older Office document, not an Excel workbook (.xlsx).", SAVE_AS_XLSX)
    if data.startswith(ZIP_MAGIC):
        kind = _zip_kind(data)
        if kind == "ods":
            raise WrongKind("The file is an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice), "
                            "not an Excel workbook.", "Save it as 'Excel 2007-365 (.xlsx)' and load that file.")
        if kind == "xlsm":
            raise WrongKind("The workbook is macro-enabled (.xlsm); returns are accepted without macros.",
                            "Open it in Excel and save it as 'Excel Workbook (*.xlsx)' (this removes the macros).")
        return
    if lowered.endswith((".xls", ".xlsb")) and data.startswith(b"\x09\x08"):
        raise WrongKind("The file is a very old Excel workbook (.xls).", SAVE_AS_XLSX)
    text = _text_kind(data)
    if text:
        raise WrongKind(f"The file is {text}, not an Excel workbook, although its name ends in "
                        f"'{name.rsplit('.', 1)[-1]}'.", "Rename it to end in .csv if it is a CSV, or open it in "
                        "Excel and save it as 'Excel Workbook (*.xlsx)'.")


def check_csv(name: str, data: bytes) -> None:
    """Refuse, with what the file really is, a file named .csv that is not comma-separated UTF-8 text."""
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        what = "an Excel workbook" if data.startswith(ZIP_MAGIC) and _zip_kind(data) == "xlsx" else \
            "a spreadsheet or Office document"
        raise WrongKind(f"The file is {what}, not a CSV, although its name ends in .csv.",
                        "Rename it to end in .xlsx (or save it from Excel as 'CSV UTF-8 (Comma delimited)').")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:200].count(b"\0") > 20:
        raise WrongKind("The CSV is saved as UTF-16 ('Unicode Text'), which the dashboard does not read.",
                        SAVE_AS_CSV)


def _zip_kind(data: bytes) -> str:
    """'xlsx', 'xlsm', 'ods' or '' (another or a damaged zip), from the parts a zip holds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:200]:
            return "ods"
        if "[Content_Types].xml" in names:
            with archive.open("[Content_Types].xml") as part:
                types = part.read(256 * 1024)
            if b"macroEnabled" in types or "xl/vbaProject.bin" in names:
                return "xlsm"
        return "xlsx" if "xl/workbook.xml" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return ""


def _text_kind(data: bytes) -> str:
    """'a CSV (text)' or 'UTF-16 text' when the bytes are plainly text, else ''."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    if head and b"\0" not in head:
        try:
            head.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:
                return ""
        if b"," in head or b";" in head or b"\t" in head:
            return "a CSV (text)"
    return ""
