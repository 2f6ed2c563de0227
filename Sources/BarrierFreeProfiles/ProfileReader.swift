import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeXMLSupport
internal import CLibXML2
import Foundation

/// Reads rule profiles: XML files valid against Schemas/profile.xsd.
///
/// A profile file is small, so it is parsed whole into libxml2's tree and
/// validated against the embedded schema. Then each binding is checked
/// against the rule catalogue: an unknown rule, a threshold the rule does
/// not take or in the wrong unit, a missing threshold, a scope the rule does
/// not know, two bindings for the same elements. Every problem is reported
/// with its file, line and column. As for portfolios: no network, no DTD,
/// no entities.
public enum ProfileReader {
  /// The profile format's namespace.
  public static let namespace = "urn:barrierfree:profile:1"

  /// Profiles larger than this are refused: a profile binds at most a few
  /// hundred rules.
  public static let maximumBytes = 1 << 20

  /// Reads the profile at `path`.
  public static func read(path: String) throws(ImportError) -> Profile {
    try read(bytes: SmallDocument.contents(of: path, noun: "profile file"), fileName: path)
  }

  /// Reads a profile from `bytes`; `fileName` names it in messages.
  public static func read(
    bytes: [UInt8], fileName: String, rules: [any Rule.Type] = allRules
  ) throws(ImportError) -> Profile {
    switch ProfileParse(bytes: bytes, fileName: fileName, rules: rules).run() {
    case .success(let profile): return profile
    case .failure(let error): throw error
    }
  }
}

/// One parse of one profile file.
private final class ProfileParse {
  let document: SmallDocument
  /// The rules by id and by former id.
  let rules: [String: any Rule.Type]
  /// Every id and former id, sorted, for "did you mean".
  let allIDs: [String]

  init(bytes: [UInt8], fileName: String, rules: [any Rule.Type]) {
    self.document = SmallDocument(
      bytes: bytes, fileName: fileName, kind: .profile, schema: ProfileSchema.compiled)
    // Former ids (`din18040-2.door.clear-width`) read as the rule's own:
    // profiles written before the rename keep working unchanged, and the
    // binding carries the current id. No warning: an alias is permanent,
    // and a note on every check would be noise in scripts.
    self.rules = Dictionary(
      rules.flatMap { rule in
        ([rule.description.id] + rule.description.aliases).map { ($0, rule) }
      }, uniquingKeysWith: { a, _ in a })
    self.allIDs = self.rules.keys.sorted()
  }

  func run() -> Result<Profile, ImportError> {
    guard let root = document.root, let profile = build(root), document.diagnostics.isEmpty
    else {
      return .failure(ImportError(diagnostics: document.diagnostics))
    }
    return .success(profile)
  }

  func error(_ kind: Diagnostic.Kind, _ location: SourceLocation, _ message: String) {
    document.error(kind, location, message)
  }

  func location(of element: SmallDocument.Element, attribute: String? = nil) -> SourceLocation {
    document.location(of: element, attribute: attribute)
  }

  // MARK: building the profile

  private func build(_ root: SmallDocument.Element) -> Profile? {
    // The schema made the required attributes present.
    var profile = Profile(
      id: root.attribute("id") ?? "", title: root.attribute("title") ?? "",
      standard: root.attribute("standard") ?? "",
      edition: root.attribute("edition") ?? "", class: root.attribute("level") ?? "",
      extends: root.attribute("extends"), above: root.attribute("above"))
    profile.origin = location(of: root).description
    // The schema allows only the two values.
    profile.declaredUnits = root.attribute("units").flatMap(UnitSystem.init(rawValue:))
    if profile.extends != nil && profile.above != nil {
      error(
        .meaning, location(of: root, attribute: "above"),
        "a profile either extends the class below (and takes its rules) or stands above it "
          + "(with rules of its own), not both: remove 'above' or 'extends'")
    }
    var bindingNodes: [SmallDocument.Element] = []
    for child in root.children {
      switch child.name {
      case "summary": profile.summary = child.text
      case "rule":
        if let binding = binding(child, standard: profile.standardEdition) {
          profile.bindings.append(binding)
          bindingNodes.append(child)
        }
      default: break
      }
    }
    guard document.diagnostics.isEmpty else { return nil }
    for problem in profile.problems(rules: Array(rules.values)) {
      let node = problem.binding.map { bindingNodes[$0] } ?? root
      error(.meaning, location(of: node), problem.message)
    }
    for (index, binding) in profile.bindings.enumerated() {
      if let problem = Self.rangeProblem(binding, node: bindingNodes[index], parse: self) {
        error(.meaning, problem.0, problem.1)
      }
    }
    return profile
  }

  /// A binding whose `minimum` is above its `maximum` fails every element.
  private static func rangeProblem(
    _ binding: RuleBinding, node: SmallDocument.Element, parse: ProfileParse
  ) -> (SourceLocation, String)? {
    guard let low = binding.thresholds["minimum"],
      let high = binding.thresholds["maximum"], low > high
    else { return nil }
    return (
      parse.location(of: node),
      "rule '\(binding.rule)': the minimum \(formatDecimal(low)) is above the maximum "
        + "\(formatDecimal(high)); no element could pass"
    )
  }

