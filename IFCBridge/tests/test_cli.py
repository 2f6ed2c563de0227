"""The command line: exit codes, messages, temp-file writing, refusing to overwrite the input."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import ifcopenshell
import pytest

from conftest import BRIDGE, run_cli

WARNING = re.compile(r"^warning: #\d+ Ifc\w+( '[^']*')?: .+$")


def test_convert_writes_valid_xml_and_warnings_name_the_entity(models, tmp_path, validate):
    out = tmp_path / "design.xml"
    umask = os.umask(0o022)
    try:
        result = run_cli("convert", models["IFC4"], "-o", out, check=0)
    finally:
        os.umask(umask)
    # The permissions of any new file of the user, not mkstemp's 0600.
    assert out.stat().st_mode & 0o777 == 0o644
    validate(out.read_bytes())
    lines = result.stderr.decode().splitlines()
    assert lines and all(WARNING.match(line) for line in lines), lines
    assert [p.name for p in tmp_path.iterdir()] == ["design.xml"]  # no temp file left


def test_stdout_when_no_output(models, validate):
    result = run_cli("convert", models["IFC2X3"], "-q", check=0)
    validate(result.stdout)
    assert result.stderr == b""


def test_refuses_to_overwrite_the_input(models, tmp_path):
    source = tmp_path / "model.ifc"
    shutil.copy(models["IFC4"], source)
    before = source.read_bytes()
    result = run_cli("convert", source, "-o", source, check=2)
    assert source.read_bytes() == before
    assert b"refusing to overwrite the input" in result.stderr


@pytest.mark.parametrize("content, message", [
    (b"hello, not an IFC\n", b"not an IFC file"),
    (b"ISO-10303-21;\nHEADER;\nthis is broken\n", b"unreadable IFC"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, content, message):
    path = tmp_path / "bad.ifc"
    path.write_bytes(content)
    result = run_cli("convert", path, "-o", tmp_path / "out.xml", check=2)
    assert message in result.stderr
    assert len(result.stderr.decode().strip().splitlines()) == 1
    assert not (tmp_path / "out.xml").exists()


def test_missing_file_and_unsupported_schema_exit_2(tmp_path):
    result = run_cli("convert", tmp_path / "absent.ifc", check=2)
    assert b"cannot read" in result.stderr
    path = tmp_path / "x43.ifc"
    ifcopenshell.file(schema="IFC4X3").write(str(path))
    result = run_cli("convert", path, check=2)
    assert b"unsupported schema IFC4X3" in result.stderr


def test_no_building_exits_2(tmp_path):
    path = tmp_path / "empty.ifc"
    ifcopenshell.file(schema="IFC4").write(str(path))
    result = run_cli("convert", path, check=2)
    assert b"no IfcBuilding" in result.stderr


def test_bad_room_kinds_file_exits_2(models, tmp_path):
    bad = tmp_path / "kinds.toml"
    bad.write_text("[rooms.kitchenette]\nnames = ['x']\n", encoding="utf-8")
    result = run_cli("convert", models["IFC4"], "--room-kinds", bad, check=2)
    assert b"unknown kind" in result.stderr


def test_console_entry_point(models):
    exe = shutil.which("barrierfree-ifc")
    if exe is None:
        pytest.skip("barrierfree-ifc is not installed (pip install -e IFCBridge)")
    result = subprocess.run([exe, "convert", str(models["IFC4"]), "-q"], capture_output=True)
    assert result.returncode == 0 and result.stdout.startswith(b"<?xml")
