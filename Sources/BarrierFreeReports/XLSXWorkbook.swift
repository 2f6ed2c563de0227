import CXLSXWriter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A cell of a spreadsheet row: text stays text (never a formula, never
/// coerced to a date or a number), numbers are numbers.
enum XLSXCell: Sendable, Hashable {
  /// A text cell.
  case text(String)
  /// A number cell, shown as the column's format says.
  case number(Double)
  /// A flat's class, shown as a coloured cell with its word: the index on
  /// the ladder (nil when the class is not on it), and whether it is
  /// verified.
  case level(String, rank: Int?, verified: Bool)
  /// Nothing.
  case empty
}

/// An .xlsx workbook written by libxlsxwriter in its constant-memory mode:
/// each sheet's rows go to a temporary file as they are written, so memory
/// does not grow with the rows; ``close()`` assembles the zip file.
///
/// libxlsxwriter writes to a file name only, so the workbook is made in a
/// directory of its own under `TMPDIR` (with libxlsxwriter's own temporary
/// files), which ``bytes(_:)`` reads back and ``deinit`` removes.
final class XLSXWorkbook {
  /// libxlsxwriter refused something, or a temporary file failed.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// A sheet, with the header row it repeats when its rows fill one sheet
  /// and go on in the next (`Findings`, `Findings 2`, …).
  final class Sheet {
    fileprivate var pointer: UnsafeMutablePointer<lxw_worksheet>
    fileprivate let name: String
    fileprivate let columns: [Column]
    /// The next row to write (0 is the header).
    fileprivate var row: UInt32 = 0
    fileprivate var part = 1
    fileprivate let table: Bool

    fileprivate init(
      pointer: UnsafeMutablePointer<lxw_worksheet>, name: String, columns: [Column], table: Bool
    ) {
      self.pointer = pointer
      self.name = name
      self.columns = columns
      self.table = table
    }
  }

  /// A column of a table sheet: its header, its width in characters, and
  /// the number format of its number cells (nil: general).
  struct Column: Sendable {
    var name: String
    var width: Double
    var numberFormat: String?

    init(_ name: String, width: Double, numberFormat: String? = nil) {
      self.name = name
      self.width = width
      self.numberFormat = numberFormat
    }
  }

  /// The most rows a sheet holds (Excel's limit, header included).
  static let maxRows: UInt32 = 1_048_576
  /// The longest text a cell holds (Excel's limit, in characters).
  static let maxText = 32_767

  private var workbook: UnsafeMutablePointer<lxw_workbook>?
  /// The directory the workbook is made in, removed with it.
  let directory: String
  private let path: String
  private var temporaryDirectory: UnsafeMutablePointer<CChar>?
  private var header: UnsafeMutablePointer<lxw_format>?
  private var bold: UnsafeMutablePointer<lxw_format>?
  private var numberFormats: [String: UnsafeMutablePointer<lxw_format>] = [:]
  private var levelFormats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
  private let palette: ClassPalette
  /// How many rows (header included) fill a sheet: Excel's limit, lower in
  /// tests.
  private let rowsPerSheet: UInt32
  private var closed = false

  /// A new, empty workbook; `created` is the document's creation time
  /// (fixed, so that one input gives the same bytes on every run).
  init(palette: ClassPalette, created: time_t, rowsPerSheet: UInt32 = XLSXWorkbook.maxRows)
    throws
  {
    self.palette = palette
    self.rowsPerSheet = rowsPerSheet
    let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    var template = Array("\(base ?? "/tmp")/barrierfree-xlsx-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }
    }
    guard let made else {
      throw Failure(
        description: "cannot make a temporary directory: \(String(cString: strerror(errno)))")
    }
    directory = String(cString: made)
    path = directory + "/report.xlsx"
    // libxlsxwriter keeps the directory's name; it must live as long as the
    // workbook.
    temporaryDirectory = strdup(directory)
    var options = lxw_workbook_options(
      constant_memory: 1, tmpdir: temporaryDirectory, use_zip64: 0)
    guard let workbook = workbook_new_opt(path, &options) else {
      Self.remove(directory)
      free(temporaryDirectory)
      throw Failure(description: "cannot start a spreadsheet in \(directory)")
    }
    self.workbook = workbook
    try setProperties(created: created)
    header = workbook_add_format(workbook)
    format_set_bold(header)
    format_set_bg_color(header, 0xF3F3F3)
    format_set_pattern(header, UInt8(LXW_PATTERN_SOLID.rawValue))
    format_set_bottom(header, UInt8(LXW_BORDER_MEDIUM.rawValue))
    format_set_text_wrap(header)
    format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
    bold = workbook_add_format(workbook)
    format_set_bold(bold)
  }

  deinit {
    if !closed, let workbook {
      // Frees the workbook; the file it writes is removed below.
      workbook_close(workbook)
    }
    free(temporaryDirectory)
    Self.remove(directory)
  }

  private func setProperties(created: time_t) throws {
    let title = strdup("Accessibility report")
    let author = strdup("BarrierFree")
    defer {
      free(title)
      free(author)
    }
    var properties = lxw_doc_properties()
    properties.title = title
    properties.author = author
    properties.created = created
    guard workbook_set_properties(workbook, &properties) == LXW_NO_ERROR else {
      throw Failure(description: "cannot set the spreadsheet's properties")
    }
  }

  /// Adds a sheet named `name`; a `table` sheet gets `columns` as its
  /// header row, frozen, with an autofilter over its rows when closed.
  func sheet(_ name: String, columns: [Column], table: Bool = true) throws -> Sheet {
    guard let pointer = workbook_add_worksheet(workbook, name) else {
      throw Failure(description: "cannot add the sheet '\(name)'")
    }
    let sheet = Sheet(pointer: pointer, name: name, columns: columns, table: table)
    try start(sheet)
    return sheet
  }

  /// Widths, frozen header and the header row of `sheet`.
  private func start(_ sheet: Sheet) throws {
    for (index, column) in sheet.columns.enumerated() {
      let format = column.numberFormat.map(numberFormat)
      worksheet_set_column(
        sheet.pointer, UInt16(index), UInt16(index), column.width, format ?? nil)
    }
    guard sheet.table else { return }
    worksheet_freeze_panes(sheet.pointer, 1, 0)
    try write(sheet.columns.map { .text($0.name) }, to: sheet, format: header)
  }

  private func numberFormat(_ code: String) -> UnsafeMutablePointer<lxw_format>? {
    if let format = numberFormats[code] { return format }
    let format = workbook_add_format(workbook)
    format_set_num_format(format, code)
    numberFormats[code] = format
    return format
  }

  /// The format of a class cell: the palette's colour and text colour,
  /// bold; an unverified class italic with a dashed border, so that it
  /// does not look verified.
  private func levelFormat(rank: Int?, verified: Bool) -> UnsafeMutablePointer<lxw_format>? {
    let key = (rank ?? -1) * 2 + (verified ? 0 : 1)
    if let format = levelFormats[key] { return format }
    let format = workbook_add_format(workbook)
    let swatch = palette.swatch(rank: rank)
    format_set_bg_color(format, swatch.background)
    format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
    format_set_font_color(format, swatch.text)
    format_set_bold(format)
    if !verified {
      format_set_italic(format)
      format_set_border(format, UInt8(LXW_BORDER_DASHED.rawValue))
      format_set_border_color(format, swatch.text)
    }
    levelFormats[key] = format
    return format
  }

  /// Appends a row to `sheet`; a table sheet that is full goes on in a new
  /// sheet (`Findings 2`) with the same header.
  func append(_ cells: [XLSXCell], to sheet: Sheet) throws {
    if sheet.table && sheet.row >= rowsPerSheet {
      try finish(sheet)
      sheet.part += 1
      guard let pointer = workbook_add_worksheet(workbook, "\(sheet.name) \(sheet.part)") else {
        throw Failure(description: "cannot add the sheet '\(sheet.name) \(sheet.part)'")
      }
      sheet.pointer = pointer
      sheet.row = 0
      try start(sheet)
    }
    try write(cells, to: sheet, format: nil)
  }

  /// Appends a row whose first cell is bold (a heading of the summary).
  func appendHeading(_ cells: [XLSXCell], to sheet: Sheet) throws {
    try write(cells, to: sheet, format: bold)
  }

  private func write(
    _ cells: [XLSXCell], to sheet: Sheet, format: UnsafeMutablePointer<lxw_format>?
  ) throws {
    let row = sheet.row
    for (index, cell) in cells.enumerated() {
      let column = UInt16(index)
      let status: lxw_error
      switch cell {
      case .empty: continue
      case .text(let text):
        status = writeText(text, sheet.pointer, row, column, format)
      case .number(let value):
        status = worksheet_write_number(sheet.pointer, row, column, value, format)
      case .level(let text, let rank, let verified):
        status = writeText(
          text, sheet.pointer, row, column, levelFormat(rank: rank, verified: verified))
      }
      guard status == LXW_NO_ERROR else {
        throw Failure(
          description:
            "cannot write row \(row + 1) of the sheet '\(sheet.name)': "
            + String(cString: lxw_strerror(status)))
      }
    }
    sheet.row += 1
  }

  /// Writes `text`, cut to the longest a cell holds with the cut said in
  /// the cell (no report text comes near it; an id or address might).
  private func writeText(
    _ text: String, _ sheet: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32,
    _ column: UInt16, _ format: UnsafeMutablePointer<lxw_format>?
  ) -> lxw_error {
    // Excel counts UTF-16 units; a text of fewer UTF-8 bytes than the limit
    // is within it.
    guard text.utf8.count > Self.maxText, text.utf16.count > Self.maxText else {
      return worksheet_write_string(sheet, row, column, text, format)
    }
    let note = " … [cut: \(text.count) characters]"
    var cut = ""
    var units = 0
    for character in text {
      let length = character.utf16.count
      if units + length > Self.maxText - note.utf16.count { break }
      cut.append(character)
      units += length
    }
    return worksheet_write_string(sheet, row, column, cut + note, format)
  }

  /// Closes `sheet`'s table: the autofilter over its rows.
  func finish(_ sheet: Sheet) throws {
    guard sheet.table, sheet.row > 0, !sheet.columns.isEmpty else { return }
    let status = worksheet_autofilter(
      sheet.pointer, 0, 0, sheet.row - 1, UInt16(sheet.columns.count - 1))
    guard status == LXW_NO_ERROR else {
      throw Failure(
        description:
          "cannot filter the sheet '\(sheet.name)': \(String(cString: lxw_strerror(status)))")
    }
  }

  /// Assembles the file and hands its bytes to `write` in pieces of 1 MiB.
  func close(_ write: ([UInt8]) throws -> Void) throws {
    closed = true
    let status = workbook_close(workbook)
    workbook = nil
    guard status == LXW_NO_ERROR else {
      throw Failure(
        description: "cannot write the spreadsheet: \(String(cString: lxw_strerror(status)))")
    }
    guard let file = fopen(path, "rb") else {
      throw Failure(
        description: "cannot read back the spreadsheet: \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0 { break }
      try write(count == chunk.count ? chunk : Array(chunk[0..<count]))
    }
    if ferror(file) != 0 { throw Failure(description: "cannot read back the spreadsheet") }
  }

  /// Removes the workbook's directory and what libxlsxwriter left in it.
  private static func remove(_ directory: String) {
    guard let listing = opendir(directory) else { return }
    while let entry = readdir(listing) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        raw.bindMemory(to: CChar.self).baseAddress.map { String(cString: $0) } ?? ""
      }
      if name != "." && name != ".." { unlink(directory + "/" + name) }
    }
    closedir(listing)
    rmdir(directory)
  }
}
