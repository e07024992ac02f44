"""TensorFlow and Keras, imported in one place (a stub: the real module silences logs)."""

import keras
import tensorflow as tf

__all__ = ["device_summary", "keras", "tf"]


def device_summary() -> str:
    """The device training runs on, in words."""
    return "CPU"
