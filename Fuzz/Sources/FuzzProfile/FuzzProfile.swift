import BarrierFree
import FuzzDriver

/// A flat with one of everything the rules look at, assessed under every
/// profile the fuzzer manages to write.
let sampleFlat: Flat = {
  let area = [MovementArea(width: .mm(1500), depth: .mm(1500))]
  let rooms = [
    Room(id: "hall", kind: .hallway, width: .mm(1300), movementAreas: area),
    Room(
      id: "living", kind: .living, movementAreas: area,
      fixtures: [.window(Window(sillHeight: .mm(600), handleHeight: .mm(900)))]),
    Room(
      id: "bed", kind: .bedroom, movementAreas: area,
      fixtures: [.bed(Bed(clearanceLeft: .mm(1500), clearanceRight: .mm(1200)))]),
    Room(
      id: "bath", kind: .bathroom, movementAreas: area,
      fixtures: [
        .wc(WC(seatHeight: .mm(470))), .washbasin(Washbasin(height: .mm(800))),
        .shower(Shower(floorLevel: true, width: .mm(1500), depth: .mm(1500))),
      ]),
  ]
  return Flat(
    id: "W1", entrance: "landing", rooms: rooms,
    connectors: [
      .door(Door(from: "landing", to: "hall", clearWidth: .mm(900), threshold: .mm(0))),
      .door(Door(from: "hall", to: "bath", clearWidth: .mm(900), opensInto: .from)),
      .steps(Steps(from: "hall", to: "living", count: 1)),
    ])
}()

/// libFuzzer entry: reads the bytes as a profile. Every input must end in a
/// profile or in diagnostics with a place in the file; a profile that loads
/// must form a ladder or be refused with a reason, and a ladder must assess
/// a flat without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let profile: Profile
  do throws(ImportError) {
    profile = try ProfileReader.read(bytes: bytes, fileName: "fuzz.xml")
  } catch {
    if error.diagnostics.isEmpty { fatalError("refused without a diagnostic") }
    for diagnostic in error.diagnostics where diagnostic.location.line < 0 {
      fatalError("negative line in \(diagnostic)")
    }
    return 0
  }
  var library = ProfileLibrary.builtIn
  do {
    try library.add(profile)
    let assessor = try Assessor(ladder: library.ladder(for: profile.id))
    let assessment = assessor.assess(sampleFlat)
    _ = assessment.classification.description
    for finding in assessment.results.flatMap(\.findings) { _ = finding.evaluation.message }
  } catch {
    _ = error.description
  }
  return 0
}

// SwiftPM links an executable target's entry point as `<Target>_main`;
// hand control to libFuzzer's driver from there.
@_cdecl("FuzzProfile_main")
func fuzzerMain(
  _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  runFuzzer(argc, argv) { data, size in fuzzProfile(data, size) }
}
