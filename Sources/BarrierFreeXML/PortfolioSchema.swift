import BarrierFreeXMLSupport
internal import CLibXML2

/// The portfolio format's XML Schema, compiled once per process.
///
/// The text is ``xsd`` (Schemas/portfolio.xsd, embedded at build time by
/// Scripts/embed-schemas.sh). The reader validates with a copy that leaves
/// to it what libxml2 checks slowly (an identifier's pattern, bounds,
/// lengths, enumerations); it reports those in the schema's words. The
/// compiled schema is immutable and shared by every reader.
public enum PortfolioSchema {
  /// The format's namespace.
  public static let namespace = "urn:barrierfree:portfolio:1"

  /// The compiled schema; nil only if the embedded schema failed to compile,
  /// which a test rules out.
  nonisolated(unsafe) static let compiled: xmlSchemaPtr? = compileSchema(readerXSD)

  /// The schema the reader validates with: ``xsd`` less the lines that
  /// libxml2 checks slowly and the reader checks itself (see
  /// ``readerLeavesOut``). Made from ``xsd`` when first used, so that the
  /// two cannot drift apart, in one pass over its bytes: Foundation's
  /// `contains` per line cost 101 M instructions of validating 150
  /// buildings, the standard library's `firstRange(of:)` 539 M (callgrind).
  static let readerXSD: String = {
    let bytes = Array(xsd.utf8)
    let patterns = readerLeavesOut.map { Array($0.utf8) }
    func leftOut(_ line: Range<Int>) -> Bool {
      for start in line where bytes[start] == UInt8(ascii: "<") {
        for pattern in patterns where start + pattern.count <= line.upperBound {
          if bytes[start..<start + pattern.count].elementsEqual(pattern) { return true }
        }
      }
      return false
    }
    var kept: [UInt8] = []
    kept.reserveCapacity(bytes.count)
    var start = 0
    var first = true
    while start <= bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      if !leftOut(start..<end) {
        if !first { kept.append(UInt8(ascii: "\n")) }
        kept += bytes[start..<end]
        first = false
      }
      start = end + 1
    }
    return String(decoding: kept, as: UTF8.self)
  }()

  /// The lines of ``xsd`` that ``readerXSD`` leaves out. libxml2 checks a
  /// pattern with its regular-expression engine (28 % of validation time for
  /// the identifiers), and a bound, a length or an enumeration by building a
  /// value, a malloc and a free, for every attribute: 7 % of reading a file
  /// for the bounds, 1.6 % for the lengths, 4 % for the enumerations. Only
  /// Millimetres, Percent and SquareMetres have the bound 0; only Identifier
  /// and Name a maximum length. An enumeration without its values is a plain
  /// xs:token; each value stands alone on its line, as a test checks.
  static let readerLeavesOut = [
    #"<xs:pattern value="[\p{L}\p{N}_]"#, #"<xs:minInclusive value="0"/>"#,
    #"<xs:maxLength value="64"/>"#, #"<xs:maxLength value="200"/>"#, #"<xs:enumeration value="#,
  ]
}

extension SchemaMessages.Format {
  /// The portfolio format, for messages about a portfolio file.
  package static let portfolio = SchemaMessages.Format(
    root: "portfolio", namespace: PortfolioSchema.namespace, schema: "Schemas/portfolio.xsd")
}
