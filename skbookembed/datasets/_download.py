"""Download a file atomically, checking its size and checksum, with retries.

Private to :mod:`skbookembed.datasets`; no name here starts with an underscore because
:mod:`~skbookembed.datasets._wikipedia` imports them.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import time
import urllib.error
import urllib.request
from pathlib import Path

from .._atomic import atomic_open

__all__ = ["CHUNK_BYTES", "ChecksumError", "download", "download_with_retries", "sha256_of"]

# Records carry the name of the module users call (fetch_wikipedia_books).
logger = logging.getLogger("skbookembed.datasets._wikipedia")

#: Bytes read and written at a time.
CHUNK_BYTES = 1 << 20


class ChecksumError(OSError):
    """The downloaded bytes are complete but not the expected ones (not retried)."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def download(
    url: str,
    target: Path,
    *,
    sha256: str | None,
    expected_size: int | None,
    timeout: float,
) -> None:
    """Download ``url`` to ``target`` atomically, checking size and checksum.

    The body goes through :func:`~skbookembed._atomic.atomic_open`: ``target`` is
    replaced only once every check passed; on any failure the temporary file is
    removed, so ``target`` is never half-written.
    """
    with (
        atomic_open(target) as out,
        urllib.request.urlopen(url, timeout=timeout) as response,
    ):
        header = response.headers.get("Content-Length")
        announced = int(header) if header is not None and header.isdigit() else None
        digest = hashlib.sha256()
        n_bytes = 0
        while chunk := response.read(CHUNK_BYTES):
            out.write(chunk)
            digest.update(chunk)
            n_bytes += len(chunk)
        if announced is not None and n_bytes != announced:
            raise OSError(
                f"incomplete download: received {n_bytes} bytes, the server announced "
                f"{announced} (Content-Length)"
            )
        if expected_size is not None and n_bytes != expected_size:
            raise ChecksumError(
                f"downloaded {n_bytes} bytes from {url}, expected {expected_size}; the file "
                "changed on the server or the download is corrupt"
            )
        if sha256 is not None and digest.hexdigest() != sha256.lower():
            raise ChecksumError(
                f"the SHA-256 of the file downloaded from {url} is {digest.hexdigest()}, "
                f"expected {sha256.lower()}; the file changed on the server or the "
                "download is corrupt"
            )


def download_with_retries(
    url: str,
    target: Path,
    *,
    sha256: str | None,
    expected_size: int | None,
    timeout: float,
    n_retries: int,
    delay: float,
) -> None:
    """:func:`download`, tried again after network errors; raise OSError when all fail.

    A size or checksum mismatch and an HTTP 4xx answer are not retried.
    """
    last_error: BaseException | None = None
    for attempt in range(n_retries + 1):
        logger.info("Downloading %s to %s (attempt %d)", url, target, attempt + 1)
        try:
            download(url, target, sha256=sha256, expected_size=expected_size, timeout=timeout)
        except ChecksumError as exc:
            raise OSError(f"{exc}. Nothing was written to {target}.") from exc
        except urllib.error.HTTPError as exc:
            last_error = exc
            if 400 <= exc.code < 500:
                break
        except (OSError, http.client.HTTPException) as exc:
            last_error = exc
        else:
            return
        if attempt < n_retries:
            time.sleep(delay)
    raise OSError(
        f"Could not download {url} to {target}: {last_error}. Check the network "
        "connection (or the url), or download the file by other means and read it "
        "with load_wikipedia_books(path) or place it at that path."
    ) from last_error
