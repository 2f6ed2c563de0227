import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeXMLSupport
internal import CLibXML2
import Foundation

/// Reads catalogues of measures, price indices and funding files: XML valid
/// against Schemas/measures.xsd.
///
/// The files are small: each is parsed whole and validated against the
/// embedded schema (no network, no DTD, no entities, at most 1 MiB), then
/// checked for what a schema cannot say: rule ids that exist, ranges that
/// run from low to high, a price year for every cost, attributes that the
/// elements a measure acts on have, ids used once. Every problem is
/// reported with its file, line and column.
public enum MeasureCatalogueReader {
  /// The format's namespace.
  public static let namespace = "urn:barrierfree:measures:1"

  /// Files larger than this are refused: a catalogue holds a few hundred
  /// measures at most.
  public static let maximumBytes = 1 << 20

  /// The registry's id for `id` among `known`: the id itself, or the
  /// current id of a former one (`din18040-2.door.clear-width`); nil when
  /// neither is known.
  public static func resolveRule(_ id: String, among known: Set<String>) -> String? {
    let current = currentRuleID(id)
    return known.contains(current) ? current : nil
  }

  /// The attributes of the portfolio format (Schemas/portfolio.xsd) on the
  /// elements of `kind`: what a measure's `<sets>` may name.
  public static func portfolioAttributes(of kind: ElementKind) -> Set<String> {
    switch kind {
    case .flat: ["number", "level", "area", "entrance"]
    // The window rules check a room's windows.
    case .room: ["area", "width", "length", "sillHeight", "handleHeight", "powered"]
    case .door:
      [
        "clearWidth", "clearHeight", "threshold", "operation", "opensInto", "handleHeight",
        "handleSideClearance", "revealDepth", "unlockableFromOutside",
      ]
    case .steps:
      [
        "count", "riserHeight", "treadDepth", "width", "handrails", "handrailHeight",
        "handrailExtension",
      ]
    case .ramp:
      [
        "slope", "crossSlope", "length", "longestRun", "landingLength", "clearWidth", "handrails",
        "handrailHeight", "wheelGuards",
      ]
    case .place: ["kind", "level", "width", "length", "accessible"]
    case .path: ["width", "length", "slope", "crossSlope", "surface"]
    case .lift: ["cabinWidth", "cabinDepth", "doorClearWidth", "controlHeight"]
    case .liftStop: ["place"]
    case .stairLift: ["kind", "platformWidth", "platformDepth"]
    case .route: []
    case .wc:
      [
        "seatHeight", "projection", "transferWidth", "transferDepth", "otherSideClearance",
        "grabBars", "backrest",
      ]
    case .washbasin: ["height", "kneeClearanceHeight", "kneeClearanceDepth", "legSpaceWidth"]
    case .shower: ["floorLevel", "step", "width", "depth", "slipResistance", "grabBars"]
    case .bathtub: ["entryHeight", "width", "length"]
    case .kitchenCounter: ["length", "height", "kneeSpace"]
    case .bed: ["width", "length", "clearanceLeft", "clearanceRight", "clearanceFoot"]
    case .window: ["sillHeight", "handleHeight", "powered"]
    case .control: ["kind", "height", "cornerDistance"]
    case .furniture: ["kind"]
    case .wheelchairSpace: ["width", "depth", "socket"]
    }
  }

  /// Reads the catalogue at `path`.
  public static func read(path: String) throws(ImportError) -> MeasureCatalogue {
    try read(bytes: contents(of: path, noun: "catalogue"), fileName: path)
  }

  /// Reads a catalogue from `bytes`; `fileName` names it in messages.
  public static func read(
    bytes: [UInt8], fileName: String, rules: [any Rule.Type] = allRules
  ) throws(ImportError) -> MeasureCatalogue {
    try read(bytes, fileName, root: "catalogue") {
      CatalogueBuilder(parse: $0, rules: rules).build($1)
    }
  }

