"""Models built with ifcopenshell.api for the tests and the benchmark.

`flat_model()` is a two-storey building in millimetres and degrees: a staircase (a common space),
a flat zone "Wohnung 1" with hall (Flur), living room, bathroom and bedroom; doors whose clear widths
are 760 mm (estimated from lining data), 800 mm (stated in BarrierFree_DoorAccessibility) and 900 mm
(estimated); a flat entrance door without lining data; a stair; a ramp of 6 %; a lift of
1100 x 1400 mm; a WC and a shower in the bathroom.
"""
from __future__ import annotations

import math

import ifcopenshell
import ifcopenshell.api.aggregate
import ifcopenshell.api.context
import ifcopenshell.api.geometry
import ifcopenshell.api.group
import ifcopenshell.api.pset
import ifcopenshell.api.root
import ifcopenshell.api.spatial
import ifcopenshell.api.type
import ifcopenshell.guid
import numpy

RAMP_DEGREES = math.degrees(math.atan(0.06))  # 6 %


def new_file(schema: str = "IFC4", millimetres: bool = True):
    f = ifcopenshell.file(schema=schema)
    if schema == "IFC2X3":  # IFC2X3 requires an owner history on every rooted entity
        import ifcopenshell.api.owner.settings as owner
        person = f.createIfcPerson(None, "Test", "Tester")
        organisation = f.createIfcOrganization(None, "BarrierFree")
        user = f.createIfcPersonAndOrganization(person, organisation)
        application = f.createIfcApplication(organisation, "0.1", "barrierfree-ifc tests", "bf-tests")
        owner.get_user = lambda file: user
        owner.get_application = lambda file: application
    project = ifcopenshell.api.root.create_entity(f, ifc_class="IfcProject", name="Testprojekt")
    dims = f.createIfcDimensionalExponents(0, 0, 0, 0, 0, 0, 0)
    radian = f.createIfcSIUnit(None, "PLANEANGLEUNIT", None, "RADIAN")
    degree = f.createIfcConversionBasedUnit(
        dims, "PLANEANGLEUNIT", "DEGREE",
        f.createIfcMeasureWithUnit(f.createIfcPlaneAngleMeasure(math.pi / 180), radian))
    length = f.createIfcSIUnit(None, "LENGTHUNIT", "MILLI" if millimetres else None, "METRE")
    area = f.createIfcSIUnit(None, "AREAUNIT", None, "SQUARE_METRE")
    project.UnitsInContext = f.createIfcUnitAssignment([length, area, degree])
    context = ifcopenshell.api.context.add_context(f, context_type="Model")
    body = ifcopenshell.api.context.add_context(f, context_type="Model", context_identifier="Body",
                                                target_view="MODEL_VIEW", parent=context)
    return f, project, body


def entity(f, ifc_class, name=None, predefined_type=None, **attributes):
    element = ifcopenshell.api.root.create_entity(f, ifc_class=ifc_class, name=name, predefined_type=predefined_type)
    for key, value in attributes.items():
        setattr(element, key, value)
    return element


def typed(f, ifc_type, value):
    """A typed IFC value, so that custom property sets carry IfcLengthMeasure rather than IfcReal."""
    return f.create_entity(ifc_type, value)


def pset(f, product, name, properties, qto=False):
    if qto:
        q = ifcopenshell.api.pset.add_qto(f, product=product, name=name)
        ifcopenshell.api.pset.edit_qto(f, qto=q, properties=properties)
        return q
    p = ifcopenshell.api.pset.add_pset(f, product=product, name=name)
    ifcopenshell.api.pset.edit_pset(f, pset=p, properties=properties)
    return p


def spatial(f, project, storeys=((("EG", 0.0)), ("OG", 3000.0)), building_name="Haus A"):
    site = entity(f, "IfcSite", "Grundstueck")
    building = entity(f, "IfcBuilding", building_name)
    ifcopenshell.api.aggregate.assign_object(f, products=[site], relating_object=project)
    ifcopenshell.api.aggregate.assign_object(f, products=[building], relating_object=site)
    result = []
    for name, elevation in storeys:
        storey = entity(f, "IfcBuildingStorey", name, Elevation=elevation)
        ifcopenshell.api.aggregate.assign_object(f, products=[storey], relating_object=building)
        result.append(storey)
    return building, result


def space(f, storey, number, long_name, area=None, qto_name="Qto_SpaceBaseQuantities"):
    s = entity(f, "IfcSpace", number, LongName=long_name)
    ifcopenshell.api.aggregate.assign_object(f, products=[s], relating_object=storey)
    if area is not None:
        pset(f, s, qto_name, {"NetFloorArea": area}, qto=True)
    return s


