#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
public import DCMCApplication
import DCMCFiles

/// One claim per user at a time (`CaseRepository.exclusively`): `flock(LOCK_EX)` on
/// `claims/<user>.lock`. Each claim opens the file itself, and a `flock` belongs to the open
/// file description, so the lock excludes the other threads of this process as well as other
/// processes (the CLI beside `dcmc serve`); the kernel releases it when the process dies. The
/// files hold nothing: they are made on a user's first claim and never removed, and nothing
/// is written or flushed for them. The claim's own reads and appends take the store's lock
/// as any command's, inside this one (always in that order, so the two never deadlock).
extension FileCaseRepository {
  static let claimDirectory = "claims"
  /// How many times a claim tries the user's lock before it is refused, pausing between two
  /// tries from 0.1 ms, doubled each time, up to 5 ms: about 10 s in all, far
  /// more than a claim takes, so only a claim that hangs (a stopped process) is refused.
  public static let defaultClaimLockTries = 2_000
  static let claimPauseLimitNanoseconds = 5_000_000

  public func exclusively<Result>(claimingFor user: String, _ body: () throws(ServiceError) -> Result)
    throws(ServiceError) -> Result
  {
    let lock = try ServiceError.wrap { () throws(RepositoryError) in
      try wrap { () throws(StoreError) in try claimLock(of: user) }
    }
    guard let lock else { throw .refused(.claimBusy(user: user)) }
    // Closing the only descriptor of this open file description releases the flock.
    defer { store.fileSystem.close(lock) }
    return try body()
  }

  /// `claims/<user>.lock` (the directory made on the first claim), locked; `nil` when another
  /// claim of `user` held it through `claimLockTries` tries.
  func claimLock(of user: String) throws(StoreError) -> FileDescriptor? {
    let name = try StoreID(user).rawValue + ".lock"
    let directory = store.root + "/" + Self.claimDirectory
    let fileSystem = store.fileSystem
    let file: FileDescriptor
    do {
      file = try io(fileSystem.open(directory + "/" + name, .lockFile))
    } catch where error.code == ENOENT {
      do {
        try io(fileSystem.makeDirectory(directory))
      } catch where error.code == EEXIST {
        // Another claim made it first.
      }
      file = try io(fileSystem.open(directory + "/" + name, .lockFile))
    }
    var pause = 100_000
    for _ in 0..<claimLockTries {
      let locked: Bool
      do {
        locked = try io(fileSystem.lock(file, wait: false))
      } catch {
        fileSystem.close(file)
        throw error
      }
      if locked { return file }
      var interval = timespec(tv_sec: 0, tv_nsec: pause)
      nanosleep(&interval, nil)
      pause = min(pause * 2, Self.claimPauseLimitNanoseconds)
    }
    fileSystem.close(file)
    return nil
  }
}
