import Testing

@testable import BarrierFreeModel

@Suite("One line: the byte scan agrees with the scalar check")
struct OneLineScanTests {
  @Test("Every scalar up to U+30FF, alone, at the start, the end and between others")
  func everyScalar() {
    for value in UInt32(0)...0x30FF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      for text in ["\(scalar)", "a\(scalar)", "\(scalar)b", "≥\(scalar)›", "\(scalar)\(scalar)"] {
        // Substring takes the generic path over the scalars.
        #expect(text.escapedForOneLine == Substring(text).escapedForOneLine, "U+\(value)")
      }
    }
  }

  @Test("The neighbours of the hidden ranges stay as they are")
  func neighbours() {
    for text in [
      "\u{A0}", "\u{061B}", "\u{061D}", "\u{200D}", "\u{2010}", "\u{2027}", "\u{202F}",
      "\u{2065}", "\u{206A}", "\u{1F600}", "é",
    ] {
      #expect(text.escapedForOneLine == text)
    }
    #expect("x\u{2066}y".escapedForOneLine == "x\\u{2066}y")
  }
}
