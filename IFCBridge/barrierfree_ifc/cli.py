"""Command line: barrierfree-ifc convert design.ifc -o design.xml

Exit codes: 0 converted; 1 the output could not be written or an unexpected error; 3 ifcopenshell
is not installed; 2 bad input
(unreadable IFC, not IFC, unsupported schema, no IfcBuilding, bad room-kind table) or bad arguments.
Warnings and errors go to stderr, one line each: "warning: #1234 IfcDoor 'Innentuer-1': ...".
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="barrierfree-ifc",
                                     description="Convert IFC2X3/IFC4 models to BarrierFree portfolio XML.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    convert = sub.add_parser("convert", help="convert one IFC file to portfolio XML")
    convert.add_argument("input", help="the IFC file (IFC2X3 or IFC4, STEP)")
    convert.add_argument("-o", "--output", help="the XML file to write (default: standard output)")
    convert.add_argument("--room-kinds", metavar="FILE", type=Path,
                         help="a TOML table of room kinds added to the built-in one (see room_kinds.toml)")
    convert.add_argument("--flats", choices=("building", "storey"), default="building",
                         help="without flat zones: the whole building is one flat (default), or one flat per storey")
    convert.add_argument("--all-zones", action="store_true",
                         help="read every IfcZone/IfcSpatialZone as a flat, not only those named like one")
    convert.add_argument("--estimates", choices=("mark", "omit"), default="mark",
                         help="write estimated values with a bf:estimate comment (default), or leave them unmeasured")
    convert.add_argument("--no-geometry", action="store_true",
                         help="no geometric fallbacks (door-space adjacency, fixture rooms, stair and ramp ends)")
    convert.add_argument("-q", "--quiet", action="store_true", help="no warnings on stderr")
    return parser


def _error(message: str) -> None:
    print(f"barrierfree-ifc: error: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        from .convert import BadInput, Options, convert_model, open_ifc
        from .room_kinds import TableError
    except ImportError as error:
        _error(f"{error.name or 'a module'} is not installed: pip install -r IFCBridge/requirements.txt "
               "(ifcopenshell==0.9.0.post1)")
        return 3

    source = Path(args.input)
    if args.output and args.output != "-":
        target = Path(args.output)
        try:
            same = target.exists() and source.exists() and os.path.samefile(target, source)
        except OSError:
            same = False
        if same or target.resolve() == source.resolve():
            _error(f"{target}: refusing to overwrite the input file")
            return 2
    options = Options(room_kinds=args.room_kinds, flats=args.flats, all_zones=args.all_zones,
                      estimates=args.estimates, geometry=not args.no_geometry)

    def warn(text: str) -> None:
        if not args.quiet:
            print(f"warning: {text}", file=sys.stderr)

    try:
        model = open_ifc(source)
        data, _ = convert_model(model, options, warn, source=source.name)
    except (BadInput, TableError) as error:
        _error(str(error))
        return 2

    if not args.output or args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    target = Path(args.output)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=str(target.parent if str(target.parent) else "."))
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            # mkstemp makes the file 0600; the XML gets the permissions any new file of the user gets.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
            os.replace(temporary, target)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except OSError as error:
        _error(f"{target}: cannot write: {error.strerror or error}")
        return 1
    return 0
