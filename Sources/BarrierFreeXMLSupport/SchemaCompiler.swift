package import CLibXML2

/// Compiles the text of an XML Schema; nil if it does not compile.
package func compileSchema(_ xsd: String) -> xmlSchemaPtr? {
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
