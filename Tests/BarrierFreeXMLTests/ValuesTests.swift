import Testing

@testable import BarrierFreeXML

/// Attribute values read from bytes: the one-pass reading of plain decimals
/// must agree with the standard library's correctly rounded reading.
@Suite("Values")
struct ValuesTests {
  private func decimal(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBufferPointer { Values.decimal($0) }
  }

  @Test("Plain decimals read as Double reads them")
  func plainDecimals() {
    var texts: [String] = []
    for whole in stride(from: 0, through: 99_999, by: 997) {
      texts.append("\(whole)")
      for fraction in ["0", "5", "25", "125", "1", "01", "999", "3333333"] {
        texts.append("\(whole).\(fraction)")
      }
    }
    texts += ["0.1", "0.2", "0.3", "902.5", "1.15", "2.675", "123456789012345", "12345678901234.5"]
    texts += [".5", "5.", "0005.500", "000000000000001", "999999999999999"]
    for text in texts {
      #expect(decimal(text) == Double(text.hasPrefix(".") ? "0" + text : text), "\(text)")
    }
  }

  @Test("Signs, white space, long numbers and bad text go the long way and still read right")
  func otherDecimals() {
    #expect(decimal("-0") == 0)
    #expect(decimal("-2.5") == -2.5)
    #expect(decimal("+7") == 7)
    #expect(decimal(" 900 ") == 900)
    #expect(decimal("1234567890123456") == 1_234_567_890_123_456)
    #expect(decimal("0.12345678901234567") == 0.12345678901234567)
    for bad in ["", ".", "1.2.3", "1e3", "12a", "--1", "1,5", " ", "NaN"] {
      #expect(decimal(bad) == nil, "\(bad)")
    }
  }

  @Test("ASCII identifiers: letters, digits and '_' first, '.' and '-' after")
  func asciiIdentifiers() {
    func check(_ text: String) -> Bool {
      Array(text.utf8).withUnsafeBufferPointer { Values.isASCIIIdentifier($0) }
    }
    for good in ["a", "Z9", "_x", "0", "b1-f0.1_bath", "g1-b4-f1-wc-wc"] {
      #expect(check(good), "\(good)")
    }
    for bad in ["", "-a", ".a", "a b", "a/b", "ä", "a:b", "a\u{0}"] {
      #expect(!check(bad), "\(bad)")
    }
  }
}
