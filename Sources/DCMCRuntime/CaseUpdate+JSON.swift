import DCMCJSON

// The members of `case.updated` (`docs/store.md`, "Case events"): `fields` maps each changed
// field to `{ "before": v, "after": v }` (`null` for no value); `priority` and `skill` are such
// pairs or `null` when unchanged; `tasks` lists `{ "task", "priority", "target", "skill" }`,
// the unchanged parts `null`.

extension CaseUpdate {
  func members(in scope: CaseScope) -> [(key: String, value: JSONValue)] {
    [
      ("fields", .object(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json { .string($0) }) })),
      ("priority", priority?.json { $0.json } ?? .null), ("skill", skill?.json { .string($0) } ?? .null),
      ("tasks", .array(tasks.map { $0.json(in: scope) })),
    ]
  }

  init(_ fields: JSONFields, in scope: CaseScope) throws(JSONShapeError) {
    let changed = try fields.required("fields", as: [String: RawJSON].self)
    var values: [String: Change<String?>] = [:]
    for (field, raw) in changed {
      do throws(JSONShapeError) {
        values[field] = try Change(raw.json) { json throws(JSONShapeError) in try Self.text(json) }
      } catch { throw error.inside(field).inside("fields") }
    }
    let tasks = try fields.required("tasks", as: [RawJSON].self)
    var reclassified: [TaskReclassification] = []
    for (index, raw) in tasks.enumerated() {
      do throws(JSONShapeError) { reclassified.append(try TaskReclassification(JSONFields(raw.json), in: scope)) } catch
      {
        throw error.inside(String(index)).inside("tasks")
      }
    }
    self.init(
      fields: values,
      priority: try Change.optional(fields, "priority") { json throws(JSONShapeError) in try Int(json: json) },
      skill: try Change.optional(fields, "skill") { json throws(JSONShapeError) in try Self.text(json) },
      tasks: reclassified)
  }

  /// A string, or `nil` for `null`.
  static func text(_ json: JSONValue) throws(JSONShapeError) -> String? {
    if case .null = json { return nil }
    return try String(json: json)
  }
}

extension CaseUpdate.Change {
  func json(_ write: (Value) -> JSONValue) -> JSONValue {
    .object([("after", write(after)), ("before", write(before))])
  }

  /// A pair from `{ "before", "after" }`, each read by `read`.
  init(_ json: JSONValue, _ read: (JSONValue) throws(JSONShapeError) -> Value) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    func member(_ key: String) throws(JSONShapeError) -> Value {
      // `null` is a value here (no value): `RawJSON` takes it.
      let raw = try fields.required(key, as: RawJSON.self)
      do throws(JSONShapeError) { return try read(raw.json) } catch { throw error.inside(key) }
    }
    self.init(try member("before"), try member("after"))
  }

  /// The pair at `key`, or `nil` when it is missing or `null`.
  static func optional(_ fields: JSONFields, _ key: String, _ read: (JSONValue) throws(JSONShapeError) -> Value)
    throws(JSONShapeError) -> Self?
  {
    guard let raw = try fields.optional(key, as: RawJSON.self) else { return nil }
    do throws(JSONShapeError) { return try Self(raw.json, read) } catch { throw error.inside(key) }
  }
}

extension TaskReclassification {
  func json(in scope: CaseScope) -> JSONValue {
    .object([
      ("priority", priority?.json { $0.json } ?? .null), ("skill", skill?.json { .string($0) } ?? .null),
      ("target", target?.json { .string($0) } ?? .null), ("task", scope.task(task)),
    ])
  }

  init(_ fields: JSONFields, in scope: CaseScope) throws(JSONShapeError) {
    self.init(
      task: try scope.task(fields, "task"),
      priority: try CaseUpdate.Change.optional(fields, "priority") { json throws(JSONShapeError) in try Int(json: json)
      },
      target: try CaseUpdate.Change.optional(fields, "target") { json throws(JSONShapeError) in try String(json: json)
      },
      skill: try CaseUpdate.Change.optional(fields, "skill") { json throws(JSONShapeError) in try CaseUpdate.text(json)
      })
  }
}

/// A member read as the JSON it is, for values whose shape their reader checks.
struct RawJSON: JSONReadable {
  let json: JSONValue

  init(json: JSONValue) throws(JSONShapeError) { self.json = json }
}
