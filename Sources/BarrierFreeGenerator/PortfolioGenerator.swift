import BarrierFreeModel
import BarrierFreeXML
import BarrierFreeXMLSupport

/// Generates synthetic, schema-valid portfolios for load tests and
/// benchmarks, with the building types and defects of the bundled quarter
/// sample (`Samples/quarter-bielefeld.xml`): a wheelchair-usable new build, a
/// 1960s walk-up, a converted 1970s block, terraced houses, a house with a
/// platform lift, a retrofitted block with a lift.
///
/// Each generated building is a copy of one of the sample's eight buildings,
/// drawn at random, with its own ids and house number (in its name too).
/// Three in five are exact copies (a repeated design); in the others one
/// measurement in twelve varies by a few per cent, as the same design does
/// when built and surveyed again, so that some flats cross a threshold
/// either way. On top of the gaps the sample has, a share `incomplete` of
/// the measurements and surveyed facts is left out, as in real surveys.
///
/// The gaps are drawn from a random stream of their own: the same seed
/// with another `incomplete` gives the same buildings with the same
/// values, and a larger share leaves out every value a smaller one does,
/// and more. So the effect of missing data can be measured on one
/// portfolio.
///
/// With a share `quarters` above 0, that share of the buildings comes in
/// whole copies of the sample's quarter: its eight buildings in order, with
/// its places, facilities (the café and the care base of the Bielefeld
/// model) and outdoor paths, ids prefixed `q<n>-`, so that the quarter view
/// has work to do.
///
/// Deterministic: the same seed and options give the same bytes. Streaming:
/// buildings are made and written one at a time, so memory does not depend on
/// the number of buildings.
///
/// ```swift
/// var generator = try PortfolioGenerator(options: .init(buildings: 100, seed: 1))
/// try generator.write { text in print(text, terminator: "") }
/// ```
public struct PortfolioGenerator: Sendable {
  /// What to generate.
  public struct Options: Sendable {
    /// Number of buildings.
    public var buildings: Int
    /// The seed of the random generator.
    public var seed: UInt64
    /// Share of the measurements and surveyed facts left out, 0…1, on top
    /// of those the sample lacks.
    public var incomplete: Double
    /// Share of the buildings, 0…1, that come in copies of the sample's
    /// quarter (eight buildings each; fewer than eight left come alone).
    public var quarters: Double

    /// Creates options.
    public init(
      buildings: Int, seed: UInt64 = 1, incomplete: Double = 0.02, quarters: Double = 0
    ) {
      self.buildings = max(0, buildings)
      self.seed = seed
      self.incomplete = min(1, max(0, incomplete))
      self.quarters = min(1, max(0, quarters))
    }
  }

  /// The options.
  public let options: Options
  /// Draws the buildings and their variations.
  private var random: SplitMix64
  /// Draws the gaps, one number for every value that may be left out.
  private var gaps: SplitMix64
  /// Draws whether a quarter comes next.
  private var layout: SplitMix64
  private let templates: [Template]
  /// The sample's quarter: its start tag with its places, facilities and
  /// outdoor paths, and its buildings, in order, indented for a quarter.
  private let quarterStart: Template
  private let quarterBuildings: [Template]
  /// Whether the building being made varies from its type.
  private var varied = false

  /// Creates a generator.
  ///
  /// - Throws: `ImportError` if the embedded sample does not read, which
  ///   only a broken build can cause.
  public init(options: Options) throws {
    self.options = options
    self.random = SplitMix64(seed: options.seed)
    self.gaps = SplitMix64(seed: options.seed ^ 0xD1B5_4A32_D192_ED03)
    self.layout = SplitMix64(seed: options.seed ^ 0x8CB9_2BA7_2F3D_8DD7)
    let sample = try Self.loadTemplates()
    self.templates = sample.buildings
    self.quarterStart = sample.quarterStart
    self.quarterBuildings = sample.quarterBuildings
    self.varied = false
  }

  /// The number of building types the generator draws from.
  public var buildingTypes: Int { templates.count }

