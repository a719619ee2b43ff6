"""The ``edz`` console script (and ``python -m extractor``).

Kept free of imports on purpose: :func:`main` makes a Ctrl-C end the process
quietly with exit code 130 *before* click, the cleaner and spaCy are imported,
so that even a Ctrl-C during start-up never prints a traceback.
"""

from __future__ import annotations

import os
import signal

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


def interrupted_now(signum: int, frame: object) -> None:
    """SIGINT while no code of ours could clean anything up (start-up, exit): leave at once."""
    os.write(2, b"edz: interrupted\n")
    os._exit(EXIT_INTERRUPTED)


def main() -> None:
    """Console entry point: ``edz``."""
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, interrupted_now)
    except KeyboardInterrupt:  # a Ctrl-C while the handler was being set
        interrupted_now(signal.SIGINT, None)
    import gc

    from extractor.startup import gc_paused

    with gc_paused():  # click and the command modules: long-lived objects only
        from extractor.cli import main as cli_main

        gc.freeze()  # before the collector resumes, or its next pass walks them all once

    cli_main()
