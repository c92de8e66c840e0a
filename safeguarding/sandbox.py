"""Run a parser on an untrusted file in a separate process with a memory limit, so that a parser that crashes or
runs away takes only that process with it, never the dashboard or the command line."""

from __future__ import annotations

import gc
import io
import pickle
import resource
import signal
import subprocess
import sys
import threading
from pathlib import Path

from safeguarding import raw
from safeguarding.raw import Refused
from safeguarding.safety import UnsafeFile

# Address space of the reading process. Reading the 200,000-row benchmark file fits in 400 MB (170 MB resident);
# a hostile file that asks for more fails inside that process, which the caller reports, so no refused file costs
# more than this.
MEMORY_LIMIT = 480 * 1024 * 1024
TIME_LIMIT = 300  # seconds: a 200,000-row file takes 2 to 8 here, depending on how busy the machine is
READERS = {"long_xlsx": raw.read_long_xlsx, "csv": raw.read_csv, "template": raw.read_template}
ROOT = Path(__file__).resolve().parent.parent
# What the reading process may send back: its own result types and plain values, nothing that runs code.
largest_reader_mb = 0.0  # the most memory any reading process of this one held (resident), for the benchmark
_ALLOWED = {("safeguarding.raw", "LongSheet"), ("safeguarding.raw", "Column"), ("safeguarding.raw", "TemplateSheet"),
            ("array", "array"), ("array", "_array_reconstructor"), ("datetime", "datetime"), ("datetime", "date"),
            ("datetime", "time"), ("datetime", "timedelta"), ("builtins", "set"), ("builtins", "frozenset")}


class _Loader(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a reading result")
        return super().find_class(module, name)


class Reading:
    """A reader at work in its own memory-limited process; its outcome is taken with result(), or dropped with
    cancel() when a check running meanwhile refuses the file."""

    def __init__(self, reader: str, args: tuple, limit: int = MEMORY_LIMIT, seconds: float = TIME_LIMIT):
        command = [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
                   "from safeguarding.sandbox import child; child()"]
        self.seconds, self.output, self.timed_out = seconds, b"", False
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self._talk = threading.Thread(target=self._exchange, args=(pickle.dumps((reader, args, limit), protocol=5),),
                                      daemon=True)
        self._talk.start()

    def _exchange(self, request: bytes) -> None:
        try:
            self.output, _ = self.process.communicate(request, timeout=self.seconds)
        except subprocess.TimeoutExpired:
            self.timed_out = True
            self.process.kill()
            self.process.communicate()
        except (OSError, ValueError):  # cancelled: the process was killed while talking
            pass

    def cancel(self) -> None:
        self.process.kill()
        self._talk.join()

    def result(self):
        """The reader's result; UnsafeFile when it refused, crashed, ran out of memory or of time."""
        self._talk.join()
        if self.timed_out:
            raise UnsafeFile(f"Reading the file took longer than {self.seconds:.0f} seconds, far longer than a return "
                             "takes.", "Remove everything but the return's table, save it and load it again.")
        if self.process.returncode != 0 or not self.output:
            raise _stopped(self.process.returncode)
        try:
            peak, (kind, *rest) = _Loader(io.BytesIO(self.output)).load()
        except Exception as exc:  # the reading process sent something other than a result: treat it as a crash
            raise _stopped(self.process.returncode) from exc
        global largest_reader_mb
        largest_reader_mb = max(largest_reader_mb, float(peak))
        if kind == "ok":
            return rest[0]
        if kind == "refused":
            message, fix, cell = rest
            raise UnsafeFile(message, fix, cell)
        if kind == "memory":
            raise _too_big()
        raise UnsafeFile(f"The file could not be read: it is damaged or not what its name says ({rest[0]}).",
                         "Open it in Excel, check it shows the return, and save it again as .xlsx (or as CSV UTF-8).")


def run(reader: str, *args, limit: int = MEMORY_LIMIT, seconds: float = TIME_LIMIT):
    """`READERS[reader](*args)` computed in a fresh memory-limited process (see Reading.result)."""
    return Reading(reader, args, limit, seconds).result()


def child() -> None:
    """The reading process: limit its own memory, read the request from stdin, write the outcome to stdout."""
    # openpyxl imports numpy when it is there, only to write numpy numbers: no reader needs it, and importing it
    # takes about a third of a template's reading time.
    sys.modules.setdefault("numpy", None)
    reader, args, limit = pickle.load(sys.stdin.buffer)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    gc.disable()  # a sheet is a million short-lived objects in no cycle: the collector would only rescan them
    try:
        outcome = ("ok", READERS[reader](*args))
    except Refused as refused:
        outcome = ("refused", refused.message, refused.fix, refused.cell)
    except MemoryError:
        outcome = ("memory",)
    except Exception as exc:  # a damaged file can fail inside any parser; the parent words it
        outcome = ("failed", f"{type(exc).__name__}: {str(exc)[:200]}")
    try:
        data = pickle.dumps((_resident_peak_mb(), outcome), protocol=5)
    except MemoryError:
        data = pickle.dumps((0.0, ("memory",)))
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _resident_peak_mb() -> float:
    """This process's own peak resident memory (VmHWM: unlike ru_maxrss, it does not count the parent's pages
    that the process held for a moment before it started Python)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _too_big() -> UnsafeFile:
    return UnsafeFile(f"Reading the file needed more than the {MEMORY_LIMIT // 1024 // 1024} MB of memory a file "
                      "may use: it holds far more cells than a return, or is built to exhaust memory.",
                      "Remove everything but the return's table (or split the data into smaller workbooks), save "
                      "it and load it again.")


def _stopped(returncode: int | None) -> UnsafeFile:
    if returncode in (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS, -signal.SIGKILL):
        return UnsafeFile("The spreadsheet reader stopped on this file (it asked for more memory than allowed, or "
                          "the file is damaged); nothing else was affected.",
                          "Open it in Excel, delete any rows and columns beyond the table, save it and load it again.")
    return _too_big() if returncode == 1 else UnsafeFile(
        f"The spreadsheet reader stopped on this file (exit {returncode}); nothing else was affected.",
        "Open it in Excel and save it again as .xlsx, then load it again.")
