import DCMCJSON

/// The case a record or state belongs to, for what its JSON says about tasks: the store
/// names a task by its task id (`TEC-000001.3`) where the Swift values hold its number, so
/// writing needs the case's id, and reading takes the number back from an id that must be
/// of this case.
struct CaseScope {
  let caseID: String

  /// The task id of task `number`, or `nil` for none.
  func taskID(_ number: Int?) -> String? { number.map { TaskState.id(case: caseID, number: $0) } }

  /// The number of the task whose id is at `key`, which must be there.
  func task(_ fields: JSONFields, _ key: String) throws(JSONShapeError) -> Int {
    let id: String = try fields.required(key)
    do throws(JSONShapeError) { return try number(ofTask: id) } catch { throw error.inside(key) }
  }

  /// The number of the task whose id is at `key`, or `nil` when it is missing or `null`.
  func optionalTask(_ fields: JSONFields, _ key: String) throws(JSONShapeError) -> Int? {
    guard let id = try fields.optional(key, as: String.self) else { return nil }
    do throws(JSONShapeError) { return try number(ofTask: id) } catch { throw error.inside(key) }
  }

  /// The number in `id`, which must be this case's id, a dot, and a task number (from 1,
  /// without leading zeros, as `TaskState.id` writes it).
  func number(ofTask id: String) throws(JSONShapeError) -> Int {
    let utf8 = id.utf8
    let prefix = caseID.utf8
    if utf8.count > prefix.count + 1, utf8.count <= prefix.count + 13, utf8.starts(with: prefix) {
      let rest = utf8.dropFirst(prefix.count)
      let digits = rest.dropFirst()
      if rest.first == UInt8(ascii: "."), digits.first != UInt8(ascii: "0"),
        digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
      {
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
      }
    }
    throw JSONShapeError("'\(id.prefix(60))' is not a task id of case '\(caseID.prefix(60))'")
  }
}
