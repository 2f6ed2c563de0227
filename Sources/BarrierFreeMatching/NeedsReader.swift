import BarrierFreeModel
import BarrierFreeRules
import BarrierFreeXMLSupport
internal import CLibXML2
import Foundation

/// Reads the needs format (Schemas/needs.xsd): household files, the
/// library of need profiles and register schemes, and need mappings.
///
/// The files are small and read whole, validated against the embedded
/// schema, then checked for meaning: a need profile, a scheme, a category
/// or a need that is not there (with a did-you-mean), a need given twice,
/// and combinations no household can have (a full-time wheelchair user who
/// climbs steps). Every problem names its file, line and column. No
/// network, no DTD, no entities, as for every reader of the package.
public enum NeedsReader {
  /// The format's namespace.
  public static let namespace = "urn:barrierfree:needs:1"

  /// Files larger than this are refused.
  public static let maximumBytes = 8 << 20

  /// The built-in library: Needs/library.xml.
  public static var builtInLibrary: NeedsLibrary {
    get throws(ImportError) {
      try readLibrary(bytes: builtInText("Needs/library.xml"), fileName: "Needs/library.xml")
    }
  }

  /// The built-in mapping for the ladder whose top profile is `profile`
  /// (Needs/<profile>.xml), checked against `ladder`; nil when there is
  /// none.
  public static func builtInMapping(for profile: String, ladder: Ladder) throws(ImportError)
    -> NeedMapping?
  {
    let file = "Needs/\(profile).xml"
    guard builtInTexts.contains(where: { $0.file == file }) else { return nil }
    return try readMapping(bytes: builtInText(file), fileName: file, ladder: ladder)
  }

  /// The profiles that have a built-in mapping.
  public static var builtInMappingProfiles: [String] {
    builtInTexts.map(\.file).filter { $0 != "Needs/library.xml" }.map {
      String($0.dropFirst("Needs/".count).dropLast(".xml".count))
    }
  }

  /// Reads a file at `path` with `read`.
  public static func contents(of path: String) throws(ImportError) -> [UInt8] {
    try SmallDocument.contents(of: path, noun: "needs file")
  }

  /// Reads a household file; resolves each household's profile and
  /// category in `library` and checks its needs against `mapping`.
  /// A category whose household and file name no scheme is read in
  /// `defaultScheme` (the match's `--scheme`), when given.
  public static func readHouseholds(
    bytes: [UInt8], fileName: String, library: NeedsLibrary, mapping: NeedMapping,
    defaultScheme: String? = nil
  ) throws(ImportError) -> [Household] {
    let parse = NeedsParse(bytes: bytes, fileName: fileName, root: "households")
    guard let root = parse.root else { throw ImportError(diagnostics: parse.document.diagnostics) }
    let households = parse.households(
      root, library: library, mapping: mapping, defaultScheme: defaultScheme)
    return try parse.finish(households)
  }

  /// Reads a library of need profiles and schemes.
  public static func readLibrary(bytes: [UInt8], fileName: String) throws(ImportError)
    -> NeedsLibrary
  {
    let parse = NeedsParse(bytes: bytes, fileName: fileName, root: "needsLibrary")
    guard let root = parse.root else { throw ImportError(diagnostics: parse.document.diagnostics) }
    return try parse.finish(parse.library(root))
  }

  /// Reads a need mapping and checks it against `ladder`: its profile is
  /// the ladder's top, each class is on it, and each rule is bound there.
  public static func readMapping(bytes: [UInt8], fileName: String, ladder: Ladder)
    throws(ImportError) -> NeedMapping
  {
    let parse = NeedsParse(bytes: bytes, fileName: fileName, root: "needMapping")
    guard let root = parse.root else { throw ImportError(diagnostics: parse.document.diagnostics) }
    return try parse.finish(parse.mapping(root, ladder: ladder))
  }

