public import DCMCCalendar
import DCMCJSON

/// A response for the shell to write: a status, headers and the body's bytes.
public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]
  /// A body written as it comes after `body` (Server-Sent Events); `nil` for a whole response.
  public var stream: (any ResponseStream)?
  /// Why the server could not answer, for its request log only, never sent: the visitor of a
  /// page sees "not available", the operator reads why (`Pages.unavailable`); `nil`: nothing.
  public var logNote: String?

  public init(
    status: Int, headers: [(name: String, value: String)], body: [UInt8], stream: (any ResponseStream)? = nil
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.stream = stream
  }

  /// `value` as `application/json`, in the CLI's `--json` text.
  static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: [("Content-Type", "application/json")], body: value.pretty())
  }

  /// This response with `note` for the request log (`logNote`).
  func noted(_ note: String?) -> HTTPResponse {
    var noted = self
    noted.logNote = note
    return noted
  }

  /// The value of header `name` (any case); `nil` when absent.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  public static func == (left: HTTPResponse, right: HTTPResponse) -> Bool {
    left.status == right.status && left.body == right.body
      && left.headers.map { [$0.name, $0.value] } == right.headers.map { [$0.name, $0.value] }
  }
}

/// A response body written as it comes: the daemon asks it for bytes on its pump's clock (the
/// shell's, handed in), sends them, and asks again, until the stream ends or the server stops.
public protocol ResponseStream: AnyObject, Sendable {
  /// The bytes to send at `now` (none yet: empty); `nil` when the stream has ended.
  func next(at now: Instant) -> [UInt8]?
  /// Whom the stream is about (the events' user), so that `HTTPDaemon.wake` can ask for the
  /// streams of some subjects at once; `nil`: read at the pump's poll only.
  var subject: String? { get }
}

extension ResponseStream {
  public var subject: String? { nil }
}
