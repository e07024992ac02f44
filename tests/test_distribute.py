"""Training under ``tf.distribute`` strategies.

* The forms ``strategy=`` accepts (name, instance, factory), their errors, and how they go
  through ``get_params``, ``clone`` and pickling.
* MirroredStrategy over two logical CPU devices (in a subprocess: logical devices must be
  configured before TensorFlow initialises its devices): two replicas really run the step,
  and the result is the single-device one (data-parallel training computes the same update).
* A real two-worker MultiWorkerMirroredStrategy cluster on 127.0.0.1 (two processes, each
  with its ``TF_CONFIG``), driven by ``bench/_multiworker.py``; marked ``slow``.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone

import skbookembed
from skbookembed import PairEmbeddingRecommender

from .conftest import planted_groups

ROOT = Path(__file__).resolve().parents[1]

# Quick to learn: 4 groups of 12 books; batches of 12 examples, 108 steps an epoch.
PARAMS = dict(
    embedding_dim=16,
    n_positive=4,
    negative_ratio=2.0,
    loss="original",
    epochs=5,
    learning_rate=0.03,
    random_state=0,
)


def same_group_share(vectors: np.ndarray, groups: np.ndarray) -> float:
    """Share of each book's ``k`` nearest books (cosine) in its group, ``k`` = group size - 1."""
    k = int(np.bincount(groups).min()) - 1
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = unit @ unit.T
    np.fill_diagonal(sims, -np.inf)
    top = np.argsort(-sims, axis=1)[:, :k]
    return float((groups[top] == groups[:, None]).mean())


def child_env() -> dict[str, str]:
    """This process's environment, with its import path (finds skbookembed as we do)."""
    return dict(
        os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), TF_CPP_MIN_LOG_LEVEL="3"
    )


@pytest.fixture(scope="module")
def engine():
    return pytest.importorskip("skbookembed._engine")


@pytest.fixture(scope="module")
def reference():
    """The planted matrix, its groups, and the fit without a strategy (default optimizer)."""
    X, groups = planted_groups()
    est = PairEmbeddingRecommender(**PARAMS).fit(X)
    return X, groups, est


# ----------------------------------------------------------------------------- forms


def test_resolve_strategy_forms_and_errors(engine):
    tf = engine.tf
    default = tf.distribute.get_strategy()
    assert engine.resolve_strategy(None) is None
    assert engine.resolve_strategy("default") is default
    assert engine.resolve_strategy(default) is default
    assert engine.resolve_strategy(tf.distribute.get_strategy) is default
    with pytest.raises(ValueError, match="unknown strategy name 'mirored'.*'mirrored'"):
        engine.resolve_strategy("mirored")
    with pytest.raises(TypeError, match="factory returned int"):
        engine.resolve_strategy(lambda: 3)
    with pytest.raises(TypeError, match="got float"):
        engine.resolve_strategy(2.0)


def test_bad_strategy_fails_fit_before_anything_is_fitted(engine):
    X, _ = planted_groups()
    est = PairEmbeddingRecommender(strategy="mirored", **PARAMS)
    with pytest.raises(ValueError, match="unknown strategy name"):
        est.fit(X)
    assert not hasattr(est, "book_embeddings_")


def test_default_strategy_by_name_trains_like_no_strategy(reference):
    """The default strategy by name, one replica: the same step, the same answer.

    Instances and factories resolve to the same strategy object
    (``test_resolve_strategy_forms_and_errors``), so one fit covers the three forms.
    """
    X, groups, ref = reference
    est = PairEmbeddingRecommender(strategy="default", **PARAMS).fit(X)
    np.testing.assert_allclose(est.book_embeddings_, ref.book_embeddings_, atol=1e-5)
    np.testing.assert_allclose(est.history_["loss"], ref.history_["loss"], rtol=1e-5)
    assert same_group_share(est.book_embeddings_, groups) >= 0.9


def test_get_params_and_clone_with_a_strategy_instance(engine):
    tf = engine.tf
    strategy = tf.distribute.MirroredStrategy(["/cpu:0"])
    est = PairEmbeddingRecommender(strategy=strategy, **PARAMS)
    assert est.get_params()["strategy"] is strategy
    assert est.get_params(deep=True)["strategy"] is strategy  # not descended into
    # clone deep-copies non-estimator parameters: a new, working MirroredStrategy.
    copy = clone(est)
    assert isinstance(copy.strategy, tf.distribute.MirroredStrategy)
    assert copy.strategy is not strategy
    assert copy.strategy.extended.worker_devices == strategy.extended.worker_devices
    assert copy.strategy.num_replicas_in_sync == 1
    assert clone(est.set_params(strategy="mirrored")).strategy == "mirrored"