  static func builtInText(_ file: String) -> [UInt8] {
    Array((builtInTexts.first { $0.file == file }?.text ?? "").utf8)
  }
}

/// The format's XML Schema, compiled once per process.
public enum NeedsSchema {
  /// The compiled schema; nil only if the embedded schema failed to
  /// compile, which a test rules out.
  nonisolated(unsafe) static let compiled: xmlSchemaPtr? = compileSchema(xsd)
}

/// One parse of one file.
private final class NeedsParse {
  let document: SmallDocument
  let root: SmallDocument.Element?

  init(bytes: [UInt8], fileName: String, root expected: String) {
    let noun =
      switch expected {
      case "households": "household file"
      case "needsLibrary": "needs library"
      default: "need mapping"
      }
    document = SmallDocument(
      bytes: bytes, fileName: fileName,
      kind: SmallDocument.Kind(
        noun: noun,
        format: SchemaMessages.Format(
          root: expected, namespace: NeedsReader.namespace, schema: "Schemas/needs.xsd"),
        maximumBytes: NeedsReader.maximumBytes,
        tooLarge: "the \(noun) is larger than 8 MiB"),
      schema: NeedsSchema.compiled)
    root = document.root(expected: expected, namespace: NeedsReader.namespace)
  }

  func finish<T>(_ result: T) throws(ImportError) -> T {
    guard document.diagnostics.isEmpty else {
      throw ImportError(diagnostics: document.diagnostics)
    }
    return result
  }

  func error(_ element: SmallDocument.Element, _ attribute: String?, _ message: String) {
    document.error(.meaning, document.location(of: element, attribute: attribute), message)
  }

  func int(_ element: SmallDocument.Element, _ name: String) -> Int? {
    element.attribute(name).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  }

  static func mean(_ value: String, among candidates: [String]) -> String {
    // A short id (a register letter) is one edit from every other: suggest
    // only one that starts alike ('E-' → 'E', not 'H' → 'A').
    let alike =
      value.count >= 3
      ? candidates : candidates.filter { $0.lowercased().first == value.lowercased().first }
    return DidYouMean.closest(to: value, among: alike, limit: max(2, value.count / 3))
      .map { "; did you mean '\($0)'?" } ?? ""
  }

  // MARK: needs

  /// The needs of the need elements among `elements`; a need given twice
  /// is an error.
  func needs(_ elements: [SmallDocument.Element], mapping: NeedMapping?) -> Needs {
    var needs = Needs()
    var seen: [String: SmallDocument.Element] = [:]
    for element in elements {
      let key: String =
        switch element.name {
        case "near": "near \(element.attribute("facility") ?? "")"
        case "requires": "requires \(element.attribute("need") ?? "")"
        default: element.name
        }
      if seen[key] != nil {
        error(element, nil, "<\(element.name)> is given twice; give each need once")
        continue
      }
      seen[key] = element
      switch element.name {
      case "wheelchair":
        needs.mapped.append(
          element.attribute("use") == "fullTime" ? "wheelchairFullTime" : "wheelchairOutdoors")
      case "walkingAid":
        let kind = element.attribute("kind") ?? "walking aid"
        needs.walkingAid = kind
        // A rollator or frame asks the flat what a rollator needs (the
        // mapping's walkingAid); a stick or crutches ask nothing of doors
        // and areas, only what the household's other needs say (its steps).
        if Needs.stepFreeAids.contains(kind) { needs.mapped.append("walkingAid") }
      case "maxSteps": needs.maxSteps = int(element, "count")
      case "floorLevelShower": needs.mapped.append("floorLevelShower")
      case "noBath": needs.mapped.append("noBath")
      case "carerRoom": needs.carerRoom = true
      case "bedrooms": needs.bedrooms = int(element, "count")
      case "highestStoreyWithoutLift": needs.highestStoreyWithoutLift = int(element, "storey")
      case "near":
        let metres = element.attribute("within").flatMap { Double($0) } ?? 0
        needs.near.append(
          Needs.Nearness(
            facility: element.attribute("facility") ?? "", within: .mm(metres * 1000)))
      case "requires":
        let id = element.attribute("need") ?? ""
        if let mapping, mapping.need(id) == nil {
          error(
            element, "need",
            "no need '\(id)' in the mapping for \(mapping.profile)"
              + Self.mean(id, among: mapping.needs.map(\.id)))
        }
        needs.mapped.append(id)
      default: break
      }
    }
    return needs
  }

