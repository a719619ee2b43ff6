"""How the ``edz`` process behaves on the terminal, whatever the command.

A Ctrl-C at any moment ends it with exit code 130 and one line, never a
traceback (:mod:`extractor.launch` covers start-up, :func:`run_main` the
rest); a reader that goes away (``edz extract ... | head``) ends it quietly
with exit code 0. Also: ``-v``/``-q`` logging, per-document time limits, and
importing spaCy without its own command line.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import signal
import sys
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any

from extractor.errors import ReaderGone
from extractor.launch import EXIT_INTERRUPTED, interrupted_now

EXIT_TERMINATED = 143  # 128 + SIGTERM

log = logging.getLogger("extractor")


def _leave_quietly_on_broken_pipe() -> None:
    """The reader went away: not an error of ours. Whatever is still buffered for
    stdout goes nowhere, instead of failing again when Python exits."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def run_main(body: Callable[[], Any]) -> None:
    """Run the command line; exit 130 on Ctrl-C (no traceback), 0 on a broken pipe."""
    import click

    signal.signal(signal.SIGINT, signal.default_int_handler)
    code: Any = 0
    try:
        body()
    except click.ClickException as exc:  # a usage error: click's message, exit 2
        with contextlib.suppress(OSError):
            exc.show()
        code = exc.exit_code
    except (KeyboardInterrupt, click.Abort):
        signal.signal(signal.SIGINT, interrupted_now)  # a second Ctrl-C while leaving
        with contextlib.suppress(Exception):
            click.echo("edz: interrupted", err=True)
        code = EXIT_INTERRUPTED
    except (BrokenPipeError, ReaderGone):
        _leave_quietly_on_broken_pipe()
        code = 0
    except SystemExit as exc:
        code = exc.code
    signal.signal(signal.SIGINT, interrupted_now)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _leave_quietly_on_broken_pipe()
    except (OSError, ValueError):
        pass
    sys.exit(code)


@contextlib.contextmanager
def time_limit(seconds: float | None, make_error: Callable[[], BaseException]) -> Iterator[None]:
    """Raise ``make_error()`` in this thread once ``seconds`` have passed (None or 0:
    no limit). Uses SIGALRM, so only in the main thread of a POSIX process; elsewhere
    it does nothing."""
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    )
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise make_error()

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


# --- logging to stderr --------------------------------------------------------------


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a message is logged."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


def verbosity_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``-v``/``-q``, the same on every command."""
    import click  # only where a command is being defined

    func = click.option(
        "-q", "--quiet", is_flag=True, help="Only errors on stderr, no warnings or progress."
    )(func)
    func = click.option(
        "-v", "--verbose", count=True, help="More detail on stderr (-vv: debugging detail)."
    )(func)
    return func


def setup_logging(verbose: int, quiet: bool) -> None:
    """``-v`` (info), ``-vv`` (debug), ``-q`` (errors only) for the package's logger."""
    level = (
        logging.ERROR
        if quiet
        else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    )
    # Configure the package's logger, not the root one: logging.basicConfig does
    # nothing once an embedding program has set up logging, so -v would be lost.
    log.setLevel(level)
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("edz: %(levelname)s: %(message)s"))
        log.addHandler(handler)


# --- spaCy without its command line -------------------------------------------------


class _SpacyInfoStandIn(types.ModuleType):
    """Stands in for ``spacy.cli.info`` while spaCy's package is imported.

    ``import spacy`` runs ``from .cli.info import info``, which imports spaCy's
    whole command line (typer, weasel, httpx, requests): about a third of its
    import time, 0.2 s of every `edz` start-up, for a command `edz` never runs.
    This stand-in hands spaCy a function that imports the real one when called,
    then leaves ``sys.modules``, so any later ``import spacy.cli`` is the real one.
    """

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__, ...): not a package
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        if name == "info":
            return _spacy_info
        return getattr(importlib.import_module(self.__name__), name)


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)


def defer_spacy_cli() -> None:
    """Let spaCy be imported without its command line (see :class:`_SpacyInfoStandIn`).
    For a process of our own only: `edz` calls it first thing."""
    if "spacy" not in sys.modules and "spacy.cli.info" not in sys.modules:
        sys.modules["spacy.cli.info"] = _SpacyInfoStandIn("spacy.cli.info")