  /// Reads the price index at `path`.
  public static func readPriceIndex(path: String) throws(ImportError) -> PriceIndex {
    try readPriceIndex(bytes: contents(of: path, noun: "price index"), fileName: path)
  }

  /// Reads a price index from `bytes`; `fileName` names it in messages.
  public static func readPriceIndex(
    bytes: [UInt8], fileName: String
  ) throws(ImportError) -> PriceIndex {
    try read(bytes, fileName, root: "priceIndex") { $0.priceIndex($1) }
  }

  /// Reads the funding file at `path`.
  public static func readFunding(path: String) throws(ImportError) -> FundingCatalogue {
    try readFunding(bytes: contents(of: path, noun: "funding file"), fileName: path)
  }

  /// Reads a funding file from `bytes`; `fileName` names it in messages.
  public static func readFunding(
    bytes: [UInt8], fileName: String
  ) throws(ImportError) -> FundingCatalogue {
    try read(bytes, fileName, root: "funding") { $0.funding($1) }
  }

  /// Parses and validates a file whose root must be `root`, then builds
  /// its value from the tree.
  private static func read<T>(
    _ bytes: [UInt8], _ fileName: String, root: String,
    build: (CatalogueParse, SmallDocument.Element) -> T
  ) throws(ImportError) -> T {
    let parse = CatalogueParse(bytes: bytes, fileName: fileName, root: root)
    return try parse.finish(parse.root.map { build(parse, $0) })
  }

  private static func contents(of path: String, noun: String) throws(ImportError) -> [UInt8] {
    try SmallDocument.contents(of: path, noun: noun)
  }
}

extension MeasureCatalogue {
  /// The built-in German catalogue, Catalogues/de.xml, read once. A test
  /// keeps it valid; it throws the reader's error if it ever is not.
  public static var builtIn: MeasureCatalogue {
    get throws(ImportError) { try builtInResult.get() }
  }

  private static let builtInResult = Result { () throws(ImportError) -> MeasureCatalogue in
    try MeasureCatalogueReader.read(
      bytes: MeasureCatalogueReader.builtInText("Catalogues/de.xml"),
      fileName: "Catalogues/de.xml")
  }
}

extension FundingCatalogue {
  /// The built-in German funding programmes, Catalogues/funding-de.xml,
  /// read once. A test keeps the file valid; it throws the reader's error
  /// if it ever is not.
  public static var builtIn: FundingCatalogue {
    get throws(ImportError) { try builtInResult.get() }
  }

  private static let builtInResult = Result { () throws(ImportError) -> FundingCatalogue in
    try MeasureCatalogueReader.readFunding(
      bytes: MeasureCatalogueReader.builtInText("Catalogues/funding-de.xml"),
      fileName: "Catalogues/funding-de.xml")
  }
}

extension MeasureCatalogueReader {
  fileprivate static func builtInText(_ file: String) -> [UInt8] {
    Array((builtInTexts.first { $0.file == file }?.text ?? "").utf8)
  }
}

/// The format's XML Schema, compiled once per process.
public enum MeasureSchema {
  /// The compiled schema; nil only if the embedded schema failed to compile,
  /// which a test rules out.
  nonisolated(unsafe) static let compiled: xmlSchemaPtr? = compileSchema(xsd)
}

/// One parse of one file of the format, and what every kind of file needs.
private final class CatalogueParse {
  let document: SmallDocument
  /// The root element, when the file is valid and has the root expected.
  let root: SmallDocument.Element?

  init(bytes: [UInt8], fileName: String, root expected: String) {
    document = SmallDocument(
      bytes: bytes, fileName: fileName, kind: .measures(root: expected),
      schema: MeasureSchema.compiled)
    root = document.root(expected: expected, namespace: MeasureCatalogueReader.namespace)
  }

  func finish<T>(_ result: T?) throws(ImportError) -> T {
    guard let result, document.diagnostics.isEmpty else {
      throw ImportError(diagnostics: document.diagnostics)
    }
    return result
  }

