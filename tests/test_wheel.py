"""The wheel is what users install: it must carry the prebuilt extension and need no Node.js."""
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

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


def test_wheel_installs_enabled_extension(tmp_path):
    wheel = _build_wheel(tmp_path / "dist")
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
    # The same JupyterLab as the dev environment; pip's cache makes this quick after the first run.
    lab = subprocess.run(
        [sys.executable, "-c", "import jupyterlab; print(jupyterlab.__version__)"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
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
