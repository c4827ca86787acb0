import DCMCJSON

// The members of `case.updated` (`docs/store.md`, "Case events"): `fields` maps each changed
// field to `{ "before": v, "after": v }` (`null` for no value); `priority` and `skill` are such
// pairs or `null` when unchanged; `tasks` lists `{ "task", "priority", "target", "skill" }`,
// the unchanged parts `null`.

extension CaseUpdate {
  func writeMembers<Sink: JSONSink>(to sink: inout Sink, in scope: CaseScope) {
    sink.key("fields")
    sink.object(fields) { sink, change in change.write(to: &sink) { $0.string($1) } }
    sink.key("priority")
    Change.write(priority, to: &sink) { $0.int($1) }
    sink.key("skill")
    Change.write(skill, to: &sink) { $0.string($1) }
    sink.key("tasks")
    sink.array(tasks) { $1.write(to: &$0, in: scope) }
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
  /// `{ "after", "before" }`, each value written by `write`.
  func write<Sink: JSONSink>(to sink: inout Sink, _ write: (inout Sink, Value) -> Void) {
    sink.openObject()
    sink.key("after")
    write(&sink, after)
    sink.key("before")
    write(&sink, before)
    sink.closeObject()
  }

  /// `change` as `write(to:_:)` writes it, or `null` when it is `nil` (unchanged).
  static func write<Sink: JSONSink>(_ change: Self?, to sink: inout Sink, _ write: (inout Sink, Value) -> Void) {
    if let change { change.write(to: &sink, write) } else { sink.null() }
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
  func write<Sink: JSONSink>(to sink: inout Sink, in scope: CaseScope) {
    sink.openObject()
    sink.key("priority")
    CaseUpdate.Change.write(priority, to: &sink) { $0.int($1) }
    sink.key("skill")
    CaseUpdate.Change.write(skill, to: &sink) { $0.string($1) }
    sink.key("target")
    CaseUpdate.Change.write(target, to: &sink) { $0.string($1) }
    sink.member("task", scope.taskID(task))
    sink.closeObject()
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
