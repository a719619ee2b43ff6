"""What ``edz batch`` shows on the terminal: a progress bar on stderr when it is
a terminal, one ``edz: PATH: reason`` line per failure, and a summary line.
(The library in :mod:`extractor.batch` only logs; this is the CLI's side.)"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

import click

from extractor.batch import BatchConfig, Outcome, count, run_batch
from extractor.errors import EdzError, display_path, internal_error_message, printable
from extractor.terminal import EXIT_INTERRUPTED, EXIT_TERMINATED

log = logging.getLogger(__name__)


class Terminated(KeyboardInterrupt):
    """SIGTERM: stop as cleanly as for Ctrl-C."""


@contextlib.contextmanager
def _sigterm_stops_cleanly() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_from_cli(config: BatchConfig, *, quiet: bool) -> int:
    """Run the batch for ``edz batch``; the exit code."""
    bar: Any = None
    err = sys.stderr

    def say(message: str) -> None:
        if bar is not None:  # start from a clean line, the bar redraws itself
            err.write("\r\033[K")
        click.echo(f"edz: {printable(message)}", err=True)

    def done(outcome: Outcome) -> None:
        if bar is not None:
            bar.update(1)

    def report(outcome: Outcome) -> None:
        if outcome.status == "failed" and not quiet:
            say(f"{display_path(outcome.path)}: {outcome.error}")

    try:
        with _sigterm_stops_cleanly():
            if not quiet and err.isatty():
                bar = click.progressbar(
                    length=count(config), label="edz batch", file=err, show_pos=True
                )
                bar.__enter__()
            try:
                summary = run_batch(config, on_done=done, on_outcome=report)
            finally:
                if bar is not None:
                    bar.__exit__(None, None, None)
                    bar = None
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated)
        say(
            f"{'terminated' if terminated else 'interrupted'}: finished outputs are kept "
            "and no partial file is left; run the same command again to continue"
        )
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of --jsonl on stdout went away: not a failure
        raise
    except EdzError as exc:  # OUT_DIR cannot be written, or the cluster cannot run it
        say(str(exc))
        return 1
    except Exception as exc:  # a bug (e.g. the pipeline cannot be built): no traceback
        log.debug("batch failed", exc_info=True)
        say(internal_error_message(exc))
        return 1
    for path in summary.pruned:  # listed even with -q: files were removed
        say(f"pruned {display_path(path)}: its input is gone")
    if not quiet:
        say(f"batch: {summary.line()}")
        left = len(summary.stale) - len(summary.pruned)
        if left:
            say(
                f"{left} record(s) in {display_path(config.out_dir or '')} have no input "
                "any more (-v lists them; --prune removes them)"
            )
        if summary.processed + summary.skipped + summary.failed == 0:
            patterns = " ".join(display_path(p) for p in config.include)
            say(f"no file under {display_path(config.in_dir)} matches --include {patterns}")
    if summary.failed and not quiet:
        if summary.errors_file:
            say(f"failed inputs are listed in {display_path(summary.errors_file)}")
        elif config.out_dir:
            say("the list of failed inputs could not be written (see above)")
    if summary.stopped:
        say(f"batch stopped: {summary.stopped}")
        return 1
    return 1 if summary.failed else 0


__all__ = ["EXIT_INTERRUPTED", "EXIT_TERMINATED", "run_from_cli"]