  // MARK: households

  func households(
    _ root: SmallDocument.Element, library: NeedsLibrary, mapping: NeedMapping,
    defaultScheme: String?
  ) -> [Household] {
    let fileScheme = root.attribute("scheme")
    if let fileScheme, library.scheme(fileScheme) == nil {
      error(
        root, "scheme",
        "no register scheme '\(fileScheme)'"
          + Self.mean(fileScheme, among: library.schemes.map(\.id))
          + " (schemes: \(library.schemes.map(\.id).joined(separator: ", ")))")
    }
    var result: [Household] = []
    var ids: Set<String> = []
    for node in root.children where node.name == "household" {
      let id = node.attribute("id") ?? ""
      if !ids.insert(id).inserted {
        error(node, "id", "household '\(id)' is given twice; ids must be unique")
      }
      var needs = Needs()
      var profileID: String?
      if let profile = node.attribute("profile") {
        if let found = library.profile(profile) {
          needs = needs.adding(found.needs)
          profileID = profile
        } else {
          error(
            node, "profile",
            "no need profile '\(profile)'" + Self.mean(profile, among: library.profiles.map(\.id))
              + " (profiles: \(library.profiles.map(\.id).joined(separator: ", ")))")
        }
      }
      var category: RegisterCategoryRef?
      if let letter = node.attribute("category") {
        let schemeID = node.attribute("scheme") ?? fileScheme ?? defaultScheme
        if let schemeID, let scheme = library.scheme(schemeID) {
          if let found = scheme.category(letter) {
            if found.id == scheme.notAssessed {
              error(
                node, "category",
                "category '\(letter)' of \(scheme.id) means not assessed: give the household's "
                  + "needs, or a category it is assessed in")
            }
            needs = needs.adding(library.needs(of: found))
            category = RegisterCategoryRef(scheme: scheme.id, category: found.id)
          } else {
            error(
              node, "category",
              "the \(scheme.id) scheme has no category '\(letter)'"
                + Self.mean(letter, among: scheme.categories.map(\.id))
                + " (categories: \(scheme.categories.map(\.id).joined(separator: ", ")))")
          }
        } else if let schemeID {
          if node.attribute("scheme") != nil {
            error(
              node, "scheme",
              "no register scheme '\(schemeID)'"
                + Self.mean(schemeID, among: library.schemes.map(\.id)))
          }
        } else {
          error(
            node, "category",
            "category '\(letter)' names no scheme: add scheme=\"…\" to the household or to "
              + "<households>, or choose one with --scheme (schemes: "
              + "\(library.schemes.map(\.id).joined(separator: ", ")))")
        }
      }
      let own = self.needs(node.children, mapping: mapping)
      checkCombination(node, own: own, given: needs)
      needs = needs.adding(own).implied()
      for need in needs.mapped where mapping.need(need) == nil {
        error(
          node, nil,
          "the need '\(need)' has no requirement in the mapping for \(mapping.profile)")
      }
      let location = document.location(of: node)
      result.append(
        Household(
          id: id, name: node.attribute("name"), profile: profileID, category: category,
          needs: needs, origin: "\(location.file):\(location.line):\(location.column)"))
    }
    return result
  }

