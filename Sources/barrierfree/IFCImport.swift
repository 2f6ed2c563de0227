import ArgumentParser
import BarrierFree
import Foundation

/// Building models in IFC, read through the Python bridge in IFCBridge/
/// (ifcopenshell, the field's own IFC library): the Swift core does not
/// depend on it; the command line runs it when an input is IFC.
enum IFCBridgeRunner {
  /// Whether `path` is an IFC model: its name ends in `.ifc`, or its text
  /// starts as a STEP file does (`ISO-10303-21;`).
  static func isIFC(_ path: String) -> Bool {
    if path.lowercased().hasSuffix(".ifc") { return true }
    guard path != "-", let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 64)) ?? Data()
    let text = String(decoding: head, as: UTF8.self).drop { $0 == "\u{FEFF}" || $0.isWhitespace }
    return text.hasPrefix("ISO-10303-21;")
  }

  /// What to install, in one line, when the bridge cannot run.
  static let installHint =
    "reading IFC needs Python 3 and the IFC bridge: `pip install ./IFCBridge` from the BarrierFree "
    + "repository (ifcopenshell 0.9.0.post1), or `pip install -r IFCBridge/requirements.txt`"

  /// The command that runs the bridge: `BARRIERFREE_IFC_BRIDGE` (a command
  /// line); else, for a tool built in a checkout, that checkout's
  /// IFCBridge/ (`python3 -m barrierfree_ifc` with it on the Python path),
  /// so that the tool and its bridge are of one version; else
  /// `barrierfree-ifc` on the PATH; else `python3 -m barrierfree_ifc` (an
  /// installed package). Nil when there is no Python.
  static func command() -> (arguments: [String], environment: [String: String])? {
    var environment = ProcessInfo.processInfo.environment
    if let configured = environment["BARRIERFREE_IFC_BRIDGE"], !configured.isEmpty {
      return (configured.split(separator: " ").map(String.init), environment)
    }
    let python = executable("python3", in: environment)
    if let python, let bridge = checkoutBridge() {
      environment["PYTHONPATH"] = [bridge, environment["PYTHONPATH"]].compactMap { $0 }
        .joined(separator: ":")
      return ([python, "-m", "barrierfree_ifc"], environment)
    }
    if let installed = executable("barrierfree-ifc", in: environment) {
      return ([installed], environment)
    }
    return python.map { ([$0, "-m", "barrierfree_ifc"], environment) }
  }

  /// `name` found on the PATH.
  private static func executable(_ name: String, in environment: [String: String]) -> String? {
    for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The IFCBridge/ folder of the checkout the tool was built in: found
  /// from the executable upwards (`.build/debug/barrierfree`).
  private static func checkoutBridge() -> String? {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    while directory.path != "/" {
      let bridge = directory.appendingPathComponent("IFCBridge")
      if FileManager.default.fileExists(
        atPath: bridge.appendingPathComponent("barrierfree_ifc/__init__.py").path)
      {
        return bridge.path
      }
      directory.deleteLastPathComponent()
    }
    return nil
  }

  /// Converts the model at `ifc` into portfolio XML at `xml`, passing the
  /// bridge's warnings (`warning: #1234 IfcDoor 'Innentuer-1': …`) on to
  /// standard error.
  ///
  /// - Throws: `CommandFailure` with the bridge's error, or with what to
  ///   install when Python or ifcopenshell is missing.
  static func convert(_ ifc: String, to xml: String, options: [String] = []) throws(CommandFailure)
  {
    guard let (command, environment) = command() else {
      throw CommandFailure("error: \(ifc.escapedForOneLine): \(installHint); python3 was not found")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst()) + ["convert", ifc, "-o", xml] + options
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.standardError
    do {
      try process.run()
    } catch {
      throw CommandFailure("error: \(ifc.escapedForOneLine): cannot run the IFC bridge: \(error)")
    }
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let lines = text.split(separator: "\n").map(String.init)
    let status = process.terminationStatus
    if status == 0 {
      for line in lines { StandardError.print("\(ifc.escapedForOneLine): \(line)") }
      for line in summary(of: xml) { StandardError.print("\(ifc.escapedForOneLine): \(line)") }
      return
    }
    // 3: the bridge's own "ifcopenshell is not installed"; 127: a shell or
    // shim that found no such command.
    if status == 3 || status == 127 || text.contains("No module named 'barrierfree_ifc'")
      || text.contains("No module named 'ifcopenshell'")
    {
      throw CommandFailure("error: \(ifc.escapedForOneLine): \(installHint)")
    }
    // The bridge's lines name the IFC entity: `barrierfree-ifc: error:
    // #1234 IfcDoor 'Innentuer-1': …`.
    let messages = lines.map {
      "\(ifc.escapedForOneLine): " + $0.replacingOccurrences(of: "barrierfree-ifc: ", with: "")
    }
    throw CommandFailure(
      messages.isEmpty
        ? "error: \(ifc.escapedForOneLine): the IFC bridge failed (exit \(status))"
        : messages.joined(separator: "\n"))
  }
}

