/// Why a file cannot be loaded as a bundle. Each `description` is one lowercase line.
public enum BundleLoadError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The JSON ends before the document does.
  case truncated(offset: Int)
  /// The bytes are not JSON.
  case notJSON(message: String, offset: Int)
  /// JSON, but not a bundle at all.
  case notABundle(String)
  /// A `format` this code does not know.
  case unknownFormat(String)
  /// A bundle of a newer format version than this code reads.
  case newerVersion(String)
  case missingHash
  /// The content was changed after the hash was computed.
  case hashMismatch
  /// The hash matches but the content does not follow the schema of its format.
  case schemaMismatch(String)

  public var description: String {
    let current = DefinitionBundle.currentFormat
    switch self {
    case .truncated(let offset):
      return "bundle is truncated: the JSON ends at byte \(offset) before the document does"
    case .notJSON(let message, let offset):
      return "not a bundle: invalid JSON at byte \(offset): \(message)"
    case .notABundle(let reason):
      return "not a bundle: \(reason)"
    case .unknownFormat(let format):
      return "not a bundle: unknown format '\(format.prefix(40))', expected '\(current)'"
    case .newerVersion(let format):
      return
        "bundle format '\(format.prefix(40))' is newer than this dcmc reads ('\(current)'); use a newer dcmc"
    case .missingHash:
      return "bundle has no 'hash'; compile it again"
    case .hashMismatch:
      return
        "bundle content does not match its hash: it was changed after compiling; compile it again"
    case .schemaMismatch(let detail):
      return "bundle does not follow '\(current)': \(detail)"
    }
  }
}
