"""TensorFlow and Keras, imported quietly: the one place skbookembed imports them from.

TensorFlow 2.21 writes several lines to the process's standard error while it is imported
and when it first looks for devices: a notice about oneDNN, "Could not find cuda drivers",
"failed call to cuInit" (an ``E`` line that reads like a crash on a machine without a GPU),
the CPU instructions it was built for, and absl's "All log messages before
absl::InitializeLog() is called are written to STDERR". Most of them come from C++ code
before its logging is set up, so ``TF_CPP_MIN_LOG_LEVEL`` does not hide them.

Importing this module therefore:

* sets ``TF_CPP_MIN_LOG_LEVEL`` to ``"2"`` unless the environment already has it (C++
  warnings and informational lines are hidden, errors are not);
* imports TensorFlow and Keras and lists the physical devices while the process's standard
  error (file descriptor 2) goes to a temporary file, then writes back every line of it
  except TensorFlow's informational start-up lines. Anything else (a real error) still
  reaches standard error. When the user set ``TF_CPP_MIN_LOG_LEVEL`` to ``"0"`` or ``"1"``,
  nothing is filtered;
* sets the level of the ``"tensorflow"`` Python logger to ``ERROR`` when nobody has set it;
* runs each CPU op on one thread (``tf.config.threading.set_intra_op_parallelism_threads(1)``),
  unless TensorFlow has already started or the user chose a number (the
  ``TF_NUM_INTRAOP_THREADS`` variable, or the setting itself). A training step is some two
  hundred ops on a few thousand rows each; splitting every one of them over the cores costs
  more in hand-offs than it saves, while TensorFlow still runs independent ops (the book
  table's and the link table's) side by side on its inter-op threads. The setting is
  TensorFlow's and lasts for the process.

``CUDA_VISIBLE_DEVICES`` and every other setting that changes what TensorFlow computes is
left alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import tempfile
from collections.abc import Iterator

__all__ = ["device_summary", "keras", "tf"]

_USER_LEVEL = os.environ.get("TF_CPP_MIN_LOG_LEVEL")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

#: Start-up lines of TensorFlow's C++ code that say nothing a user must act on.
_NOISE = re.compile(
    r"^(?:[IW]\d{4} \S+\s+\d+ \S+:\d+\]"  # absl I/W lines
    r"|E\d{4} .*(?:cuInit|cuda_platform|cuda_diagnostics|cuda_dnn|cuda_blas|cuda_fft)"
    r"|WARNING: All log messages before absl::InitializeLog\(\) is called"
    r"|To enable the following instructions: .* rebuild TensorFlow)"
)


def _filtering() -> bool:
    return _USER_LEVEL is None or _USER_LEVEL.strip() not in {"0", "1"}


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send file descriptor 2 to a temporary file; write back what is not start-up noise."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no usable descriptor 2 (e.g. an embedded interpreter)
        yield
        return
    with tempfile.TemporaryFile(mode="w+b") as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            kept = [
                line
                for line in sink.read().decode("utf-8", "replace").splitlines(keepends=True)
                if not _NOISE.match(line)
            ]
            if kept:
                sys.stderr.write("".join(kept))
                sys.stderr.flush()


def _import() -> tuple[object, object]:
    import keras as _keras
    import tensorflow as _tf

    _tf.config.list_physical_devices()  # device discovery logs here ("cuInit"): do it now
    return _tf, _keras


if _filtering():
    with _quiet_stderr():
        tf, keras = _import()
else:  # the user asked for TensorFlow's messages
    tf, keras = _import()


def _one_thread_per_op() -> None:
    threading = tf.config.threading
    if os.environ.get("TF_NUM_INTRAOP_THREADS") or threading.get_intra_op_parallelism_threads():
        return
    with contextlib.suppress(RuntimeError):  # TensorFlow has started: it keeps its threads
        threading.set_intra_op_parallelism_threads(1)


_one_thread_per_op()

_logger = logging.getLogger("tensorflow")
if _logger.level == logging.NOTSET:
    _logger.setLevel(logging.ERROR)


def _cpu_threads() -> int:
    threads = tf.config.threading.get_inter_op_parallelism_threads()
    if threads:
        return int(threads)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def device_summary() -> str:
    """What training runs on, in a few words.

    Returns
    -------
    str
        The GPU's name (with a count when there are several), e.g. ``"GPU: NVIDIA H200"``,
        or ``"CPU, 2 threads"`` when TensorFlow sees no GPU.
    """
    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return f"CPU, {_cpu_threads()} threads"
    names = []
    for gpu in gpus:
        try:
            details = tf.config.experimental.get_device_details(gpu)
        except (ValueError, RuntimeError):
            details = {}
        names.append(str(details.get("device_name") or gpu.name))
    if len(set(names)) == 1:
        return f"GPU: {names[0]}" + (f" x{len(names)}" if len(names) > 1 else "")
    return "GPUs: " + ", ".join(names)