def door_type(f, name, operation, lining=None, panel=None):
    schema = f.schema
    if schema == "IFC2X3":
        t = entity(f, "IfcDoorStyle", name, OperationType=operation, ConstructionType="NOTDEFINED",
                   ParameterTakesPrecedence=False, Sizeable=False)
    else:
        t = entity(f, "IfcDoorType", name, predefined_type="DOOR", OperationType=operation,
                   ParameterTakesPrecedence=False)
    sets = []
    if lining is not None:
        sets.append(f.create_entity("IfcDoorLiningProperties", GlobalId=ifcopenshell.guid.new(),
                                    Name="Lining", LiningDepth=100.0, LiningThickness=lining))
    if panel is not None:
        sets.append(f.create_entity("IfcDoorPanelProperties", GlobalId=ifcopenshell.guid.new(), Name="Panel",
                                    PanelDepth=panel, PanelOperation="SWINGING", PanelPosition="MIDDLE"))
    if sets:
        t.HasPropertySets = sets
    return t


def boundary(f, space_, element, internal=True):
    return f.create_entity("IfcRelSpaceBoundary", GlobalId=ifcopenshell.guid.new(), Name="2ndLevel",
                           RelatingSpace=space_, RelatedBuildingElement=element,
                           PhysicalOrVirtualBoundary="PHYSICAL",
                           InternalOrExternalBoundary="INTERNAL" if internal else "EXTERNAL")


def door(f, storey, name, overall_width, dtype=None, spaces=(), clear_width=None, threshold=None):
    d = entity(f, "IfcDoor", name, OverallWidth=overall_width, OverallHeight=2135.0)
    ifcopenshell.api.spatial.assign_container(f, products=[d], relating_structure=storey)
    if dtype is not None:
        ifcopenshell.api.type.assign_type(f, related_objects=[d], relating_type=dtype)
    props = {}
    if clear_width is not None:
        props["ClearWidth"] = typed(f, "IfcLengthMeasure", clear_width)
    if threshold is not None:
        props["ThresholdHeight"] = typed(f, "IfcLengthMeasure", threshold)
    if props:
        pset(f, d, "BarrierFree_DoorAccessibility", props)
    for s in spaces:
        boundary(f, s, d)
    return d


def flat_model(schema: str = "IFC4", complete: bool = False):
    """complete=True adds what the IDS asks for: every door's clear width (the values the estimates
    give) and threshold, every space's BarrierFree room kind."""
    f, project, body = new_file(schema)
    building, (eg, og) = spatial(f, project)
    stairwell = space(f, eg, "00", "Treppenhaus", 18.0)
    hall = space(f, eg, "01", "Flur", 8.5)
    living = space(f, eg, "02", "Wohnzimmer", 24.25, qto_name="BaseQuantities")
    bath = space(f, eg, "03", "Bad", 7.8)
    bed = space(f, eg, "04", "Schlafzimmer 1", 14.0)
    zone = entity(f, "IfcZone", "Wohnung 1")
    ifcopenshell.api.group.assign_group(f, products=[hall, living, bath, bed], group=zone)

    narrow = door_type(f, "T-900", "SINGLE_SWING_LEFT", lining=50.0, panel=40.0)
    wide = door_type(f, "T-1040", "SINGLE_SWING_RIGHT", lining=50.0, panel=40.0)
    plain = door_type(f, "Wohnungseingangstuer", "SINGLE_SWING_LEFT")
    more = {"threshold": 0.0} if complete else {}
    door(f, eg, "Tuer-Bad", 900.0, narrow, (hall, bath),                                   # 900-100-40 = 760
         clear_width=760.0 if complete else None, **more)
    door(f, eg, "Tuer-Wohnen", 940.0, narrow, (hall, living), clear_width=800.0, **more)    # stated: 800
    door(f, eg, "Tuer-Schlafen", 1040.0, wide, (hall, bed),                                # 1040-100-40 = 900
         clear_width=900.0 if complete else None, **more)
    door(f, eg, "Wohnungstuer", 1010.0, plain, (stairwell, hall), threshold=0.0,           # no lining: unknown
         clear_width=910.0 if complete else None)
    if complete:
        for s, kind in ((stairwell, "landing"), (hall, "hallway"), (living, "living"), (bath, "bathroom"),
                        (bed, "bedroom")):
            pset(f, s, "BarrierFree_SpaceAccessibility", {"RoomKind": typed(f, "IfcLabel", kind)})

    stair = entity(f, "IfcStair", "Treppe EG-OG", predefined_type="STRAIGHT_RUN_STAIR" if schema != "IFC2X3" else None)
    if schema == "IFC2X3":
        stair.ShapeType = "STRAIGHT_RUN_STAIR"
    ifcopenshell.api.spatial.assign_container(f, products=[stair], relating_structure=eg)
    pset(f, stair, "Pset_StairCommon", {"NumberOfRiser": 17, "RiserHeight": 176.5, "TreadLength": 280.0})

    ramp = entity(f, "IfcRamp", "Rampe Eingang")
    if schema == "IFC2X3":
        ramp.ShapeType = "STRAIGHT_RUN_RAMP"
    else:
        ramp.PredefinedType = "STRAIGHT_RUN_RAMP"
    ifcopenshell.api.spatial.assign_container(f, products=[ramp], relating_structure=eg)
    flight = entity(f, "IfcRampFlight", "Rampenlauf 1")
    ifcopenshell.api.aggregate.assign_object(f, products=[flight], relating_object=ramp)
    pset(f, flight, "Pset_RampFlightCommon", {"Slope": typed(f, "IfcPlaneAngleMeasure", RAMP_DEGREES),
                                              "ClearWidth": typed(f, "IfcPositiveLengthMeasure", 1200.0)})

    if schema == "IFC2X3":
        lift = entity(f, "IfcTransportElement", "Aufzug", OperationType="ELEVATOR")
    else:
        lift = entity(f, "IfcTransportElement", "Aufzug", predefined_type="ELEVATOR")
    ifcopenshell.api.spatial.assign_container(f, products=[lift], relating_structure=eg)
    pset(f, lift, "Pset_TransportElementElevator", {"ClearWidth": 1100.0, "ClearDepth": 1400.0})

    for name, kind in (("WC", "TOILETPAN"), ("Dusche", "SHOWER")):
        if schema == "IFC2X3":
            terminal = entity(f, "IfcFlowTerminal", name)
            ttype = entity(f, "IfcSanitaryTerminalType", f"{name}-Typ", PredefinedType=kind)
            ifcopenshell.api.type.assign_type(f, related_objects=[terminal], relating_type=ttype)
        else:
            terminal = entity(f, "IfcSanitaryTerminal", name, predefined_type=kind)
        ifcopenshell.api.spatial.assign_container(f, products=[terminal], relating_structure=bath)
    return f


