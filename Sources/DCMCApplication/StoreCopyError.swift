/// Why `store copy` stopped. Nothing is written for a `.foreignTarget`; after the others the
/// target holds part of the copy, which a run again completes.
public enum StoreCopyError: Error, Sendable, CustomStringConvertible {
  /// The target holds what the source does not (it is not empty and not a partial copy of
  /// this source); `what` names the first such item.
  case foreignTarget(String)
  /// A bundle of the source does not load.
  case unusableBundle(hash: String, reason: String)
  /// What the source holds cannot be copied as it is: a history that does not replay, an
  /// attachment its history names missing or other than its name says ('store verify' on
  /// the source names the damage).
  case unreadable(String)
  /// An item changed in the target while it was copied (another process writes to it).
  case targetMoved(String)
  /// The target's rebuild after the copy refused a history (it does not replay).
  case targetDamaged(String)
  /// The source or the target could not be read or written.
  case repository(RepositoryError)

  public var description: String {
    switch self {
    case .foreignTarget(let what): "the target is not empty and not a copy of the source: \(what)"
    case .unusableBundle(let hash, let reason): "bundle '\(hash.prefix(80))' of the source does not load: \(reason)"
    case .unreadable(let what): what
    case .targetMoved(let what): "the target changed while it was copied: \(what)"
    case .targetDamaged(let damage): "the copy was not rebuilt: \(damage)"
    case .repository(let error): "\(error)"
    }
  }

  /// Runs `body`, its repository's failures as `.repository`.
  public static func wrap<Result>(_ body: () throws(RepositoryError) -> Result) throws(StoreCopyError) -> Result {
    do {
      return try body()
    } catch {
      throw .repository(error)
    }
  }
}
