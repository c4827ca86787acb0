import DCMCApplication
public import DCMCFiles

/// Why a store operation failed: a system call, damage on disk, a refused id or store.
///
/// Every description is one lowercase line that names the file and, for system calls, the
/// `errno` reason, so the CLI can print it as it is.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A call of the file layer failed ("cannot open 'x': permission denied").
  case file(FileError)
  /// A history log holds a bad record that is followed by good ones (not a torn tail).
  /// `record` is the 1-based number the bad record should have had; `offset` its byte offset.
  case corruptHistory(path: String, record: Int, offset: Int, reason: String)
  /// A user-supplied id was refused before it could become a path.
  case invalidID(String, reason: String)
  /// `path` is not a dcmc store (no `store.json`, or one of another format).
  case notAStore(path: String, reason: String)
  /// The store was written by a newer dcmc, whose format this one cannot read.
  case newerFormat(path: String, found: Int, supported: Int)
  /// Another process holds the store's write lock and the caller asked not to wait.
  case lockBusy(path: String)
  /// A record is larger than `HistoryRecord.maximumPayloadBytes`.
  case recordTooLarge(path: String, bytes: Int)
  /// A record is not JSON, or is JSON but not the value asked for; `reason` gives the
  /// record's number and why.
  case malformedRecord(path: String, reason: String)
  /// `path` is the target of a `store copy` that has not ended (`copy-unfinished.json`):
  /// every command but the copy refuses it. `source`: the copy's source, when it recorded one.
  case unfinishedCopy(path: String, source: String?)

  /// The `errno` value of a failed system call, `nil` for the other cases.
  public var code: Int32? {
    if case .file(let error) = self { return error.code }
    return nil
  }

  /// Whether a file of the store is not a regular file (`FileError.isNotRegularFile`).
  public var isNotRegularFile: Bool {
    if case .file(let error) = self { return error.isNotRegularFile }
    return false
  }

  public var description: String {
    switch self {
    case .file(let error): error.description
    case .corruptHistory(let path, let record, let offset, let reason):
      "history '\(path)' is corrupt at record \(record) (byte \(offset)): \(reason)"
    case .invalidID(let id, let reason):
      "invalid id '\(StoreError.printable(id))': \(reason)"
    case .notAStore(let path, let reason):
      "'\(path)' is not a dcmc store: \(reason)"
    case .newerFormat(let path, let found, let supported):
      "store '\(path)' has format version \(found), written by a newer dcmc; this dcmc reads versions up to \(supported)"
    case .lockBusy(let path):
      "store lock '\(path)' is held by another process"
    case .recordTooLarge(let path, let bytes):
      "record of \(bytes) bytes for '\(path)' exceeds the limit of \(HistoryRecord.maximumPayloadBytes) bytes"
    case .malformedRecord(let path, let reason):
      "malformed record in '\(path)': \(reason)"
    case .unfinishedCopy(let path, let source):
      "\(UnfinishedCopy(store: path, source: source))"
    }
  }

  /// `id` shortened to 64 characters, with control characters shown as escapes
  /// (`UserID.printable`), so a hostile id cannot break the one-line message.
  static func printable(_ id: String) -> String { UserID.printable(id) }
}

/// The result of `call`, a call of the file layer, whose failure is thrown as `StoreError.file`.
func io<Result>(_ call: @autoclosure () throws(FileError) -> Result) throws(StoreError) -> Result {
  do {
    return try call()
  } catch {
    throw .file(error)
  }
}

extension StoreError: PathFreeDescription {
  /// The description with the path it names cut to the file's name
  /// (`cannot read 'TEC-000003.json': not a regular file`).
  public var descriptionWithoutPaths: String {
    guard let path, let slash = path.lastIndex(of: "/") else { return description }
    return description.replacing(path, with: path[path.index(after: slash)...])
  }

  /// The path the error names.
  var path: String? {
    switch self {
    case .file(let error): error.path
    case .corruptHistory(let path, _, _, _), .notAStore(let path, _), .newerFormat(let path, _, _),
      .lockBusy(let path), .recordTooLarge(let path, _), .malformedRecord(let path, _), .unfinishedCopy(let path, _):
      path
    case .invalidID: nil
    }
  }
}