  private func binding(_ node: SmallDocument.Element, standard: String) -> RuleBinding? {
    let id = node.attribute("id") ?? ""
    guard let rule = rules[id] else {
      let suggestion = closestRule(to: id).map { "; did you mean '\($0)'?" } ?? ""
      error(
        .meaning, location(of: node, attribute: "id"),
        "unknown rule '\(id)'\(suggestion) (`barrierfree rules` lists them)")
      return nil
    }
    let description = rule.description
    let parameters = Dictionary(
      description.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var values: [String: Double] = [:]
    var gradients: [String: Gradient] = [:]
    for threshold in node.children {
      let name = threshold.attribute("name") ?? ""
      guard let parameter = parameters[name] else {
        let known = description.parameters.map { "'\($0.name)'" }.joined(separator: ", ")
        error(
          .meaning, location(of: threshold, attribute: "name"),
          "rule '\(id)' has no threshold '\(name)'; "
            + (known.isEmpty ? "it takes none" : "it takes \(known)"))
        continue
      }
      guard values[name] == nil, gradients[name] == nil else {
        error(
          .meaning, location(of: threshold, attribute: "name"),
          "the threshold '\(name)' is given twice for rule '\(id)'")
        continue
      }
      if let ratio = threshold.attribute("ratio") {
        if let gradient = self.gradient(ratio, of: threshold, name: name, rule: id, parameter) {
          gradients[name] = gradient
        }
        continue
      }
      guard let unit = threshold.attribute("unit"),
        let text = threshold.attribute("value")
      else {
        error(
          .meaning, location(of: threshold),
          "the threshold '\(name)' of rule '\(id)' needs a value and a unit"
            + (parameter.kind == .slope ? ", or a ratio such as ratio=\"1:12\"" : ""))
        continue
      }
      guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
        error(
          .meaning, location(of: threshold, attribute: "value"),
          "the threshold '\(name)' has the value '\(text)'; expected a number such as 900")
        continue
      }
      // No negative zero ("-0" is valid for the schema): JSON would write
      // it as -0, and thresholds of 0 and -0 would differ.
      guard let canonical = Self.convert(value == 0 ? 0 : value, unit: unit, to: parameter.kind)
      else {
        error(
          .meaning, location(of: threshold, attribute: "unit"),
          "the threshold '\(name)' of rule '\(id)' is a \(parameter.kind.rawValue); "
            + "'\(unit)' is not a unit of \(parameter.kind.rawValue) "
            + "(use \(Self.units(for: parameter.kind)))")
        continue
      }
      values[name] = canonical
    }
    let scope = node.attribute("scope").map {
      Set($0.split(whereSeparator: \.isWhitespace).map(String.init))
    }
    let place = location(of: node)
    return RuleBinding(
      rule: description.id, scope: scope,
      citation: Citation(
        standard: standard, clause: node.attribute("clause") ?? description.clause,
        confidence: node.attribute("confidence").flatMap(Confidence.init(rawValue:)),
        clauseUnsure: node.attribute("clauseUnsure").map { $0 == "true" || $0 == "1" }
          ?? false),
      thresholds: Thresholds(values, gradients: gradients),
      reference: node.attribute("reference"),
      origin: place.description)
  }

  /// The ratio a slope threshold is given as (`ratio="1:12"`), alone.
  private func gradient(
    _ ratio: String, of threshold: SmallDocument.Element, name: String, rule id: String,
    _ parameter: Parameter
  ) -> Gradient? {
    guard parameter.kind == .slope else {
      error(
        .meaning, location(of: threshold, attribute: "ratio"),
        "the threshold '\(name)' of rule '\(id)' is a \(parameter.kind.rawValue); only a slope "
          + "can be a ratio (use value and unit: \(Self.units(for: parameter.kind)))")
      return nil
    }
    guard threshold.attribute("value") == nil, threshold.attribute("unit") == nil else {
      error(
        .meaning, location(of: threshold, attribute: "ratio"),
        "the threshold '\(name)' of rule '\(id)' has a ratio and a value; give one of them")
      return nil
    }
    guard let gradient = Gradient(ratio.trimmingCharacters(in: .whitespaces)) else {
      error(
        .meaning, location(of: threshold, attribute: "ratio"),
        "the threshold '\(name)' has the ratio '\(ratio)'; expected rise:run with both above "
          + "0, such as 1:12")
      return nil
    }
    return gradient
  }

  /// `value` in `unit` converted to the canonical unit of `kind`.
  static func convert(_ value: Double, unit: String, to kind: ParameterKind) -> Double? {
    switch (kind, unit) {
    case (.length, "mm"): value
    case (.length, "cm"): value * 10
    case (.length, "m"): value * 1000
    case (.length, "in"): Length.inches(value).millimetres
    case (.slope, "%"): value
    case (.area, "m2"): value
    default: nil
    }
  }

  static func units(for kind: ParameterKind) -> String {
    switch kind {
    case .length: "mm, cm, m or in"
    case .slope: "%"
    case .area: "m2"
    }
  }

  /// The known rule id nearest to `id`, when it is near enough to be a typo.
  func closestRule(to id: String) -> String? {
    // Among former ids too (a typo in an old id is nearest its old form),
    // but it suggests the current id.
    DidYouMean.closest(to: id, among: allIDs, limit: max(3, id.count / 4)).flatMap {
      rules[$0]?.description.id
    }
  }
}

/// The profile format's XML Schema, compiled once per process.
public enum ProfileSchema {
  /// The compiled schema; nil only if the embedded schema failed to compile,
  /// which a test rules out.
  nonisolated(unsafe) static let compiled: xmlSchemaPtr? = compileSchema(xsd)
}

extension SmallDocument.Kind {
  /// A profile file, for its messages.
  static let profile = SmallDocument.Kind(
    noun: "profile",
    format: SchemaMessages.Format(
      root: "profile", namespace: ProfileReader.namespace, schema: "Schemas/profile.xsd"),
    maximumBytes: ProfileReader.maximumBytes,
    tooLarge: "the profile is larger than 1 MiB; a profile binds a few hundred rules at most")
}
