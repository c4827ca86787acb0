public import DCMCApplication
import DCMCFiles
import DCMCJSON
public import DCMCRuntime

/// The presence histories of the file store (SPEC section 15): one log per user,
/// `presence/<user>.log`, with the format and guarantees of a case's history (checksummed
/// records, appended under the store's write lock at the version the command decided on,
/// durable when the append returns). One index is derived from them: `ready/<user>`, an empty
/// file for each user who is ready, added before an append that makes them ready and removed
/// after the one that ends it, so push offers find the ready users without replaying every
/// log (a crash may leave a user filed who is ready no more; readers check); another,
/// `wrapups/`, files the users in wrap-up by its end (`FileCaseRepository+WrapUps.swift`).
/// Appends are batched (`FileCaseRepository+PresenceAppend.swift`).
extension FileCaseRepository: PresenceRepository {
  static let presence = StoreID(derived: "presence")

  var readyIndex: EntryIndex { EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/ready") }

  func presenceLog(_ user: StoreID) -> HistoryLog {
    HistoryLog(
      fileSystem: store.fileSystem, path: StorePath([Self.presence, StoreID(derived: user.rawValue + ".log")]),
      root: store.root)
  }

  public func loadPresence(_ user: String) throws(RepositoryError) -> PresenceState? {
    guard let events = try presenceHistory(of: user) else { return nil }
    guard let state = PresenceState.replay(events), state.user == user else {
      let problem = StoreError.malformedRecord(
        path: "presence/\(user).log", reason: "it is not the history of '\(user)'")
      throw .damagedPresence(PresenceDamage(user: user, problem: "\(problem)"))
    }
    return state
  }

  /// A history that cannot be read or decoded is that user's damage; a failing call of the
  /// file system (an errno) is the store's.
  public func presenceHistory(of user: String) throws(RepositoryError) -> [PresenceEvent]? {
    let stream = try Self.id(user)
    do throws(StoreError) {
      guard let history = try presenceLog(stream).read() else { return nil }
      return try history.decode(PresenceEvent.self)
    } catch {
      guard error.code == nil else { throw .unavailable(error) }
      throw .damagedPresence(PresenceDamage(user: user, problem: "\(error)"))
    }
  }

  public func readyUsers() throws(RepositoryError) -> Set<String> {
    Set(try wrap { () throws(StoreError) in try readyIndex.names(under: []) }.map(\.rawValue))
  }

  /// `presence/` as it is: the users with a log, sorted, and what does not belong there.
  static func presenceScan(_ store: Store) throws(StoreError) -> (
    users: [String], strays: [(path: String, isDirectory: Bool)]
  ) {
    let scan = try IndexScan("presence", keyDepth: 0, in: store.root, fileSystem: store.fileSystem) { _, _ in false }
    var users: [String] = []
    var strays = scan.strays
    for entry in scan.entries {
      let name = entry.name.rawValue
      if name.hasSuffix(".log"), (try? StoreID(String(name.dropLast(4)))) != nil {
        users.append(String(name.dropLast(4)))
      } else {
        strays.append(("presence/\(name)", false))
      }
    }
    return (users.sorted(), strays.sorted { $0.path < $1.path })
  }

  /// The users whose presence history ends before the furthest event the report facts name
  /// (`presenceFactSequences`), each with what is lost: `presence/alice.log ends at event 1,
  /// the report facts recorded 2: event 2 is missing`. No crash leaves this (facts are written
  /// after their append's flush): acknowledged changes are gone, which `store verify` names and
  /// `store rebuild` refuses to paper over. A history that cannot be read is
  /// `presenceProblems`' to report.
  func shortPresence() throws(RepositoryError) -> [String: String] {
    var short: [String: String] = [:]
    for (user, recorded) in try presenceFactSequences() {
      let events: [PresenceEvent]?
      do throws(RepositoryError) { events = try presenceHistory(of: user) } catch { continue }
      let log = "presence/\(user).log"
      if let events {
        if events.count < recorded {
          short[user] = CaseDamage.lost(log, end: events.count, recorded: recorded, by: "the report facts")
        }
      } else {
        short[user] = CaseDamage.missing(log, recorded: recorded, by: "the report facts")
      }
    }
    return short
  }

  /// What `store verify` finds under `presence/`, one line each naming the file: a history that
  /// cannot be read or replayed, that is another user's or numbered with a gap (`histories`,
  /// which `store rebuild` refuses), and what does not belong there (`strays`, which it
  /// removes). `strays` gets what does not belong, for `store rebuild` to remove, and
  /// `users` the number of presence histories.
  func presenceProblems(strays: inout [(path: String, isDirectory: Bool)], users: inout Int) throws(RepositoryError)
    -> (histories: [String], strays: [String])
  {
    let scan = try wrap { () throws(StoreError) in try Self.presenceScan(store) }
    users = scan.users.count
    var problems: [String] = []
    for user in scan.users {
      let log = "presence/\(user).log"
      let events: [PresenceEvent]
      do throws(RepositoryError) {
        guard let read = try presenceHistory(of: user) else { continue }
        events = read
      } catch {
        guard case .damagedPresence(let damage) = error else { throw error }
        problems.append("\(damage)")
        continue
      }
      if events.isEmpty {
        problems.append("presence of '\(user)': \(log) holds no event")
      } else if events.contains(where: { $0.user != user }) {
        problems.append("presence of '\(user)': \(log) holds another user's events")
      } else if events.map(\.seq) != Array(1...events.count) {
        problems.append("presence of '\(user)': \(log): event numbers are not 1 to \(events.count)")
      }
    }
    strays = scan.strays
    let stray = scan.strays.map { "\($0.path): stray \($0.isDirectory ? "directory" : "file") among the presence histories" }
    return (problems, stray)
  }
}
