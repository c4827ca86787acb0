import DCMCJSON

/// A response for the shell to write: a status, headers and the body's bytes.
public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// `value` as `application/json`, in the CLI's `--json` text.
  static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
    HTTPResponse(
      status: status, headers: [("Content-Type", "application/json")], body: Array(value.prettyText().utf8))
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
