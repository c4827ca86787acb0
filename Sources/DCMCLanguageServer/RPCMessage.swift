package import DCMCJSON

/// A JSON-RPC 2.0 message from the client: a request (with an id, answered) or a
/// notification (without one, never answered).
package struct RPCMessage: Sendable {
  /// `nil` for a notification.
  package var id: JSONValue?
  package var method: String
  /// `null` when the message has none.
  package var params: JSONValue

  /// Reads a parsed body: `nil` for a response to a request of ours (the registration of
  /// watched files, whose answer changes nothing), an error to answer for anything that is
  /// not a message.
  static func read(_ json: JSONValue) -> Result<RPCMessage, RPCError>? {
    guard case .object = json else { return .failure(RPCError(.invalidRequest, "message not an object")) }
    guard case .string(let method)? = json["method"] else {
      if json["result"] != nil || json["error"] != nil { return nil }
      return .failure(RPCError(.invalidRequest, "message without a method", id: json["id"] ?? .null))
    }
    let id = json["id"]
    switch id {
    case nil, .string?, .number?: break
    default: return .failure(RPCError(.invalidRequest, "request id neither a number nor a string"))
    }
    return .success(RPCMessage(id: id, method: method, params: json["params"] ?? .null))
  }

  /// The response carrying `result`.
  static func response(id: JSONValue, result: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
  }

  /// A request from the server to the client.
  static func request(id: JSONValue, _ method: String, _ params: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("id", id), ("method", .string(method)), ("params", params)])
  }

  /// A notification from the server.
  static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
  }
}

/// An error response of JSON-RPC, with LSP's codes.
package struct RPCError: Error, Sendable {
  package enum Code: Int, Sendable {
    case parseError = -32700
    case invalidRequest = -32600
    case methodNotFound = -32601
    case invalidParams = -32602
    case serverNotInitialized = -32002
    case requestFailed = -32803
  }

  package var code: Code
  /// Lowercase, one clause.
  package var message: String
  /// The id of the request answered; `null` when it could not be read.
  package var id: JSONValue

  init(_ code: Code, _ message: String, id: JSONValue = .null) {
    self.code = code
    self.message = message
    self.id = id
  }

  var response: JSONValue {
    .object([
      ("jsonrpc", .string("2.0")), ("id", id),
      ("error", .object([("code", .int(code.rawValue)), ("message", .string(message))])),
    ])
  }
}

extension JSONValue {
  var stringValue: String? {
    guard case .string(let text) = self else { return nil }
    return text
  }

  var intValue: Int? {
    guard case .number(let text) = self else { return nil }
    return Int(text)
  }

  var arrayValue: [JSONValue]? {
    guard case .array(let items) = self else { return nil }
    return items
  }
}
