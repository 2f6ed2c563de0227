import BarrierFreeModel

/// Rewrites libxml2's schema-validation messages in a surveyor's words.
///
/// libxml2 says `Element '{urn:barrierfree:portfolio:1}door', attribute
/// 'clearWidth': '8O' is not a valid value of the atomic type 'Millimetres'.`;
/// BarrierFree says `door 'd1': clearWidth '8O' is not a number of
/// millimetres; write digits with a decimal point, e.g. 900 or 902.5`.
package enum SchemaMessages {
  package struct Result {
    package var text: String
    /// The attribute the message is about, to point the column at it.
    package var attribute: String?
    /// The document's root is not a portfolio of this format.
    package var isWrongRoot = false
  }

  /// Which format a message is about: its root element, namespace and schema.
  ///
  /// Each format's module declares its own (`.portfolio`, `.profile`).
  package struct Format: Sendable {
    package var root: String
    package var namespace: String
    package var schema: String

    package init(root: String, namespace: String, schema: String) {
      self.root = root
      self.namespace = namespace
      self.schema = schema
    }
  }

  /// `rootChildren` (`quarter, building`) is given for an element directly
  /// under the root.
  package static func humanize(
    _ raw: String, tag: RawTag?, id: String? = nil, format: Format,
    rootChildren: String? = nil
  ) -> Result {
    var text = raw.trimmingWhitespace()
    text = text.replacing("{\(format.namespace)}", with: "")
    let element = captured(text, after: "Element '", until: "'")
    let attribute = captured(text, after: "attribute '", until: "'")
    let subject = describe(element: element, tag: tag, id: id)

    if text.contains("No matching global declaration available for the validation root") {
      let found = tag.flatMap { $0.namespaceDeclaration() }
      let namespaceNote = found.map { " is in namespace '\($0)'" } ?? " has no namespace"
      var localName = element ?? "?"
      if let close = localName.firstIndex(of: "}") {
        localName = String(localName[localName.index(after: close)...])
      }
      return Result(
        text:
          "the root element <\(localName)>\(namespaceNote); a BarrierFree \(format.root) starts with <\(format.root) xmlns=\"\(format.namespace)\">",
        isWrongRoot: true)
    }
    // Value errors on an attribute.
    if let attribute {
      let value =
        captured(text, after: "': '", until: "'") ?? captured(text, after: "value '", until: "'")
      if text.contains("is not a valid value of the atomic type 'Millimetres'")
        || text.contains("is not a valid value of the atomic type 'Percent'")
        || text.contains("is not a valid value of the atomic type 'SquareMetres'")
        || text.contains("is not a valid value of the atomic type 'xs:decimal'")
        || text.contains("is not a valid value of the atomic type 'Value'")
      {
        let unit =
          text.contains("'Percent'")
          ? "a slope in per cent"
          : text.contains("'SquareMetres'")
            ? "an area in square metres"
            : text.contains("'Value'") ? "a number" : "a number of millimetres"
        return Result(
          text:
            "\(subject): \(attribute) '\(value ?? "")' is not \(unit); \(numberAdvice(value ?? ""))",
          attribute: attribute)
      }
      if text.contains("[facet 'minInclusive']") {
        return Result(
          text:
            "\(subject): \(attribute) is \(value ?? "?"), below the smallest allowed value \(captured(text, after: "allowed ('", until: "'") ?? "0"); measurements cannot be negative",
          attribute: attribute)
      }
      if text.contains("[facet 'minExclusive']") {
        return Result(
          text:
            "\(subject): \(attribute) is \(value ?? "?"); it must be more than \(captured(text, after: "greater than '", until: "'") ?? "0")",
          attribute: attribute)
      }
      if text.contains("[facet 'maxInclusive']") {
        return Result(
          text:
            "\(subject): \(attribute) is \(value ?? "?"), above the largest allowed value \(captured(text, after: "allowed ('", until: "'") ?? "?")",
          attribute: attribute)
      }
      if text.contains("[facet 'enumeration']") {
        let choices = captured(text, after: "set {", until: "}")?.replacing("'", with: "")
        let names = (choices ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }
        let hint = closest(to: value ?? "", among: names).map { "; did you mean '\($0)'?" } ?? ""
        return Result(
          text:
            "\(subject): \(attribute) '\(value ?? "")' is not one of the allowed values: \(choices ?? "?")\(hint)",
          attribute: attribute)
      }
      if text.contains("[facet 'pattern']") && text.contains("Identifier")
        || text.contains("[facet 'pattern']")
      {
        return Result(
          text:
            "\(subject): \(attribute) '\(value ?? "")' is not a valid identifier; use letters, digits, '_', '-' and '.', starting with a letter, digit or '_'",
          attribute: attribute)
      }
      if text.contains("[facet 'maxLength']") {
        return Result(
          text:
            "\(subject): \(attribute) is too long (\(captured(text, after: "length of '", until: "'") ?? "?") characters; at most \(captured(text, after: "maximum length of '", until: "'") ?? "?"))",
          attribute: attribute)
      }
      if text.contains("The attribute '\(attribute)' is required but missing") {
        return Result(text: "\(subject): the attribute \(attribute) is required but missing")
      }
      if text.contains("is not allowed") {
        return Result(
          text:
            "\(subject): the attribute \(attribute) is not part of the format here; check its spelling (see \(format.schema))",
          attribute: attribute)
      }
      // The needs format's own types (Schemas/needs.xsd).
      if text.contains("atomic type 'Count'") {
        return Result(
          text:
            "\(subject): \(attribute) '\(value ?? "")' is not a count; write a whole number from 0 to 1000",
          attribute: attribute)
      }
      if text.contains("atomic type 'Storey'") {
        return Result(
          text:
            "\(subject): \(attribute) '\(value ?? "")' is not a storey; write a whole number from -5 to 200 (0: the ground floor)",
          attribute: attribute)
      }
      if text.contains("atomic type 'Metres'") {
        return Result(
          text:
            "\(subject): \(attribute) '\(value ?? "")' is not a distance in metres; write a number above 0, e.g. 300 or 250.5",
          attribute: attribute)
      }
      if text.contains("atomic type 'xs:boolean'") {
        return Result(
          text: "\(subject): \(attribute) '\(value ?? "")' is not true or false",
          attribute: attribute)
      }
      if text.contains("atomic type 'xs:integer'") || text.contains("'xs:nonNegativeInteger'")
        || text.contains("'xs:positiveInteger'") || text.contains("atomic type 'Level'")
      {
        return Result(
          text:
            "\(subject): \(attribute) '\(value ?? "")' is not a whole number\(text.contains("positive") ? " above 0" : "")",
          attribute: attribute)
      }
      if text.contains("'xs:gYear'") {
        return Result(
          text:
            "\(subject): \(attribute) '\(value ?? "")' is not a year; write four digits, e.g. 1965",
          attribute: attribute)
      }
      return Result(text: "\(subject): \(stripElementPrefix(text))", attribute: attribute)
    }
    if text.contains("This element is not expected") {
      let expected =
        captured(text, after: "Expected is one of ( ", until: " )")
        ?? captured(text, after: "Expected is ( ", until: " )")
      let rawElement = captured(raw, after: "Element '", until: "'") ?? ""
      if !rawElement.hasPrefix("{"), raw.contains("{\(format.namespace)}") {
        // Its name is one the format has, in no namespace: xmlns="" (or a
        // prefix) took it out of the format's.
        return Result(
          text:
            "<\(rawElement)> is in no namespace (xmlns=\"\"), not in \(format.namespace) as the \(format.root)'s elements are: remove xmlns=\"\""
        )
      }
      // libxml2 2.9 names nothing once the root has had a child, although
      // the root takes any number more: say what it takes.
      let names = (expected ?? rootChildren).map {
        $0.split(separator: ",").map { String($0).trimmingWhitespace() }
      }
      let hint =
        closest(to: element ?? "", among: names ?? []).map { "; did you mean <\($0)>?" } ?? ""
      let tail =
        (expected ?? rootChildren).map { "; expected here: \($0)" }
        ?? "; nothing more is expected inside its parent here"
      let parentNote = " (check the spelling and the order of elements: see \(format.schema))"
      return Result(text: "<\(element ?? "?")> is not expected here\(tail)\(hint)\(parentNote)")
    }
    if text.contains("Missing child element") {
      let expected =
        captured(text, after: "Expected is ( ", until: " )")
        ?? captured(text, after: "Expected is one of ( ", until: " )")
      return Result(text: "\(subject) is incomplete: it needs \(expected ?? "more child elements")")
    }
    if text.contains("Character content other than whitespace is not allowed") {
      return Result(text: "\(subject) contains text; the format keeps all data in attributes")
    }
    return Result(text: "\(subject): \(stripElementPrefix(text))")
  }

  /// The name among `names` that `misspelt` most likely meant: within two
  /// edits (one for short names), and not `misspelt` itself.
  package static func closest(to misspelt: String, among names: [String]) -> String? {
    DidYouMean.closest(
      to: misspelt, among: names, limit: misspelt.count >= 5 ? 2 : 1, ignoringCase: true)
  }

  private static func numberAdvice(_ value: String) -> String {
    let trimmed = value.trimmingWhitespace()
    // libxml2 keeps a decimal in 24 digits, and finds a longer one invalid.
    let digits = trimmed.drop { $0 == "+" || $0 == "-" }
    if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      digits.filter({ $0 == "." }).count <= 1
    {
      let significant = digits.filter(\.isNumber).drop { $0 == "0" }.count
      if significant > 24 {
        return
          "it has \(significant) digits, more than the 24 the XML checker reads: round it to a few decimal places"
      }
    }
    if trimmed.contains(","), !trimmed.contains("."),
      Double(trimmed.replacing(",", with: ".")) != nil
    {
      return
        "it has a decimal comma: write \(trimmed.replacing(",", with: ".")) (a point, not a comma)"
    }
    let lower = trimmed.lowercased()
    if lower.hasSuffix("mm") || lower.hasSuffix("cm") || lower.hasSuffix("m")
      || lower.hasSuffix("%")
    {
      return
        "write the number alone, without a unit (lengths are in millimetres, slopes in per cent)"
    }
    if lower.contains("e") && Double(trimmed) != nil {
      return "write plain digits, without an exponent"
    }
    if lower.hasPrefix("0x") {
      return "write decimal digits, not hexadecimal"
    }
    if lower == "nan" || lower.contains("inf") {
      return "write a measured value, or leave the attribute out if it was not measured"
    }
    if trimmed.isEmpty {
      return "leave the attribute out if it was not measured"
    }
    return
      "write digits with a decimal point, e.g. 900 or 902.5; leave the attribute out if it was not measured"
  }

  /// `door 'd1'`, or `door` when the element has no id.
  /// `building 'b1'`: the element and the id in its tag, or `id` where the
  /// tag is not at hand.
  package static func describe(element: String?, tag: RawTag?, id: String? = nil) -> String {
    let name = element ?? "element"
    if let id = tag?.value(ofAttribute: "id") ?? id, !id.isEmpty { return "\(name) '\(id)'" }
    return name
  }

  private static func stripElementPrefix(_ text: String) -> String {
    guard text.hasPrefix("Element '"), let range = text.firstRange(of: "': ") else { return text }
    return String(text[range.upperBound...])
  }

  package static func captured(_ text: String, after start: String, until end: String) -> String? {
    guard let open = text.firstRange(of: start) else { return nil }
    guard let close = text[open.upperBound...].firstRange(of: end) else {
      return nil
    }
    return String(text[open.upperBound..<close.lowerBound])
  }
}

/// Rewrites libxml2's well-formedness messages.
package enum SyntaxMessages {
  /// `fileLine` turns the line numbers libxml2 writes into its messages
  /// into the file's (a reader of one segment of a file counts otherwise).
  package static func humanize(
    _ raw: String, format: SchemaMessages.Format, fileLine: (Int) -> Int = { $0 }
  ) -> String {
    let text = raw.trimmingWhitespace().replacing("\n", with: " ")
    if text.hasPrefix("Opening and ending tag mismatch:") {
      // "Opening and ending tag mismatch: room line 12 and flat"
      let body = text.dropFirst("Opening and ending tag mismatch: ".count)
      let parts = body.split(separator: " and ", omittingEmptySubsequences: false)
      if parts.count == 2 {
        let open = parts[0].split(separator: " line ", omittingEmptySubsequences: false)
        if open.count == 2 {
          let line = Int(open[1]).map { String(fileLine($0)) } ?? String(open[1])
          return
            "the end tag </\(parts[1])> does not match <\(open[0])>, opened on line \(line) and not yet closed"
        }
      }
    }
    if text.hasPrefix("Premature end of data in tag") || text.hasPrefix("EndTag: '</' not found") {
      return "the file ends before all elements are closed (\(text)); is it truncated?"
    }
    if text.hasPrefix("Document is empty") || text.hasPrefix("Start tag expected") {
      // libxml2 calls a file that begins with text "empty".
      return
        "this is not an XML document: it begins with text, not with a tag ('<'); expected a <\(format.root)> document in namespace \(format.namespace)"
    }
    if text.hasPrefix("Input is not proper UTF-8")
      || text.contains("invalid character") && text.contains("UTF-8")
    {
      return
        "the text is not valid UTF-8 (\(text)); save the file as UTF-8 or declare its encoding in the XML declaration"
    }
    if text.hasPrefix("input conversion failed") {
      // libxml2 names the bytes but not their place: the conversion runs
      // ahead of the parser.
      return
        "the file holds bytes that its declared encoding does not have (\(text)); correct the encoding in the XML declaration or save the file as UTF-8"
    }
    if text.hasPrefix("xmlParseEntityRef: no name") || text.hasPrefix("EntityRef: expecting ';'") {
      return
        "an '&' that starts no entity reference (\(text)); write '&amp;' for an ampersand in a value or text"
    }
    if text.hasPrefix("Extra content at the end of the document") {
      return "there is more after the end of </portfolio>: a file has one root element"
    }
    if text.hasPrefix("Attribute") && text.contains("redefined") {
      return "\(text): an attribute may appear only once on an element"
    }
    if text.hasPrefix("Excessive depth in document") || text.contains("Maximum depth") {
      return
        "the elements are nested too deeply (\(text)); the format never nests more than 8 levels"
    }
    if text.contains("AttValue length too long") || text.lowercased().contains("huge input lookup")
      || text.contains("too long")
    {
      return "a value or name is longer than the parser's limit (\(text))"
    }
    return text
  }
}

extension RawTag {
  /// The raw value of attribute `name` in the tag, quotes removed.
  package func value(ofAttribute name: String) -> String? {
    guard let start = offset(ofAttribute: name) else { return nil }
    var index = start + name.utf8.count
    while index < bytes.count,
      bytes[index] != UInt8(ascii: "\"") && bytes[index] != UInt8(ascii: "'")
    {
      index += 1
    }
    guard index < bytes.count else { return nil }
    let quote = bytes[index]
    let valueStart = index + 1
    var valueEnd = valueStart
    while valueEnd < bytes.count, bytes[valueEnd] != quote { valueEnd += 1 }
    guard valueEnd - valueStart <= 200 else { return nil }
    return String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
  }

  /// The namespace declared by a plain `xmlns` attribute in the tag.
  package func namespaceDeclaration() -> String? {
    value(ofAttribute: "xmlns")
  }
}

extension String {
  package func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }
}
