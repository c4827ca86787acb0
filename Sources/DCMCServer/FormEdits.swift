import DCMCBundle

/// What a staff form (the supervisor's case form, the desk's complete) sent, read against the
/// values it showed (its `shown` digests, `FormFields.shownField`) and the case's values now:
/// the one rule both forms change a case by (docs/server.md, "A case's data changed
/// meanwhile"). A field is edited when its value sent is not the one shown and not the one
/// the case has now (compared as shown, `FormFields.shownLines`); a field left as shown is the
/// case's value now, so a change made meanwhile stands; a field edited that someone else also
/// changed meanwhile (the case's value now is not the one shown) is a conflict, refused with
/// its value now (`refusal`) rather than written over. The values it was read against are
/// its write's condition (`expecting`), so a change landing between this read and the write
/// is not written over either: the use case refuses the write, and the form is read again.
struct FormEdits {
  /// Every field's value as sent, by field id: a value left empty, or a yes/no not answered,
  /// as the empty value (`FormFields.values`).
  let sent: [String: String]
  /// Every field by id: the value sent where it is edited, else the case's value now (the
  /// form's values over the case's now, as a form shown again keeps them).
  let values: [String: String]
  /// The fields edited, by id, with their values sent: what the form changes.
  let changed: [String: String]
  /// The fields edited that were changed meanwhile, in the fields' order: the id and the
  /// value now.
  let meanwhile: [(field: String, now: String)]
  /// Every field by id: the case's value it was read against (`current`, empty for none).
  let read: [String: String]

  /// How often a form is read again when its write is refused because the case changed
  /// between the form's read and its write (`ServiceRefusal.changedMeanwhile`), before that
  /// refusal is the answer: read again, a field left as shown takes the other change, and one
  /// edited over it is this form's conflict (`refusal`).
  static let attempts = 4

  /// The condition the write of `written` (the values a form writes, by field id) is made on:
  /// each field's value as this form was read against (`read`), which the case must still
  /// have when the write is decided (`CaseService.execute(_:onCase:by:request:expecting:)`),
  /// so a change that lands after this read is not written over.
  func expecting(_ written: [String: String]) -> [String: String] {
    read.filter { written[$0.key] != nil }
  }

  /// What `form` sent for `fields` over the values it showed (`shown`, one digest each; nil:
  /// the form did not tell them, so a value that reads as the case's in `current` is left as
  /// shown and no change made meanwhile can be told) and the case's values `current`.
  init(of fields: [BundleField], in form: FormBody, shown: [String]?, current: [String: String]) {
    let given = FormFields.values(of: fields, in: form)
    var (sent, values, changed) = ([String: String](), [String: String](), [String: String]())
    var meanwhile: [(field: String, now: String)] = []
    var read: [String: String] = [:]
    for (index, field) in fields.enumerated() {
      let value = given[field.id] ?? ""
      let now = current[field.id] ?? ""
      (sent[field.id], read[field.id]) = (value, now)
      let was = shown.map { $0[index] }
      let edited = FormFields.shownLines(value) != FormFields.shownLines(now) && was.map { FormFields.digest(value) != $0 } ?? true
      values[field.id] = edited ? value : now
      guard edited else { continue }
      changed[field.id] = value
      if let was, FormFields.digest(now) != was { meanwhile.append((field.id, now)) }
    }
    (self.sent, self.values, self.changed, self.meanwhile, self.read) = (sent, values, changed, meanwhile, read)
  }

  /// The refusal of a form with a conflict, in words that start with `notDone` ("Not saved")
  /// and end by telling the user to `again` ("save again"): each field edited over a change
  /// made meanwhile, with its value now as the staff pages show a value (`ShownValue`), its
  /// first 80 characters. Nil when there is none.
  func refusal(_ notDone: String, again: String) -> [HTML]? {
    guard !meanwhile.isEmpty else { return nil }
    var words: [HTML] = [.text("\(notDone): the case changed while you edited it: ")]
    for (index, (field, now)) in meanwhile.enumerated() {
      let shown = now.count > 80 ? now.prefix(80) + "…" : now
      words += [.text(index == 0 ? "" : ", "), .text("'\(field)' is now '")]
      words += ShownValue.marked(String(shown)) + [.text("'")]
    }
    return words + [.text(". Your changes are below; \(again) to keep them.")]
  }
}
