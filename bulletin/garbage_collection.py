"""Python's cyclic garbage collector held off while the bulletin makes many objects at once."""

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """No cyclic garbage collection inside the block.

    An assembly makes objects for every item (pages, stream blocks, rows), and WeasyPrint for
    every element, box and glyph run of the PDF: enough to set off full collections, each of
    which walks every object of the process, Django's and Wagtail's included: 3 or 4 of them,
    about 30% of the CPU time of a 4,280-item assembly, 0.45 s of the 3.9 s of the PDF of
    1,000 entries. Reference counting still frees what the run lets go; cycles wait for the
    first collection after it. Left off if something else turned it off (another thread's
    assembly or PDF: it turns it back on).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
