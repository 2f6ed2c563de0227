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
}

extension SchemaMessages.Format {
  /// The portfolio format, for messages about a portfolio file.
  package static let portfolio = SchemaMessages.Format(
    root: "portfolio", namespace: PortfolioSchema.namespace, schema: "Schemas/portfolio.xsd")
}
