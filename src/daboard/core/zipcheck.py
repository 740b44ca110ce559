"""Unpacking a zip (XLSX, DOCX) as a stream to check it, trusting nothing it declares: each
member's bytes are counted as they really come out, its checksum is checked, encryption and
compression methods Office does not write are refused, and unpacking stops at a hard cap.
Nothing is kept. No Django here: the return reader (returns.validate) and the upload checks
(core.uploads) both use it."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable


class ZipRefused(ValueError):
    """Why the archive was refused, as the end of a sentence ("it is damaged ...")."""


def unpack_check(fh, archive: zipfile.ZipFile, limit: int,
                 watch: Callable[[zipfile.ZipInfo], Callable[[bytes], None] | None] | None = None) -> int:
    """Unpack every member of `archive` (opened on the file object `fh`), at most `limit`
    bytes in all. `watch(info)` may return a function that is fed the member's bytes as they
    come. Returns the total unpacked size; raises ZipRefused."""
    total = 0
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise ZipRefused("it is encrypted or password-protected; save it without a password")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ZipRefused("it is compressed in a way Office does not write (it is not a real Office file)")
        fh.seek(info.header_offset)
        local = fh.read(30)
        if len(local) != 30 or local[:4] != b"PK\x03\x04":
            raise ZipRefused("it is damaged (it is not a real Office file)")
        flags, method = struct.unpack("<HH", local[6:10])
        name_len, extra_len = struct.unpack("<HH", local[26:30])
        if flags & 0x1:
            raise ZipRefused("it is encrypted or password-protected; save it without a password")
        if method != info.compress_type:
            raise ZipRefused("it is damaged (it is not a real Office file)")
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        feed = watch(info) if watch else None
        left, crc, produced = info.compress_size, 0, 0
        inflate = zlib.decompressobj(-15) if method == zipfile.ZIP_DEFLATED else None
        while left > 0:
            chunk = fh.read(min(left, 1 << 16))
            if not chunk:
                raise ZipRefused("it is damaged (cut short)")
            left -= len(chunk)
            while chunk:
                if inflate is None:
                    out, chunk = chunk, b""
                else:
                    try:
                        out = inflate.decompress(chunk, 1 << 20)
                    except zlib.error as exc:
                        raise ZipRefused("it is damaged (a part of it cannot be unpacked)") from exc
                    chunk = inflate.unconsumed_tail
                produced += len(out)
                total += len(out)
                if total > limit:
                    raise ZipRefused(f"it unpacks to more than {limit // (1024 * 1024)} MB, far more than a "
                                     "file of its size holds (a zip bomb)")
                crc = zlib.crc32(out, crc)
                if feed is not None:
                    feed(out)
        if inflate is not None and not inflate.eof:
            raise ZipRefused("it is damaged (a part of it is cut short)")
        if produced != info.file_size or crc != info.CRC:
            raise ZipRefused("it is damaged (a part of it fails its checksum)")
    return total
