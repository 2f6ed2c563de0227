"""The IDS: it is valid IDS 1.0 (ifctester parses it against the IDS schema), and its results on the
generated models and on FZK-Haus are the ones the README states."""
from __future__ import annotations

import ifcopenshell
import pytest

from conftest import IDS

ifctester = pytest.importorskip("ifctester")
from ifctester import ids as ids_module  # noqa: E402
from ifctester import reporter  # noqa: E402

NAMES = {
    "BF-01": "Doors state their overall width",
    "BF-02": "Doors state their clear width",
    "BF-03": "Doors state their threshold height",
    "BF-04": "Spaces state their use as a BarrierFree room or place kind",
    "BF-05": "Spaces have a long name",
    "BF-06": "Ramp flights state slope and clear width",
    "BF-07": "Lifts state their cabin size",
    "BF-08": "Stairs state their number of risers",
}


def results(path):
    specs = ids_module.open(str(IDS))  # validates the file against the IDS 1.0 XSD
    model = ifcopenshell.open(str(path))  # kept alive: the results point into it
    specs.validate(model)
    by_name = {s.name: s for s in specs.specifications}
    assert set(by_name) == set(NAMES.values())
    report = reporter.Json(specs)
    report.report()
    assert report.results["specifications"]
    return {key: (by_name[name].status, len(by_name[name].applicable_entities), len(by_name[name].failed_entities))
            for key, name in NAMES.items()}


def test_incomplete_model_lacks_clear_widths_thresholds_and_room_kinds(models):
    r = results(models["IFC4"])
    assert r["BF-01"] == (True, 4, 0)
    assert r["BF-02"] == (False, 4, 3)   # only Tuer-Wohnen states its clear width
    assert r["BF-03"] == (False, 4, 3)   # only the entrance door states its threshold
    assert r["BF-04"] == (False, 5, 5)
    assert r["BF-05"] == (True, 5, 0)
    assert r["BF-06"] == (True, 1, 0)
    assert r["BF-07"] == (True, 1, 0)
    assert r["BF-08"] == (True, 1, 0)


@pytest.mark.parametrize("schema_name", ["IFC4", "IFC2X3"])
def test_complete_model_passes_every_specification(models, schema_name):
    r = results(models[schema_name + "-complete"])
    assert all(status for status, _, _ in r.values()), r
    assert r["BF-02"] == (True, 4, 0) and r["BF-04"] == (True, 5, 0)


def test_fzk_haus(fzk):
    r = results(fzk)
    assert r["BF-01"] == (True, 5, 0)    # all five doors have OverallWidth
    assert r["BF-02"] == (False, 5, 5)   # no clear width property
    assert r["BF-03"] == (False, 5, 5)   # no threshold property
    assert r["BF-04"] == (False, 7, 7)   # spaces are named, not classified
    assert r["BF-05"] == (True, 7, 0)    # LongName: Bad, Flur, ...
    assert r["BF-06"] == (True, 0, 0)    # no ramps
    assert r["BF-07"] == (True, 0, 0)    # no lifts
    assert r["BF-08"] == (False, 1, 1)   # the spiral stair has no NumberOfRiser
