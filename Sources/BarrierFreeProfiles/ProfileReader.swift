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
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ImportError(diagnostics: [
        Diagnostic(
          kind: .io, location: SourceLocation(file: path, line: 0, column: 0),
          message: "cannot read the profile file")
      ])
    }
    return try read(bytes: Array(data), fileName: path)
  }

  /// Reads a profile from `bytes`; `fileName` names it in messages.
  public static func read(
    bytes: [UInt8], fileName: String, rules: [any Rule.Type] = allRules
  ) throws(ImportError) -> Profile {
    let result = bytes.withUnsafeBufferPointer { buffer in
      ProfileParse(buffer: buffer, fileName: fileName, rules: rules).run()
    }
    switch result {
    case .success(let profile): return profile
    case .failure(let error): throw error
    }
  }
}

/// One parse of one profile file.
private final class ProfileParse {
  let buffer: UnsafeBufferPointer<UInt8>
  let fileName: String
  /// The rules by id and by former id.
  let rules: [String: any Rule.Type]
  /// Every id and former id, sorted, for "did you mean".
  let allIDs: [String]
  var diagnostics: [Diagnostic] = []
  var tags: StartTagIndex
  /// Element nodes in document order, and each node's ordinal.
  var ordinals: [UnsafeMutableRawPointer: Int] = [:]

  init(buffer: UnsafeBufferPointer<UInt8>, fileName: String, rules: [any Rule.Type]) {
    self.buffer = buffer
    self.fileName = fileName
    // Former ids (`din18040-2.door.clear-width`) read as the rule's own:
    // profiles written before the rename keep working unchanged, and the
    // binding carries the current id. No warning: an alias is permanent,
    // and a note on every check would be noise in scripts.
    self.rules = Dictionary(
      rules.flatMap { rule in
        ([rule.description.id] + rule.description.aliases).map { ($0, rule) }
      }, uniquingKeysWith: { a, _ in a })
    self.allIDs = self.rules.keys.sorted()
    self.tags = StartTagIndex(buffer)
  }

  func run() -> Result<Profile, ImportError> {
    guard let profile = parse(), diagnostics.isEmpty else {
      return .failure(ImportError(diagnostics: diagnostics))
    }
    return .success(profile)
  }

  func error(_ kind: Diagnostic.Kind, _ location: SourceLocation, _ message: String) {
    diagnostics.append(Diagnostic(kind: kind, location: location, message: message))
  }

  func location(line: Int, column: Int) -> SourceLocation {
    SourceLocation(file: fileName, line: line, column: column)
  }