def test_names_and_partial_factories_survive_pickling(engine):
    tf = engine.tf
    factory = functools.partial(tf.distribute.MirroredStrategy, ["/cpu:0"])
    for strategy in ("mirrored", factory):
        est = pickle.loads(pickle.dumps(PairEmbeddingRecommender(strategy=strategy)))
        made = engine.resolve_strategy(est.strategy)
        assert isinstance(made, tf.distribute.MirroredStrategy)


def test_pickling_drops_a_strategy_instance(engine, reference):
    X, _, _ = reference
    strategy = engine.tf.distribute.MirroredStrategy(["/cpu:0"])
    est = PairEmbeddingRecommender(strategy=strategy, **{**PARAMS, "epochs": 1}).fit(X)
    back = pickle.loads(pickle.dumps(est))
    assert back.strategy is None  # training-only, like save(); names and factories stay
    np.testing.assert_array_equal(back.book_embeddings_, est.book_embeddings_)


# ----------------------------------------------------------------------------- mirrored

MIRRORED_SCRIPT = """
import json, sys
import numpy as np
import scipy.sparse as sp
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

from sklearn.base import clone
from skbookembed import PairEmbeddingRecommender
from skbookembed._engine import resolve_strategy


class CountingMirrored(tf.distribute.MirroredStrategy):
    # Counts calls of `run`, through which every replicated training step goes.
    run_calls = 0

    def run(self, fn, args=(), kwargs=None, options=None):
        self.run_calls += 1
        return super().run(fn, args=args, kwargs=kwargs, options=options)


X = sp.load_npz(sys.argv[1])
params = json.loads(sys.argv[2])
# Reductions by copies to one device: no collective ops, so that this strategy and the one
# made from the name below, two objects in one process, cannot clash (see COLLECTIVE_KEY_CLASH).
strategy = CountingMirrored(
    ["/cpu:0", "/cpu:1"], cross_device_ops=tf.distribute.ReductionToOneDevice()
)
est = PairEmbeddingRecommender(strategy=strategy, **params)
copy = clone(est)  # as GridSearchCV does: an unfitted clone, with a deep copy of the strategy
est.fit(X)
copy.set_params(epochs=1).fit(X)
named = PairEmbeddingRecommender(strategy="mirrored", **params).fit(X)
info = {
    "logical_cpus": len(tf.config.list_logical_devices("CPU")),
    "n_gpus": len(tf.config.list_physical_devices("GPU")),
    "replicas": strategy.num_replicas_in_sync,
    "devices": list(strategy.extended.worker_devices),
    "run_calls": strategy.run_calls,
    "clone_is_new": copy.strategy is not strategy,
    "clone_replicas": copy.strategy.num_replicas_in_sync,
    "clone_run_calls": copy.strategy.run_calls,
    "loss": est.history_["loss"],
    "clone_loss": copy.history_["loss"],
    "named_loss": named.history_["loss"],
    "named_devices": list(resolve_strategy("mirrored").extended.worker_devices),
}
np.savez(sys.argv[3], instance=est.book_embeddings_, named=named.book_embeddings_)

# Last, as a failure aborts the process's collective ops: by name again, another batch size.
try:
    again = PairEmbeddingRecommender(strategy="mirrored", **{**params, "epochs": 1,
                                     "n_positive": 2 * params["n_positive"]}).fit(X)
    info["named_again_loss"] = again.history_["loss"]
except Exception as exc:
    info["named_again_error"] = f"{type(exc).__name__}: {exc}"[:2000]
print(json.dumps(info))
"""

# Collectives of a new strategy numbered like those of an earlier one, with other shapes.
COLLECTIVE_KEY_CLASH = "Shape mismatch in the collective instance"


@pytest.fixture(scope="module")
def mirrored_run(reference, tmp_path_factory):
    """Run MIRRORED_SCRIPT once (about 30 s): its report and the vectors it trained."""
    X, _, _ = reference
    tmp = tmp_path_factory.mktemp("mirrored")
    sp.save_npz(tmp / "X.npz", X)
    code = textwrap.dedent(MIRRORED_SCRIPT)
    args = [str(tmp / "X.npz"), json.dumps(PARAMS), str(tmp / "vectors.npz")]
    try:
        result = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env=child_env(),
            timeout=240,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        pytest.fail("the MirroredStrategy subprocess did not finish within 240 s")
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1]), np.load(tmp / "vectors.npz")


