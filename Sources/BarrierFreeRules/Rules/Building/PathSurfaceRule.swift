import BarrierFreeModel

/// A path must be firm and even for wheels: cobblestones, gravel and grass
/// are not. The reference table has no row for the surface (DIN 18040-1
/// asks for firm, even surfaces; Part 2 is believed to do the same), and a
/// surface is a kind, not a number: the list is in this rule, not in the
/// profile.
public enum PathSurfaceRule: Rule {
  /// `path.surface` ("Path surface"), citing DIN 18040-2, clause 4.2.1. On a path it
  /// measures the walking surface of a path (asphalt, concrete, paving, timber pass; cobblestones,
  /// gravel, grass fail). It takes no threshold: it checks what was recorded, not a number.
  public static let description = RuleDescription(
    id: "path.surface", aliases: ["din18040-2.path.surface"], title: "Path surface",
    clause: "4.2.1", reference: ["none (DIN 18040-1 wording; doubtful)"], appliesTo: [.path],
    measures: "the walking surface of a path (asphalt, concrete, paving, timber pass; "
      + "cobblestones, gravel, grass fail)",
    parameters: [], remedy: "pave the path")

  /// Checks a path; `nil` for any other element. A value the survey did not record never makes it
  /// pass: it is unknown, or a fail where the rule asks for something to be absent.
  public static func evaluate(_ element: Element, _ thresholds: Thresholds) -> Evaluation? {
    guard case .path(let path) = element else { return nil }
    switch path.geometry.surface {
    case nil:
      return Evaluation(.unknown, message: "surface not recorded", remedy: "record the surface")
    case .cobblestones?, .gravel?, .grass?:
      return Evaluation(
        .fail,
        message: "surface \(path.geometry.surface?.rawValue ?? ""); a firm, even surface required",
        remedy: "pave the path")
    case .asphalt?, .concrete?, .paving?, .timber?:
      return Evaluation(.pass, message: "surface \(path.geometry.surface?.rawValue ?? "")")
    case .other?:
      return Evaluation(
        .unknown, message: "surface 'other': whether it is firm and even is not known",
        remedy: "record the surface")
    }
  }

  /// Examples: paving: passes; cobbles: fails; other: unknown; not recorded: unknown.
  public static var examples: [RuleExample] {
    func path(_ surface: Surface?) -> Element {
      .path(Path(from: "street", to: "entrance", geometry: PathGeometry(surface: surface)))
    }
    return [
      RuleExample(path(.paving), profile: barrierFree, expected: .pass, note: "paving"),
      RuleExample(path(.cobblestones), profile: barrierFree, expected: .fail, note: "cobbles"),
      RuleExample(path(.other), profile: barrierFree, expected: .unknown, note: "other"),
      RuleExample(path(nil), profile: barrierFree, expected: .unknown, note: "not recorded"),
    ]
  }
}
