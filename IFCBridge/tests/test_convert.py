"""Conversion of generated IFC2X3/IFC4 models: values, estimate markers, validity, determinism."""
from __future__ import annotations

import re

import pytest
from lxml import etree

from conftest import NS, run_cli

from barrierfree_ifc.convert import Options, convert_model, open_ifc


def convert(path, **options):
    data, warnings = convert_model(open_ifc(path), Options(**options))
    return data, warnings


def one(document, xpath):
    found = document.xpath(xpath, namespaces=NS)
    assert len(found) == 1, f"{xpath}: {len(found)} matches"
    return found[0]


def comments(element):
    return [c.text.strip() for c in element if isinstance(c, etree._Comment)]


@pytest.mark.parametrize("schema_name", ["IFC4", "IFC2X3"])
def test_flat_model_converts_to_valid_xml_with_the_model_values(models, validate, schema_name):
    data, warnings = convert(models[schema_name])
    doc = validate(data)
    building = one(doc, "/p:portfolio/p:building")
    assert building.get("storeys") == "2"
    flat = one(doc, "//p:flat")
    assert flat.get("number") == "Wohnung 1"
    kinds = {r.get("name"): r.get("kind") for r in flat.xpath("p:room", namespaces=NS)}
    assert kinds == {"Flur": "hallway", "Wohnzimmer": "living", "Bad": "bathroom", "Schlafzimmer 1": "bedroom"}
    # Qto_SpaceBaseQuantities and an exporter's "BaseQuantities" both give the area.
    assert one(flat, "p:room[@name='Flur']").get("area") == "8.5"
    assert one(flat, "p:room[@name='Wohnzimmer']").get("area") == "24.25"
    # The staircase is a common space: a landing place, and the flat's entrance.
    stairwell = one(doc, "//p:place[@name='Treppenhaus']")
    assert stairwell.get("kind") == "landing"
    assert flat.get("entrance") == stairwell.get("id")

    doors = {d.get("id"): d for d in flat.xpath("p:door", namespaces=NS)}
    assert set(doors) == {"Tuer-Bad", "Tuer-Wohnen", "Tuer-Schlafen", "Wohnungstuer"}
    bad, wohnen, schlafen, entry = (doors[k] for k in ("Tuer-Bad", "Tuer-Wohnen", "Tuer-Schlafen", "Wohnungstuer"))
    hall_id = one(flat, "p:room[@name='Flur']").get("id")
    assert (bad.get("from"), bad.get("to")) == (hall_id, one(flat, "p:room[@name='Bad']").get("id"))
    assert (entry.get("from"), entry.get("to")) == (stairwell.get("id"), hall_id)
    # 760 and 900 mm estimated from lining data (marked), 800 mm stated in a property (not marked).
    assert bad.get("clearWidth") == "760" and bad.get("clearWidthEstimated") == "true"
    assert comments(bad)[0].startswith("bf:estimate clearWidth=760 ")
    assert "LiningThickness 50 mm" in comments(bad)[0] and "PanelDepth 40 mm" in comments(bad)[0]
    assert schlafen.get("clearWidth") == "900" and comments(schlafen)[0].startswith("bf:estimate clearWidth=900 ")
    assert schlafen.get("clearWidthEstimated") == "true"
    assert wohnen.get("clearWidth") == "800" and comments(wohnen) == []
    assert wohnen.get("clearWidthEstimated") is None
    # No lining data: no value, never an invented one; the threshold stated in the pset is measured.
    assert entry.get("clearWidth") is None
    assert comments(entry)[0].startswith("bf:unmeasured clearWidth")
    assert entry.get("threshold") == "0"
    for d in (bad, wohnen, schlafen):
        assert d.get("threshold") is None and d.get("clearHeight") is None
        assert d.get("operation") == "hinged"

    ramp = one(doc, "//p:ramp")
    assert ramp.get("slope") == "6" and ramp.get("clearWidth") == "1200"
    lift = one(doc, "//p:lift")
    assert (lift.get("cabinWidth"), lift.get("cabinDepth")) == ("1100", "1400")
    assert len(lift.xpath("p:stop", namespaces=NS)) == 2
    assert lift.get("doorClearWidth") is None
    steps = one(doc, "//p:steps")
    assert (steps.get("count"), steps.get("riserHeight"), steps.get("treadDepth")) == ("17", "176.5", "280")
    bath = one(flat, "p:room[@name='Bad']")
    assert sorted(c.tag.split("}")[1] for c in bath if isinstance(c.tag, str)) == ["shower", "wc"]
    assert any("stops assumed at every storey" in w for w in warnings)


