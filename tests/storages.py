"""A file storage for tests that records every file it opens (FileSystemStorage otherwise)."""

from django.core.files.storage import FileSystemStorage


class CountingStorage(FileSystemStorage):
    opened = []  # the names opened since the test cleared it

    def _open(self, name, mode="rb"):
        CountingStorage.opened.append(name)
        return super()._open(name, mode)
