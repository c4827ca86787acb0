/// Which files of a definitions folder are definitions: a `.yaml` or `.yml` file, with no
/// hidden entry (a name starting with `.`) on the way down, at most `maximumDepth`
/// directories below the folder. `dcmc validate` walks a folder by this rule, and the
/// language server decides by it whether a document it is sent is a definition.
public enum DefinitionFiles {
  /// How many levels of directories below a definitions folder are entered.
  public static let maximumDepth = 32

  /// Whether an entry of a folder is skipped: hidden files and directories are not read.
  public static func isHidden(_ name: some StringProtocol) -> Bool { name.hasPrefix(".") }

  /// Whether a file name is a YAML file's.
  public static func isYAML(_ name: some StringProtocol) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

  /// Whether the walk of `folder` (an absolute path) reads `path` (an absolute path): it lies
  /// under the folder, every name on the way is visible (no `.`, `..` or empty name), it is a
  /// YAML file, and at most `maximumDepth` directories lie between.
  public static func contains(_ path: String, in folder: String) -> Bool {
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    guard path.hasPrefix(prefix) else { return false }
    let names = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
    guard let name = names.last, isYAML(name), names.count - 1 <= maximumDepth else { return false }
    return names.allSatisfy { !$0.isEmpty && !isHidden($0) }
  }
}
