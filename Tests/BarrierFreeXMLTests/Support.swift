import BarrierFreeModel
import BarrierFreeXML
import Foundation

/// The repository's root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repositoryPath(_ relative: String) -> String {
  repositoryRoot.appendingPathComponent(relative).path
}

/// Reads a document given as text and returns the reader after the last event.
@discardableResult
func readAll(_ text: String, name: String = "test.xml", options: ReaderOptions = ReaderOptions())
  -> (reader: PortfolioReader, buildings: [Building])
{
  let reader = PortfolioReader(text: text, fileName: name, options: options)
  var buildings: [Building] = []
  while let event = reader.next() {
    if case .building(let building, _) = event { buildings.append(building) }
  }
  return (reader, buildings)
}

/// A minimal valid document around `body` (the content of one building).
func document(building body: String, attributes: String = "") -> String {
  """
  <?xml version="1.0" encoding="UTF-8"?>
  <portfolio xmlns="urn:barrierfree:portfolio:1">
    <building id="b1"\(attributes)>
  \(body)
    </building>
  </portfolio>
  """
}

/// A scratch directory removed when the value goes away.
final class ScratchDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("barrierfree-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = url.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }
}

/// Runs a program and returns its exit status.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus
}