def test_mirrored_strategy_over_two_logical_cpus(reference, mirrored_run):
    X, groups, ref = reference
    info, vectors = mirrored_run

    # Two replicas on the two logical CPUs, and the training step ran replicated.
    assert info["logical_cpus"] == 2
    assert info["replicas"] == 2
    assert [d.rsplit("/", 1)[-1] for d in info["devices"]] == ["device:CPU:0", "device:CPU:1"]
    assert info["run_calls"] >= 1
    # The clone carries its own copy of the strategy, which trains the same way: its one
    # epoch is the first epoch of the original (same random_state, same examples).
    assert info["clone_is_new"] and info["clone_replicas"] == 2 and info["clone_run_calls"] >= 1
    np.testing.assert_allclose(info["clone_loss"], info["loss"][:1], rtol=1e-5)
    # By name: one replica per local GPU or, without a GPU, per logical CPU device (2 here).
    assert len(info["named_devices"]) == (info["n_gpus"] or info["logical_cpus"])

    # Each replica takes half of every batch and the gradients are summed across them: the
    # update of one device on the whole batch, so the same embeddings up to rounding.
    reference_share = same_group_share(ref.book_embeddings_, groups)
    assert reference_share >= 0.9
    for name in ("instance", "named"):
        np.testing.assert_allclose(vectors[name], ref.book_embeddings_, atol=1e-3, err_msg=name)
        assert same_group_share(vectors[name], groups) >= reference_share - 0.02
    np.testing.assert_allclose(info["loss"], ref.history_["loss"], rtol=1e-3)
    np.testing.assert_allclose(info["named_loss"], ref.history_["loss"], rtol=1e-3)


def test_mirrored_by_name_fits_twice_with_other_shapes(mirrored_run):
    """A second fit by name with another batch size, in the same process, still trains."""
    info, _ = mirrored_run
    error = info.get("named_again_error", "")
    assert not error, error
    assert len(info["named_again_loss"]) == 1 and np.isfinite(info["named_again_loss"][0])


# ----------------------------------------------------------------------------- multi-worker


def _multiworker_module():
    path = ROOT / "bench" / "_multiworker.py"
    if not path.is_file():
        pytest.skip(f"{path} is not present (tests run outside the repository)")
    spec = importlib.util.spec_from_file_location("_skbookembed_multiworker", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_two_worker_multi_worker_mirrored_cluster_on_localhost(reference, tmp_path):
    """Two processes, one TF_CONFIG each, strategy="multi_worker_mirrored"; about 40 s."""
    mw = _multiworker_module()
    X, groups, ref = reference
    sp.save_npz(tmp_path / "X.npz", X)
    worker_args = ["--save"]
    for key, value in PARAMS.items():
        worker_args += [f"--{key.replace('_', '-')}", str(value)]
    results = mw.launch(
        tmp_path / "X.npz", tmp_path / "run", timeout=180, worker_args=worker_args, env=child_env()
    )
    for r in results:
        state = (
            "killed (deadline or failed peer)" if r.returncode is None else f"exit {r.returncode}"
        )
        assert r.ok, f"worker {r.index}: {state}\n{r.log_tail()}"

    w0, w1 = (r.report for r in results)
    assert [w0["task_index"], w1["task_index"]] == [0, 1]
    for report in (w0, w1):
        assert report["n_workers"] == 2
        assert report["is_multi_worker_mirrored"]
        assert report["num_replicas_in_sync"] == 2
        assert report["strategy_run_calls"] >= 1
        assert report["n_pairs"] == X.nnz

    books0 = np.load(results[0].out_dir / "books.npy")
    books1 = np.load(results[1].out_dir / "books.npy")
    # Mirrored variables: both workers end with the same tables.
    np.testing.assert_allclose(books0, books1, atol=1e-6)
    # Each worker trains on its half of every global batch and the gradients are all-reduced:
    # the single-device result up to rounding, and the same reported loss on both workers.
    np.testing.assert_allclose(books0, ref.book_embeddings_, atol=1e-3)
    np.testing.assert_allclose(w0["loss"], w1["loss"], rtol=1e-6)
    np.testing.assert_allclose(w0["loss"], ref.history_["loss"], rtol=1e-3)
    assert same_group_share(books0, groups) >= 0.9

    # Only the chief saved the model, and the file is the trained model.
    assert w1["saved_model"] is None
    saved = skbookembed.load(w0["saved_model"])
    np.testing.assert_array_equal(saved.book_embeddings_, books0)
    assert saved.get_params()["strategy"] == "multi_worker_mirrored"
