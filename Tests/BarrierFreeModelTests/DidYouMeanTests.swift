import BarrierFreeModel
import Testing

@Suite("Did you mean")
struct DidYouMeanTests {
  @Test(
    "Edit distances, and the bound past which they give up",
    arguments: [
      ("kitchen", "kitchn", 3, 1), ("door", "dor", 3, 1), ("ramp", "lamp", 3, 1),
      ("flat", "flat", 3, 0), ("", "abc", 3, 3), ("abc", "", 3, 3),
      ("clear-width", "clear-widht", 3, 2), ("abcdef", "uvwxyz", 2, 3), ("a", "abcdef", 2, 3),
    ])
  func distance(a: String, b: String, limit: Int, expected: Int) {
    #expect(DidYouMean.distance(a, b, limit: limit) == expected)
  }

  @Test("The nearest candidate within the limit; none for the name itself or a far one")
  func closest() {
    let kinds = ["kitchen", "bathroom", "bedroom", "living"]
    #expect(DidYouMean.closest(to: "kitchn", among: kinds, limit: 2) == "kitchen")
    #expect(DidYouMean.closest(to: "bedrom", among: kinds, limit: 2) == "bedroom")
    #expect(DidYouMean.closest(to: "kitchen", among: kinds, limit: 2) == nil)
    #expect(DidYouMean.closest(to: "garage", among: kinds, limit: 2) == nil)
    #expect(DidYouMean.closest(to: "KITCHEN", among: kinds, limit: 1) == nil)
    #expect(
      DidYouMean.closest(to: "KITCHEN", among: kinds, limit: 1, ignoringCase: true) == "kitchen")
  }
}
