from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
BRIDGE = HERE.parent
REPO = BRIDGE.parent
XSD = REPO / "Schemas" / "portfolio.xsd"
IDS = BRIDGE / "ids" / "barrierfree-din18040-2.ids"
# The shared test data sit beside the repository: ../shared/data/ifc/.
FZK = Path(os.environ.get("BARRIERFREE_FZK_IFC", REPO.parent / "shared" / "data" / "ifc" / "AC20-FZK-Haus.ifc"))
NS = {"p": "urn:barrierfree:portfolio:1"}

sys.path.insert(0, str(HERE))
sys.path.insert(0, str(BRIDGE))

import modelgen  # noqa: E402


def run_cli(*args, check=None):
    """Runs `python -m barrierfree_ifc ...` with the bridge on the path; returns the CompletedProcess."""
    env = dict(os.environ, PYTHONPATH=str(BRIDGE) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run([sys.executable, "-m", "barrierfree_ifc", *map(str, args)],
                            capture_output=True, env=env, cwd=str(BRIDGE))
    if check is not None:
        assert result.returncode == check, result.stderr.decode()
    return result


@pytest.fixture(scope="session")
def schema():
    from lxml import etree
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.fixture(scope="session")
def validate(schema):
    from lxml import etree

    def check(data: bytes):
        document = etree.fromstring(data)
        if not schema.validate(document):
            raise AssertionError("not valid against portfolio.xsd:\n" + str(schema.error_log))
        return document
    return check


@pytest.fixture(scope="session")
def models(tmp_path_factory):
    """The generated models, written once per session."""
    folder = tmp_path_factory.mktemp("models")
    paths = {}
    for schema_name in ("IFC4", "IFC2X3"):
        paths[schema_name] = folder / f"flat-{schema_name}.ifc"
        modelgen.flat_model(schema_name).write(str(paths[schema_name]))
        paths[schema_name + "-complete"] = folder / f"flat-{schema_name}-complete.ifc"
        modelgen.flat_model(schema_name, complete=True).write(str(paths[schema_name + "-complete"]))
    paths["geometry"] = folder / "geometry.ifc"
    modelgen.geometry_model().write(str(paths["geometry"]))
    return paths


@pytest.fixture()
def fzk():
    if not FZK.is_file():
        pytest.skip(f"FZK-Haus model absent ({FZK}); set BARRIERFREE_FZK_IFC to its path")
    return FZK
