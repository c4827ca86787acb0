public import DCMCCalendar

/// A value in a condition: a literal in the source, or a case field's value at run time.
///
/// Numbers are `Double` for both `integer` and `number` fields. Strings are the values of
/// `string`, `text`, `email`, `phone` and `enum` fields.
public enum Value: Sendable, Hashable {
  case string(String)
  case number(Double)
  case boolean(Bool)
  case date(LocalDate)
  case datetime(Timestamp)
}
