"""ruff lint and format checks over the repository (the configuration is in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = ["skbookembed", "tests", "bench", "examples", "tools", "docs/conf.py"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(exe).exists():
        pytest.skip("ruff is not installed (pip install '.[test]')")
    paths = [p for p in PATHS if (ROOT / p).exists()]
    return subprocess.run([exe, *args, *paths], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check():
    out = _ruff("check", "--no-cache")
    assert out.returncode == 0, out.stdout + out.stderr


def test_ruff_format():
    out = _ruff("format", "--check", "--no-cache")
    assert out.returncode == 0, out.stdout + out.stderr
