import DCMCChecker
import DCMCDiagnostics
import DCMCModel

/// The cross-file check of the workspace, done again only where an edit can change it: a
/// case type's diagnostics are kept while its file is unchanged and so is everything its
/// checks read besides itself (the files that define workgroups, calendars, templates,
/// customer profiles or presences, the case types' ids, and the ids that failed their
/// shape check). The passes over all definitions and the scenarios' checks run each time;
/// they are cheap beside the case types'.
///
/// The result is `Checker.link`'s for the same files, because `Linking` promises that
/// whatever computed each case type's diagnostics.
struct IncrementalLink: Sendable {
  /// What a case type's checks read beyond its own definition.
  private struct Inputs: Equatable {
    /// Raised whenever a file that defines anything but case types and scenarios changes,
    /// appears or goes.
    var shared: Int
    var caseTypeIDs: [String]
    var brokenIDs: Set<String>
  }

  /// The diagnostics of each file's case types, in order, and the inputs they were checked with.
  private var diagnostics: [String: (inputs: Inputs, caseTypes: [[Diagnostic]])] = [:]
  private var shared = 0
  private var paths: [String] = []

  /// One file of the workspace, in path order.
  struct File {
    var path: String
    var definitions: FileDefinitions
    /// Whether its bytes changed since the last check (or it is new).
    var isChanged: Bool
    /// For a changed file, what it held before: its shared definitions count as a change too.
    var previous: FileDefinitions?
  }

  /// How many case types the last `check` checked again (the others' diagnostics were kept).
  private(set) var rechecked = 0

  mutating func check(_ files: [File]) -> CheckResult {
    let paths = files.map(\.path)
    let sharedChanged = files.contains {
      $0.isChanged && (Self.isShared($0.definitions) || $0.previous.map(Self.isShared) == true)
    }
    if sharedChanged || paths != self.paths { shared += 1 }
    self.paths = paths
    let linking = Linking(files.map(\.definitions))
    var inputs = Inputs(shared: shared, caseTypeIDs: [], brokenIDs: [])
    for file in files {
      inputs.caseTypeIDs += file.definitions.definitions.caseTypes.map(\.header.id.value)
      inputs.brokenIDs.formUnion(file.definitions.definitions.brokenIDs)
    }
    var all: [[Diagnostic]] = []
    var next: [String: (inputs: Inputs, caseTypes: [[Diagnostic]])] = [:]
    rechecked = 0
    for file in files {
      let count = file.definitions.definitions.caseTypes.count
      if !file.isChanged, let kept = diagnostics[file.path], kept.inputs == inputs, kept.caseTypes.count == count {
        next[file.path] = kept
      } else {
        let checked = (all.count..<all.count + count).map(linking.checkCaseType(at:))
        rechecked += count
        next[file.path] = (inputs, checked)
      }
      all += next[file.path]?.caseTypes ?? []
    }
    diagnostics = next
    return linking.finish(caseTypeDiagnostics: all)
  }

  /// Whether a file defines what other files' case types read.
  private static func isShared(_ file: FileDefinitions) -> Bool {
    let definitions = file.definitions
    return !(definitions.calendars.isEmpty && definitions.workgroups.isEmpty && definitions.templates.isEmpty
      && definitions.customerProfiles.isEmpty && definitions.presences.isEmpty)
  }
}
