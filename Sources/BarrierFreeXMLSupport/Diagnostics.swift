import BarrierFreeModel

/// A position in an input file: 1-based line and column.
///
/// Printed the way compilers print it, `file:line:column`, so that editors can
/// jump to it.
public struct SourceLocation: Sendable, Hashable, Comparable {
  /// The file as the user named it (`-` for standard input).
  public var file: String
  /// 1-based line; 0 when unknown.
  public var line: Int
  /// 1-based column in characters; 0 when unknown.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// File order: by file name, then line, then column.
  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
  }
}

extension SourceLocation: CustomStringConvertible {
  /// `file:line:column`, or just `file` when the problem has no place in the
  /// text (the file cannot be opened).
  public var description: String {
    let file = file.escapedForOneLine
    return line > 0 ? "\(file):\(line):\(column)" : file
  }
}

/// One problem found in an input file.
public struct Diagnostic: Sendable, Hashable {
  /// How bad it is.
  public enum Severity: String, Sendable, Hashable {
    /// The file is invalid: no report may be trusted.
    case error
    /// Worth a look; the file is still valid.
    case warning
  }

  /// What kind of check found the problem.
  public enum Kind: String, Sendable, Hashable {
    /// The file could not be opened or read.
    case io
    /// The text is not well-formed XML.
    case syntax
    /// The document does not match Schemas/portfolio.xsd.
    case schema
    /// The document matches the schema but does not make sense: a duplicate
    /// id, a reference to nothing, an implausible value.
    case meaning
    /// The document uses a feature refused for security (entities, DTDs).
    case security
    /// Too many errors: the rest were not reported.
    case limit
  }

  /// How bad it is.
  public var severity: Severity
  /// What kind of check found it.
  public var kind: Kind
  /// Where it is.
  public var location: SourceLocation
  /// What is wrong and what was expected, in a surveyor's words.
  public var message: String

  /// Creates a diagnostic.
  public init(
    severity: Severity = .error, kind: Kind, location: SourceLocation,
    message: String
  ) {
    self.severity = severity
    self.kind = kind
    self.location = location
    self.message = message
  }
}

extension Diagnostic: CustomStringConvertible {
  /// `file:line:column: error: message`, on one line: a message quotes
  /// values from the file, and a line break or control character in one
  /// must not forge a diagnostic of its own or reach the terminal.
  public var description: String {
    "\(location): \(severity.rawValue): \(message.escapedForOneLine)"
  }
}

/// A portfolio file that could not be read into a valid model.
///
/// Carries every problem found, up to the reader's limit, in file order.
public struct ImportError: Error, Sendable, CustomStringConvertible {
  /// The problems, errors and warnings.
  public var diagnostics: [Diagnostic]

  /// Creates an import error.
  public init(diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  /// The errors among the diagnostics.
  public var errors: [Diagnostic] {
    diagnostics.filter { $0.severity == .error }
  }

  /// One line per diagnostic.
  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}
