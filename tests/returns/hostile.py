"""Hostile return files, built from a valid one: what a careless or malicious sender can
upload. Shared by the validator's tests, the upload tests and the fuzzers."""

from __future__ import annotations

import io
import struct
import zipfile

from .conftest import BASE, csv_of, row


def valid_xlsx(rows: list[dict] | None = None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(BASE))
    for r in rows or [row()]:
        ws.append([r[c] or None for c in BASE])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _patch_member(data: bytes, member: str, *, local: dict[int, bytes], central: dict[int, bytes],
                  body=None) -> bytes:
    """Overwrite fields of one member's local and central headers (offsets within each
    header), and optionally its compressed body."""
    out = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    start = info.header_offset
    for offset, value in local.items():
        out[start + offset:start + offset + len(value)] = value
    name_len, extra_len = struct.unpack("<HH", out[start + 26:start + 30])
    body_start = start + 30 + name_len + extra_len
    if body is not None:
        out[body_start:body_start + info.compress_size] = body(bytes(out[body_start:body_start + info.compress_size]))
    # the central directory entry of this member
    cd = out.find(b"PK\x01\x02")
    while cd != -1:
        n = struct.unpack("<H", out[cd + 28:cd + 30])[0]
        if bytes(out[cd + 46:cd + 46 + n]) == member.encode():
            break
        cd = out.find(b"PK\x01\x02", cd + 4)
    for offset, value in central.items():
        out[cd + offset:cd + offset + len(value)] = value
    return bytes(out)


SHEET = "xl/worksheets/sheet1.xml"


def xlsx_bad_crc() -> bytes:
    crc = struct.pack("<I", 0xDEADBEEF)
    return _patch_member(valid_xlsx(), SHEET, local={14: crc}, central={16: crc})


def xlsx_corrupt_deflate() -> bytes:
    def scramble(body: bytes) -> bytes:
        mid = len(body) // 2
        return body[:mid] + bytes(b ^ 0x5A for b in body[mid:mid + 40]) + body[mid + 40:]

    return _patch_member(valid_xlsx(), SHEET, local={}, central={}, body=scramble)


def xlsx_encrypted_entry() -> bytes:
    flag = struct.pack("<H", 0x0001)
    return _patch_member(valid_xlsx(), SHEET, local={6: flag}, central={8: flag})


def xlsx_unknown_compression() -> bytes:
    method = struct.pack("<H", 99)
    return _patch_member(valid_xlsx(), SHEET, local={8: method}, central={10: method})


def xlsx_lying_sizes(expanded: int = 300 * 1024 * 1024) -> bytes:
    """A workbook whose sheet declares a small size but really expands to `expanded` bytes."""
    import zlib

    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>')
    pad = b"<x/>" * (256 * 1024)
    tail = b"</sheetData></worksheet>"
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunks = [comp.compress(head)]
    for _ in range(expanded // len(pad)):
        chunks.append(comp.compress(pad))
    chunks.append(comp.compress(tail))
    chunks.append(comp.flush())
    body = b"".join(chunks)
    base = zipfile.ZipFile(io.BytesIO(valid_xlsx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in base.infolist():
            if info.filename != SHEET:
                out.writestr(info, base.read(info.filename))
        out.writestr(SHEET, b"<worksheet/>")  # placeholder, replaced below
    data = buf.getvalue()
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(SHEET)
    # rebuild: put the real body where the placeholder's was, declaring a 1 MB size
    start = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[start + 26:start + 30])
    body_start = start + 30 + name_len + extra_len
    old_end = body_start + info.compress_size
    shift = len(body) - info.compress_size
    declared = struct.pack("<I", 1024 * 1024)
    crc = struct.pack("<I", 0)
    out = bytearray(data[:body_start] + body + data[old_end:])
    out[start + 14:start + 18] = crc
    out[start + 18:start + 22] = struct.pack("<I", len(body))
    out[start + 22:start + 26] = declared
    # central directory: fix this member's sizes, and shift every later offset
    cd_end = out.rfind(b"PK\x05\x06")
    cd_start = struct.unpack("<I", out[cd_end + 16:cd_end + 20])[0] + shift
    out[cd_end + 16:cd_end + 20] = struct.pack("<I", cd_start)
    pos = cd_start
    while out[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack("<HHH", out[pos + 28:pos + 34])
        name = bytes(out[pos + 46:pos + 46 + n]).decode()
        offset = struct.unpack("<I", out[pos + 42:pos + 46])[0]
        if name == SHEET:
            out[pos + 16:pos + 20] = crc
            out[pos + 20:pos + 24] = struct.pack("<I", len(body))
            out[pos + 24:pos + 28] = declared
        elif offset > start:
            out[pos + 42:pos + 46] = struct.pack("<I", offset + shift)
        pos += 46 + n + m + k
    return bytes(out)


def xlsx_with_sheet(cells: str) -> bytes:
    """A workbook whose first sheet's <sheetData> is `cells` (raw XML)."""
    base = zipfile.ZipFile(io.BytesIO(valid_xlsx()))
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>').encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in base.infolist():
            out.writestr(info.filename, xml if info.filename == SHEET else base.read(info.filename))
    return buf.getvalue()


def cp1252_ragged() -> bytes:
    """Windows-1252 (not UTF-8) with a row longer than the header."""
    data = csv_of([row(case_ref="FRV-0001")], encoding="cp1252")
    return data + "FRV-0002,caf\u00e9,x,y\r\n".encode("cp1252") + b"a," * 60 + b"\r\n"


def cp1252_unterminated_quote() -> bytes:
    data = csv_of([row()], encoding="cp1252")
    return data + '"FRV-\u00e9 never closed,2024-04-02\r\n'.encode("cp1252")


def list_cell_bomb(separators: int = 1_000_000) -> bytes:
    """A CSV whose list cell holds a million bad items."""
    return csv_of([row(needs="x;" * separators)])


ALL = {
    "cp1252-ragged": cp1252_ragged, "cp1252-unterminated-quote": cp1252_unterminated_quote,
    "xlsx-bad-crc": xlsx_bad_crc, "xlsx-corrupt-deflate": xlsx_corrupt_deflate,
    "xlsx-encrypted-entry": xlsx_encrypted_entry, "xlsx-unknown-compression": xlsx_unknown_compression,
}
