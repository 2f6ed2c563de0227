import BarrierFree
import FuzzDriver

/// libFuzzer entry: reads the bytes as a portfolio with small chunks (so that
/// chunk boundaries fall everywhere), then writes back whatever was read and
/// reads that again. Any crash, hang or sanitizer report is a finding; every
/// input must end in buildings or diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let reader = PortfolioReader(
    bytes: bytes, fileName: "fuzz.xml", options: ReaderOptions(maxErrors: 20, chunkSize: 97))
  var buildings: [Building] = []
  while let event = reader.next() {
    if case .building(let building, _) = event { buildings.append(building) }
  }
  for diagnostic in reader.diagnostics where diagnostic.location.line < 0 {
    fatalError("negative line in \(diagnostic)")
  }
  // What was read without errors must survive a round trip.
  if !reader.hasErrors, !buildings.isEmpty {
    let portfolio = Portfolio(members: buildings.map { .building($0) })
    guard let text = try? PortfolioWriter.document(portfolio) else { return 0 }
    let again = PortfolioReader(text: text, fileName: "again.xml")
    guard let back = try? again.readAll() else {
      fatalError("written document does not read back: \(again.diagnostics.prefix(3))")
    }
    if back != portfolio { fatalError("round trip changed the model") }
  }
  return 0
}

// SwiftPM links an executable target's entry point as `<Target>_main`;
// hand control to libFuzzer's driver from there.
@_cdecl("FuzzReader_main")
func fuzzerMain(
  _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  runFuzzer(argc, argv) { data, size in fuzzReader(data, size) }
}
