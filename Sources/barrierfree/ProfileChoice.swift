import ArgumentParser
import BarrierFree
import Foundation

/// Turns `--profile NAME|FILE` into a ladder: a built-in profile by id, or a
/// profile file (which may extend a built-in one).
enum ProfileChoice {
  /// The profile library with the user's file added, and the chosen id.
  static func resolve(_ choice: String?) throws -> (library: ProfileLibrary, id: String) {
    var library = ProfileLibrary.builtIn
    let name = choice ?? ProfileLibrary.defaultProfile
    if library.profile(name) != nil { return (library, name) }
    guard FileManager.default.fileExists(atPath: name) else {
      let known = library.profiles.map(\.id).joined(separator: ", ")
      throw CommandFailure(
        "error: unknown profile '\(name.escapedForOneLine)': neither a built-in profile (\(known)) nor a file"
      )
    }
    let profile: Profile
    do {
      profile = try ProfileReader.read(path: name)
    } catch {
      throw CommandFailure(error.description)
    }
    do {
      try library.add(profile)
    } catch {
      throw CommandFailure(error.description)
    }
    return (library, profile.id)
  }

  /// The ladder ending in the chosen profile.
  static func ladder(_ choice: String?) throws -> Ladder {
    let (library, id) = try resolve(choice)
    do {
      return try library.ladder(for: id)
    } catch {
      throw CommandFailure(error.description)
    }
  }
}

/// Bad input that ends the command with exit code 2 and a message on
/// standard error, already in the form `file:line:column: error: message`
/// or `error: message`.
struct CommandFailure: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}