  func error(_ element: SmallDocument.Element, _ attribute: String?, _ message: String) {
    document.error(.meaning, document.location(of: element, attribute: attribute), message)
  }

  func error(_ element: SmallDocument.Element, _ message: String) {
    error(element, nil, message)
  }

  /// A decimal attribute; the schema made it one when present.
  func number(_ element: SmallDocument.Element, _ name: String) -> Double? {
    element.attribute(name).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
  }

  /// A decimal attribute that must not be negative; nil (and an error)
  /// when it is.
  func amount(_ element: SmallDocument.Element, _ name: String, of subject: String) -> Double? {
    guard let value = number(element, name) else { return nil }
    guard value >= 0 else {
      error(
        element, name,
        "\(subject) has a negative \(name) (\(formatDecimal(value))); amounts are 0 or more")
      return nil
    }
    // No negative zero: "-0" is valid for the schema.
    return value == 0 ? 0 : value
  }

  func day(_ element: SmallDocument.Element, _ name: String) -> CalendarDay? {
    // The schema made it an xs:date; one with a time zone is not a day.
    guard let text = element.attribute(name) else { return nil }
    guard let day = CalendarDay(text.trimmingCharacters(in: .whitespaces)) else {
      error(element, name, "the date '\(text)' is not a day such as 2025-01-01")
      return nil
    }
    return day
  }

  func boolean(_ element: SmallDocument.Element, _ name: String) -> Bool {
    element.attribute(name).map { $0 == "true" || $0 == "1" } ?? false
  }

