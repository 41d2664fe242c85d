"""Server configuration for the Galata ui-tests: a real server with a real ipykernel."""
from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821

# The test machines run as root.
c.ServerApp.allow_root = True  # noqa: F821
