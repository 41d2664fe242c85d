"""The wheel is what users install: it must carry the prebuilt extension and need no Node.js."""
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _build_wheel(out: Path) -> Path:
    # The dev environment already holds the build backend; isolation would download it again.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = out.glob("jupyterlab_fresh-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    # scripts/test.sh builds the wheel once, for these tests and the oldest JupyterLab's ui-test.
    built = os.environ.get("FRESH_WHEEL")
    return Path(built) if built else _build_wheel(tmp_path_factory.mktemp("dist"))


def _dev_lab() -> str:
    return subprocess.run(
        [sys.executable, "-c", "import jupyterlab; print(jupyterlab.__version__)"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()


# The JupyterLab of the dev environment, and the oldest one the extension supports (package.json
# `^4.2.0`, pyproject `jupyterlab>=4.2,<5`): the prebuilt extension's ranges must accept both.
@pytest.mark.parametrize("lab", [_dev_lab(), "4.2.5"])
def test_wheel_installs_enabled_extension(tmp_path, wheel, lab):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    prefix = "jupyterlab_fresh-0.1.0.data/data/share/jupyter/labextensions/jupyterlab-fresh/"
    assert prefix + "package.json" in names
    assert prefix + "install.json" in names
    assert any(n.startswith(prefix + "static/remoteEntry.") for n in names)
    assert prefix + "schemas/jupyterlab-fresh/panel.json" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # pip's cache makes this quick after the first run.
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel), f"jupyterlab=={lab}"],
        check=True, capture_output=True, text=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "JUPYTER_PATH")}
    env["PATH"] = f"{env_dir / 'bin'}:{env['PATH']}"
    listing = subprocess.run(
        [str(env_dir / "bin" / "jupyter"), "labextension", "list"],
        check=True, capture_output=True, text=True, env=env,
    )
    output = listing.stdout + listing.stderr
    line = next((l for l in output.splitlines() if "jupyterlab-fresh" in l), "")
    assert "enabled" in line and "OK" in line, output
    assert str(env_dir) in output, output

    info = json.loads(
        subprocess.run(
            [str(python), "-c",
             "import json, jupyterlab_fresh; print(json.dumps(jupyterlab_fresh._jupyter_labextension_paths()))"],
            check=True, capture_output=True, text=True,
        ).stdout
    )
    assert info == [{"src": "labextension", "dest": "jupyterlab-fresh"}]
