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
}

/// Compiles the text of an XML Schema; nil if it does not compile.
func compileSchema(_ xsd: String) -> xmlSchemaPtr? {
  let bytes = Array(xsd.utf8)
  return bytes.withUnsafeBufferPointer { buffer -> xmlSchemaPtr? in
    guard let base = buffer.baseAddress else { return nil }
    let parserContext = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
      xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
    }
    guard let parserContext else { return nil }
    defer { xmlSchemaFreeParserCtxt(parserContext) }
    return xmlSchemaParse(parserContext)
  }
}
