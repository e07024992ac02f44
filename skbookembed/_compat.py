"""The private scikit-learn helpers skbookembed relies on, imported in one place.

scikit-learn's parameter validation (``Interval``, ``StrOptions``, ``_fit_context``) is
private and changes between releases; every module imports it from here.
"""

from __future__ import annotations

from sklearn.base import _fit_context as fit_context
from sklearn.utils._param_validation import Interval, StrOptions, validate_params
from sklearn.utils.validation import validate_data

__all__ = ["Interval", "StrOptions", "fit_context", "validate_data", "validate_params"]
