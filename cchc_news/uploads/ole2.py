"""Just enough of the compound file format (MS-CFB, the container of Word 97-2003 .doc, Excel
.xls, PowerPoint .ppt files) to name the streams at the root of a file's directory.

A Word document has a stream named "WordDocument" there; an Excel workbook "Workbook" (or
"Book"), a presentation "PowerPoint Document". Written for untrusted uploads: every sector
number is checked against the file's size and every chain and tree walk keeps a visited set,
so a damaged or hostile file raises CompoundFileError instead of looping or reading beyond the
data. No dependency (the `olefile` package is not installed).
"""

import struct

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SIZE = 512
HEADER_FAT_SECTORS = 109  # the first FAT sector numbers are listed in the header itself
MAX_REGULAR_SECTOR = 0xFFFFFFFA
END_OF_CHAIN = 0xFFFFFFFE
NO_STREAM = 0xFFFFFFFF
ENTRY_SIZE = 128
STREAM, ROOT = 2, 5


class CompoundFileError(ValueError):
    """The data is not a readable compound file."""


def _u16(data, offset):
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data, offset):
    return struct.unpack_from("<I", data, offset)[0]


class _CompoundFile:
    def __init__(self, data):
        if len(data) < HEADER_SIZE or not data.startswith(SIGNATURE):
            raise CompoundFileError("no compound file signature")
        shift = _u16(data, 30)
        if shift not in (9, 12):  # 512-byte sectors (version 3) or 4096-byte (version 4)
            raise CompoundFileError("unknown sector size")
        self.data = data
        self.sector_size = 1 << shift
        self.per_sector = self.sector_size // 4
        self.sector_count = max(0, -(-(len(data) - self.sector_size) // self.sector_size))

    def sector(self, number):
        if number > MAX_REGULAR_SECTOR or number >= self.sector_count:
            raise CompoundFileError("sector outside the file")
        start = (number + 1) * self.sector_size
        return self.data[start : start + self.sector_size].ljust(self.sector_size, b"\0")

    def fat_sectors(self):
        numbers = list(struct.unpack_from(f"<{HEADER_FAT_SECTORS}I", self.data, 76))
        next_block, seen = _u32(self.data, 68), set()
        while next_block <= MAX_REGULAR_SECTOR:
            if next_block in seen:
                raise CompoundFileError("loop in the FAT sector list")
            seen.add(next_block)
            entries = struct.unpack(f"<{self.per_sector}I", self.sector(next_block))
            numbers.extend(entries[:-1])
            next_block = entries[-1]
        wanted = min(_u32(self.data, 44), self.sector_count)
        return [number for number in numbers if number <= MAX_REGULAR_SECTOR][:wanted]

    def chain(self, start):
        """The sector numbers of the chain that begins at `start`, read from the FAT as needed."""
        fat_sectors = self.fat_sectors()
        number, seen = start, set()
        while number != END_OF_CHAIN:
            block = number // self.per_sector
            if number in seen or block >= len(fat_sectors):
                raise CompoundFileError("broken sector chain")
            seen.add(number)
            yield number
            number = _u32(self.sector(fat_sectors[block]), (number % self.per_sector) * 4)

    def directory(self):
        return b"".join(self.sector(number) for number in self.chain(_u32(self.data, 48)))


def _entry(directory, index):
    offset = index * ENTRY_SIZE
    name_size = min(_u16(directory, offset + 64), 64)
    name = directory[offset : offset + max(0, name_size - 2)].decode("utf-16-le", "replace")
    kind = directory[offset + 66]
    left, right, child = struct.unpack_from("<III", directory, offset + 68)
    return name, kind, (left, right, child)


def root_stream_names(data):
    """The names of the streams directly under the root of the compound file `data` (bytes)."""
    try:
        return _root_stream_names(data)
    except (struct.error, IndexError) as error:  # a field cut off by the end of the data
        raise CompoundFileError("truncated structure") from error


def _root_stream_names(data):
    directory = _CompoundFile(data).directory()
    count = len(directory) // ENTRY_SIZE
    if count == 0 or _entry(directory, 0)[1] != ROOT:
        raise CompoundFileError("no root entry")
    names, seen, pending = set(), set(), [_entry(directory, 0)[2][2]]
    while pending:
        index = pending.pop()
        if index == NO_STREAM:
            continue
        if index in seen or index >= count:
            raise CompoundFileError("broken directory tree")
        seen.add(index)
        name, kind, (left, right, _child) = _entry(directory, index)
        if kind == STREAM:
            names.add(name)
        pending += [left, right]  # siblings only: the root's own children
    return names