  /// Refuses needs no household can have together: two kinds of mobility,
  /// a wheelchair user who climbs steps or stairs, needs that contradict
  /// the profile or category the household names.
  func checkCombination(_ node: SmallDocument.Element, own: Needs, given: Needs) {
    let mobility = ["wheelchairFullTime", "wheelchairOutdoors", "walkingAid"]
    let ownMobility = own.mapped.filter(mobility.contains)
    let givenMobility = given.mapped.filter(mobility.contains)
    let all = Set(ownMobility + givenMobility)
    if all.count > 1 {
      let words = all.sorted().map(Self.elementWords)
      let word = givenMobility.isEmpty ? "" : " (with its profile or category)"
      error(
        node, nil,
        "impossible combination\(word): \(words.joined(separator: " and ")); a household "
          + "gives one kind of mobility, the one that asks most")
    }
    let steps = own.maxSteps ?? given.maxSteps
    if all.contains(where: { $0.hasPrefix("wheelchair") }), let steps, steps > 0 {
      error(
        node, nil,
        "impossible combination: a wheelchair user with <maxSteps count=\"\(steps)\"/>; a "
          + "wheelchair user's way has no steps: leave out <maxSteps>, or, for someone who walks "
          + "and climbs steps, give <walkingAid kind=\"stick\"/> (or \"crutches\") instead of the "
          + "wheelchair")
    }
    if let steps, steps == 0,
      let storey = own.highestStoreyWithoutLift ?? given.highestStoreyWithoutLift, storey > 0
    {
      error(
        node, nil,
        "impossible combination: <maxSteps count=\"0\"/> and stairs up to storey \(storey); "
          + "someone who climbs no step reaches no storey by stairs: leave out one of them")
    }
    let aid = own.walkingAid ?? given.walkingAid
    if all.contains("walkingAid"), Needs.stepFreeAids.contains(aid ?? "rollator"), let steps,
      steps > 0
    {
      error(
        node, nil,
        "impossible combination: a \(aid ?? "walking aid") with <maxSteps count=\"\(steps)\"/>; "
          + "a rollator or frame is not carried up steps (give kind=\"stick\" or \"crutches\" "
          + "for an aid that is)")
    }
    if all.contains("wheelchairFullTime"),
      let storey = own.highestStoreyWithoutLift ?? given.highestStoreyWithoutLift, storey > 0
    {
      error(
        node, nil,
        "impossible combination: a full-time wheelchair user who reaches storey \(storey) by "
          + "stairs; leave out <highestStoreyWithoutLift> or the wheelchair")
    }
    if let givenSteps = given.maxSteps, let ownSteps = own.maxSteps, ownSteps > givenSteps {
      error(
        node, nil,
        "impossible combination: <maxSteps count=\"\(ownSteps)\"/> is more than the "
          + "\(givenSteps) its profile or category allows; a household's own needs can only add")
    }
  }

  /// A need of the mobility kind as the household file writes it.
  static func elementWords(_ need: String) -> String {
    switch need {
    case "wheelchairFullTime": "<wheelchair use=\"fullTime\"/>"
    case "wheelchairOutdoors": "<wheelchair use=\"outdoors\"/>"
    case "walkingAid": "<walkingAid/> (a rollator or frame)"
    default: need
    }
  }

  // MARK: library

