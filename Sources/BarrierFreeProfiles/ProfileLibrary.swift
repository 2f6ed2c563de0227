import BarrierFreeRules
import BarrierFreeXMLSupport

/// The profiles at hand: the built-in ones and any loaded from files, with
/// the ladders their `extends` chains form.
public struct ProfileLibrary: Sendable {
  /// The profiles as written, unresolved, in the order they were added.
  public private(set) var profiles: [Profile]

  /// Creates a library of `profiles`.
  public init(_ profiles: [Profile] = []) {
    self.profiles = profiles
  }

  /// The built-in profiles (Profiles/*.xml, embedded in the library).
  public static let builtIn: ProfileLibrary = {
    ProfileLibrary(
      builtInTexts.compactMap { file, text in
        try? ProfileReader.read(bytes: Array(text.utf8), fileName: file)
      })
  }()

  /// Problems in the built-in profiles; empty, as a test checks.
  public static var builtInProblems: [ImportError] {
    builtInTexts.compactMap { file, text -> ImportError? in
      do throws(ImportError) {
        _ = try ProfileReader.read(bytes: Array(text.utf8), fileName: file)
        return nil
      } catch {
        return error
      }
    }
  }

  /// The profile used when none is named: the top of the German ladder.
  public static let defaultProfile = "din18040-2-r"

  /// The profile with `id`, unresolved.
  public func profile(_ id: String) -> Profile? {
    profiles.first { $0.id == id }
  }

  /// Adds a profile read from a file; it may extend one already here.
  ///
  /// - Throws: `ProfileError` when a profile with the same id is here, or
  ///   the profile it extends is not.
  public mutating func add(_ profile: Profile, origin: String? = nil) throws(ProfileError) {
    let origin = origin ?? profile.origin
    if self.profile(profile.id) != nil {
      throw ProfileError(
        origin: origin,
        message: "a profile '\(profile.id)' exists already; give yours another id")
    }
    if let base = profile.extends, self.profile(base) == nil {
      throw ProfileError(
        origin: origin,
        message: "the profile extends '\(base)', which is unknown; `barrierfree profiles` "
          + "lists the profiles")
    }
    if let base = profile.above, self.profile(base) == nil {
      throw ProfileError(
        origin: origin,
        message: "the profile stands above '\(base)', which is unknown; `barrierfree profiles` "
          + "lists the profiles")
    }
    profiles.append(profile)
    do {
      _ = try ladder(for: profile.id)
    } catch {
      profiles.removeLast()
      throw error
    }
  }

  /// The ladder that ends in profile `id`, lowest level first: the chain of
  /// profiles each names as the one below it (`extends` or `above`). A
  /// level that extends the one below is resolved over it; a level that
  /// stands above it keeps its own rules.
  public func ladder(for id: String) throws(ProfileError) -> Ladder {
    var chain: [Profile] = []
    var next: String? = id
    while let current = next {
      guard let found = profile(current) else {
        throw ProfileError(
          origin: nil,
          message: "unknown profile '\(current)'; `barrierfree profiles` lists the profiles")
      }
      if chain.contains(where: { $0.id == found.id }) {
        throw ProfileError(
          origin: nil, message: "the profiles extend each other in a circle at '\(found.id)'")
      }
      chain.append(found)
      next = found.below
    }
    var levels: [Profile] = []
    for profile in chain.reversed() {
      if profile.extends != nil, let base = levels.last {
        levels.append(profile.resolved(over: base))
      } else {
        levels.append(profile)
      }
    }
    let ladder = Ladder(levels)
    if let problem = ladder.problems.first { throw problem }
    return ladder
  }
}
