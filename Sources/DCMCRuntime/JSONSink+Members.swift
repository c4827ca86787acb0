import DCMCCalendar
import DCMCJSON

// The values the store's states and events are made of, written to a `JSONSink` (the one
// description of each type's members gives both its bytes and its tree: `CaseState+JSON.swift`,
// `CaseEvent+JSON.swift`). Kept in this module so that they are specialized with the sinks.

extension JSONSink {
  /// A member whose value is a string, or `null` for `nil`.
  mutating func member(_ key: String, _ text: String?) {
    self.key(key)
    string(text)
  }

  mutating func member(_ key: String, _ value: Int) {
    self.key(key)
    int(value)
  }

  mutating func member(_ key: String, _ value: Bool) {
    self.key(key)
    bool(value)
  }

  /// A member whose value is a time (`Instant.json`), or `null` for `nil`.
  mutating func member(_ key: String, _ instant: Instant?) {
    self.key(key)
    time(instant)
  }

  mutating func string(_ text: String?) {
    if let text { string(text) } else { null() }
  }

  /// An instant as `Instant.json` writes it, or `null`.
  mutating func time(_ instant: Instant?) {
    guard let instant else { return null() }
    if instant.withUTCText({ string(utf8: $0) }) == nil { string(instant.description) }
  }

  /// An array of `items`, each written by `write`.
  mutating func array<Items: Sequence>(_ items: Items, _ write: (inout Self, Items.Element) -> Void) {
    openArray()
    for item in items { write(&self, item) }
    closeArray()
  }

  /// An object of `members`' entries, in the order of their keys' UTF-8 bytes (as
  /// `Dictionary.json` is written), each value written by `write`.
  mutating func object<Value>(_ members: [String: Value], _ write: (inout Self, Value) -> Void) {
    openObject()
    for member in members.sorted(by: { JSONValue.precedes($0.key, $1.key) }) {
      key(member.key)
      write(&self, member.value)
    }
    closeObject()
  }

  /// An object of strings, in key order.
  mutating func object(_ members: [String: String]) { object(members) { $0.string($1) } }

  /// An array of strings.
  mutating func array(_ items: [String]) { array(items) { $0.string($1) } }
}

/// A sink that passes on to `base` only the members of the outermost object whose keys are
/// `kept` (and the members it merges): a part of a state written without the rest of it
/// (the file store's customer summaries).
struct KeptMembers<Base: JSONSink>: JSONSink {
  var base = Base()
  var kept: Set<String> = []
  /// How many containers are open.
  private var depth = 0
  /// Whether the outermost object's current member is left out, its value with it.
  private var leavingOut = false

  init() {}

  init(keeping kept: Set<String>) { self.kept = kept }

  mutating func key(_ key: String) {
    if depth == 1 { leavingOut = !kept.contains(key) }
    if !leavingOut { base.key(key) }
  }

  mutating func null() { if !leavingOut { base.null() } }
  mutating func bool(_ value: Bool) { if !leavingOut { base.bool(value) } }
  mutating func int(_ value: Int) { if !leavingOut { base.int(value) } }
  mutating func string(_ text: String) { if !leavingOut { base.string(text) } }
  mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) { if !leavingOut { base.string(utf8: bytes) } }
  mutating func value(_ value: JSONValue) { if !leavingOut { base.value(value) } }

  mutating func openObject(merging members: [(key: String, value: JSONValue)]) {
    depth += 1
    if !leavingOut { base.openObject(merging: members) }
  }

  mutating func closeObject() {
    depth -= 1
    if depth == 0 { leavingOut = false }
    if !leavingOut { base.closeObject() }
  }

  mutating func openArray() {
    depth += 1
    if !leavingOut { base.openArray() }
  }

  mutating func closeArray() {
    depth -= 1
    if !leavingOut { base.closeArray() }
  }
}
