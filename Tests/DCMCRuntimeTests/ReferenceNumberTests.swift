import DCMCRuntime
import Testing

/// `ReferenceNumber` reads back the number a reference format made an id with, and nothing
/// from an id the format cannot have made.
@Suite struct ReferenceNumberTests {
  @Test(arguments: [
    ("TEC-000042", "TEC-{seq:6}", 42),
    ("TEC-1234567", "TEC-{seq:6}", 1_234_567),
    ("TEC-2026-03-000007", "TEC-{yyyy}-{mm}-{seq:6}", 7),
    ("000123/2026", "{seq:6}/{yyyy}", 123),
    ("C7", "C{seq}", 7),
    ("N°000012é", "N°{seq:6}é", 12),
    ("X{seq:z}-01", "X{seq:z}-{seq:2}", 1),
  ])
  func theNumberOfAnIdItsFormatMade(id: String, format: String, number: Int) {
    #expect(ReferenceNumber.of(id, format: format) == number)
  }

  @Test(arguments: [
    ("TEC-00042", "TEC-{seq:6}"),
    ("TEC-0000042", "TEC-{seq:6}"),
    ("CUS-000001", "TEC-{seq:6}"),
    ("TEC-20x6-000001", "TEC-{yyyy}-{seq:6}"),
    ("TEC-000001-", "TEC-{seq:6}"),
    ("TEC-", "TEC-{seq}"),
    ("TEC-1", "TEC-{yyyy}"),
    ("TEC-1-1", "TEC-{seq}-{seq}"),
  ])
  func nothingFromAnIdItsFormatCannotHaveMade(id: String, format: String) {
    #expect(ReferenceNumber.of(id, format: format) == nil)
  }
}
