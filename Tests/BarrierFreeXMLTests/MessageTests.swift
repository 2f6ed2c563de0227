import BarrierFreeModel
import BarrierFreeXML
import Testing

/// Messages that named the wrong cause, and suggestions for misspellings.
@Suite("The words of messages")
struct MessageTests {
  private func messages(_ text: String) -> [String] {
    readAll(text).reader.diagnostics.map(\.message)
  }

  private let head = """
    <?xml version="1.0" encoding="UTF-8"?>
    <portfolio xmlns="urn:barrierfree:portfolio:1">
      <building id="b1">

    """

  @Test("A file cut just after '<' is truncated, not followed by more after the root")
  func cutAfterLessThan() {
    for chunkSize in [4, 16, 256 * 1024] {
      let found = readAll(head + "    <", options: ReaderOptions(chunkSize: chunkSize))
        .reader.diagnostics.map(\.message)
      #expect(found.count == 1, "\(chunkSize)")
      #expect(
        found.first?.hasPrefix("the file ends before <building> is closed; is it truncated?")
          == true)
      #expect(!found.contains { $0.contains("more after the end") })
    }
  }

  @Test("A number with more digits than the validator reads says so, not to write digits")
  func tooManyDigits() {
    let found = messages(
      head + """
            <place id="p" kind="landing" level="0"/>
            <place id="q" kind="landing" level="0"/>
            <door from="p" to="q" clearWidth="900.1234567890123456789012"/>
          </building>
        </portfolio>
        """)
    #expect(
      found == [
        "door: clearWidth '900.1234567890123456789012' is not a number of millimetres; it has 25 digits, more than the 24 the XML checker reads: round it to a few decimal places"
      ])
  }

  @Test("An element in no namespace (xmlns=\"\") is told so, not that its name is not expected")
  func emptyNamespace() {
    let found = messages(
      head + """
            <place xmlns="" id="p" kind="landing" level="0"/>
          </building>
        </portfolio>
        """)
    #expect(
      found == [
        "<place> is in no namespace (xmlns=\"\"), not in urn:barrierfree:portfolio:1 as the portfolio's elements are: remove xmlns=\"\""
      ])
  }

  @Test("An XHTML page is told it is not a portfolio, not to remove its DOCTYPE")
  func xhtmlPage() {
    for doctype in [
      "<!DOCTYPE html>",
      #"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">"#,
    ] {
      let found = messages(
        doctype
          + "\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title></head></html>\n")
      #expect(
        found == [
          "this is not a BarrierFree portfolio: its DOCTYPE names <html> as its root element (a web page); a portfolio starts with <portfolio xmlns=\"urn:barrierfree:portfolio:1\"> and has no DOCTYPE"
        ], "\(doctype)")
    }
  }

  @Test("A plain text file is not XML: it begins with text, and is not called empty")
  func plainText() {
    let found = messages("Hello, this is just text.\nLine two.\n")
    #expect(
      found == [
        "this is not an XML document: it begins with text, not with a tag ('<'); expected a <portfolio> document in namespace urn:barrierfree:portfolio:1"
      ])
  }

  @Test("A misspelt element name gets a suggestion")
  func elementDidYouMean() {
    let found = messages(
      head + """
            <plase id="p" kind="landing" level="0"/>
          </building>
        </portfolio>
        """)
    #expect(found.count == 1)
    #expect(
      found.first?.hasPrefix("<plase> is not expected here; expected here: address, place,") == true
    )
    #expect(found.first?.contains("flat; did you mean <place>? (check the spelling") == true)
    // A known element in the wrong place gets none.
    let misplaced = messages(
      head + """
            <room id="r" kind="kitchen"/>
          </building>
        </portfolio>
        """)
    #expect(misplaced.count == 1)
    #expect(misplaced.first?.contains("did you mean") == false)
  }

  /// A document with one flat whose one room is of `kind`.
  func roomOfKind(_ kind: String) -> String {
    head + """
          <place id="p" kind="landing" level="0"/>
          <flat id="f" entrance="p">
            <room id="r" kind="\(kind)"/>
            <door from="p" to="r"/>
          </flat>
        </building>
      </portfolio>
      """
  }

  @Test("A misspelt room kind gets a suggestion")
  func roomKindDidYouMean() {
    let found = messages(roomOfKind("kitchn"))
    #expect(
      found == [
        "room 'r': kind 'kitchn' is not one of the allowed values: hallway, living, bedroom, kitchen, bathroom, wc, storage, balcony, terrace, other; did you mean 'kitchen'?"
      ])
    let far = messages(roomOfKind("cellar"))
    #expect(far.count == 1)
    #expect(far.first?.contains("did you mean") == false)
  }
}