  func library(_ root: SmallDocument.Element) -> NeedsLibrary {
    var library = NeedsLibrary()
    var profileNodes: [String: SmallDocument.Element] = [:]
    for node in root.children where node.name == "needProfile" {
      let id = node.attribute("id") ?? ""
      if profileNodes[id] != nil { error(node, "id", "need profile '\(id)' is given twice") }
      profileNodes[id] = node
      let children = node.children
      let own = needs(children.filter { $0.name != "summary" }, mapping: nil)
      checkCombination(node, own: own, given: Needs())
      library.profiles.append(
        NeedProfile(
          id: id, summary: children.first { $0.name == "summary" }?.text ?? "",
          needs: own.implied(),
          source: node.attribute("source") ?? "", certainty: node.attribute("certainty") ?? ""))
    }
    for node in root.children where node.name == "scheme" {
      let id = node.attribute("id") ?? ""
      if library.scheme(id) != nil { error(node, "id", "scheme '\(id)' is given twice") }
      var categories: [RegisterScheme.Category] = []
      for category in node.children where category.name == "category" {
        let categoryID = category.attribute("id") ?? ""
        if categories.contains(where: { $0.id == categoryID }) {
          error(category, "id", "category '\(categoryID)' is given twice in scheme '\(id)'")
        }
        let profile = category.attribute("profile")
        if let profile, library.profile(profile) == nil {
          error(
            category, "profile",
            "no need profile '\(profile)'"
              + Self.mean(profile, among: library.profiles.map(\.id)))
        }
        categories.append(
          RegisterScheme.Category(
            id: categoryID, name: category.attribute("name") ?? "", profile: profile,
            certainty: category.attribute("certainty") ?? ""))
      }
      let notAssessed = node.attribute("notAssessed") ?? ""
      if !categories.contains(where: { $0.id == notAssessed }) {
        error(
          node, "notAssessed",
          "the not-assessed category '\(notAssessed)' is not among the scheme's categories"
            + Self.mean(notAssessed, among: categories.map(\.id)))
      } else if categories.first(where: { $0.id == notAssessed })?.profile != nil {
        error(node, "notAssessed", "the not-assessed category cannot have a need profile")
      }
      if !categories.contains(where: { $0.profile == nil && $0.id != notAssessed }) {
        error(
          node, nil,
          "scheme '\(id)' has no general-needs category (one without a profile) for the flats "
            + "that suit none of its others")
      }
      library.schemes.append(
        RegisterScheme(
          id: id, title: node.attribute("title") ?? "",
          summary: node.children.first { $0.name == "summary" }?.text ?? "",
          source: node.attribute("source") ?? "", categories: categories,
          notAssessed: notAssessed))
    }
    return library
  }

  // MARK: mapping

  func mapping(_ root: SmallDocument.Element, ladder: Ladder) -> NeedMapping {
    let profile = root.attribute("profile") ?? ""
    if let top = ladder.top?.id, top != profile {
      error(
        root, "profile",
        "the mapping is for the ladder of '\(profile)'; the check's profile is '\(top)'")
    }
    let classes = ladder.profiles.map(\.class)
    var needs: [NeedRequirement] = []
    for node in root.children where node.name == "need" {
      let id = node.attribute("id") ?? ""
      if needs.contains(where: { $0.id == id }) { error(node, "id", "need '\(id)' is given twice") }
      let `class` = node.attribute("class") ?? ""
      let index = classes.firstIndex(of: `class`)
      if index == nil {
        error(
          node, "class",
          "'\(`class`)' is not a class of the ladder (\(classes.joined(separator: ", ")))"
            + Self.mean(`class`, among: classes))
      }
      let tokens = (node.attribute("rules") ?? "").split(separator: " ").map(String.init)
      var rules: [String]?
      if tokens != ["*"] {
        var ids: [String] = []
        for token in tokens {
          let rule = currentRuleID(token)
          guard let index else { break }
          // A rule the class does not bind would pass by not being
          // evaluated: refuse it.
          let bound = ladder.profiles[index].bindings.contains { $0.rule == rule }
          if !bound {
            let known = Set(ladder.profiles[index].bindings.map(\.rule)).sorted()
            error(
              node, "rules",
              "rule '\(token)' is not bound by \(ladder.profiles[index].id), the profile of "
                + "class \(`class`)" + Self.mean(token, among: known))
          }
          ids.append(rule)
        }
        rules = ids
      }
      needs.append(
        NeedRequirement(
          id: id, title: node.attribute("title") ?? id, class: `class`, rules: rules,
          source: node.attribute("source") ?? "", certainty: node.attribute("certainty") ?? ""))
    }
    return NeedMapping(
      profile: profile, summary: root.children.first { $0.name == "summary" }?.text ?? "",
      needs: needs)
  }
}
