import Foundation

extension SmallDocument {
  /// The bytes of the file at `path`, or the error every reader of a small
  /// file gives: `path: error: cannot read the <noun>`.
  package static func contents(of path: String, noun: String) throws(ImportError) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ImportError(diagnostics: [
        Diagnostic(
          kind: .io, location: SourceLocation(file: path, line: 0, column: 0),
          message: "cannot read the \(noun)")
      ])
    }
    return Array(data)
  }

  /// The root element when it is `expected` (a format with several kinds
  /// of file in one schema); else nil, with the error that says which file
  /// this is instead.
  package func root(expected: String, namespace: String) -> Element? {
    guard let found = root else { return nil }
    guard found.name == expected else {
      error(
        .schema, location(of: found),
        "this is a <\(found.name)> file; expected a <\(expected)> in namespace \(namespace)")
      return nil
    }
    return found
  }
}
