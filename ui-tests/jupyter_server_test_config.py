"""Server configuration for the ui-tests: a real server with a real ipykernel.

Several servers run in turn (newest and oldest JupyterLab, Notebook 7, collaboration): each on
the port playwright.config.js gives it, with its own user settings and workspaces.
"""
import os
from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821

c.ServerApp.port = int(os.environ.get("FRESH_UI_PORT", "8888"))  # noqa: F821
# The test machines run as root.
c.ServerApp.allow_root = True  # noqa: F821
for app in ("LabApp", "JupyterNotebookApp"):
    c[app].user_settings_dir = mkdtemp(prefix="fresh-ui-settings-")  # noqa: F821
    c[app].workspaces_dir = mkdtemp(prefix="fresh-ui-workspaces-")  # noqa: F821
# What configure_jupyter_server does for JupyterLab: the tests drive `window.jupyterapp`.
c.JupyterNotebookApp.expose_app_in_browser = True  # noqa: F821