  func tokens(_ element: SmallDocument.Element, _ name: String) -> [String] {
    (element.attribute(name) ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
  }

  func notes(_ element: SmallDocument.Element) -> [String] {
    element.children.filter { $0.name == "note" }.map(\.text)
  }

  /// Reports an id used before, by an earlier element of the same kind.
  func checkUnique(
    _ id: String, of element: SmallDocument.Element, noun: String,
    seen: inout [String: SourceLocation]
  ) {
    if let first = seen[id] {
      error(element, "id", "the \(noun) id '\(id)' is used twice (first on line \(first.line))")
    } else {
      seen[id] = document.location(of: element)
    }
  }

  // MARK: the price index

  func priceIndex(_ root: SmallDocument.Element) -> PriceIndex {
    var years: [Int: Double] = [:]
    for year in root.children where year.name == "year" {
      guard let value = year.attribute("value").flatMap({ Int($0) }),
        let index = number(year, "index")
      else { continue }
      guard years[value] == nil else {
        error(year, "value", "the year \(value) is given twice")
        continue
      }
      guard index > 0 else {
        error(year, "index", "the index of \(value) is \(formatDecimal(index)); it must be above 0")
        continue
      }
      years[value] = index
    }
    return PriceIndex(source: root.attribute("source") ?? "", years: years)
  }

  // MARK: funding

  func funding(_ root: SmallDocument.Element) -> FundingCatalogue {
    var catalogue = FundingCatalogue(
      id: root.attribute("id") ?? "", title: root.attribute("title") ?? "", programmes: [])
    var seen: [String: SourceLocation] = [:]
    for child in root.children {
      switch child.name {
      case "summary": catalogue.summary = child.text
      case "programme":
        checkUnique(child.attribute("id") ?? "", of: child, noun: "programme", seen: &seen)
        catalogue.programmes.append(programme(child))
      default: break
      }
    }
    return catalogue
  }

  private func programme(_ node: SmallDocument.Element) -> FundingProgramme {
    let id = node.attribute("id") ?? ""
    // The schema allows only the enumerated words.
    var programme = FundingProgramme(
      id: id, title: node.attribute("title") ?? "",
      form: node.attribute("form").flatMap(FundingProgramme.Form.init(rawValue:)) ?? .grant,
      applicants: Set(tokens(node, "applicants")),
      fundingAreas: Set(tokens(node, "fundingAreas").compactMap { Int($0) }),
      careInsurance: boolean(node, "careInsurance"), amounts: [],
      source: node.attribute("source") ?? "",
      certainty: node.attribute("certainty").flatMap(CostCertainty.init(rawValue:)) ?? .weak,
      notes: notes(node))
    programme.requiresProfile = node.attribute("requiresProfile")
    if programme.requiresProfile != nil {
      programme.requiresProfileOrigin =
        document.location(of: node, attribute: "requiresProfile").description
    }
    for child in node.children {
      switch child.name {
      case "amount":
        if let amount = amount(child, programme: id) { programme.amounts.append(amount) }
      case "period":
        if let period = period(child, programme: id) {
          if let index = programme.periods.firstIndex(where: { $0.overlaps(period) }) {
            error(
              child,
              "the periods of programme '\(id)' from \(programme.periods[index].from) and from "
                + "\(period.from) overlap; a day is open or closed, not both")
          }
          programme.periods.append(period)
        }
      default: break
      }
    }
    return programme
  }

  private func amount(_ node: SmallDocument.Element, programme id: String) -> FundingAmount? {
    let subject = "an amount of programme '\(id)'"
    let share = amount(node, "share", of: subject)
    if let share, share > 1 {
      error(
        node, "share",
        "\(subject) has the share \(formatDecimal(share)); a share is 0 to 1 (0.125 for 12.5 %)")
    }
    let amount = FundingAmount(
      variant: node.attribute("variant"), share: share, ofUpTo: amount(node, "ofUpTo", of: subject),
      fixed: amount(node, "fixed", of: subject),
      minimumInvestment: amount(node, "minimumInvestment", of: subject),
      per: node.attribute("per").flatMap(FundingAmount.Per.init(rawValue:)) ?? .flat,
      maxPersons: node.attribute("maxPersons").flatMap { Int($0) }, from: day(node, "from"),
      until: day(node, "until"))
    if amount.maximum == nil {
      error(node, "\(subject) needs share and ofUpTo, or fixed")
    }
    checkOrder(amount.from, amount.until, node, subject: subject)
    return amount
  }

  private func period(_ node: SmallDocument.Element, programme id: String) -> FundingPeriod? {
    guard let from = day(node, "from") else { return nil }
    let period = FundingPeriod(
      status: node.attribute("status").flatMap(FundingProgramme.Status.init(rawValue:)) ?? .closed,
      from: from, until: day(node, "until"), source: node.attribute("source"),
      certainty: node.attribute("certainty").flatMap(CostCertainty.init(rawValue:)),
      note: node.attribute("note"))
    checkOrder(period.from, period.until, node, subject: "a period of programme '\(id)'")
    return period
  }

  private func checkOrder(
    _ from: CalendarDay?, _ until: CalendarDay?, _ node: SmallDocument.Element, subject: String
  ) {
    guard let from, let until, until < from else { return }
    error(node, "until", "\(subject) ends on \(until), before it begins on \(from)")
  }
}

extension FundingPeriod {
  fileprivate func overlaps(_ other: FundingPeriod) -> Bool {
    let end = until ?? CalendarDay(year: .max, month: 12, day: 31)
    let otherEnd = other.until ?? CalendarDay(year: .max, month: 12, day: 31)
    return from <= otherEnd && other.from <= end
  }
}

/// Builds a catalogue of measures from a valid tree.
private struct CatalogueBuilder {
  let parse: CatalogueParse
  /// Rule descriptions by the registry's id.
  let rules: [String: RuleDescription]

  init(parse: CatalogueParse, rules: [any Rule.Type]) {
    self.parse = parse
    self.rules = Dictionary(
      rules.map { ($0.description.id, $0.description) }, uniquingKeysWith: { a, _ in a })
  }