extension IFCBridgeRunner {
  /// What the model became, a line per flat: its rooms with their kinds,
  /// its doors and how many of their widths are estimates or missing, so
  /// that a planner sees at once what the check is about to judge.
  static func summary(of xml: String) -> [String] {
    guard let reader = try? PortfolioReader(path: xml) else { return [] }
    var lines: [String] = []
    while let event = reader.next() {
      guard case .building(let building, _) = event else { continue }
      if building.flats.isEmpty { lines.append("building \(building.id): no flat") }
      for flat in building.flats {
        let rooms = flat.rooms.map { "\($0.name ?? $0.id) (\($0.kind.rawValue))" }
        let doors = flat.doors
        let estimated = doors.count { $0.clearWidthEstimated }
        let missing = doors.count { $0.clearWidth == nil }
        lines.append(
          "building \(building.id), flat \(flat.id): \(rooms.count) room\(rooms.count == 1 ? "" : "s")"
            + (rooms.isEmpty ? "" : " (\(rooms.joined(separator: ", ")))")
            + "; \(doors.count) door\(doors.count == 1 ? "" : "s"), clear width estimated for "
            + "\(estimated), not in the model for \(missing)")
      }
    }
    return lines.map(\.escapedForOneLine)
  }
}

/// IFC inputs converted for one run into a temporary folder, removed at the
/// end: the portfolio XML that stands for each.
final class ConvertedInputs {
  private var directory: URL?
  /// The paths to read, in the order of the inputs: an input's own path,
  /// or its conversion for an IFC model.
  let paths: [String]

  /// Converts the IFC models among `files`.
  init(_ files: [String]) throws(CommandFailure) {
    var paths: [String] = []
    var directory: URL?
    for (index, file) in files.enumerated() {
      guard IFCBridgeRunner.isIFC(file) else {
        paths.append(file)
        continue
      }
      if directory == nil {
        let made = FileManager.default.temporaryDirectory.appendingPathComponent(
          "barrierfree-ifc-\(UUID().uuidString)")
        do {
          try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true)
        } catch {
          throw CommandFailure("error: cannot make a temporary folder: \(error)")
        }
        directory = made
      }
      let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
      let xml = (directory ?? URL(fileURLWithPath: "/tmp")).appendingPathComponent(
        "\(index)-\(name).xml"
      ).path
      do {
        try IFCBridgeRunner.convert(file, to: xml)
      } catch {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        throw error
      }
      paths.append(xml)
    }
    self.paths = paths
    self.directory = directory
  }

  deinit { removeFolder() }

  /// The inputs converted, or the bridge's error on standard error and
  /// exit code 2.
  static func exiting(_ files: [String]) throws -> ConvertedInputs {
    do {
      return try ConvertedInputs(files)
    } catch {
      StandardError.print(error.description)
      throw ExitCode(2)
    }
  }

  private func removeFolder() {
    if let directory { try? FileManager.default.removeItem(at: directory) }
    directory = nil
  }
}

/// `barrierfree import design.ifc -o design.xml`: an IFC model as portfolio
/// XML, for review before it is checked.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Convert an IFC building model (IFC2X3, IFC4) into portfolio XML for review.",
    discussion: """
      Runs the IFC bridge (IFCBridge/, Python with ifcopenshell): storeys become levels, spaces \
      rooms (their kind from names such as Bad, Küche, Flur), zones flats, and doors, stairs, \
      ramps, lifts and sanitary terminals what the portfolio format has for them. A door's clear \
      width estimated from its lining and leaf is marked clearWidthEstimated="true": a check fails \
      it when too narrow and leaves it unknown when wide enough. What IFC does not carry \
      (thresholds, manoeuvring areas) stays unmeasured, so a check reports it unknown. \
      'barrierfree check design.ifc' converts and checks in one go.

      Exit code 0 when written, 2 for an unreadable model, a missing Python or ifcopenshell (the \
      message says what to install), or usage.
      """
  )

  @Argument(help: "The IFC model (.ifc).")
  var model: String

  @Option(name: .shortAndLong, help: "The portfolio XML to write.")
  var output: String

  @Option(
    help: ArgumentHelp(
      "Without zones that name flats: the whole building is one flat (building, the default) or "
        + "one flat per storey (storey).", valueName: "building|storey"))
  var flats: String = "building"

  @Option(
    name: .customLong("room-kinds"),
    help: ArgumentHelp(
      "A table of room names and kinds added to the built-in one (TOML).", valueName: "file"))
  var roomKinds: String?

  func validate() throws {
    guard ["building", "storey"].contains(flats) else {
      throw ValidationError("--flats takes building or storey, not '\(flats)'")
    }
  }

  func run() throws {
    do {
      try InputFile.checkReadable(model)
      try OutputFile.refuseInput(output: output, inputs: [model])
    } catch {
      StandardError.print("error: \(error)")
      throw ExitCode(2)
    }
    do {
      try IFCBridgeRunner.convert(
        model, to: output,
        options: ["--flats", flats] + (roomKinds.map { ["--room-kinds", $0] } ?? []))
    } catch {
      StandardError.print(error.description)
      throw ExitCode(2)
    }
  }
}
