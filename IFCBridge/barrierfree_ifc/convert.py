"""IFC2X3 / IFC4 -> BarrierFree portfolio XML (urn:barrierfree:portfolio:1).

Everything the portfolio format cannot get from the model stays absent, so that the Swift checker
reports it as unknown. A door clear width derived from lining data is written with
clearWidthEstimated="true" (the checker fails it when too narrow and leaves it unknown when wide
enough) and an XML comment starting with "bf:estimate" that says how it was derived.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import ifcopenshell
import ifcopenshell.util.element as uel
import ifcopenshell.util.placement as upl
import ifcopenshell.util.unit as uunit

from .room_kinds import RoomKindTable
from .xmlout import Comment, Node, number

SUPPORTED_SCHEMAS = ("IFC2X3", "IFC4")

# Custom property sets that the IDS asks for (see ids/barrierfree-din18040-2.ids); their values are
# measured values (no estimate marker).
DOOR_PSET = "BarrierFree_DoorAccessibility"
SPACE_PSET = "BarrierFree_SpaceAccessibility"
LIFT_PSET = "BarrierFree_LiftAccessibility"

QTO_SPACE = ("Qto_SpaceBaseQuantities", "BaseQuantities")

ENTRANCE_DOOR_WORDS = ("haustuer", "haustur", "hauseingang", "wohnungstuer", "wohnungseingangstuer",
                       "eingangstuer", "eingang", "entrance", "front door", "entry")


class BadInput(Exception):
    """The input is not something we can convert (exit code 2)."""


def label(entity) -> str:
    """`#1234 IfcDoor 'Innentuer-1'` - how errors and warnings name an IFC entity."""
    name = getattr(entity, "Name", None)
    return f"#{entity.id()} {entity.is_a()}" + (f" '{name}'" if name else "")


@dataclass
class Options:
    room_kinds: Path | None = None
    flats: str = "building"          # fallback without flat zones: "building" or "storey"
    all_zones: bool = False          # read every IfcZone/IfcSpatialZone as a flat
    estimates: str = "mark"          # "mark": write estimated values with a bf:estimate comment; "omit"
    geometry: bool = True            # geometric fallbacks (door->space, fixture->room, stair ends)


def open_ifc(path: str | Path):
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as error:
        raise BadInput(f"{path}: cannot read: {error.strerror or error}") from None
    if not head.lstrip().startswith(b"ISO-10303-21") and not head.startswith(b"PK"):
        raise BadInput(f"{path}: not an IFC file (no ISO-10303-21 header)")
    try:
        model = ifcopenshell.open(str(path))
    except Exception as error:  # ifcopenshell raises several kinds
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise BadInput(f"{path}: unreadable IFC: {message}") from None
    if model.schema not in SUPPORTED_SCHEMAS:
        raise BadInput(f"{path}: unsupported schema {model.schema} (supported: {', '.join(SUPPORTED_SCHEMAS)})")
    return model


# ----------------------------------------------------------------------------- helpers

def _ident_chars(text: str) -> str:
    out = []
    for c in text:
        out.append(c if (c.isalnum() or c in "_.-") else "-")
    ident = "".join(out)
    while "--" in ident:
        ident = ident.replace("--", "-")
    return ident.strip("-.")


class Ids:
    """Identifiers unique within a building: from names where they are unique, else GlobalIds."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, name: str | None, fallback: str, prefix: str = "") -> str:
        base = _ident_chars(name or "")[:48]
        candidates = []
        if base:
            candidates.append(prefix + base)
        gid = _ident_chars(fallback.replace("$", "_"))[:40]
        candidates.append(prefix + (base + "-" if base else "") + gid)
        for candidate in candidates:
            candidate = candidate[:64]
            if candidate and (candidate[0].isalnum() or candidate[0] == "_") and candidate not in self.used:
                self.used.add(candidate)
                return candidate
        n = 2
        while f"{candidates[-1][:58]}-{n}" in self.used:
            n += 1
        ident = f"{candidates[-1][:58]}-{n}"
        self.used.add(ident)
        return ident


class Geometry:
    """World-coordinate bounding boxes (metres), computed lazily with ifcopenshell.geom."""

    def __init__(self, model, enabled: bool) -> None:
        self.model = model
        self.enabled = enabled
        self.cache: dict[int, tuple | None] = {}
        self.settings = None

    def bbox(self, product):
        if not self.enabled or product is None or not getattr(product, "Representation", None):
            return None
        key = product.id()
        if key in self.cache:
            return self.cache[key]
        box = None
        try:
            import ifcopenshell.geom  # noqa: PLC0415 - optional, only when needed
            if self.settings is None:
                self.settings = ifcopenshell.geom.settings()
                self.settings.set("use-world-coords", True)
            shape = ifcopenshell.geom.create_shape(self.settings, product)
            verts = shape.geometry.verts
            if verts:
                xs, ys, zs = verts[0::3], verts[1::3], verts[2::3]
                box = (min(xs), min(ys), min(zs), max(xs), max(ys), max(zs))
        except Exception:
            box = None
        self.cache[key] = box
        return box


def touches(a, b, tol: float = 0.05) -> bool:
    return all(a[i] <= b[i + 3] + tol and b[i] <= a[i + 3] + tol for i in range(3))


def overlap_volume(a, b, tol: float = 0.05) -> float:
    v = 1.0
    for i in range(3):
        v *= max(0.0, min(a[i + 3], b[i + 3]) + tol - max(a[i], b[i]))
    return v