  func build(_ root: SmallDocument.Element) -> MeasureCatalogue {
    var catalogue = MeasureCatalogue(
      id: root.attribute("id") ?? "", title: root.attribute("title") ?? "", measures: [])
    var seen: [String: SourceLocation] = [:]
    for child in root.children {
      switch child.name {
      case "summary": catalogue.summary = child.text
      case "measure":
        parse.checkUnique(child.attribute("id") ?? "", of: child, noun: "measure", seen: &seen)
        if let measure = measure(child) { catalogue.measures.append(measure) }
      default: break
      }
    }
    return catalogue
  }

  private func measure(_ node: SmallDocument.Element) -> Measure? {
    let id = node.attribute("id") ?? ""
    var clears: [ClearedRule] = []
    var kinds: Set<ElementKind> = []
    var changes: [ModelChange] = []
    var cost: CostRange?
    var unit = QuantityUnit.lumpSum
    var surveyWhen: [SurveyCondition] = []
    for child in node.children {
      switch child.name {
      case "clears":
        if let (cleared, description) = cleared(child) {
          clears.append(cleared)
          kinds.formUnion(description.appliesTo)
        }
      case "sets":
        if let change = change(child, measure: id, kinds: kinds, clears: clears) {
          changes.append(change)
        }
      case "rampForSteps": changes.append(.rampForSteps)
      case "liftStop": changes.append(.liftStop)
      case "cost":
        // The schema allows only the enumerated units.
        unit = child.attribute("unit").flatMap(QuantityUnit.init(rawValue:)) ?? .lumpSum
        cost = self.cost(child, measure: id)
      case "surveyWhen":
        if let condition = child.attribute("condition").flatMap(SurveyCondition.init(rawValue:)) {
          surveyWhen.append(condition)
        }
      default: break
      }
    }
    if !clears.isEmpty && changes.isEmpty && surveyWhen.isEmpty {
      parse.error(
        node, "id",
        "measure '\(id)' clears rules but changes nothing in the model and names no surveyWhen; "
          + "a plan could not check it: add what it changes, or the survey it needs")
    }
    guard let cost else { return nil }
    let area = node.attribute("fundingArea").flatMap { Int($0) }
    return Measure(
      id: id, title: node.attribute("title") ?? "", clears: clears, changes: changes, unit: unit,
      cost: cost, surveyWhen: surveyWhen, fundingArea: area,
      careInsurance: parse.boolean(node, "careInsurance"), reference: node.attribute("reference"),
      notes: parse.notes(node))
  }

  private func cleared(_ node: SmallDocument.Element) -> (ClearedRule, RuleDescription)? {
    let id = node.attribute("rule") ?? ""
    guard let resolved = MeasureCatalogueReader.resolveRule(id, among: Set(rules.keys)),
      let description = rules[resolved]
    else {
      let suggestion = closestRule(to: id).map { "; did you mean '\($0)'?" } ?? ""
      parse.error(
        node, "rule", "unknown rule '\(id)'\(suggestion) (`barrierfree rules` lists them)")
      return nil
    }
    let scope = parse.tokens(node, "scope")
    for token in scope where !description.scopes.contains(token) {
      let known =
        description.scopes.isEmpty
        ? "it takes none" : "it takes " + description.scopes.joined(separator: ", ")
      parse.error(node, "scope", "rule '\(id)' has no scope '\(token)'; \(known)")
    }
    return (ClearedRule(rule: resolved, scope: Set(scope)), description)
  }