  /// Writes the whole document through `sink`, one building at a time.
  public mutating func write(to sink: (String) throws -> Void) throws {
    try sink(PortfolioWriter.header(name: "Synthetic portfolio (seed \(options.seed))"))
    // A quarter holds as many buildings as `count` single ones: drawn with
    // the chance that makes its buildings the share asked for.
    let count = Double(quarterBuildings.count)
    let quarterChance = options.quarters / (count - (count - 1) * options.quarters)
    var index = 0
    var quarter = 0
    while index < options.buildings {
      let draw = Double.random(in: 0..<1, using: &layout)
      if draw < quarterChance && options.buildings - index >= quarterBuildings.count {
        quarter += 1
        let prefix = Array("q\(quarter)-".utf8)
        try sink(text(of: quarterStart, prefix: prefix, index: index))
        for template in quarterBuildings {
          varied = Double.random(in: 0..<1, using: &random) < 0.4
          try sink(text(of: template, prefix: prefix, index: index))
          index += 1
        }
        try sink(PortfolioWriter.quarterEnd())
      } else {
        try sink(buildingText(index))
        index += 1
      }
    }
    try sink(PortfolioWriter.footer())
  }

  /// One building as the model; call in order (it advances the random
  /// generator as ``write(to:)`` does, so building `i` is the same in both).
  public mutating func makeBuilding(_ index: Int) throws -> Building {
    let text =
      try PortfolioWriter.header(name: nil) + buildingText(index) + PortfolioWriter.footer()
    let portfolio = try PortfolioReader(text: text, fileName: "generated.xml").readAll()
    guard case .building(let building)? = portfolio.members.first else {
      throw ImportError(diagnostics: [])
    }
    return building
  }

  /// One building as XML, indented for the portfolio level.
  public mutating func buildingText(_ index: Int) -> String {
    let template = templates[Int.random(in: 0..<templates.count, using: &random)]
    varied = Double.random(in: 0..<1, using: &random) < 0.4
    return text(of: template, prefix: Array("g\(index + 1)-".utf8), index: index)
  }