def test_stated_room_kinds_and_clear_widths_win(models, validate):
    doc = validate(convert(models["IFC4-complete"])[0])
    assert one(doc, "//p:door[@id='Tuer-Bad']").get("clearWidth") == "760"
    assert comments(one(doc, "//p:door[@id='Tuer-Bad']")) == []
    assert one(doc, "//p:door[@id='Wohnungstuer']").get("clearWidth") == "910"


def test_estimates_can_be_left_unmeasured(models, validate):
    doc = validate(convert(models["IFC4"], estimates="omit")[0])
    assert one(doc, "//p:door[@id='Tuer-Bad']").get("clearWidth") is None
    assert one(doc, "//p:door[@id='Tuer-Wohnen']").get("clearWidth") == "800"


def test_geometric_fallback_without_space_boundaries(models, validate):
    data, warnings = convert(models["geometry"])
    doc = validate(data)
    door = one(doc, "//p:door")
    rooms = {r.get("name"): r for r in doc.xpath("//p:room", namespaces=NS)}
    assert rooms["Diele"].get("kind") == "hallway" and rooms["Badezimmer"].get("kind") == "bathroom"
    assert (door.get("from"), door.get("to")) == (rooms["Diele"].get("id"), rooms["Badezimmer"].get("id"))
    assert door.get("clearWidth") == "850"  # metres in the model: 0.99 - 2 x 0.05 - 0.04
    assert any(c.startswith("bf:estimate from/to") for c in comments(door))
    assert len(rooms["Badezimmer"].xpath("p:wc", namespaces=NS)) == 1
    assert any("fallback: the whole building is one flat" in w for w in warnings)

    data, warnings = convert(models["geometry"], geometry=False)
    doc = validate(data)
    assert doc.xpath("//p:door", namespaces=NS) == []
    assert any("IfcDoor 'Tuer-Bad': joins no IfcSpace" in w for w in warnings)


def test_flat_per_storey_fallback(models, validate):
    data, warnings = convert(models["geometry"], flats="storey")
    doc = validate(data)
    assert len(doc.xpath("//p:flat", namespaces=NS)) == 1
    assert any("each storey form one flat" in w for w in warnings)


