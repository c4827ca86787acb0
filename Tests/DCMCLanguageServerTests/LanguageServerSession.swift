import DCMCJSON
import DCMCLanguageServer

/// Definitions "on disk" for the server under test.
struct MemoryFolder: DefinitionsFolder {
  var files: [String: String]
  /// Directories that cannot be read: their files are left out with this reason.
  var unreadable: [String] = []

  func files(under root: String) -> FolderListing {
    let denied = unreadable.filter { $0.hasPrefix(root + "/") }
    let readable = files.keys.filter { path in
      path.hasPrefix(root + "/") && !denied.contains { path.hasPrefix($0 + "/") }
    }
    return FolderListing(files: readable.sorted(), unreadable: denied.map { "cannot read '\($0)': permission denied" })
  }
  func read(_ path: String) -> FileContent? { files[path].map { .bytes(Array($0.utf8)) } }
}

/// A client talking to a `LanguageServer` value: messages as JSON text in, what the server
/// sends out, each message parsed.
struct LanguageServerSession {
  var server: LanguageServer
  private var nextID = 1

  /// The workspace `/ws`, whose `definitions/` holds a workgroup, a calendar and a case type.
  static let files = [
    "/ws/definitions/workgroups.yaml": """
    kind: Workgroup
    id: employees
    name: Employees
    members: [ann, { user: bob, skills: { french: 70 } }]
    """,
    "/ws/definitions/calendars.yaml": """
    kind: Calendar
    id: night
    timezone: Europe/Brussels
    hours:
      mon-fri: "22:00-06:00"
    """,
    "/ws/definitions/claims.yaml": claims,
  ]

  static let claims = """
    kind: CaseType
    id: claims
    calendar: night
    stages:
      - id: handling
        tasks:
          - id: handle
            target: employees
            ola: 1d 4h
            outcomes:
              done: { close: resolved }
              check: { start: check }
          - id: check
            target: employees
            outcomes: { done: { close: resolved } }
    """

  static let claimsURI = "file:///ws/definitions/claims.yaml"
  static let workgroupsURI = "file:///ws/definitions/workgroups.yaml"

  init(files: [String: String] = Self.files, unreadable: [String] = [], strict: Bool = false) {
    server = LanguageServer(folder: MemoryFolder(files: files, unreadable: unreadable), strict: strict, version: "test")
  }

  /// Sends one message body; returns what the server answers and then publishes.
  mutating func send(_ text: String) -> [JSONValue] {
    server.receive(.body(Array(text.utf8))) + server.publishDiagnostics()
  }

  /// Sends a request with the next id; returns its result or error response.
  mutating func request(_ method: String, _ params: String = "{}") -> JSONValue {
    let id = nextID
    nextID += 1
    let answers = send("{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"\(method)\",\"params\":\(params)}")
    return answers.first { $0["id"]?.intValue == id } ?? .null
  }

  mutating func notify(_ method: String, _ params: String = "{}") -> [JSONValue] {
    send("{\"jsonrpc\":\"2.0\",\"method\":\"\(method)\",\"params\":\(params)}")
  }

  /// A session past `initialize` and `initialized` on the default files.
  static func started() -> LanguageServerSession {
    var session = LanguageServerSession()
    _ = session.start()
    return session
  }

  /// `initialize` with `/ws` as the root, then `initialized`: the diagnostics published.
  mutating func start() -> [JSONValue] {
    _ = request("initialize", "{\"rootUri\":\"file:///ws\",\"capabilities\":{}}")
    return notify("initialized")
  }

  static func position(_ line: Int, _ character: Int) -> String {
    "{\"line\":\(line),\"character\":\(character)}"
  }

  static func at(_ uri: String, _ line: Int, _ character: Int) -> String {
    "{\"textDocument\":{\"uri\":\"\(uri)\"},\"position\":\(position(line, character))}"
  }

  static func quoted(_ text: String) -> String { String(decoding: JSONValue.string(text).compact(), as: UTF8.self) }
}

extension JSONValue {
  var stringValue: String? { if case .string(let text) = self { text } else { nil } }
  var intValue: Int? { if case .number(let text) = self { Int(text) } else { nil } }
  var arrayValue: [JSONValue] { if case .array(let items) = self { items } else { [] } }
  var isNull: Bool { if case .null = self { true } else { false } }
}
