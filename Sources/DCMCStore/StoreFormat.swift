import DCMCJSON

/// The contents of `store.json`: which format the store is in, so a newer layout is never
/// misread by an older dcmc.
struct StoreFormat: Equatable {
  /// The format's name, always `dcmc-store`.
  static let name = "dcmc-store"
  /// The version this code writes and the newest it reads. 2: the explicit event schema
  /// (`docs/store.md`, "Upgrading from format 1"); 1 is read, and upgraded at the first write.
  static let currentVersion = 2

  var format: String
  var version: Int

  init(format: String, version: Int) {
    self.format = format
    self.version = version
  }

  static let current = StoreFormat(format: name, version: currentVersion)

  /// The file's bytes: one JSON object with sorted keys and a final newline.
  func encoded() -> [UInt8] {
    JSONValue.object([("format", .string(format)), ("version", .int(version))]).compact() + [10]
  }

  /// The format `bytes` describe; `nil` when they are not a JSON object with a string
  /// `format` and an integer `version` (other keys are ignored).
  init?(_ bytes: [UInt8]) {
    guard let json = try? JSONValue.parse(bytes, limits: .store), let fields = try? JSONFields(json),
      let format = try? fields.required("format", as: String.self),
      let version = try? fields.required("version", as: Int.self)
    else { return nil }
    self.init(format: format, version: version)
  }

  /// Reads `bytes` of `store.json` in the store at `root`, refusing another format and a
  /// newer version.
  static func check(_ bytes: [UInt8], root: String) throws(StoreError) -> StoreFormat {
    guard let found = StoreFormat(bytes) else {
      throw .notAStore(path: root, reason: "store.json is not a format description")
    }
    guard found.format == name else {
      throw .notAStore(path: root, reason: "store.json names the format '\(StoreError.printable(found.format))'")
    }
    guard found.version >= 1 else {
      throw .notAStore(path: root, reason: "store.json has the version \(found.version)")
    }
    guard found.version <= currentVersion else {
      throw .newerFormat(path: root, found: found.version, supported: currentVersion)
    }
    return found
  }
}
