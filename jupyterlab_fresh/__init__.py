"""jupyterlab-fresh: a prebuilt JupyterLab extension; this package only ships it."""
try:
    from ._version import __version__
except ImportError:
    # Fallback when the package is used from a source tree that was never built.
    import warnings

    warnings.warn("Importing 'jupyterlab_fresh' outside a proper installation.")
    __version__ = "dev"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-fresh"}]
