import DCMCApplication
import DCMCBundle
import DCMCCalendar
import Synchronization

/// The staff's sign-ins to the pages (docs/server.md, "Desk"), kept in memory on the server: a
/// session is opened with an API token that acts (`TokenService`: the token acts as its user,
/// exactly as on the API) and named by a random 128-bit id the browser keeps in an HttpOnly,
/// SameSite=Strict cookie. Each request through a session authenticates its token again at the
/// request's instant, so a token revoked or expired ends its sessions at once; a session not
/// used for `idleSeconds` is forgotten. The ids are kept as their SHA-256, so a lookup's timing
/// tells nothing of a live id. Memory is bounded: `capacity` sessions, the one idle longest
/// forgotten first. A restart signs everyone out.
final class StaffSessions: Sendable {
  struct Record: Sendable {
    var user: String
    /// The token the session was opened with, authenticated again on each request.
    var token: String
    var lastSeen: Instant
    /// The time zone the user picked for the pages' times; `nil`: each calendar's own.
    var zone: String?
  }

  /// The cookie that carries a session's id.
  static let cookie = "dcmc_session"

  let idleSeconds: Int
  let capacity: Int
  private let records = Mutex<[String: Record]>([:])

  init(idleSeconds: Int = 3600, capacity: Int = 10_000) {
    self.idleSeconds = idleSeconds
    self.capacity = capacity
  }

  /// Opens a session for `user`, signed in with `token` at `now`, under `id` (32 hex digits
  /// from the server's random generator).
  func open(_ id: String, user: String, token: String, at now: Instant) {
    records.withLock { records in
      records[Self.key(id)] = Record(user: user, token: token, lastSeen: now)
      if records.count > capacity, let oldest = records.min(by: { $0.value.lastSeen < $1.value.lastSeen }) {
        records[oldest.key] = nil
      }
    }
  }

  /// The session `id` names at `now`, its use recorded; `nil` (and the session forgotten)
  /// when it is unknown, idle too long, or its token no longer acts.
  func session(_ id: String, tokens: any TokenRepository, at now: Instant) -> Record? {
    let key = Self.key(id)
    guard acts(id, tokens: tokens, at: now) else { return nil }
    return records.withLock { records in
      records[key]?.lastSeen = now
      return records[key]
    }
  }

  /// Whether session `id` still acts at `now`, its use not recorded (an open event stream of
  /// the session asks at each poll, which does not keep it from going idle); `false` (and the
  /// session forgotten) when it is unknown, idle too long, or its token no longer acts.
  func acts(_ id: String, tokens: any TokenRepository, at now: Instant) -> Bool {
    guard let record = records.withLock({ $0[Self.key(id)] }),
      now < record.lastSeen.adding(seconds: idleSeconds),
      TokenService.acts(record.token, as: record.user, tokens: tokens, at: now)
    else {
      close(id)
      return false
    }
    return true
  }

  /// Forgets session `id` (signing out).
  func close(_ id: String) { records.withLock { $0[Self.key(id)] = nil } }

  /// Keeps `zone` as the time zone of session `id`'s pages.
  func setZone(_ zone: String?, of id: String) { records.withLock { $0[Self.key(id)]?.zone = zone } }

  private static func key(_ id: String) -> String { SHA256.hexDigest(of: Array(id.utf8)) }

  /// The `Set-Cookie` value that keeps session `id` for every page.
  static func setCookie(_ id: String, secure: Bool) -> String {
    "\(cookie)=\(id); Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
  }

  /// The `Set-Cookie` value that makes the browser forget its session.
  static func clearCookie(secure: Bool) -> String {
    "\(cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
  }
}