# ----------------------------------------------------------------------------- the converter

@dataclass
class Space:
    entity: object
    level: int
    storey: object
    name: str
    kind: str = "other"
    category: str = "rooms"     # "rooms" or "places"
    flat: "Flat | None" = None
    ident: str = ""
    area: float | None = None
    fixtures: list[Node] = field(default_factory=list)


@dataclass
class Flat:
    ident: str
    number: str | None
    entity: object | None
    spaces: list[Space] = field(default_factory=list)
    connectors: list[Node] = field(default_factory=list)
    entrance: str | None = None


@dataclass
class PlaceNode:
    ident: str
    kind: str
    name: str | None
    level: int | None
    comment: str | None = None


class Converter:
    def __init__(self, model, options: Options | None = None, warn: Callable[[str], None] | None = None):
        self.model = model
        self.options = options or Options()
        self.warnings: list[str] = []
        self._warn_sink = warn
        self.table = RoomKindTable.load(self.options.room_kinds)
        self.mm = uunit.calculate_unit_scale(model) * 1000.0            # mm per length unit
        self.m = uunit.calculate_unit_scale(model)                      # m per length unit
        self.m2 = uunit.calculate_unit_scale(model, "AREAUNIT")         # m² per area unit
        self.rad = uunit.calculate_unit_scale(model, "PLANEANGLEUNIT")  # rad per angle unit
        self.geometry = Geometry(model, self.options.geometry)
        self.ifc2x3 = model.schema == "IFC2X3"
        self._psets: dict[int, dict] = {}

    # ---------------------------------------------------------------- reporting
    def warn(self, entity, message: str) -> None:
        text = f"{label(entity)}: {message}" if entity is not None else message
        self.warnings.append(text)
        if self._warn_sink:
            self._warn_sink(text)

    # ---------------------------------------------------------------- small readers
    def psets(self, element) -> dict:
        """get_psets of the element merged over those of its type (the type's are read once per type)."""
        key = element.id()
        if key in self._psets:
            return self._psets[key]
        try:
            own = uel.get_psets(element, should_inherit=False)
        except Exception:
            own = {}
        element_type = uel.get_type(element) if not element.is_a("IfcTypeObject") else None
        if element_type is not None:
            if element_type.id() not in self._psets:
                try:
                    self._psets[element_type.id()] = uel.get_psets(element_type)
                except Exception:
                    self._psets[element_type.id()] = {}
            merged = {name: dict(values) for name, values in self._psets[element_type.id()].items()}
            for name, values in own.items():
                merged.setdefault(name, {}).update(values)
            own = merged
        self._psets[key] = own
        return own

    @staticmethod
    def prop(psets: dict, pset: str | tuple, name: str):
        for p in (pset if isinstance(pset, tuple) else (pset,)):
            value = (psets.get(p) or {}).get(name)
            if value is not None:
                return value
        return None

    def length_mm(self, value) -> float | None:
        if value is None or isinstance(value, bool):
            return None
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
        return value * self.mm if value >= 0 else None

    def storey_of(self, element):
        seen = 0
        current = element
        while current is not None and seen < 20:
            seen += 1
            if current.is_a("IfcBuildingStorey"):
                return current
            parent = uel.get_container(current)
            if parent is None:
                parent = uel.get_aggregate(current)
            if parent is None and hasattr(current, "Decomposes") is False:
                return None
            current = parent
        return None

    # ---------------------------------------------------------------- main
    def convert(self) -> Node:
        model = self.model
        buildings = sorted(model.by_type("IfcBuilding"), key=lambda b: b.GlobalId)
        if not buildings:
            raise BadInput("no IfcBuilding in the model")
        projects = model.by_type("IfcProject")
        portfolio = Node("portfolio")
        if projects:
            project = projects[0]
            name = project.LongName or project.Name
            if name:
                portfolio.set("name", name[:200])
        building_ids = Ids()
        self.zone_members = self._flat_zones()
        for building in buildings:
            portfolio.add(self._building(building, building_ids))
        return portfolio

    # ---------------------------------------------------------------- zones
    def _flat_zones(self) -> list[tuple[object, list]]:
        zones = list(self.model.by_type("IfcZone"))
        if not self.ifc2x3:
            zones += list(self.model.by_type("IfcSpatialZone"))
        result = []
        for zone in sorted(zones, key=lambda z: z.GlobalId):
            texts = (zone.Name, getattr(zone, "LongName", None), zone.ObjectType, zone.Description)
            if not (self.options.all_zones or self.table.is_flat_name(*texts)):
                continue
            spaces = self._zone_spaces(zone, set())
            if spaces:
                result.append((zone, sorted(spaces, key=lambda s: s.GlobalId)))
        return result

    def _zone_spaces(self, zone, seen: set) -> set:
        if zone.id() in seen:
            return set()
        seen.add(zone.id())
        out = set()
        related = []
        for rel in getattr(zone, "IsGroupedBy", None) or []:
            related += list(rel.RelatedObjects)
        for rel in getattr(zone, "ReferencesElements", None) or []:
            related += list(rel.RelatedElements)
        for rel in getattr(zone, "IsDecomposedBy", None) or []:
            related += list(rel.RelatedObjects)
        for rel in getattr(zone, "ContainsElements", None) or []:
            related += list(rel.RelatedElements)
        for obj in related:
            if obj.is_a("IfcSpace"):
                out.add(obj)
            elif obj.is_a("IfcZone") or obj.is_a("IfcSpatialZone"):
                out |= self._zone_spaces(obj, seen)
        return out

    # ---------------------------------------------------------------- building
    def _storeys(self, building) -> list:
        storeys = [o for rel in (building.IsDecomposedBy or []) for o in rel.RelatedObjects
                   if o.is_a("IfcBuildingStorey")]
        return storeys

    def _storey_spaces(self, storey) -> list:
        """Spaces aggregated into (or contained in) a storey, and spaces nested in those."""
        found, queue = [], [storey]
        while queue:
            parent = queue.pop()
            children = [o for rel in (getattr(parent, "IsDecomposedBy", None) or []) for o in rel.RelatedObjects]
            children += [o for rel in (getattr(parent, "ContainsElements", None) or []) for o in rel.RelatedElements]
            for child in children:
                if child.is_a("IfcSpace"):
                    found.append(child)
                    queue.append(child)
        return found

    def _levels(self, building, storeys) -> dict[int, int]:
        def elevation(s):
            return s.Elevation if s.Elevation is not None else None
        known = [s for s in storeys if elevation(s) is not None]
        if len(known) != len(storeys):
            if storeys:
                self.warn(building, "a storey has no Elevation; levels follow the order of the storeys in the file")
            ordered = storeys
            ground = 0
        else:
            ordered = sorted(storeys, key=lambda s: (s.Elevation, s.GlobalId))
            # Level 0 is the storey whose elevation is nearest to 0 (ground floor).
            ground = min(range(len(ordered)), key=lambda i: (abs(ordered[i].Elevation), i)) if ordered else 0
        return {s.id(): i - ground for i, s in enumerate(ordered)}

    def _building(self, building, building_ids: Ids) -> Node:
        ids = Ids()
        node = Node("building")
        node.set("id", building_ids.make(building.Name, building.GlobalId))
        name = building.LongName or building.Name
        if name:
            node.set("name", name[:200])
        storeys = self._storeys(building)
        levels = self._levels(building, storeys)
        self.levels = levels
        above = sum(1 for v in levels.values() if v >= 0)
        if above:
            node.set("storeys", above)
        address = self._address(building)
        if address is not None:
            node.add(address)

        # spaces -------------------------------------------------------
        spaces: dict[int, Space] = {}
        for storey in storeys:
            for element in self._storey_spaces(storey):
                if element.id() not in spaces:
                    spaces[element.id()] = Space(element, levels.get(storey.id(), 0), storey,
                                                 element.LongName or element.Name or "")
        for space in sorted(spaces.values(), key=lambda s: s.entity.GlobalId):
            self._space_kind(space)
            area = self.prop(self.psets(space.entity), QTO_SPACE, "NetFloorArea")
            if isinstance(area, (int, float)) and area >= 0:
                space.area = area * self.m2

        # flats --------------------------------------------------------
        flats = self._flats(building, spaces, ids)
        for space in sorted(spaces.values(), key=lambda s: s.entity.GlobalId):
            space.ident = ids.make(space.name or space.entity.Name, space.entity.GlobalId)

        places: list[PlaceNode] = []
        for space in sorted(spaces.values(), key=lambda s: s.entity.GlobalId):
            if space.flat is None:
                kind = space.kind if space.category == "places" else ("corridor" if space.kind == "hallway" else "other")
                places.append(PlaceNode(space.ident, kind, space.name or None, space.level))
        self.building_entity = building
        self.ids = ids
        self.places = places
        self.spaces = spaces
        self.building_connectors: list[Node] = []
        self.outside_places: dict[str, PlaceNode] = {}

        space_by_entity = {s.entity.id(): s for s in spaces.values()}
        self._doors(building, space_by_entity, flats)
        self._stairs_and_ramps(space_by_entity, flats)
        self._lifts(building, storeys)
        self._sanitary(space_by_entity)
        self._entrances(flats)

        for place in places:
            if place.comment:
                node.add(Comment(place.comment))
            p = Node("place").set("id", place.ident).set("kind", place.kind)
            if place.name:
                p.set("name", place.name[:200])
            if place.level is not None:
                p.set("level", place.level)
            node.add(p)
        for connector in self.building_connectors:
            node.add(connector)
        for flat in flats:
            node.add(self._flat_node(flat))
        return node

    def _address(self, building) -> Node | None:
        address = getattr(building, "BuildingAddress", None)
        if address is None or not address.is_a("IfcPostalAddress"):
            return None
        node = Node("address")
        lines = [line for line in (address.AddressLines or []) if line]
        if lines:
            node.set("street", lines[0][:200])
        if address.PostalCode:
            node.set("postcode", address.PostalCode[:200])
        if address.Town:
            node.set("city", address.Town[:200])
        if address.Country and len(address.Country.strip()) == 2 and address.Country.strip().isalpha():
            node.set("country", address.Country.strip().upper())
        return node if node.attrs else None

    # ---------------------------------------------------------------- room kinds
    def _space_kind(self, space: Space) -> None:
        entity = space.entity
        psets = self.psets(entity)
        stated = self.prop(psets, SPACE_PSET, "RoomKind")
        if isinstance(stated, str) and stated.strip():
            from .room_kinds import PLACE_KINDS, ROOM_KINDS
            value = stated.strip()
            if value in ROOM_KINDS:
                space.kind, space.category = value, "rooms"
                return
            if value in PLACE_KINDS:
                space.kind, space.category = value, "places"
                return
            self.warn(entity, f"{SPACE_PSET}.RoomKind '{value}' is not a BarrierFree room or place kind; ignored")
        for code in self._classification_codes(entity):
            match = self.table.match_code(code)
            if match:
                space.kind, space.category = match.kind, match.category
                return
        for text in (getattr(entity, "LongName", None), entity.Name, entity.ObjectType):
            match = self.table.match_name(text)
            if match:
                space.kind, space.category = match.kind, match.category
                return
        space.kind, space.category = "other", "rooms"
        self.warn(entity, "no room kind in the room-kind table for its LongName/Name; kind 'other' "
                          "(extend the table with --room-kinds FILE)")

    def _classification_codes(self, entity) -> list[str]:
        codes = []
        for rel in getattr(entity, "HasAssociations", None) or []:
            if rel.is_a("IfcRelAssociatesClassification"):
                ref = rel.RelatingClassification
                for attr in ("Identification", "ItemReference", "Name"):
                    value = getattr(ref, attr, None) if ref.is_a("IfcClassificationReference") else None
                    if value:
                        codes.append(str(value))
        return codes

    # ---------------------------------------------------------------- flats
    def _flats(self, building, spaces: dict[int, Space], ids: Ids) -> list[Flat]:
        flats: list[Flat] = []
        members = {s.entity.id(): s for s in spaces.values()}
        for zone, zone_spaces in self.zone_members:
            inside = [members[s.id()] for s in zone_spaces if s.id() in members]
            if not inside:
                continue
            flat = Flat(ids.make(zone.Name, zone.GlobalId), zone.Name, zone)
            for space in inside:
                if space.flat is not None:
                    self.warn(space.entity, f"in two flat zones ('{space.flat.number}' and '{zone.Name}'); kept in the first")
                    continue
                space.flat = flat
                flat.spaces.append(space)
            flats.append(flat)
        if flats:
            return flats
        residential = [s for s in sorted(spaces.values(), key=lambda s: s.entity.GlobalId) if s.category == "rooms"]
        if not residential:
            if spaces:
                self.warn(building, "no IfcZone names a flat and no space is a room of a flat; no flats")
            else:
                self.warn(building, "no IfcSpace in its storeys; no flats")
            return flats
        if self.options.flats == "storey":
            by_level: dict[int, list[Space]] = {}
            for space in residential:
                by_level.setdefault(space.level, []).append(space)
            for level in sorted(by_level):
                storey = by_level[level][0].storey
                flat = Flat(ids.make(f"flat-L{level}", storey.GlobalId), storey.Name or f"L{level}", None)
                for space in by_level[level]:
                    space.flat = flat
                    flat.spaces.append(space)
                flats.append(flat)
            self.warn(building, f"no IfcZone/IfcSpatialZone names a flat; fallback: the residential spaces of each "
                                f"storey form one flat ({len(flats)} flats from {len(residential)} spaces)")
        else:
            flat = Flat(ids.make(f"flat-{building.Name or 'building'}", building.GlobalId),
                        building.Name or None, None)
            for space in residential:
                space.flat = flat
                flat.spaces.append(space)
            flats.append(flat)
            self.warn(building, f"no IfcZone/IfcSpatialZone names a flat; fallback: the whole building is one flat "
                                f"({len(residential)} residential spaces; --flats storey makes one flat per storey)")
        return flats

    # ---------------------------------------------------------------- doors
    def _door_spaces(self, door, space_by_entity) -> tuple[list[Space], bool, str]:
        """The spaces a door joins, whether a boundary says it is external, and how they were found."""
        found: dict[int, Space] = {}
        external = False
        for rel in getattr(door, "ProvidesBoundaries", None) or []:
            space = rel.RelatingSpace
            if getattr(rel, "InternalOrExternalBoundary", None) in ("EXTERNAL", "EXTERNAL_EARTH",
                                                                   "EXTERNAL_WATER", "EXTERNAL_FIRE"):
                external = True
            if space is not None and space.is_a("IfcExternalSpatialElement"):
                external = True
            if space is not None and space.id() in space_by_entity:
                found[space.id()] = space_by_entity[space.id()]
        if found:
            return list(found.values()), external, "IfcRelSpaceBoundary"
        box = self.geometry.bbox(door)
        if box is None:
            return [], external, "none"
        storey = self.storey_of(door)
        candidates = []
        for space in space_by_entity.values():
            if storey is not None and space.storey.id() != storey.id():
                continue
            sbox = self.geometry.bbox(space.entity)
            if sbox is not None and touches(box, sbox):
                candidates.append((overlap_volume(box, sbox), space))
        candidates.sort(key=lambda c: (-c[0], c[1].entity.GlobalId))
        if len(candidates) > 2:
            self.warn(door, f"its box touches {len(candidates)} spaces; joined to the two it overlaps most")
        return [c[1] for c in candidates[:2]], external, "geometry"

    def _door_operation(self, door, door_type, psets) -> str | None:
        op = getattr(door, "OperationType", None)
        if (not op or op in ("NOTDEFINED", "USERDEFINED")) and door_type is not None:
            op = getattr(door_type, "OperationType", None)
        if self.prop(psets, "Pset_DoorCommon", "HasDrive") is True:
            return "automatic"
        if not op:
            return None
        if "SWING" in op and "FIXED" not in op:
            return "hinged"
        if "SLIDING" in op:
            return "sliding"
        if "FOLDING" in op:
            return "folding"
        if op == "REVOLVING":
            return "revolving"
        return None

    def _lining_and_panels(self, door, door_type):
        lining = None
        panels = []
        definitions = []
        for rel in getattr(door, "IsDefinedBy", None) or []:
            if rel.is_a("IfcRelDefinesByProperties"):
                definition = rel.RelatingPropertyDefinition
                definitions += list(definition) if isinstance(definition, tuple) else [definition]
        if door_type is not None:
            definitions += list(getattr(door_type, "HasPropertySets", None) or [])
        for definition in definitions:
            if definition is None:
                continue
            if definition.is_a("IfcDoorLiningProperties") and lining is None:
                lining = definition
            elif definition.is_a("IfcDoorPanelProperties"):
                panels.append(definition)
        return lining, panels

    def _door_clear_width(self, door, door_type, psets) -> tuple[float | None, str | None, str | None]:
        """(value in mm, estimate explanation or None, reason it is unknown or None)."""
        stated = self.length_mm(self.prop(psets, DOOR_PSET, "ClearWidth"))
        if stated is not None:
            return stated, None, None
        width = door.OverallWidth
        if width is None:
            return None, None, "OverallWidth missing; clearWidth not measured"
        overall = width * self.mm
        lining, panels = self._lining_and_panels(door, door_type)
        op = getattr(door, "OperationType", None) or getattr(door_type, "OperationType", None) or "NOTDEFINED"
        if lining is None or lining.LiningThickness is None:
            return None, None, (f"OverallWidth {number(overall)} mm but no IfcDoorLiningProperties.LiningThickness; "
                                "clear width not measured")
        lt = lining.LiningThickness * self.mm
        between = overall - 2 * lt
        if op in ("SLIDING_TO_LEFT", "SLIDING_TO_RIGHT"):
            return between, (f"OverallWidth {number(overall)} mm - 2 x LiningThickness {number(lt)} mm "
                             f"({op}, leaf slides clear of the opening)"), None
        if "SWING" in op and "FIXED" not in op:
            leaves = 2 if op.startswith("DOUBLE_DOOR") else 1
            depths = [p.PanelDepth for p in panels if p.PanelDepth is not None]
            if not depths:
                return None, None, (f"{op}: no IfcDoorPanelProperties.PanelDepth (leaf thickness); "
                                    "clear width not measured")
            leaf = max(depths) * self.mm
            value = between - leaves * leaf
            return value, (f"OverallWidth {number(overall)} mm - 2 x LiningThickness {number(lt)} mm - "
                           f"{leaves} x PanelDepth {number(leaf)} mm ({op}, leaf open at 90 degrees; door stops "
                           "and hardware not modelled)"), None
        return None, None, f"OperationType {op}: no rule to estimate the clear width; not measured"

    def _doors(self, building, space_by_entity, flats: list[Flat]) -> None:
        building_storeys = {s.id() for s in self._storeys(building)}
        self.flat_doors: list[tuple[Flat, Node, Space, PlaceNode, object]] = []
        for door in sorted(self.model.by_type("IfcDoor"), key=lambda d: d.GlobalId):
            storey = self.storey_of(door)
            joined, external, how = self._door_spaces(door, space_by_entity)
            if joined:
                if not any(s.storey.id() in building_storeys for s in joined):
                    continue
            elif storey is None or storey.id() not in building_storeys:
                continue
            if not joined:
                self.warn(door, "joins no IfcSpace (no IfcRelSpaceBoundary"
                                + (", no geometric match" if self.options.geometry else ", geometry off")
                                + "); left out")
                continue
            if len(joined) > 2:
                self.warn(door, f"bounds {len(joined)} spaces; joined to the first two by GlobalId")
                joined = sorted(joined, key=lambda s: s.entity.GlobalId)[:2]
            psets = self.psets(door)
            door_type = uel.get_type(door)
            ident = self.ids.make(door.Name, door.GlobalId)
            level = joined[0].level
            other: PlaceNode | None = None
            if len(joined) == 1:
                is_external = external or self.prop(psets, "Pset_DoorCommon", "IsExternal") is True
                if is_external:
                    other = PlaceNode(self.ids.make(f"{ident}-outside", door.GlobalId), "outdoor",
                                      f"outside {door.Name or ident}"[:200], level,
                                      f"outside of {label(door)} (not modelled as an IfcSpace)")
                else:
                    other = PlaceNode(self.ids.make(f"{ident}-beyond", door.GlobalId), "other",
                                      f"beyond {door.Name or ident}"[:200], level,
                                      f"the other side of {label(door)} is not modelled as an IfcSpace")
                    self.warn(door, "bounds only one IfcSpace and is not external; the other side becomes "
                                    f"place '{other.ident}' (kind other)")
                self.places.append(other)
                self.outside_places[other.ident] = other

            def order(s: Space):
                return (0 if s.flat is None else 1, 0 if s.kind == "hallway" else 1, s.entity.GlobalId)
            joined = sorted(joined, key=order)
            ends = ([other.ident] if other else []) + [s.ident for s in joined]
            node = Node("door").set("id", ident).set("from", ends[0]).set("to", ends[1])
            value, estimate, unknown = self._door_clear_width(door, door_type, psets)
            if value is not None and estimate is not None and self.options.estimates == "omit":
                unknown, value = f"clear width estimate {number(value)} mm omitted (--estimates omit)", None
            if value is not None:
                node.set("clearWidth", number(max(value, 0.0)))
                if estimate is not None:
                    node.set("clearWidthEstimated", "true")
            node.set("clearHeight", self._mm_attr(self.prop(psets, DOOR_PSET, "ClearHeight")))
            node.set("threshold", self._mm_attr(self.prop(psets, DOOR_PSET, "ThresholdHeight")))
            node.set("operation", self._door_operation(door, door_type, psets))
            node.set("handleHeight", self._mm_attr(self.prop(psets, DOOR_PSET, "HandleHeight")))
            if value is not None and estimate is not None:
                node.add(Comment(f"bf:estimate clearWidth={number(max(value, 0.0))} from {label(door)}: {estimate}"))
            elif unknown:
                node.add(Comment(f"bf:unmeasured clearWidth: {label(door)}: {unknown}"))
                if door.OverallWidth is None:
                    self.warn(door, "OverallWidth missing")
            if how == "geometry":
                node.add(Comment(f"bf:estimate from/to: {label(door)} has no IfcRelSpaceBoundary; "
                                 "the spaces were found by bounding boxes"))
            flats_joined = {id(s.flat): s.flat for s in joined if s.flat is not None}
            rooms = [s for s in joined if s.flat is not None]
            outside = other if other is not None else next(
                (p for s in joined if s.flat is None for p in self.places if p.ident == s.ident), None)
            if len(flats_joined) == 1:
                flat = rooms[0].flat
                flat.connectors.append(node)
                if outside is not None:
                    self.flat_doors.append((flat, node, rooms[0], outside, door))
            else:
                if len(flats_joined) == 2:
                    self.warn(door, "joins rooms of two flats; written as a door of the building")
                self.building_connectors.append(node)

    def _mm_attr(self, value) -> str | None:
        mm = self.length_mm(value)
        return number(mm) if mm is not None else None

    def _entrances(self, flats: list[Flat]) -> None:
        entrance_places: set[str] = set()
        for flat in flats:
            candidates = [(f, n, r, p, d) for (f, n, r, p, d) in self.flat_doors if f is flat]

            def rank(c):
                _, _, room, place, door = c
                name = " " + (door.Name or "").lower().replace("ü", "ue") + " "
                named = any(w in name for w in ENTRANCE_DOOR_WORDS)
                return (0 if place.kind != "outdoor" or place.ident not in self.outside_places else 1,
                        0 if room.kind == "hallway" else 1, 0 if named else 1, door.GlobalId)
            candidates.sort(key=rank)
            if candidates:
                _, _, room, place, door = candidates[0]
                flat.entrance = place.ident
                entrance_places.add(place.ident)
                if len(candidates) > 1:
                    self.warn(door, f"taken as the entrance door of flat '{flat.ident}' "
                                    f"(into {room.kind} '{room.name}'; {len(candidates)} doors lead out of the flat)")
            else:
                level = min((s.level for s in flat.spaces), default=0)
                place = PlaceNode(self.ids.make(f"{flat.ident}-entrance", "entrance"), "other",
                                  f"entrance of {flat.number or flat.ident} (not found in the IFC)", level,
                                  f"no door of flat '{flat.ident}' leads out of it in the IFC")
                self.places.append(place)
                flat.entrance = place.ident
                self.warn(flat.entity or self.building_entity,
                          f"flat '{flat.ident}': no door leads out of the flat; its entrance is place '{place.ident}'")
        for ident in entrance_places:
            place = self.outside_places.get(ident)
            if place is not None and place.kind == "outdoor":
                place.kind = "entrance"

    # ---------------------------------------------------------------- stairs, ramps
    def _ends(self, element, space_by_entity, what: str):
        """The lowest and highest space an element's box touches, or synthetic places."""
        box = self.geometry.bbox(element)
        lower = upper = None
        if box is not None:
            hits = []
            for space in space_by_entity.values():
                sbox = self.geometry.bbox(space.entity)
                if sbox is not None and touches(box, sbox, 0.02):
                    hits.append(space)
            if hits:
                hits.sort(key=lambda s: (s.level, s.entity.GlobalId))
                low = [s for s in hits if s.level == hits[0].level]
                high = [s for s in hits if s.level == hits[-1].level]
                lower = max(low, key=lambda s: (overlap_volume(box, self.geometry.bbox(s.entity)), s.entity.GlobalId))
                upper = max(high, key=lambda s: (overlap_volume(box, self.geometry.bbox(s.entity)), s.entity.GlobalId))
                if lower is upper:
                    upper = None
        storey = self.storey_of(element)
        level = self.levels.get(storey.id(), 0) if storey is not None else 0
        ident = self.ids.make(element.Name, element.GlobalId)
        ends = []
        for end, name, lvl in ((lower, "bottom", level), (upper, "top", level + (1 if what == "stair" else 0))):
            if end is not None:
                ends.append(end)
                continue
            place = PlaceNode(self.ids.make(f"{ident}-{name}", element.GlobalId), "other",
                              f"{name} of {element.Name or ident}"[:200], lvl,
                              f"the {name} end of {label(element)} is not located in the IFC")
            self.places.append(place)
            ends.append(place)
        if lower is None or upper is None:
            self.warn(element, f"the spaces at its ends were not found"
                               + ("" if self.options.geometry else " (geometry off)")
                               + "; its ends are places of kind 'other'")
        return ident, ends

    def _add_connector(self, node: Node, ends) -> None:
        flats = {id(e.flat): e.flat for e in ends if isinstance(e, Space) and e.flat is not None}
        if len(flats) == 1 and all(isinstance(e, Space) and e.flat is not None for e in ends):
            next(iter(flats.values())).connectors.append(node)
        else:
            self.building_connectors.append(node)

    def _in_building(self, element) -> bool:
        storey = self.storey_of(element)
        return storey is not None and storey.id() in self.levels

    def _stairs_and_ramps(self, space_by_entity, flats) -> None:
        for stair in sorted(self.model.by_type("IfcStair"), key=lambda s: s.GlobalId):
            if self._in_building(stair):
                self._stair(stair, space_by_entity)
        for flight in sorted(self.model.by_type("IfcStairFlight"), key=lambda s: s.GlobalId):
            parent = uel.get_aggregate(flight)
            if (parent is None or not parent.is_a("IfcStair")) and self._in_building(flight):
                self._stair(flight, space_by_entity)
        for ramp in sorted(self.model.by_type("IfcRamp"), key=lambda s: s.GlobalId):
            if self._in_building(ramp):
                self._ramp(ramp, space_by_entity)
        for flight in sorted(self.model.by_type("IfcRampFlight"), key=lambda s: s.GlobalId):
            parent = uel.get_aggregate(flight)
            if (parent is None or not parent.is_a("IfcRamp")) and self._in_building(flight):
                self._ramp(flight, space_by_entity)

    def _parts(self, element, ifc_class):
        return sorted([p for p in uel.get_decomposition(element) if p.is_a(ifc_class)], key=lambda p: p.GlobalId)

    def _stair(self, stair, space_by_entity) -> None:
        psets = self.psets(stair)
        count = self.prop(psets, "Pset_StairCommon", "NumberOfRiser")
        riser = self.length_mm(self.prop(psets, "Pset_StairCommon", "RiserHeight"))
        tread = self.length_mm(self.prop(psets, "Pset_StairCommon", "TreadLength"))
        flights = [stair] if stair.is_a("IfcStairFlight") else self._parts(stair, "IfcStairFlight")
        if count is None and flights:
            counts = [getattr(f, "NumberOfRisers", None) if not self.ifc2x3 else getattr(f, "NumberOfRiser", None)
                      for f in flights]
            if counts and all(isinstance(c, int) for c in counts):
                count = sum(counts)
            risers = {round(f.RiserHeight * self.mm, 1) for f in flights if getattr(f, "RiserHeight", None)}
            if riser is None and len(risers) == 1:
                riser = risers.pop()
            treads = {round(f.TreadLength * self.mm, 1) for f in flights if getattr(f, "TreadLength", None)}
            if tread is None and len(treads) == 1:
                tread = treads.pop()
        ident, ends = self._ends(stair, space_by_entity, "stair")
        node = Node("steps").set("id", ident).set("from", ends[0].ident).set("to", ends[1].ident)
        if isinstance(count, (int, float)) and not isinstance(count, bool) and count >= 0:
            node.set("count", int(count))
        else:
            self.warn(stair, "number of risers unknown (no Pset_StairCommon.NumberOfRiser, no IfcStairFlight risers)")
        node.set("riserHeight", number(riser) if riser is not None else None)
        node.set("treadDepth", number(tread) if tread is not None else None)
        self._add_connector(node, ends)

    def _ramp(self, ramp, space_by_entity) -> None:
        flights = [ramp] if ramp.is_a("IfcRampFlight") else self._parts(ramp, "IfcRampFlight")
        slopes, widths = [], []
        for element in [ramp] + [f for f in flights if f.id() != ramp.id()]:
            psets = self.psets(element)
            slope = self.prop(psets, "Pset_RampFlightCommon", "Slope")
            if isinstance(slope, (int, float)) and not isinstance(slope, bool):
                slopes.append(slope)
            width = self.length_mm(self.prop(psets, "Pset_RampFlightCommon", "ClearWidth"))
            if width is not None:
                widths.append(width)
        ident, ends = self._ends(ramp, space_by_entity, "ramp")
        node = Node("ramp").set("id", ident).set("from", ends[0].ident).set("to", ends[1].ident)
        if slopes:
            angle = max(abs(s) for s in slopes) * self.rad
            if angle < math.pi / 2:
                node.set("slope", number(100.0 * math.tan(angle), 2))
        else:
            self.warn(ramp, "slope unknown (no Pset_RampFlightCommon.Slope)")
        if widths:
            node.set("clearWidth", number(min(widths)))
        self._add_connector(node, ends)

    # ---------------------------------------------------------------- lifts
    def _is_elevator(self, element) -> bool:
        kind = getattr(element, "PredefinedType", None) or getattr(element, "OperationType", None)
        if kind in (None, "NOTDEFINED", "USERDEFINED"):
            element_type = uel.get_type(element)
            if element_type is not None:
                kind = getattr(element_type, "PredefinedType", None)
        return kind == "ELEVATOR"

    def _lifts(self, building, storeys) -> None:
        for lift in sorted(self.model.by_type("IfcTransportElement"), key=lambda t: t.GlobalId):
            if not self._is_elevator(lift) or not self._in_building(lift):
                continue
            psets = self.psets(lift)
            ident = self.ids.make(lift.Name, lift.GlobalId)
            box = self.geometry.bbox(lift)
            ordered = sorted(storeys, key=lambda s: self.levels[s.id()])
            if box is not None and all(s.Elevation is not None for s in ordered):
                served = [s for s in ordered if box[2] - 0.1 <= s.Elevation * self.m <= box[5] + 0.1]
                how = "storeys within the height of its geometry"
            else:
                served = ordered
                how = "every storey of the building (its stops are not modelled)"
                self.warn(lift, "stops assumed at every storey of the building (no geometry to find them)")
            if len(served) < 2:
                self.warn(lift, "serves fewer than two storeys; left out")
                continue
            node = Node("lift").set("id", ident)
            node.set("cabinWidth", self._mm_attr(self.prop(psets, "Pset_TransportElementElevator", "ClearWidth")))
            node.set("cabinDepth", self._mm_attr(self.prop(psets, "Pset_TransportElementElevator", "ClearDepth")))
            node.set("doorClearWidth", self._mm_attr(self.prop(psets, LIFT_PSET, "DoorClearWidth")))
            node.set("controlHeight", self._mm_attr(self.prop(psets, LIFT_PSET, "ControlHeight")))
            node.add(Comment(f"stops of {label(lift)}: {how}"))
            for storey in served:
                level = self.levels[storey.id()]
                place = PlaceNode(self.ids.make(f"{ident}-L{level}", lift.GlobalId), "landing",
                                  f"stop of {lift.Name or ident} on {storey.Name or level}"[:200], level)
                self.places.append(place)
                node.add(Node("stop").set("place", place.ident))
            self.building_connectors.append(node)

    # ---------------------------------------------------------------- sanitary
    SANITARY = {"TOILETPAN": "wc", "WCSEAT": None, "WASHHANDBASIN": "washbasin", "SHOWER": "shower",
                "BATH": "bathtub"}

    def _sanitary(self, space_by_entity) -> None:
        if self.ifc2x3:
            elements = [e for e in self.model.by_type("IfcFlowTerminal")
                        if (t := uel.get_type(e)) is not None and t.is_a("IfcSanitaryTerminalType")]
        else:
            elements = list(self.model.by_type("IfcSanitaryTerminal"))
        for element in sorted(elements, key=lambda e: e.GlobalId):
            kind = getattr(element, "PredefinedType", None)
            element_type = uel.get_type(element)
            if kind in (None, "NOTDEFINED", "USERDEFINED") and element_type is not None:
                kind = getattr(element_type, "PredefinedType", None)
            tag = self.SANITARY.get(kind or "")
            if tag is None:
                continue
            space = self._room_of(element, space_by_entity)
            if space is None:
                if self._in_building(element):
                    self.warn(element, "in no IfcSpace (no spatial containment"
                                       + (", no geometric match" if self.options.geometry else "") + "); left out")
                continue
            if space.flat is None:
                self.warn(element, f"in space '{space.name}', which is no room of a flat; left out")
                continue
            node = Node(tag).set("id", self.ids.make(element.Name, element.GlobalId))
            space.fixtures.append(node)

    def _room_of(self, element, space_by_entity) -> Space | None:
        container = uel.get_container(element)
        if container is not None and container.id() in space_by_entity:
            return space_by_entity[container.id()]
        if not self.geometry.enabled or getattr(element, "ObjectPlacement", None) is None:
            return None
        try:
            matrix = upl.get_local_placement(element.ObjectPlacement)
        except Exception:
            return None
        x, y, z = (float(matrix[i][3]) * self.m for i in range(3))
        for space in sorted(space_by_entity.values(), key=lambda s: s.entity.GlobalId):
            box = self.geometry.bbox(space.entity)
            if box and box[0] <= x <= box[3] and box[1] <= y <= box[4] and box[2] - 0.2 <= z <= box[5]:
                return space
        return None

    # ---------------------------------------------------------------- output of a flat
    def _flat_node(self, flat: Flat) -> Node:
        node = Node("flat").set("id", flat.ident)
        if flat.number:
            node.set("number", str(flat.number)[:200])
        levels = [s.level for s in flat.spaces]
        entrance_level = next((p.level for p in self.places if p.ident == flat.entrance), None)
        node.set("level", entrance_level if entrance_level is not None else (min(levels) if levels else None))
        node.set("entrance", flat.entrance)
        if flat.entity is not None:
            node.add(Comment(f"flat from {label(flat.entity)}"))
        else:
            node.add(Comment("flat from the fallback (no IfcZone/IfcSpatialZone names a flat)"))
        for space in sorted(flat.spaces, key=lambda s: s.entity.GlobalId):
            room = Node("room").set("id", space.ident).set("kind", space.kind)
            if space.name:
                room.set("name", space.name[:200])
            if space.area is not None:
                room.set("area", number(space.area, 2))
            for fixture in space.fixtures:
                room.add(fixture)
            node.add(room)
        for connector in flat.connectors:
            node.add(connector)
        return node


HEADER = """Converted from IFC by barrierfree-ifc {version} ({schema}, {source}).
Absent attributes were not in the model: the checker reports them as unknown.
clearWidthEstimated="true" marks a door clear width derived from other IFC data, and a comment
"bf:estimate" inside the element says how; "bf:unmeasured" says why a value is absent."""


def convert_model(model, options: Options | None = None, warn=None, source: str = "") -> tuple[bytes, list[str]]:
    from . import __version__
    from .xmlout import serialize
    converter = Converter(model, options, warn)
    root = converter.convert()
    header = HEADER.format(version=__version__, schema=model.schema, source=source or "model")
    return serialize(root, header), converter.warnings
