import DCMCJSON

/// The bytes of a bundle: sealing (hash, then the file's text) and loading (format,
/// version, hash, then the typed model).
///
/// The hash is `sha256:` and the SHA-256, in lowercase hex, of the compact canonical JSON
/// (`JSONValue`) of the whole document without its `hash` key. The file is the pretty
/// canonical JSON of the whole document, so the same definitions always give the same
/// bytes.
public enum BundleFile {
  /// What a bundle may be as JSON: 128 MiB, ten times the bundle of a thousand case types
  /// (`docs/performance.md`), and 256 levels, since the deepest condition the compiler
  /// accepts (64 levels of `not` or parentheses, two JSON levels each) sits a few levels down.
  package static let jsonLimits = JSONValue.Limits(maxBytes: 128 << 20, maxDepth: 256)

  /// The bundle with its hash set, and the file's bytes; refused when it holds a value JSON
  /// cannot write (a number that is not finite).
  public static func seal(_ bundle: DefinitionBundle) throws(BundleSealError) -> (bundle: DefinitionBundle, bytes: [UInt8]) {
    var unsealed = bundle
    unsealed.hash = ""
    let document: JSONValue
    do {
      document = try JSONValue.encode(unsealed)
    } catch {
      throw BundleSealError(reason: "\(error)")
    }
    var sealed = bundle
    sealed.hash = contentHash(of: document)
    return (sealed, document.setting("hash", to: .string(sealed.hash)).pretty())
  }

  /// The bundle in `bytes`, after checking its format, version and hash.
  public static func load(_ bytes: [UInt8]) throws(BundleLoadError) -> DefinitionBundle {
    let document: JSONValue
    do {
      document = try JSONValue.parse(bytes, limits: jsonLimits)
    } catch {
      throw error.isTruncated
        ? .truncated(offset: error.offset) : .notJSON(message: error.message, offset: error.offset)
    }
    try checkFormat(of: document)
    guard case .string(let written) = document["hash"] else { throw .missingHash }
    guard written == contentHash(of: document) else { throw .hashMismatch }
    do {
      return try DefinitionBundle(json: document)
    } catch {
      throw .schemaMismatch(schemaDetail(error))
    }
  }

  /// The bundle's wording of `error`, as `docs/bundle.md` shows it: `missing 'id' in
  /// 'case_types.0'`, `unexpected value at 'calendars.1.week'`, `invalid id '../x' at
  /// 'workgroups.0.id'`.
  private static func schemaDetail(_ error: JSONShapeError) -> String {
    switch error.problem {
    case .missing(let key): "missing '\(key)'" + (error.path.isEmpty ? "" : " in '\(error.place)'")
    case .unexpected: "unexpected value at '\(error.place)'"
    case .refused(let reason): "\(reason) at '\(error.place)'"
    }
  }

  /// `sha256:` and the digest of the document without its `hash` key.
  package static func contentHash(of document: JSONValue) -> String {
    "sha256:" + SHA256.hexDigest(of: document.removing("hash").compact())
  }

  private static func checkFormat(of document: JSONValue) throws(BundleLoadError) {
    guard case .object = document else { throw .notABundle("the document is not a JSON object") }
    guard case .string(let format) = document["format"] else {
      throw .notABundle("it has no 'format'")
    }
    let prefix = DefinitionBundle.formatName + "/"
    guard format.hasPrefix(prefix), let version = Int(format.dropFirst(prefix.count)), version >= 1
    else {
      throw .unknownFormat(format)
    }
    guard version <= DefinitionBundle.formatVersion else { throw .newerVersion(format) }
  }
}

/// Why a bundle could not be written as JSON.
public struct BundleSealError: Error, Sendable, CustomStringConvertible {
  public var reason: String
  public var description: String { "the bundle cannot be written as JSON: \(reason)" }
}
