from __future__ import annotations

import pytest

from barrierfree_ifc.room_kinds import RoomKindTable, fold


@pytest.fixture(scope="module")
def table():
    return RoomKindTable.load()


@pytest.mark.parametrize("name, kind", [
    ("Bad", "bathroom"), ("Badezimmer", "bathroom"), ("WC", "wc"), ("Gäste-WC", "wc"), ("Küche", "kitchen"),
    ("Wohnen", "living"), ("Wohnzimmer", "living"), ("Schlafen", "bedroom"), ("Schlafzimmer 2", "bedroom"),
    ("Kind", "bedroom"), ("Kinderzimmer", "bedroom"), ("Flur", "hallway"), ("Diele", "hallway"),
    ("Abstellraum", "storage"), ("Balkon", "balcony"), ("Terrasse", "terrace"), ("Loggia", "balcony"),
    ("Living Room", "living"), ("Bedroom 1", "bedroom"), ("Kitchen", "kitchen"), ("Bathroom", "bathroom"),
    ("Hallway", "hallway"), ("Store", "storage"), ("Balcony", "balcony"), ("Bad/WC", "bathroom"),
])
def test_room_names(table, name, kind):
    match = table.match_name(name)
    assert match is not None and (match.category, match.kind) == ("rooms", kind)


def test_common_spaces_are_places(table):
    assert (table.match_name("Treppenhaus").category, table.match_name("Treppenhaus").kind) == ("places", "landing")
    assert table.match_name("Eingangshalle").kind == "lobby"


def test_unknown_and_numbers(table):
    assert table.match_name("4") is None and table.match_name("Sauna") is None


def test_fold():
    assert fold("Gäste-WC") == "gaeste wc" and fold("Straße 3") == "strasse"


def test_flat_zone_names(table):
    assert table.is_flat_name("Wohnung 1.2") and table.is_flat_name("WE 07") and table.is_flat_name("Apartment 3")
    assert not table.is_flat_name("Brandabschnitt 1")