  private func change(
    _ node: SmallDocument.Element, measure id: String, kinds: Set<ElementKind>,
    clears: [ClearedRule]
  ) -> ModelChange? {
    let name = node.attribute("attribute") ?? ""
    let known = kinds.reduce(into: Set<String>()) {
      $0.formUnion(MeasureCatalogueReader.portfolioAttributes(of: $1))
    }
    guard known.contains(name) else {
      let elements = kinds.map(\.rawValue).sorted().joined(separator: ", ")
      let attributes = known.sorted().joined(separator: ", ")
      parse.error(
        node, "attribute",
        kinds.isEmpty
          ? "measure '\(id)' sets '\(name)' but clears no rule before it; put the <clears> first"
          : "measure '\(id)' sets '\(name)', which the elements its rules check (\(elements)) do "
            + "not have"
            + (attributes.isEmpty ? "; they take no <sets>" : "; they have \(attributes)"))
      return nil
    }
    let required = parse.boolean(node, "required")
    let requiredBy = node.attribute("requiredBy")
    switch (node.attribute("value"), required, requiredBy) {
    case (nil, true, nil):
      // With several rules cleared, whose bound is meant is not plain: a
      // shower's step bound (20 mm) is no width.
      guard Set(clears.map(\.rule)).count <= 1 else {
        parse.error(
          node, "required",
          "measure '\(id)' clears \(Set(clears.map(\.rule)).count) rules: say whose requirement "
            + "'\(name)' takes with requiredBy=\"rule\" instead of required=\"true\"")
        return nil
      }
      return .set(attribute: name, value: .required)
    case (nil, false, let rule?):
      let known = Set(clears.map(\.rule))
      guard let resolved = MeasureCatalogueReader.resolveRule(rule, among: known) else {
        parse.error(
          node, "requiredBy",
          "the <sets> of '\(name)' in measure '\(id)' takes the requirement of '\(rule)', which "
            + "the measure does not clear; name one of its <clears> rules")
        return nil
      }
      return .set(attribute: name, value: .requiredBy(resolved))
    case (let value?, false, nil):
      let trimmed = value.trimmingCharacters(in: .whitespaces)
      if let number = Double(trimmed), number.isFinite {
        return .set(attribute: name, value: .number(number == 0 ? 0 : number))
      }
      return .set(attribute: name, value: .word(trimmed))
    default:
      parse.error(
        node, "attribute",
        "the <sets> of '\(name)' in measure '\(id)' needs one of value=\"…\", "
          + "required=\"true\" or requiredBy=\"rule\"")
      return nil
    }
  }

  private func cost(_ node: SmallDocument.Element, measure id: String) -> CostRange? {
    let subject = "the cost of measure '\(id)'"
    guard let low = parse.amount(node, "low", of: subject) else { return nil }
    let high = parse.amount(node, "high", of: subject)
    if node.attribute("high") != nil && high == nil { return nil }
    if let high, low > high {
      parse.error(
        node, "low",
        "\(subject) runs from \(formatDecimal(low)) down to \(formatDecimal(high)); "
          + "low must not be above high")
      return nil
    }
    guard let year = node.attribute("priceYear").flatMap({ Int($0) }) else {
      parse.error(
        node,
        "\(subject) has no priceYear: give the year its prices were published (for an undated "
          + "source, the year it implies or was read, with a <note> saying so)")
      return nil
    }
    return CostRange(
      low: low, high: high ?? low, priceYear: year, source: node.attribute("source") ?? "",
      certainty: node.attribute("certainty").flatMap(CostCertainty.init(rawValue:)) ?? .weak,
      atLeast: high == nil)
  }

  /// The known rule id nearest to `id`, in its neutral form, when it is near
  /// enough to be a typo.
  private func closestRule(to id: String) -> String? {
    let neutral = rules.keys.map { $0.hasPrefix("din18040-2.") ? String($0.dropFirst(11)) : $0 }
    return DidYouMean.closest(to: id, among: neutral.sorted(), limit: max(3, id.count / 4))
  }
}

extension SmallDocument.Kind {
  /// A file of the measures format with root `root`, for its messages.
  fileprivate static func measures(root: String) -> SmallDocument.Kind {
    let noun =
      switch root {
      case "priceIndex": "price index"
      case "funding": "funding file"
      default: "catalogue"
      }
    return SmallDocument.Kind(
      noun: noun,
      format: SchemaMessages.Format(
        root: root, namespace: MeasureCatalogueReader.namespace, schema: "Schemas/measures.xsd"),
      maximumBytes: MeasureCatalogueReader.maximumBytes,
      tooLarge: "the \(noun) is larger than 1 MiB; a catalogue holds a few hundred measures at most"
    )
  }
}