  private func parse() -> Profile? {
    let start = location(line: 1, column: 1)
    guard buffer.count <= ProfileReader.maximumBytes else {
      error(
        .limit, start,
        "the profile is larger than 1 MiB; a profile binds a few hundred rules at most")
      return nil
    }
    guard !buffer.isEmpty else {
      error(
        .syntax, start,
        "the file is empty; expected a <profile> in namespace \(ProfileReader.namespace)")
      return nil
    }
    // Positions and the DOCTYPE refusal below read bytes as UTF-8; a profile
    // is short and written by hand, so UTF-8 is all it may be.
    if buffer.contains(0) || declaredEncoding().map({ !["utf-8", "utf8"].contains($0) }) == true {
      error(
        .syntax, start,
        "the profile is not UTF-8 (\(declaredEncoding() ?? "a UTF-16 byte order or NUL bytes")); "
          + "save it as UTF-8")
      return nil
    }
    var markupGuard = MarkupGuard()
    if let position = markupGuard.scan(UnsafeRawBufferPointer(buffer)) {
      error(
        .security, location(line: position.line, column: position.column),
        "more than \(MarkupGuard.maximumAttributes) attributes on one element")
      return nil
    }
    if let doctype = firstOccurrence(of: "<!DOCTYPE") {
      error(
        .security, doctype,
        "the profile has a DOCTYPE; a BarrierFree profile has none: remove the DOCTYPE")
      return nil
    }
    guard let document = parseTree() else { return nil }
    defer { xmlFreeDoc(document) }
    if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
      error(.security, start, "the profile has a DOCTYPE; a BarrierFree profile has none")
      return nil
    }
    guard let root = xmlDocGetRootElement(document) else { return nil }
    var ordinal = 0
    func number(_ node: xmlNodePtr) {
      ordinals[UnsafeMutableRawPointer(node)] = ordinal
      ordinal += 1
      for child in children(of: node) { number(child) }
    }
    number(root)
    guard validate(document), diagnostics.isEmpty else { return nil }
    return build(root)
  }

  // MARK: libxml2

  private func parseTree() -> xmlDocPtr? {
    guard let context = xmlNewParserCtxt() else { return nil }
    defer { xmlFreeParserCtxt(context) }
    let previousHandler = __xmlStructuredError()?.pointee
    let previousContext = __xmlStructuredErrorContext()?.pointee
    let previousGeneric = __xmlGenericError()?.pointee
    let previousGenericContext = __xmlGenericErrorContext()?.pointee
    xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque(), profileParserError)
    // As the portfolio reader does: libxml2's generic errors print to stderr.
    xmlSetGenericErrorFunc(nil, barrierfree_silent_generic_error())
    defer {
      xmlSetGenericErrorFunc(previousGenericContext, previousGeneric)
      xmlSetStructuredErrorFunc(previousContext, previousHandler)
    }
    // No network, no entity substitution, no DTD loading; libxml2's limits
    // stay in force (no XML_PARSE_HUGE).
    let options = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
    let document = buffer.withMemoryRebound(to: CChar.self) { chars in
      xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), fileName, nil, options)
    }
    if document == nil && diagnostics.isEmpty {
      error(.syntax, location(line: 1, column: 1), "the profile is not well-formed XML")
    }
    if !diagnostics.isEmpty, let document {
      xmlFreeDoc(document)
      return nil
    }
    return document
  }

  private func validate(_ document: xmlDocPtr) -> Bool {
    guard let schema = ProfileSchema.compiled,
      let validator = xmlSchemaNewValidCtxt(schema)
    else {
      error(.io, location(line: 0, column: 0), "internal error: the profile schema did not compile")
      return false
    }
    defer { xmlSchemaFreeValidCtxt(validator) }
    xmlSchemaSetValidStructuredErrors(
      validator, profileSchemaError, Unmanaged.passUnretained(self).toOpaque())
    return xmlSchemaValidateDoc(validator, document) == 0
  }

  func parserError(_ error: xmlError) {
    guard diagnostics.count < 100 else { return }
    let raw = error.message.map { String(cString: $0) } ?? "XML error"
    let severity: Diagnostic.Severity = error.level == XML_ERR_WARNING ? .warning : .error
    if severity == .warning { return }
    if raw.contains("Entity") || raw.contains("entity") {
      self.error(
        .security, location(line: Int(error.line), column: Int(error.int2)),
        "entity references are not allowed in a profile: "
          + SyntaxMessages.humanize(raw, format: .profile))
      return
    }
    self.error(
      .syntax, location(line: Int(error.line), column: Int(error.int2)),
      SyntaxMessages.humanize(raw, format: .profile))
  }

  func schemaError(_ error: xmlError) {
    guard diagnostics.count < 100 else { return }
    let raw = error.message.map { String(cString: $0) } ?? "schema violation"
    let tag = error.node.flatMap { ordinals[$0] }.flatMap(rawTag(ordinal:))
    let message = SchemaMessages.humanize(raw, tag: tag, format: .profile)
    var place = location(line: Int(error.line), column: 0)
    if let tag {
      place = location(line: tag.line, column: tag.column)
      if let attribute = message.attribute, let position = tag.position(ofAttribute: attribute) {
        place = location(line: position.line, column: position.column)
      }
    }
    self.error(.schema, place, message.text)
  }

  // MARK: positions

  private func rawTag(ordinal: Int) -> RawTag? {
    guard ordinal < tags.tags.count, let base = buffer.baseAddress else { return nil }
    let tag = tags.tags[ordinal]
    return RawTag(
      bytes: UnsafeBufferPointer(start: base + tag.start, count: tag.end - tag.start),
      line: tag.line, column: tag.column)
  }

  /// Where element `node` starts, or where its attribute `attribute` does.
  func location(of node: xmlNodePtr, attribute: String? = nil) -> SourceLocation {
    guard let ordinal = ordinals[UnsafeMutableRawPointer(node)], let tag = rawTag(ordinal: ordinal)
    else { return location(line: Int(xmlGetLineNo(node)), column: 0) }
    if let attribute, let position = tag.position(ofAttribute: attribute) {
      return location(line: position.line, column: position.column)
    }
    return location(line: tag.line, column: tag.column)
  }

  /// The encoding named in the XML declaration, lower-cased, if there is one.
  private func declaredEncoding() -> String? {
    let head = String(decoding: buffer.prefix(200), as: UTF8.self)
    guard head.hasPrefix("<?xml"), let end = head.firstRange(of: "?>") else { return nil }
    let declaration = head[..<end.lowerBound]
    guard let name = declaration.firstRange(of: "encoding") else { return nil }
    let rest = declaration[name.upperBound...].drop { $0 == " " || $0 == "=" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    return String(rest.dropFirst().prefix { $0 != quote }).lowercased()
  }

  private func firstOccurrence(of text: String) -> SourceLocation? {
    let pattern = Array(text.utf8)
    guard buffer.count >= pattern.count else { return nil }
    for start in 0...(buffer.count - pattern.count)
    where buffer[start] == pattern[0]
      && (0..<pattern.count).allSatisfy({ buffer[start + $0] == pattern[$0] })
    {
      let place = XMLScanner.position(
        after: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[..<start])), line: 1,
        column: 1, afterCarriageReturn: false)
      return location(line: place.line, column: place.column)
    }
    return nil
  }

  // MARK: the tree

  func children(of node: xmlNodePtr) -> [xmlNodePtr] {
    var result: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
      child = current.pointee.next
    }
    return result
  }

  func name(of node: xmlNodePtr) -> String {
    node.pointee.name.map { String(cString: $0) } ?? ""
  }

  func attribute(_ name: String, of node: xmlNodePtr) -> String? {
    var property = node.pointee.properties
    while let current = property {
      if let attributeName = current.pointee.name, String(cString: attributeName) == name {
        var text = ""
        var child = current.pointee.children
        while let part = child {
          if let content = part.pointee.content { text += String(cString: content) }
          child = part.pointee.next
        }
        return text
      }
      property = current.pointee.next
    }
    return nil
  }

  func text(of node: xmlNodePtr) -> String {
    var text = ""
    var child = node.pointee.children
    while let part = child {
      if let content = part.pointee.content { text += String(cString: content) }
      child = part.pointee.next
    }
    return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  // MARK: building the profile

  private func build(_ root: xmlNodePtr) -> Profile? {
    // The schema made the required attributes present.
    var profile = Profile(
      id: attribute("id", of: root) ?? "", title: attribute("title", of: root) ?? "",
      standard: attribute("standard", of: root) ?? "",
      edition: attribute("edition", of: root) ?? "", class: attribute("level", of: root) ?? "",
      extends: attribute("extends", of: root), above: attribute("above", of: root))
    profile.origin = location(of: root).description
    // The schema allows only the two values.
    profile.declaredUnits = attribute("units", of: root).flatMap(UnitSystem.init(rawValue:))
    if profile.extends != nil && profile.above != nil {
      error(
        .meaning, location(of: root, attribute: "above"),
        "a profile either extends the class below (and takes its rules) or stands above it "
          + "(with rules of its own), not both: remove 'above' or 'extends'")
    }
    var bindingNodes: [xmlNodePtr] = []
    for child in children(of: root) {
      switch name(of: child) {
      case "summary": profile.summary = text(of: child)
      case "rule":
        if let binding = binding(child, standard: profile.standardEdition) {
          profile.bindings.append(binding)
          bindingNodes.append(child)
        }
      default: break
      }
    }
    guard diagnostics.isEmpty else { return nil }
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
    _ binding: RuleBinding, node: xmlNodePtr, parse: ProfileParse
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

  private func binding(_ node: xmlNodePtr, standard: String) -> RuleBinding? {
    let id = attribute("id", of: node) ?? ""
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
    for threshold in children(of: node) {
      let name = attribute("name", of: threshold) ?? ""
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
      if let ratio = attribute("ratio", of: threshold) {
        if let gradient = self.gradient(ratio, of: threshold, name: name, rule: id, parameter) {
          gradients[name] = gradient
        }
        continue
      }
      guard let unit = attribute("unit", of: threshold),
        let text = attribute("value", of: threshold)
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
    let scope = attribute("scope", of: node).map {
      Set($0.split(whereSeparator: \.isWhitespace).map(String.init))
    }
    let place = location(of: node)
    return RuleBinding(
      rule: description.id, scope: scope,
      citation: Citation(
        standard: standard, clause: attribute("clause", of: node) ?? description.clause,
        confidence: attribute("confidence", of: node).flatMap(Confidence.init(rawValue:)),
        clauseUnsure: attribute("clauseUnsure", of: node).map { $0 == "true" || $0 == "1" }
          ?? false),
      thresholds: Thresholds(values, gradients: gradients),
      reference: attribute("reference", of: node),
      origin: place.description)
  }

  /// The ratio a slope threshold is given as (`ratio="1:12"`), alone.
  private func gradient(
    _ ratio: String, of threshold: xmlNodePtr, name: String, rule id: String,
    _ parameter: Parameter
  ) -> Gradient? {
    guard parameter.kind == .slope else {
      error(
        .meaning, location(of: threshold, attribute: "ratio"),
        "the threshold '\(name)' of rule '\(id)' is a \(parameter.kind.rawValue); only a slope "
          + "can be a ratio (use value and unit: \(Self.units(for: parameter.kind)))")
      return nil
    }
    guard attribute("value", of: threshold) == nil, attribute("unit", of: threshold) == nil else {
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

private func parse(_ context: UnsafeMutableRawPointer?) -> ProfileParse? {
  context.map { Unmanaged<ProfileParse>.fromOpaque($0).takeUnretainedValue() }
}

func profileParserError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let parse = parse(context), let error else { return }
  parse.parserError(error.pointee)
}

func profileSchemaError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let parse = parse(context), let error else { return }
  parse.schemaError(error.pointee)
}

/// The profile format's XML Schema, compiled once per process.
public enum ProfileSchema {
  /// The compiled schema; nil only if the embedded schema failed to compile,
  /// which a test rules out.
  nonisolated(unsafe) static let compiled: xmlSchemaPtr? = compileSchema(xsd)
}

extension SchemaMessages.Format {
  /// The profile format, for messages about a profile file.
  static let profile = SchemaMessages.Format(
    root: "profile", namespace: ProfileReader.namespace, schema: "Schemas/profile.xsd")
}