def test_output_is_deterministic(models):
    first = convert(models["IFC4"])[0]
    second = convert(models["IFC4"])[0]
    assert first == second
    assert not re.search(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d", first)  # no timestamps


def test_cli_output_is_the_same_bytes_twice(models, tmp_path):
    run_cli("convert", models["IFC4"], "-q", "-o", tmp_path / "a.xml", check=0)
    run_cli("convert", models["IFC4"], "-q", "-o", tmp_path / "b.xml", check=0)
    assert (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()


def test_room_kinds_file_extends_the_table(models, tmp_path, validate):
    extra = tmp_path / "kinds.toml"
    extra.write_text('[rooms.storage]\nnames = ["Schlafzimmer 1"]\n', encoding="utf-8")
    doc = validate(convert(models["IFC4"], room_kinds=extra)[0])
    assert one(doc, "//p:room[@name='Schlafzimmer 1']").get("kind") == "storage"


def test_fzk_haus(fzk, validate):
    data, warnings = convert(fzk)
    doc = validate(data)
    rooms = {r.get("name"): r.get("kind") for r in doc.xpath("//p:room", namespaces=NS)}
    assert rooms == {"Wohnen": "living", "Bad": "bathroom", "Küche": "kitchen", "Buero": "other",
                     "Galerie": "other", "Flur": "hallway", "Schlafzimmer": "bedroom"}
    assert len(doc.xpath("//p:flat", namespaces=NS)) == 1
    doors = {d.get("id"): d for d in doc.xpath("//p:door", namespaces=NS)}
    for name, room in (("Innentuer-1", "Schlafzimmer"), ("Innentuer-2", "Bad"), ("Innentuer-3", "Buero")):
        assert doors[name].get("clearWidth") == "745"
        assert comments(doors[name])[0].startswith("bf:estimate clearWidth=745 ")
        assert (doors[name].get("from"), doors[name].get("to")) == ("Flur", room)
    assert doors["Haustuer"].get("clearWidth") is None
    assert doors["Terrassentuer"].get("clearWidth") is None and doors["Terrassentuer"].get("operation") == "sliding"
    flat = one(doc, "//p:flat")
    assert flat.get("entrance") == doors["Haustuer"].get("from")
    assert one(doc, f"//p:place[@id='{flat.get('entrance')}']").get("kind") == "entrance"
    steps = one(doc, "//p:steps")
    assert (steps.get("from"), steps.get("to"), steps.get("count")) == ("Wohnen", "Galerie", None)
    assert any(w.startswith("#434 IfcBuilding 'FZK-Haus': no IfcZone") for w in warnings)


def test_missing_overall_width_is_named_and_stays_unknown(tmp_path, validate):
    import modelgen
    f, project, body = modelgen.new_file("IFC4")
    building, (eg, og) = modelgen.spatial(f, project)
    hall = modelgen.space(f, eg, "1", "Flur")
    kitchen = modelgen.space(f, eg, "2", "Küche")
    door = modelgen.door(f, eg, "Innentuer-1", None, modelgen.door_type(f, "T", "SINGLE_SWING_LEFT", 50.0, 40.0),
                         (hall, kitchen))
    path = tmp_path / "no-width.ifc"
    f.write(str(path))
    data, warnings = convert(path)
    doc = validate(data)
    element = one(doc, "//p:door")
    assert element.get("clearWidth") is None
    assert comments(element)[0] == f"bf:unmeasured clearWidth: #{door.id()} IfcDoor 'Innentuer-1': OverallWidth missing; clearWidth not measured"
    assert f"#{door.id()} IfcDoor 'Innentuer-1': OverallWidth missing" in warnings


def test_spatial_zone_flats_other_zones_and_stair_flights(tmp_path, validate):
    import ifcopenshell.api.aggregate
    import ifcopenshell.api.group
    import ifcopenshell.api.spatial
    import ifcopenshell.guid
    import modelgen
    f, project, body = modelgen.new_file("IFC4")
    building, (eg, og) = modelgen.spatial(f, project)
    a = [modelgen.space(f, eg, "A1", "Flur"), modelgen.space(f, eg, "A2", "Gäste-WC")]
    b = [modelgen.space(f, eg, "B1", "Diele"), modelgen.space(f, eg, "B2", "Abstellraum")]
    flat_a = modelgen.entity(f, "IfcSpatialZone", "WE 01")
    f.create_entity("IfcRelReferencedInSpatialStructure", GlobalId=ifcopenshell.guid.new(),
                    RelatedElements=a, RelatingStructure=flat_a)
    flat_b = modelgen.entity(f, "IfcZone", "Wohnung 02")
    ifcopenshell.api.group.assign_group(f, products=b, group=flat_b)
    fire = modelgen.entity(f, "IfcZone", "Brandabschnitt 1")
    ifcopenshell.api.group.assign_group(f, products=a + b, group=fire)
    stair = modelgen.entity(f, "IfcStair", "Podesttreppe")
    ifcopenshell.api.spatial.assign_container(f, products=[stair], relating_structure=eg)
    flights = [modelgen.entity(f, "IfcStairFlight", f"Lauf {i}", NumberOfRisers=n, RiserHeight=175.0)
               for i, n in ((1, 8), (2, 9))]
    ifcopenshell.api.aggregate.assign_object(f, products=flights, relating_object=stair)
    path = tmp_path / "zones.ifc"
    f.write(str(path))

    doc = validate(convert(path)[0])
    flats = {fl.get("number"): sorted(r.get("kind") for r in fl.xpath("p:room", namespaces=NS))
             for fl in doc.xpath("//p:flat", namespaces=NS)}
    assert flats == {"WE 01": ["hallway", "wc"], "Wohnung 02": ["hallway", "storage"]}
    steps = one(doc, "//p:steps")
    assert (steps.get("count"), steps.get("riserHeight")) == ("17", "175")

    data, warnings = convert(path, all_zones=True)
    validate(data)
    assert any("in two flat zones" in w for w in warnings)
