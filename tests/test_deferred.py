"""kpi.deferred: a module imported inside deferred() loads on its first use, once, and is Python's own after."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest

from kpi.deferred import deferred

# Each test builds its own little package: `slow` counts how often it runs and takes a while to import.
SLOW = ("import builtins, time\n"
        "builtins.kpi_slow_runs = getattr(builtins, 'kpi_slow_runs', 0) + 1\n"
        "time.sleep(0.2)\n"
        "def answer():\n"
        "    return 42\n")


@pytest.fixture
def package(tmp_path, monkeypatch, request):
    """A package of its own name for each test: `<name>.slow`, `<name>.user` that imports it at the top, and
    `<name>.slow_pkg.leaf` (a subpackage and its module); every module of it is gone from sys.modules after."""
    name = f"kpi_deferred_{request.node.name}"
    root = tmp_path / name
    (root / "slow_pkg").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "slow.py").write_text(SLOW)
    (root / "user.py").write_text(f"from {name} import slow\n")
    (root / "slow_pkg" / "__init__.py").write_text(SLOW)
    (root / "slow_pkg" / "leaf.py").write_text("VALUE = 'leaf'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr("builtins.kpi_slow_runs", 0, raising=False)
    yield name
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]


def test_a_module_imported_in_the_block_loads_on_first_use_once_for_threads_using_it_at_once(package):
    import builtins
    import importlib
    with deferred(f"{package}.slow"):
        user = importlib.import_module(f"{package}.user")
    assert builtins.kpi_slow_runs == 0
    assert f"{package}.slow" not in sys.modules  # only the module imported in the block holds the placeholder

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(user.slow.answer())) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == [42] * 6
    assert builtins.kpi_slow_runs == 1  # six threads asked at once: it ran once
    assert importlib.import_module(f"{package}.slow").answer is user.slow.answer


def test_after_the_block_imports_are_pythons_own_submodules_included(package):
    import builtins
    import importlib
    with deferred(f"{package}.slow_pkg"):
        pass
    assert f"{package}.slow_pkg" not in sys.modules
    leaf = importlib.import_module(f"{package}.slow_pkg.leaf")
    assert leaf.VALUE == "leaf"
    assert builtins.kpi_slow_runs == 1
    assert type(sys.modules[f"{package}.slow_pkg"]).__name__ == "module"


def test_a_module_not_installed_or_imported_already_is_left_alone(package):
    import importlib
    with deferred(f"{package}.no_such_module"):
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(f"{package}.no_such_module")
    slow = importlib.import_module(f"{package}.slow")
    with deferred(f"{package}.slow"):
        assert sys.modules[f"{package}.slow"] is slow


def test_great_expectations_imports_without_scipy_stats_or_altair_and_its_expectations_still_use_them():
    """In a fresh interpreter, as a run imports it (kpi.gate)."""
    probe = (
        "import json, sys\n"
        "from kpi.gate import _import_great_expectations\n"
        "_import_great_expectations()\n"
        "before = sorted({'scipy.stats', 'altair'} & set(sys.modules))\n"
        "from great_expectations.expectations.core import expect_column_kl_divergence_to_be_less_than as kl\n"
        "entropy = float(kl.stats.entropy([1, 1], [1, 3]))  # what the expectation calls when it validates\n"
        "chart = type(kl.alt.Chart).__name__  # what it draws with\n"
        "import scipy.stats\n"
        "print(json.dumps({'before': before, 'entropy': entropy, 'same': kl.stats._real is scipy.stats,\n"
        "                  'real': type(scipy.stats).__name__, 'chart': chart}))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"before": [], "entropy": pytest.approx(0.1438410362), "same": True, "real": "module",
                    "chart": "type"}
