import Testing

@testable import barrierfree

@Suite("Progress line")
struct ProgressLineTests {
  @Test(
    "Seconds with one decimal, the carry reaching the whole seconds",
    arguments: [
      (0.0, "0.0 s"), (0.04, "0.0 s"), (0.05, "0.1 s"), (1.94, "1.9 s"), (1.97, "2.0 s"),
      (9.96, "10.0 s"), (59.99, "60.0 s"), (123.45, "123.5 s"),
    ])
  func seconds(value: Double, text: String) {
    #expect(ProgressLine.formatSeconds(value) == text)
  }
}
