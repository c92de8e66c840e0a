"""One persistent Kaleido browser per process, started lazily; every export holds one lock and a time limit."""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from safeguarding.export.errors import ExportUnavailable

START_TIMEOUT = 45.0   # seconds for Chromium to start and load plotly.js
RENDER_TIMEOUT = 30.0  # seconds for one figure
RELOAD_EVERY = 50      # renders between page reloads (Kaleido reloads after every one)
_log = logging.getLogger(__name__)
INSTALL_HINT = ("Chart exports need Chromium: install it with 'sudo apt-get install chromium' (Debian/Ubuntu) "
                "or install Google Chrome, then restart the dashboard. If BROWSER_PATH is set, it must name "
                "the browser's executable.")


def browser_path() -> str | None:
    """The Chrome-family executable Kaleido would start, or None when there is none."""
    try:
        from choreographer.browsers.chromium import Chromium

        path = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - any failure to look means "not available"
        return None
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


def chromium_available() -> bool:
    """Whether a browser for chart exports is installed (BROWSER_PATH, if set, must name it)."""
    return browser_path() is not None


class _Failed(ExportUnavailable):
    """A render failed for a reason other than time: the browser was stopped, so one retry may succeed."""


class _Server:
    """A Kaleido instance living on its own event-loop thread."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self.kaleido = None
        self.starting = None  # the instance being opened, so a start that hangs can still be killed

    @property
    def running(self) -> bool:
        return self.kaleido is not None and self.thread is not None and self.thread.is_alive()

    def start(self, timeout: float) -> None:
        path = browser_path()
        if path is None:
            raise ExportUnavailable(INSTALL_HINT)
        self.loop = asyncio.new_event_loop()
        # Failures reach the caller through its future; a task we gave up on need not also print a traceback.
        self.loop.set_exception_handler(lambda loop, context: _log.debug("export loop: %s", context.get("message")))
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido-export", daemon=True)
        self.thread.start()
        future = asyncio.run_coroutine_threadsafe(self._open(path), self.loop)
        try:
            self.kaleido = future.result(timeout)
        except BaseException as exc:
            future.cancel()
            self.stop()
            if isinstance(exc, TimeoutError):
                raise ExportUnavailable(f"Chromium at {path} did not start within {timeout:.0f} s. "
                                        f"{INSTALL_HINT}") from exc
            detail = str(exc.args[0] if exc.args else exc).rstrip(".")
            raise ExportUnavailable(f"Chromium at {path} could not be started ({detail}). {INSTALL_HINT}") from exc

    async def _open(self, path: str):
        # MathJax off: it is fetched from a CDN, which is slow or unreachable on council networks.
        instance = _warm_kaleido()(n=1, timeout=RENDER_TIMEOUT, mathjax=False, path=path)
        self.starting = instance
        await instance.open()
        self.starting = None
        return instance

    def render(self, figures: Sequence[dict], opts: dict, timeout: float) -> list[bytes]:
        """Render figure dicts in order; stops the browser if they take too long."""
        async def batch():
            return [await self.kaleido.calc_fig(fig, opts=dict(opts)) for fig in figures]

        future = asyncio.run_coroutine_threadsafe(batch(), self.loop)
        try:
            return future.result(timeout)
        except TimeoutError as exc:
            future.cancel()
            self.stop()
            raise ExportUnavailable(f"A chart export took longer than {timeout:.0f} s; the export browser was "
                                    "restarted. Try again.") from exc
        except Exception as exc:
            # A crashed browser or a page in a bad state: start afresh next time rather than fail forever.
            self.stop()
            raise _Failed(f"A chart could not be drawn ({type(exc).__name__}: {exc}); the export browser "
                          "will restart on the next export.") from exc

    def stop(self) -> None:
        """Close the browser (killing it if it does not close) and end the loop thread."""
        loop, kaleido_instance = self.loop, self.kaleido
        self.kaleido = None
        if self.starting is not None:
            _kill(self.starting)
            self.starting = None
        if loop is None:
            return
        if kaleido_instance is not None and loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(kaleido_instance.close(), loop).result(10)
            except BaseException:  # noqa: BLE001 - closing is best effort; kill below
                _kill(kaleido_instance)
        if loop.is_running():
            loop.call_soon_threadsafe(loop.stop)
        if self.thread is not None:
            self.thread.join(5)
        self.loop = self.thread = None


def _warm_kaleido():
    """Kaleido, reloading its page every RELOAD_EVERY renders instead of after each one.

    The reload re-parses plotly.js and is about 70% of a warm export's time. Each render is stateless
    (Plotly.toImage on a fresh element, purged after), so the page is reused; a periodic reload still
    bounds any slow leak in a long-running dashboard. Falls back to plain Kaleido if its internals change.
    """
    import kaleido

    if not hasattr(kaleido.Kaleido, "_return_kaleido_tab"):
        return kaleido.Kaleido

    class WarmKaleido(kaleido.Kaleido):
        _renders = 0

        async def _return_kaleido_tab(self, tab) -> None:
            self._renders += 1
            if self._renders % RELOAD_EVERY == 0 or not hasattr(self, "tabs_ready"):
                await super()._return_kaleido_tab(tab)
            else:
                await self.tabs_ready.put(tab)

    return WarmKaleido


def _kill(kaleido_instance) -> None:
    process = getattr(kaleido_instance, "subprocess", None)
    if process is not None:
        try:
            from choreographer.utils._kill import kill

            kill(process)
        except Exception:  # noqa: BLE001
            process.kill()


_server = _Server()
# The Kaleido server is not thread-safe (concurrent calls get each other's images): one lock, every call.
_lock = threading.Lock()
atexit.register(lambda: _server.stop())


def render(figures: Sequence[dict], fmt: str, width: int, height: int, scale: float = 1,
           timeout: float | None = None) -> list[bytes]:
    """Each figure dict as `fmt` bytes (png, svg, pdf), through the one warm browser, in order."""
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    limit = timeout if timeout is not None else RENDER_TIMEOUT * max(1, len(figures))
    if not _lock.acquire(timeout=limit + START_TIMEOUT):
        raise ExportUnavailable("Chart exports are busy with another request; try again in a minute.")
    try:
        try:
            return _render_warm(list(figures), opts, limit)
        except _Failed:  # a browser that crashed since the last export gets one fresh start
            return _render_warm(list(figures), opts, limit)
    finally:
        _lock.release()


def _render_warm(figures: list[dict], opts: dict, limit: float) -> list[bytes]:
    """Render on the running browser, starting it first if needed (call with the lock held)."""
    if not _server.running:
        _server.stop()
        _server.start(START_TIMEOUT)
    return _server.render(figures, opts, limit)


def shut_down() -> None:
    """Stop the export browser (it starts again on the next export)."""
    with _lock:
        _server.stop()
