import BarrierFree
import Dispatch
import Foundation
import FuzzDriver

/// What a reading gave: a line per event (the root's left out, since every
/// segment repeats it) and the diagnostics.
private func summary(_ event: PortfolioEvent) -> String? {
  switch event {
  case .portfolio: nil
  case .quarter(let quarter): "quarter \(quarter.id)"
  case .building(let building, let quarter): "building in \(quarter ?? "-"): \(building)"
  case .endQuarter(let id): "end of quarter \(id)"
  }
}

/// The segmented reading's results, handed from its task to the caller.
private final class Box: @unchecked Sendable {
  var lines: [String] = []
  var diagnostics: [String] = []
  var failure: String?
}

private let path = NSTemporaryDirectory() + "fuzz-segmented-\(getpid()).xml"

/// libFuzzer entry: reads the bytes once with one reader and once cut
/// between the root's children into segments read by parallel readers
/// (`SegmentedReading`, one building a segment). Both must hand out the same
/// buildings, quarters and diagnostics, at the same lines and columns,
/// whatever the input; a difference stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSegmented(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Data(bytes: data, count: size)
  guard FileManager.default.createFile(atPath: path, contents: bytes) else { return 0 }
  let options = ReaderOptions(maxErrors: 20, chunkSize: 97, segmentSize: 1)

  guard let single = try? PortfolioReader(path: path, options: options) else { return 0 }
  var expected: [String] = []
  while let event = single.next() {
    if let line = summary(event) { expected.append(line) }
  }
  let expectedDiagnostics = single.diagnostics.map(\.description)

  let box = Box()
  let done = DispatchSemaphore(value: 0)
  Task {
    do {
      let outcome = try await SegmentedReading.read(
        path: path, options: options, jobs: 2,
        process: { reader, emit in
          while let event = reader.next() {
            if let line = summary(event) { try emit(line) }
          }
        },
        consume: { box.lines.append($0) })
      box.diagnostics = outcome.diagnostics.map(\.description)
    } catch {
      box.failure = "\(error)"
    }
    done.signal()
  }
  done.wait()
  if let failure = box.failure { fatalError("segmented reading threw: \(failure)") }
  if box.lines != expected {
    fatalError("segments handed out other events:\n\(box.lines)\nexpected:\n\(expected)")
  }
  if box.diagnostics != expectedDiagnostics {
    fatalError(
      "segments reported other problems:\n\(box.diagnostics.joined(separator: "\n"))\n"
        + "expected:\n\(expectedDiagnostics.joined(separator: "\n"))")
  }
  return 0
}

@_cdecl("FuzzSegmented_main")
func fuzzerMain(
  _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  runFuzzer(argc, argv) { data, size in fuzzSegmented(data, size) }
}
