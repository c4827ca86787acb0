import DCMCApplication
import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file of the store that is not a regular file: a directory, a symbolic link, a FIFO, a
/// device or a socket where the store keeps a file (every open refuses it, `PosixFileSystem`).
/// A derived file so damaged is that file's damage only: readers take it for a missing cache
/// and fall back to the histories, `store verify` names it, `store rebuild` replaces it
/// (`StoreTransaction.replaceCache`). A history so damaged is its case's damage.
extension FileCaseRepository {
  /// What a derived file at `path` is.
  enum DerivedFile {
    case absent
    /// Something other than a regular file: the refusal of its open.
    case notRegular(FileError)
    case bytes([UInt8])
  }

  /// The derived file at `path`; a failure other than its type is the store's.
  func derivedFile(_ path: StorePath) throws(RepositoryError) -> DerivedFile {
    do throws(StoreError) {
      guard let bytes = try store.contents(of: path) else { return .absent }
      return .bytes(bytes)
    } catch {
      if case .file(let file) = error, file.isNotRegularFile { return .notRegular(file) }
      throw .unavailable(error)
    }
  }

  /// The bytes of the derived file at `path`; `nil` when there is none or it is not a regular
  /// file, which its readers then rebuild from the histories as they do a missing one.
  func derivedContents(_ path: StorePath) throws(RepositoryError) -> [UInt8]? {
    if case .bytes(let bytes) = try derivedFile(path) { return bytes }
    return nil
  }

  /// `store verify`'s words for `path` (relative to the store) when it is not a regular file.
  static func notRegular(_ path: String, _ error: FileError) -> String {
    let what = error.code == ELOOP ? "a symbolic link" : "a directory, a FIFO, a device or a socket"
    return "\(path) is not a regular file but \(what), where the store keeps a file"
  }

  /// The path of `file` inside the store (what `store verify` names), or as it is when it is
  /// not in the store.
  func storeRelative(_ file: String) -> String {
    file.hasPrefix(store.root + "/") ? String(file.dropFirst(store.root.count + 1)) : file
  }

  /// The problem `error`, thrown by one of `store verify`'s checks, is when it is a file of the
  /// store that is not a regular file: what verify reports before it goes on with the next check.
  /// `nil` for any other failure, which stops verify.
  /// A directory of the store that is not one (a file, or a symbolic link to a directory, which
  /// is never followed: `ENOTDIR`) is such a problem too.
  func notRegularProblem(_ error: RepositoryError) -> String? {
    guard case .unavailable(let failure) = error, let store = failure as? StoreError, case .file(let file) = store
    else { return nil }
    if file.code == ENOTDIR {
      return "\(storeRelative(file.path)) is not a directory (or a part of its path is not), where the store keeps one"
    }
    return file.isNotRegularFile ? Self.notRegular(storeRelative(file.path), file) : nil
  }
}