def _box(f, body, product, x, y, z, dx, dy, dz):
    """A box representation dx x dy x dz (project units) at x, y, z."""
    rep = ifcopenshell.api.geometry.add_wall_representation(f, context=body, length=dx, height=dz, thickness=dy)
    ifcopenshell.api.geometry.assign_representation(f, product=product, representation=rep)
    matrix = numpy.eye(4)
    matrix[0][3], matrix[1][3], matrix[2][3] = x, y, z
    ifcopenshell.api.geometry.edit_object_placement(f, product=product, matrix=matrix, is_si=False)


def geometry_model():
    """No space boundaries, no zones: hall and bathroom side by side, a door box in the wall between,
    a WC placed (not contained) inside the bathroom's box. Metres."""
    f, project, body = new_file("IFC4", millimetres=False)
    building, (eg,) = spatial(f, project, storeys=(("EG", 0.0),), building_name="Haus G")
    hall = space(f, eg, "1", "Diele", 6.0)
    bath = space(f, eg, "2", "Badezimmer", 6.0)
    _box(f, body, hall, 0.0, 0.0, 0.0, 2.0, 3.0, 2.5)
    _box(f, body, bath, 2.1, 0.0, 0.0, 2.0, 3.0, 2.5)
    dtype = door_type(f, "T", "SINGLE_SWING_LEFT", lining=0.05, panel=0.04)
    d = door(f, eg, "Tuer-Bad", 0.99, dtype)
    _box(f, body, d, 1.98, 1.0, 0.0, 0.14, 0.99, 2.1)
    wc = entity(f, "IfcSanitaryTerminal", "WC", predefined_type="TOILETPAN")
    ifcopenshell.api.spatial.assign_container(f, products=[wc], relating_structure=eg)
    matrix = numpy.eye(4)
    matrix[0][3], matrix[1][3] = 3.5, 2.5
    ifcopenshell.api.geometry.edit_object_placement(f, product=wc, matrix=matrix, is_si=False)
    return f


def many_doors_model(doors: int = 10_000, per_flat: int = 10):
    """A benchmark model: flats of one hall and `per_flat - 1` rooms each, off a common corridor per
    storey; an entrance door and a door from the hall into every room, all with lining data and
    space boundaries; one flat zone per flat; `doors` doors in all."""
    f, project, body = new_file("IFC4")
    flats = max(1, doors // per_flat)
    storeys_n = max(1, flats // 50)
    building, storeys = spatial(f, project, storeys=[(f"G{i}", 3000.0 * i) for i in range(storeys_n)],
                                building_name="Block")
    corridors = [space(f, s, f"{i}.C", "Laubengang", 40.0) for i, s in enumerate(storeys)]
    dtype = door_type(f, "T-1040", "SINGLE_SWING_LEFT", lining=50.0, panel=40.0)
    kinds = ["Wohnzimmer", "Schlafzimmer", "Kind", "Bad", "Küche", "Abstellraum", "WC", "Balkon", "Loggia"]
    made = 0
    for n in range(flats):
        if made >= doors:
            break
        storey = storeys[n % storeys_n]
        hall = space(f, storey, f"{n}.0", "Flur", 8.0)
        door(f, storey, f"W{n}", 1040.0, dtype, (corridors[n % storeys_n], hall))
        made += 1
        members = [hall]
        for r in range(per_flat - 1):
            if made >= doors:
                break
            room = space(f, storey, f"{n}.{r + 1}", kinds[r % len(kinds)], 12.0)
            members.append(room)
            d = door(f, storey, f"T{n}.{r + 1}", 940.0 + (r % 3) * 50.0, dtype, (hall, room))
            pset(f, d, "Pset_DoorCommon", {"IsExternal": False})
            made += 1
        zone = entity(f, "IfcZone", f"Wohnung {n}")
        ifcopenshell.api.group.assign_group(f, products=members, group=zone)
    return f