  /// `template` written with ids prefixed by `prefix`, as building `index`
  /// (its house number is `index + 1`), with this building's variations
  /// and gaps.
  private mutating func text(of template: Template, prefix: [UInt8], index: Int) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(template.size + template.size / 8)
    for segment in template.segments {
      switch segment {
      case .literal(let literal):
        bytes += literal
      case .attribute(let key, var value):
        if key == "name", let old = template.streetAndNumber, let range = value.firstRange(of: old)
        {
          // "Elpke 61 (Neubau)" at house number 7: "Elpke 7 (Neubau)".
          value.replaceSubrange(range, with: template.street + Array(" \(index + 1)".utf8))
        }
        guard let written = rewrite(key, value, prefix: prefix, index: index) else { continue }
        bytes += [0x20] + Array(key.utf8) + [0x3D, 0x22]
        bytes += written
        bytes.append(0x22)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  // MARK: - Rewriting one attribute

  /// What a generated building writes for attribute `key` of its template
  /// (`value` as written, escaped): nil to leave it out.
  private mutating func rewrite(
    _ key: String, _ value: [UInt8], prefix: [UInt8], index: Int
  ) -> [UInt8]? {
    switch Self.role(of: key) {
    case .identifier:
      return prefix + value
    case .houseNumber:
      return Array(String(index + 1).utf8)
    case .fixed:
      return value
    case .fact:
      return skip() ? nil : value
    case .measurement(let unit):
      // Varied before the gap is drawn, so that the gaps leave the
      // variations as they are.
      var written = value
      if varied, Int.random(in: 0..<12, using: &random) == 0,
        let number = Double(String(decoding: value, as: UTF8.self))
      {
        written = Array(formatDecimal(vary(number, unit)).utf8)
      }
      return skip() ? nil : written
    }
  }

  /// `value` varied as a repeated design varies: lengths by up to ±3 %
  /// (at least ±5 mm), whole millimetres; slopes by up to ±0.3 points;
  /// areas by up to ±4 %, to 0.1 m². Never negative.
  private mutating func vary(_ value: Double, _ unit: MeasureKind) -> Double {
    switch unit {
    case .millimetres:
      let spread = max(5, Int((value * 0.03).rounded()))
      return max(0, value + Double(Int.random(in: -spread...spread, using: &random)))
    case .percent:
      let tenths = Int.random(in: -3...3, using: &random)
      return max(0, ((value * 10).rounded() + Double(tenths)) / 10)
    case .squareMetres:
      let factor = 1 + Double(Int.random(in: -40...40, using: &random)) / 1000
      return max(0, (value * factor * 10).rounded() / 10)
    }
  }

  /// Whether to leave a value out; draws from `gaps` whatever the share.
  private mutating func skip() -> Bool {
    Double.random(in: 0..<1, using: &gaps) < options.incomplete
  }

  enum MeasureKind { case millimetres, percent, squareMetres }

  enum Role {
    /// An id or a reference to one: prefixed per building.
    case identifier
    case houseNumber
    /// Kept as it is: kinds, the side of a movement area (the reader requires
    /// it at doors and ramps), names, numbers of flats, storeys, years.
    case fixed
    /// A surveyed fact (yes/no, a surface, a side): may be left out.
    case fact
    /// A measured number: varied, and may be left out.
    case measurement(MeasureKind)
  }

  /// What attribute `key` holds. Only ids, references and kinds are
  /// required by the schema; everything left out is optional.
  static func role(of key: String) -> Role {
    switch key {
    case "id", "from", "to", "entrance", "place", "building", "fromBuilding", "toBuilding":
      .identifier
    case "houseNumber": .houseNumber
    case "kind", "side", "name", "number", "level", "storeys", "yearBuilt", "count", "street",
      "postcode", "city", "country", "xmlns":
      .fixed
    case "slope", "crossSlope": .measurement(.percent)
    case "area": .measurement(.squareMetres)
    case "powered", "floorLevel", "grabBars", "backrest", "unlockableFromOutside", "kneeSpace",
      "slipResistance", "handrails", "opensInto", "surface", "accessible", "wheelGuards",
      "socket", "operation", "open24h":
      .fact
    default: .measurement(.millimetres)
    }
  }

  // MARK: - Templates

  /// A building of the sample, written, cut into literal text and attributes.
  struct Template: Sendable {
    enum Segment: Sendable {
      case literal([UInt8])
      case attribute(key: String, value: [UInt8])
    }
    var segments: [Segment]
    var size: Int
    /// The street, as written.
    var street: [UInt8] = []
    /// `Elpke 61`: street and house number as the building's name may
    /// hold them, written; nil without an address.
    var streetAndNumber: [UInt8]?
  }

  /// The sample's buildings, as single buildings; its (first) quarter's
  /// start and its buildings, as a quarter holds them.
  private static func loadTemplates() throws -> (
    buildings: [Template], quarterStart: Template, quarterBuildings: [Template]
  ) {
    let portfolio = try PortfolioReader(text: quarterSample, fileName: "quarter-bielefeld.xml")
      .readAll()
    var buildings: [Building] = []
    var quarter: Quarter?
    for member in portfolio.members {
      switch member {
      case .quarter(let found):
        buildings += found.buildings
        if quarter == nil { quarter = found }
      case .building(let building): buildings.append(building)
      }
    }
    func made(_ building: Building, inQuarter: Bool) throws -> Template {
      var made = template(
        Array(try PortfolioWriter.building(building, inQuarter: inQuarter).utf8))
      if let street = building.address?.street, let number = building.address?.houseNumber {
        made.street = Array(street.utf8)
        made.streetAndNumber = Array("\(street) \(number)".utf8)
      }
      return made
    }
    guard let quarter else { throw ImportError(diagnostics: []) }
    var start = quarter
    start.buildings = []
    return (
      try buildings.map { try made($0, inQuarter: false) },
      template(Array(try PortfolioWriter.quarterStart(start).utf8)),
      try quarter.buildings.map { try made($0, inQuarter: true) }
    )
  }

  /// Cuts the writer's output at its attributes: ` key="value"` (the writer
  /// escapes `"` in values, so a value ends at the next quote).
  static func template(_ text: [UInt8]) -> Template {
    var segments: [Template.Segment] = []
    var literalStart = 0
    var index = 0
    while index + 1 < text.count {
      guard text[index] == 0x3D, text[index + 1] == 0x22 else {  // ="
        index += 1
        continue
      }
      var keyStart = index
      while keyStart > 0 && text[keyStart - 1] != 0x20 { keyStart -= 1 }
      var valueEnd = index + 2
      while valueEnd < text.count && text[valueEnd] != 0x22 { valueEnd += 1 }
      // The literal before the attribute, without its separating space.
      segments.append(.literal(Array(text[literalStart..<max(literalStart, keyStart - 1)])))
      segments.append(
        .attribute(
          key: String(decoding: text[keyStart..<index], as: UTF8.self),
          value: Array(text[(index + 2)..<min(valueEnd, text.count)])))
      index = valueEnd + 1
      literalStart = index
    }
    segments.append(.literal(Array(text[min(literalStart, text.count)...])))
    return Template(segments: segments, size: text.count)
  }
}
